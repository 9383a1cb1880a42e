"""Print a case edition to PDF with WeasyPrint, reusing earlier renders from a cache."""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import json
import logging
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from importlib.metadata import version
from pathlib import Path

from babel.dates import format_date

from ..cache_files import checked_entry, copy_entry, keep_entry
from .fonts import font_face_rules, fonts_digest
from .model import Edition
from .texts import labels, typeset

# Installed versions do not change while a build runs: read once (a few ms each from the metadata).
_version = functools.cache(version)

# The fonts shipped with the project's theme (a site with another theme passes its own folder).
DEFAULT_FONTS = Path(__file__).resolve().parents[3] / "theme" / "fonts"

# Bump when the way a PDF is made changes (2: shipped fonts, cut by fontTools, dated): cached PDFs are made again.
FORMAT = 2
# How many PDFs this process rendered ("rendered") or took from the cache ("cached").
render_counts: Counter[str] = Counter()

STYLESHEET = """
@page {
  size: A4;
  margin: 24mm 22mm 26mm;
  @bottom-center {
    content: "%(page)s" counter(page) "%(of)s" counter(pages);
    font: 8.5pt "B2B Sans";
    color: #555;
  }
}
@page :first { @bottom-center { content: none; } }
html { font: 10.5pt/1.5 "B2B Serif"; color: #111; hyphens: auto; }
body { margin: 0; }
h1, h2, h3, h4, .cover, th { font-family: "B2B Sans"; hyphens: manual; }
code, kbd, samp, pre, tt { font-family: "B2B Mono"; }
h2, h3, h4 { break-after: avoid; margin: 1.4em 0 0.5em; }
h2 { font-size: 13pt; }
h3 { font-size: 11pt; }
p { margin: 0 0 0.6em; text-align: justify; orphans: 3; widows: 3; }
code { hyphens: manual; }
blockquote { margin: 0.8em 1.5em; font-style: italic; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 9pt; break-inside: avoid; }
th, td { border-bottom: 0.5pt solid #999; padding: 2pt 5pt; text-align: left;
  vertical-align: top; }
.cover { break-after: page; }
.cover .site { font-size: 10pt; letter-spacing: 0.08em; text-transform: uppercase;
  color: #555; margin-bottom: 50mm; }
.cover .kind { font-size: 10pt; color: #555; margin: 0; }
.cover h1 { font-size: 24pt; line-height: 1.2; margin: 4mm 0 8mm; }
.cover .authors { font-size: 13pt; margin-bottom: 20mm; }
.cover dl { display: grid; grid-template-columns: 32mm auto; font-size: 9.5pt; }
.cover dt { color: #555; }
.cover dd { margin: 0 0 2mm; }
.cover .citation { margin-top: 18mm; font: 9.5pt/1.45 "B2B Serif"; }
.cover .citation p { text-align: left; }
.cover .citation h2 { font: bold 9.5pt "B2B Sans"; margin: 0 0 2mm; }
.exhibits { margin-top: 2em; border-top: 0.5pt solid #999; break-inside: avoid; }
"""


@dataclass(frozen=True)
class PdfInfo:
    """A PDF written for one edition; `rendered` is False when taken from the cache."""

    path: Path
    pages: int
    rendered: bool


def stylesheet(lang: str, fonts: Path = DEFAULT_FONTS) -> str:
    """The print stylesheet, with the shipped fonts and the page footer worded in `lang`."""
    words = labels(lang)
    return font_face_rules(fonts) + STYLESHEET % {"page": words["page"], "of": words["of"]}


def footer_text(lang: str) -> str:
    """The words the stylesheet prints in every page's footer."""
    words = labels(lang)
    return words["page"] + words["of"]


def document_html(edition: Edition, site_name: str, citation: str) -> str:
    """The HTML printed to PDF: cover page, case text, list of exhibits."""
    words = labels(edition.lang)
    day = edition.date.isoformat()
    authors = "".join(f'<meta name="author" content="{escape(a)}">' for a in edition.authors)
    exhibits = ""
    if edition.exhibits:
        items = "".join(
            f"<li>{escape(e.title)} <code>({escape(e.name)})</code></li>"
            for e in edition.exhibits)
        exhibits = (f'<section class="exhibits"><h2>{words["exhibits"]}</h2>'
                    f'<p>{words["exhibits_note"]}</p><ul>{items}</ul></section>')
    cover_rows = [
        (words["reference"], edition.reference),
        (words["published"], format_date(edition.date, "long", locale=edition.lang)),
        (words["level"], words.get(edition.level, edition.level)),
        (words["licence"], edition.licence),
    ]
    rows = "".join(f"<dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in cover_rows)
    # dcterms dates become the PDF dates: pinned to the edition, not to the build time.
    return f"""<!DOCTYPE html>
<html lang="{edition.lang}"><head><meta charset="utf-8">
<title>{escape(edition.title)}</title>{authors}
<meta name="description" content="{escape(edition.abstract)}">
<meta name="keywords" content="{escape(', '.join(edition.topics))}">
<meta name="generator" content="{escape(site_name)}">
<meta name="dcterms.created" content="{day}"><meta name="dcterms.modified" content="{day}">
</head><body>
<section class="cover">
<p class="site">{escape(site_name)}</p>
<p class="kind">{words["kind"]}</p>
<h1>{escape(typeset(edition.title, edition.lang))}</h1>
<p class="authors">{escape(", ".join(edition.authors))}</p>
<dl>{rows}</dl>
<div class="citation"><h2>{words["citation"]}</h2><p>{escape(citation)}</p></div>
</section>
<main>{edition.body_html}</main>
{exhibits}
</body></html>"""


def cache_key(edition: Edition, site_name: str, citation: str, html: str, css: str, fonts: Path = DEFAULT_FONTS) -> str:
    """Hash of everything the PDF depends on; the HTML also covers template changes."""
    exhibits = json.dumps([[e.name, e.title] for e in edition.exhibits], ensure_ascii=False)
    # fontTools cuts the embedded fonts (see subset_with_fonttools): its version is an input too.
    parts = [str(FORMAT), edition.source.read_bytes(), exhibits, citation, site_name, css,
             _version("weasyprint"), _version("fonttools"), html, fonts_digest(fonts)]
    digest = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode()
        # Length prefixes keep ("ab", "c") and ("a", "bc") apart.
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def cache_entry(edition: Edition, site_name: str, citation: str, cache_dir: Path,
                fonts: Path = DEFAULT_FONTS) -> tuple[str, str, Path, Path]:
    """What the edition's PDF is made of, and where its cache entry (PDF and record) lives."""
    html, css = document_html(edition, site_name, citation), stylesheet(edition.lang, fonts)
    key = cache_key(edition, site_name, citation, html, css, fonts)
    return html, css, cache_dir / f"{key}.pdf", cache_dir / f"{key}.json"


def is_cached(edition: Edition, *, site_name: str, citation: str, cache_dir: Path,
              fonts: Path = DEFAULT_FONTS) -> bool:
    _html, _css, cached, record = cache_entry(edition, site_name, citation, cache_dir, fonts)
    return _cached_pages(cached, record) is not None


def cached_pdf(edition: Edition, *, site_name: str, citation: str, cache_dir: Path,
               fonts: Path = DEFAULT_FONTS) -> tuple[Path, int, bool]:
    """The cache entry of the edition's PDF, rendered first if missing: (path, pages, rendered)."""
    html, css, cached, record = cache_entry(edition, site_name, citation, cache_dir, fonts)
    pages = _cached_pages(cached, record)
    rendered = pages is None
    if pages is None:
        import weasyprint  # noqa: PLC0415 - a second to import: only when a PDF is really rendered
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

        subset_with_fonttools()

        # Only local files and data: URLs: a build never waits on the network.
        fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
        # The @font-face rules apply only through a font configuration given to both.
        font_config = FontConfiguration()
        document = weasyprint.HTML(
            string=html, base_url=edition.folder.resolve().as_uri() + "/",
            url_fetcher=fetcher,
        ).render(stylesheets=[weasyprint.CSS(string=css, font_config=font_config, url_fetcher=fetcher)],
                 font_config=font_config)
        pages = len(document.pages)
        with fonts_dated(edition.date):
            data = document.write_pdf()
        keep_entry(cached, data, record, pages=pages)
    return cached, pages, rendered


class _FontToolsNotice(logging.Filter):
    """Drops WeasyPrint's advice to install HarfBuzz-Subset: fontTools is used on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


def subset_with_fonttools() -> None:
    """Make WeasyPrint cut the embedded fonts with fontTools, whatever the machine has installed.

    WeasyPrint uses the system's HarfBuzz-Subset library when it finds one, fontTools otherwise,
    and the two write other bytes for the same glyphs (DejaVu Sans: 5,556 bytes with HarfBuzz,
    28,612 with fontTools, for the same case). Installing Chromium brings libharfbuzz-subset0:
    the same case then gave another PDF a minute later. fontTools is pinned in constraints.txt,
    HarfBuzz comes with the system, in whatever version it has.
    """
    import weasyprint.pdf.fonts as weasyprint_fonts  # noqa: PLC0415

    weasyprint_fonts.harfbuzz_subset = None
    weasyprint_logger = logging.getLogger("weasyprint")
    if not any(isinstance(existing, _FontToolsNotice) for existing in weasyprint_logger.filters):
        weasyprint_logger.addFilter(_FontToolsNotice())


@contextlib.contextmanager
def fonts_dated(day: datetime.date) -> Iterator[None]:
    """Date the embedded fonts to the edition: fontTools stamps each font it cuts with the time of
    the render (two renders a second apart differed), unless SOURCE_DATE_EPOCH says otherwise."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    midnight = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def render_pdf(
    edition: Edition, *, site_name: str, citation: str, cache_dir: Path, output: Path, fonts: Path = DEFAULT_FONTS
) -> PdfInfo:
    """Write the edition's PDF to `output` (a copy), rendering it only if the cache lacks it."""
    cached, pages, rendered = cached_pdf(edition, site_name=site_name, citation=citation, cache_dir=cache_dir,
                                         fonts=fonts)
    render_counts["rendered" if rendered else "cached"] += 1
    copy_entry(cached, output)
    return PdfInfo(output, pages, rendered)


def _cached_pages(cached: Path, record: Path) -> int | None:
    """Page count of a cache entry whose file still has its recorded size and digest, else None."""
    found = checked_entry(cached, record, "the cached PDF")
    pages = found.get("pages") if found else None
    return pages if isinstance(pages, int) else None
