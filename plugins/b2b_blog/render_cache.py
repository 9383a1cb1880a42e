"""Pages whose inputs have not changed since the last good build are taken from it, not rendered again.

A post page depends on its site (settings, theme, plugin, menu, and every list of
the site as cards), on the post (text, header, topics...) and on what the posts it
links to show (translations, related posts, previous and next). A listing page
depends on its site and on the cards it shows. The key hashes all of it; a value
this module cannot describe makes the page render as usual.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
import marshal
import os
import re
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path, PurePath

from jinja2 import meta
from pelican.contents import Article, Content, Page
from pelican.paginator import Page as PaginatedPage
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper

from .cache_files import discard, file_digest, read_json
from .files import folder_stamps, write_atomically
from .listings import Term

logger = logging.getLogger(__name__)

# Bump when what a key covers changes.
FORMAT = 3
# Attributes of a post left out of its key: the site's settings and context are hashed once per
# site, the raw text is in the key as the page shows it (`content`, links replaced), and each
# header field is also an attribute of its own (Pelican sets one per field of `metadata`).
NOT_THE_POST = {"settings", "_context", "_content", "metadata"}


class Unknown(Exception):
    """A value whose content this module cannot describe: the page is rendered."""


class RenderCache:
    """Which key produced each post page of the last good output, and of this build's."""

    def __init__(self) -> None:
        self.enabled = False
        self._file: Path | None = None
        self._previous: dict[str, str] = {}
        self._current: dict[str, str] = {}
        self.reused_pages: list[str] = []  # this build's, relative to the output
        self._last_output = self.staging = Path()

    def open(self, cache_dir: str, last_output: Path, staging: Path) -> None:
        """Start a build that writes into `staging` and may reuse pages of `last_output`."""
        self.enabled, self._current, self.reused_pages = True, {}, []
        forget_descriptions()  # they hold the last build's posts: ids could be reused
        self._file = Path(cache_dir) / "b2b-rendered-pages.json"
        self._last_output, self.staging = last_output, staging
        saved = read_json(self._file, "the rendered pages' record")
        if saved is not None and not (isinstance(saved, dict) and isinstance(saved.get("pages", {}), dict)):
            discard(self._file, "the rendered pages' record", "it is not a record of pages")
            saved = None
        saved = saved or {}
        self._previous = saved.get("pages", {}) if saved.get("output") == str(last_output) else {}

    def close(self) -> None:
        self.enabled = False

    def save(self) -> None:
        """Once the new output is in place: its keys, and each file as written, for the next build.

        A page is reused only if its file is still the one written then (same inode, time, size
        and digest): a build made another way in between, or an edit of the output, leaves nothing
        that could be taken for it.
        """
        if self._file is None or not self.enabled:
            return
        pages = {}
        for relative, key in self._current.items():
            try:
                pages[relative] = [key, *_file_identity(self._last_output / relative)]
            except OSError:
                continue
        write_atomically(self._file, json.dumps({"output": str(self._last_output), "pages": pages}).encode())
        self.close()

    def reusable(self, path: str, key: str) -> Path | None:
        """The last output's copy of the page at `path` (full path in the staging folder) if `key` made it."""
        relative = os.path.relpath(path, self.staging)
        self._current[relative] = key
        previous = self._last_output / relative
        saved = self._previous.get(relative)
        if not isinstance(saved, list) or not saved or saved[0] != key:
            return None
        try:
            if saved[1:] != _file_identity(previous):
                return None
        except OSError:
            return None
        self.reused_pages.append(relative)
        return previous


def _file_identity(path: Path) -> list:
    stat = path.stat()
    return [stat.st_ino, stat.st_mtime_ns, stat.st_size, file_digest(path)]


render_cache = RenderCache()


def site_digest(settings: dict, context: dict) -> str:
    """What every page of a site shares: settings, theme and plugin files, libraries, menu."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    digest.update(_without_staging(settings).encode())
    for line in folder_stamps([settings["THEME"], *settings.get("PLUGIN_PATHS", [])]):
        digest.update(line.encode())
    for package in ("pelican", "jinja2", "markdown", "babel", "pelican-i18n-subsites"):
        digest.update(version(package).encode())
    scalars = {key: value for key, value in context.items() if isinstance(value, (str, int, float, bool))}
    menu = [describe(page, depth=LINK) for page in context.get("pages", [])]
    digest.update(_without_staging([scalars, menu]).encode())
    return digest.hexdigest()


def _without_staging(value) -> str:
    """JSON of `value` with the staging folder left out: it is named after the process (and
    i18n_subsites copies it into the subsites' settings), it is not an input of a page."""
    return json.dumps(value, sort_keys=True, default=repr).replace(str(render_cache.staging), "<output>")


def shared_content_digest(context: dict) -> str | None:
    """Every list a listing template could read from the site's context, as cards; None if one is unknown."""
    # Functions (i18n_subsites' relpath_to_site) are code: the site digest covers them.
    shared = {name: value for name, value in context.items()
              if not name.isupper() and not callable(value)
              and not isinstance(value, (str, int, float, bool, type(None)))}
    try:
        return _digest(describe(shared, depth=CARD))
    except Exception as unknown:  # noqa: BLE001 - a value that cannot be described only costs a render
        logger.debug("b2b_blog: listings are rendered every time (%s)", unknown)
        return None


def page_key(site: str, name: str, template_name: str, inputs: dict, depth: int = 0) -> str | None:
    """The key of a page from its own inputs, or None when one of them cannot be described.

    A post page describes its post whole (depth 0); a listing, its posts as cards (depth 1).
    """
    try:
        described = {key: describe(value, depth) for key, value in sorted(inputs.items())}
    except Exception as unknown:  # noqa: BLE001 - a value that cannot be described only costs a render
        logger.debug("b2b_blog: %s is rendered every time (%s)", name, unknown)
        return None
    return _digest([site, name, template_name, described])


def _digest(description) -> str:
    """The digest of a description (plain str, int, float, bool, None, lists, tuples and dicts built
    in sorted order). marshal's version 2 writes values only, never references to objects seen
    before, so equal descriptions give equal bytes; it is three times as fast as JSON here."""
    return hashlib.sha256(marshal.dumps(description, 2)).hexdigest()


# How deep a description goes: the page's own post whole; the posts it lists as cards
# (what a summary shows); the posts those link to by title, date and link only.
WHOLE, CARD, LINK = 0, 1, 2
# The post attributes a card shows, read from the listing templates (see `card_fields`).
_card_fields: set[str] = set()
# Descriptions made in this build, by object: the same posts and lists appear on many pages.
_described: dict[tuple[int, int], tuple[object, object]] = {}
# Tags, categories and authors, by (class, name, slug, id of the site's settings).
_wrappers: dict[tuple, tuple[dict, list]] = {}
# Digests of posts as feeds show them, by (object, SITEURL of the feed).
_feed_items: dict[tuple[int, str | None], tuple[object, str]] = {}
# Templates named by a template's source, parsed once: each writer of each site asks again
# (about 170 parses, 0.17 s, per edit rebuild). Keyed by the source, so an edited template is read anew.
_references: dict[str, list[str]] = {}
_ARTICLE_ATTRIBUTE = re.compile(r"\barticle\.(\w+)")
_PLAIN = {str, int, float, bool}
SHORT_LIST = 16


def template_sources(environment, template_names: set[str]) -> Iterator[str]:
    """The source of each named template and of every template they include, extend or import."""
    seen, queue = set(), list(template_names)
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        source, filename, _uptodate = environment.loader.get_source(environment, name)
        yield source
        if source not in _references:
            # Named, so that a syntax error in a partial says which file and line (template_errors.py).
            parsed = environment.parse(source, name, filename)
            _references[source] = [other for other in meta.find_referenced_templates(parsed) if other]
        queue += _references[source]


def use_card_fields(environment, template_names: set[str]) -> None:
    """Read which `article.<name>` the listing templates (and what they include or extend) show.

    Taken from the templates themselves, so a card that starts showing a new field
    (a word count, say) brings that field into the keys at once.
    """
    found = set()
    for source in template_sources(environment, template_names):
        found |= set(_ARTICLE_ATTRIBUTE.findall(source))
    if found != _card_fields:
        _described.clear()
        _card_fields.clear()
        _card_fields.update(found)


def forget_descriptions() -> None:
    _described.clear()
    _wrappers.clear()
    _feed_items.clear()


def describe(value, depth: int = WHOLE):
    """A JSON-able description of everything in `value` a page can show.

    Posts, lists, tags and topics recur on many pages: each is described once per build
    and stands in the pages' keys as the digest of its description.
    """
    if value is None or type(value) in _PLAIN:
        return value  # most values are: checked first, keys cost less
    if isinstance(value, URLWrapper):
        return _describe_wrapper(value)
    if isinstance(value, Term) or (depth > WHOLE and _recurs(value)):
        found = _described.get((id(value), depth))
        if found is None or found[0] is not value:
            found = _described[(id(value), depth)] = (value, ["digest", _digest(_describe_value(value, depth))])
        return found[1]
    return _describe_value(value, depth)


def _recurs(value) -> bool:
    """Posts and the site's lists are on many pages: worth one digest each. A short list or tuple
    (a post's tags, its topic evidence) costs less written out than hashed apart."""
    return isinstance(value, Content) or (isinstance(value, (list, tuple)) and len(value) > SHORT_LIST)


def _describe_wrapper(value: URLWrapper):
    """A tag, category or author, described once per name, slug and site.

    Every post holds its own Tag objects, and Pelican formats their links from the settings
    at each call: once per object made a sixth of an edit rebuild.
    """
    key = (type(value), value.name, value.slug, id(value.settings))
    found = _wrappers.get(key)
    if found is None or found[0] is not value.settings:
        found = _wrappers[key] = (value.settings, ["digest", _digest(_describe_value(value, LINK))])
    return found[1]


def _describe_value(value, depth: int):  # noqa: PLR0911, PLR0912 - one branch per kind of value
    if value is None or isinstance(value, bool):
        return value
    for plain in (str, int, float):
        if isinstance(value, plain):
            return plain(value)  # Markup as plain text: marshal takes the base types only
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, (datetime.tzinfo, PurePath)):
        return [type(value).__name__, str(value)]
    if isinstance(value, Content):
        return _describe_content(value, depth)
    if isinstance(value, URLWrapper):
        return [type(value).__name__, value.name, value.slug, value.url]
    if isinstance(value, Term):
        # A page shows a kind or topic by its name and link, and how many posts it has.
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "articles"}
        return ["term", describe(fields, depth), len(value.articles)]
    if isinstance(value, Paginator):
        return ["paginator", value.name, value.num_pages, value.count, value.per_page]
    if isinstance(value, PaginatedPage):
        return ["page", value.number, value.url, value.save_as, describe(value.object_list, depth + 1),
                describe(value.paginator, depth)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return [type(value).__name__, describe(fields, depth)]
    if isinstance(value, (list, tuple)):
        return [describe(item, depth) for item in value]
    if isinstance(value, dict):
        return [[str(key), describe(item, depth)] for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(describe(item, depth), sort_keys=True) for item in value)
    raise Unknown(type(value).__name__)


def _describe_content(content: Content, depth: int):
    # A linked post shows its title, date and link; its text is not on the page.
    link = [describe(getattr(content, name, None), LINK)
            for name in ("source_path", "lang", "status", "url", "title", "date", "modified")]
    if depth >= LINK:
        return ["content", *link]
    if depth == CARD:
        shown = {name: describe(getattr(content, name, None), LINK) for name in sorted(_card_fields - {"summary"})}
        return ["card", *link, _summary(content), shown]
    own = {name: describe(value, CARD) for name, value in sorted(vars(content).items()) if name not in NOT_THE_POST}
    # The text as pages show it: links to other files replaced by their URLs.
    return ["post", own, _text(content.content), _text(content.summary)]


def feed_item(item: Content, site_url: str | None) -> str:
    """What a feed shows of a post (Pelican's `Writer._add_item_to_the_feed`), as a digest:
    its link fields, text, summary, category, tags and author.

    The feed's text has links made absolute with `site_url` (in the feed's key): it changes
    exactly when the page's text does, which the page's key has already prepared.
    """
    found = _feed_items.get((id(item), site_url))
    if found is None or found[0] is not item:
        text = hashlib.sha256(item.content.encode()).hexdigest() if item.content is not None else None
        shown = [describe(item, LINK), text, _summary(item),
                 *(describe(getattr(item, name, None), LINK) for name in ("category", "tags", "author"))]
        found = _feed_items[(id(item), site_url)] = (item, _digest(shown))
    return found[1]


def _summary(content: Content) -> str | None:
    """The summary a card shows; static files and posts without text have none."""
    try:
        return _text(content.summary) if isinstance(content, (Article, Page)) else None
    except TypeError:  # Pelican cannot summarise a missing text
        return None


def _text(value) -> str | None:
    return None if value is None else str(value)
