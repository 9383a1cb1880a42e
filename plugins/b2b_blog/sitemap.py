"""One sitemap for every language, each URL with its alternates (xhtml:link), and robots.txt."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from pelican.generators import Generator

from . import sites
from .confinement import claims, page_owner
from .localization import bcp47
from .translations import registry


def sitemap_xml(settings: dict) -> str:
    languages = sites.languages(settings)
    main = sites.main_lang(settings)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for _identity, urls in sorted(registry.items()):
        versions = {lang: sites.absolute(settings, urls[lang]) for lang in languages if lang in urls}
        for url in versions.values():
            lines.append(f"  <url><loc>{_escape(url)}</loc>")
            if len(versions) > 1:
                for lang, alternate in versions.items():
                    lines.append(f'    <xhtml:link rel="alternate" hreflang="{bcp47(lang)}" '
                                 f'href={quoteattr(alternate)}/>')
                default = versions.get(main, next(iter(versions.values())))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(default)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SitemapGenerator(Generator):
    """Writes sitemap.xml once, from the main site, after every subsite has registered its pages."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        if not sites.is_main(self.settings):
            return
        for name in ("sitemap.xml", "robots.txt"):
            claims.claim(f"{self.output_path}/{name}", page_owner(self.settings, name))
        with open(f"{self.output_path}/sitemap.xml", "w", encoding="utf-8") as handle:
            handle.write(sitemap_xml(self.settings))
        # robots.txt names the sitemap by its absolute URL, which only the settings know.
        sitemap_url = sites.absolute(self.settings, sites.site_url(self.settings, sites.main_lang(self.settings),
                                                                   "sitemap.xml"))
        with open(f"{self.output_path}/robots.txt", "w", encoding="utf-8") as handle:
            handle.write(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
