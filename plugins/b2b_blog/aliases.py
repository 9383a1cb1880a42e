"""Old addresses that keep working: a redirect page at each alias, and a `_redirects` file of 301s.

Aliases come from each post's or page's `Aliases:` field (old paths, comma-separated) and from the
site's redirects file (B2B_REDIRECTS_FILE: old path -> new URL, e.g. Blogger's label pages and feeds).
"""

from __future__ import annotations

import html
import json
import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from pelican.generators import Generator

from . import settings as plugin_settings
from . import sites
from .confinement import Owner, claims
from .csp import policy
from .localization import bcp47
from .moved_feeds import is_feed_address, moved_feed
from .problems import Problem, problems
from .texts import Text

logger = logging.getLogger(__name__)

MOVED = {"fr": "Cette page a déménagé : {link}.", "en": "This page has moved: {link}."}


@dataclass
class Alias:
    path: str  # the old path, e.g. /2016/11/x.html
    target: str  # the new URL
    title: str
    lang: str
    source: str  # the file (or setting) that declares it


@dataclass
class AliasRegistry:
    """Every alias and page of every site of the current build, to find the ones that collide."""

    aliases: dict[str, Alias] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # root-relative output file -> source
    root: Path | None = None

    def clear(self) -> None:
        self.aliases.clear()
        self.pages.clear()
        self.root = None


registry = AliasRegistry()


def reset() -> None:
    registry.clear()


def declared_aliases(value) -> list[str]:
    """The old paths of an `Aliases:` value (a string, or a list when the field is repeated)."""
    values = value if isinstance(value, list) else [value]
    return [part.strip() for item in values for part in str(item).split(",") if part.strip()]


def alias_file(path: str) -> str:
    """The file a static host serves at an old path: `x.html` as is, `/search/label/X` as a folder's index."""
    relative = path.lstrip("/")
    if relative.endswith("/") or not posixpath.splitext(relative)[1]:
        return posixpath.join(relative, "index.html")
    return relative


def _path_problem(path: str) -> Text | None:
    if not path.startswith("/") or path.startswith("//"):
        return Text("the old path {path} must start with a single '/' (e.g. /2016/11/old-post.html)", path=repr(path))
    if "://" in path or "?" in path or "#" in path:
        return Text("the old path {path} must be a path only, without a host, a query or a fragment", path=repr(path))
    if any(part in ("..", ".") for part in path.split("/")):
        return Text("the old path {path} must not contain '.' or '..'", path=repr(path))
    return None


RESERVED_FILES = {"index.html", "_redirects", "_headers", "sitemap.xml", "robots.txt", "404.html"}
RESERVED_FOLDERS = {"theme", "pagefind", "drafts", "tags", "archives", "images", "extra", "page"}


def reserved_by_the_site(relative: str, settings: dict) -> bool:
    """True for a file the build itself writes (home page, listings, feeds, theme, search index...)."""
    parts, lang = relative.split("/"), sites.main_lang(settings)
    if parts[0] in sites.languages(settings) and len(parts) > 1:
        parts, lang = parts[1:], parts[0]  # the same files exist under each language's root
    sections = {folder.split("/")[0] for folder in plugin_settings.get(settings, "B2B_SECTIONS").get(lang, {}).values()}
    feed = plugin_settings.get(settings, "B2B_FEED_PATH")
    return "/".join(parts) in RESERVED_FILES | {feed} or (len(parts) > 1 and parts[0] in RESERVED_FOLDERS | sections)


class AliasesGenerator(Generator):
    """Collects the site's aliases, refuses collisions, then writes the redirect pages and `_redirects`."""

    def generate_context(self) -> None:
        lang = self.settings["DEFAULT_LANG"]
        output = Path(self.settings["OUTPUT_PATH"])
        if sites.is_main(self.settings):
            registry.root = output
        root = registry.root or output.parent
        prefix = Path(output).resolve().relative_to(Path(root).resolve()).as_posix().strip(".")
        contents = [*self.context.get("articles", []), *self.context.get("hidden_articles", []),
                    *self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        contents = [content for content in contents if content.lang == lang]
        # The moved feeds' date: the newest post's, so that two builds of one content write the same files.
        dates = [article.date for article in self.context.get("articles", []) if getattr(article, "date", None)]
        self.updated = max(dates).isoformat() if dates else "2000-01-01T00:00:00+00:00"
        for content in contents:
            if content.save_as:
                registry.pages[posixpath.join(prefix, content.save_as).lstrip("/")] = content.get_relative_source_path()
        for content in contents:
            source = content.get_relative_source_path()
            for path in declared_aliases(content.metadata.get("aliases", "")):
                target = sites.site_url(self.settings, lang, content.url)
                self._add(Alias(path, target, content.title, lang, source))
        if sites.is_main(self.settings):
            for path, target in self._redirects_file().items():
                self._add(Alias(path, target, target, lang, self._redirects_name()))

    def _redirects_name(self) -> str:
        return plugin_settings.get(self.settings, "B2B_REDIRECTS_FILE")

    def _redirects_file(self) -> dict[str, str]:
        name = self._redirects_name()
        path = Path(self.settings["PATH"]) / name
        if not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            problems.add(Problem(name, "redirects", Text("not valid JSON ({error})", error=error),
                                 Text('write an object of old path -> new URL, e.g. {{"/p/old.html": "/new/"}}')))
            return {}
        if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            problems.add(Problem(name, "redirects", Text("must be an object of old path -> new URL (both strings)"),
                                 Text('e.g. {{"/search/label/KAM": "/themes/grands-comptes/"}}')))
            return {}
        for old, new in data.items():
            if not new.startswith("/") or new.startswith("//"):
                problems.add(Problem(name, "redirects", Text("the new URL {new} of {old} is not a path of the site",
                                                             new=repr(new), old=repr(old)),
                                     Text("write it from the site's root, e.g. /themes/leadership/")))
        return {old: sites.site_url(self.settings, sites.main_lang(self.settings), new)
                for old, new in data.items() if new.startswith("/") and not new.startswith("//")}

    def _add(self, alias: Alias) -> None:
        wrong = _path_problem(alias.path)
        if wrong:
            problems.add(Problem(alias.source, "aliases", wrong,
                                 Text("write the path the old blog used, from its root")))
            return
        other = registry.aliases.get(alias.path)
        if other is not None and other.source != alias.source:
            problems.add(Problem(alias.source, "aliases", Text("the old path {path} is also an alias of {other}",
                                                               path=alias.path, other=other.source),
                                 Text("keep the old path in one file only")))
            return
        if reserved_by_the_site(alias_file(alias.path), self.settings):
            problems.add(Problem(alias.source, "aliases", Text("the old path {path} is an address the site itself "
                                                               "uses (home page, listings, feeds, theme or search "
                                                               "files)", path=alias.path),
                                 Text("remove this alias; old addresses are kept only where nothing else is")))
            return
        page = registry.pages.get(alias_file(alias.path))
        if page is not None:
            problems.add(Problem(alias.source, "aliases", Text("the old path {path} is the address of {page} itself",
                                                               path=alias.path, page=page),
                                 Text("remove this alias (that page is already there)")))
            return
        registry.aliases[alias.path] = alias

    def generate_output(self, writer) -> None:
        root = registry.root or Path(self.settings["OUTPUT_PATH"])
        lang = self.settings["DEFAULT_LANG"]
        for alias in registry.aliases.values():
            owner = Owner(Text("the old path {path} of {source}", path=alias.path, source=alias.source), lang,
                          alias.source, "aliases")
            if alias.lang == lang and is_feed_address(alias.path):
                _write(root, alias_file(alias.path), moved_feed(alias.path, alias.target, lang, self.settings,
                                                                getattr(self, "updated", "2000-01-01T00:00:00+00:00")),
                       owner)
            elif alias.lang == lang:
                _write(root, alias_file(alias.path), redirect_page(alias, self.settings), owner)
        # Each site rewrites the whole file: the last one written holds every site's rules.
        rules = [f"{quote(alias.path)} {quote(alias.target, safe='/:%#?=&')} 301"
                 for alias in sorted(registry.aliases.values(), key=lambda a: a.path)]
        if rules:
            # One owner for every site: each rewrites the file with all the rules.
            _write(root, "_redirects", "\n".join(rules) + "\n", Owner(Text("the redirects file"), "", None, "aliases"))


def redirect_page(alias: Alias, settings: dict) -> str:
    """A small page that sends readers (meta refresh) and search engines (canonical, noindex) to the new one."""
    target = html.escape(alias.target, quote=True)
    canonical = html.escape(sites.absolute(settings, alias.target), quote=True)
    title = html.escape(alias.title)
    message = MOVED.get(alias.lang, MOVED["en"]).format(link=f'<a href="{target}">{title}</a>')
    # The site's policy (B2B_CONTENT_SECURITY_POLICY), like every other page: rsync targets ignore _headers.
    csp = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(settings), quote=True)}">\n'
    return (f'<!DOCTYPE html>\n<html lang="{bcp47(alias.lang)}">\n<head>\n<meta charset="utf-8">\n{csp}'
            f"<title>{title}</title>\n"
            '<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{canonical}">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f"</head>\n<body>\n<p>{message}</p>\n</body>\n</html>\n")


def _write(root: Path, relative: str, text: str, owner: Owner) -> None:
    """Write a redirect file, claimed like every file of the build: outside the output or taken, it stops the build."""
    target = root / relative
    claims.claim(target, owner)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
