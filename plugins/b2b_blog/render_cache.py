"""Post pages whose inputs have not changed since the last good build are taken from it, not rendered again.

A post page depends on its site (settings, theme, plugin, menu), on the post
(text, header, topics...) and on the title, date and URL of the posts it links
to (translations, related posts, previous and next). The key hashes all of it;
a value this module cannot describe makes the page render as usual.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
import os
from importlib.metadata import version
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from .listings import Term

logger = logging.getLogger(__name__)

# Bump when what a key covers changes.
FORMAT = 1
# Attributes of a post left out of its key: the site's settings and context are hashed once per
# site, and the raw text is in the key as the page shows it (`content`, links replaced).
NOT_THE_POST = {"settings", "_context", "_content"}


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
        self._file = Path(cache_dir) / "b2b-rendered-pages.json"
        self._last_output, self.staging = last_output, staging
        try:
            saved = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        self._previous = saved.get("pages", {}) if saved.get("output") == str(last_output) else {}

    def close(self) -> None:
        self.enabled = False

    def save(self) -> None:
        """Once the new output is in place: its keys, and each file as written, for the next build.

        A page is reused only if its file is still the one written then (same inode, time and
        size): a build made another way in between leaves nothing that could be taken for it.
        """
        if self._file is None or not self.enabled:
            return
        pages = {}
        for relative, key in self._current.items():
            try:
                pages[relative] = [key, *_file_identity(self._last_output / relative)]
            except OSError:
                continue
        self._file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._file.with_name(f".{self._file.name}.{os.getpid()}")
        temporary.write_text(json.dumps({"output": str(self._last_output), "pages": pages}), encoding="utf-8")
        os.replace(temporary, self._file)
        self.enabled = False

    def reusable(self, path: str, key: str) -> Path | None:
        """The last output's copy of the page at `path` (full path in the staging folder) if `key` made it."""
        relative = os.path.relpath(path, self.staging)
        self._current[relative] = key
        previous = self._last_output / relative
        saved = self._previous.get(relative)
        if not saved or saved[0] != key:
            return None
        try:
            if saved[1:] != _file_identity(previous):
                return None
        except OSError:
            return None
        self.reused_pages.append(relative)
        return previous


def _file_identity(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_ino, stat.st_mtime_ns, stat.st_size]


render_cache = RenderCache()


def site_digest(settings: dict, context: dict) -> str:
    """What every post page of a site shares: settings, theme and plugin files, libraries, menu."""
    digest = hashlib.sha256(f"{FORMAT}".encode())
    # The staging folder is named after the process (and i18n_subsites copies it into the
    # subsites' settings): it is not an input of the page.
    text = json.dumps(settings, sort_keys=True, default=repr)
    digest.update(text.replace(str(render_cache.staging), "<output>").encode())
    for folder in [settings["THEME"], *settings.get("PLUGIN_PATHS", [])]:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    for package in ("pelican", "jinja2", "markdown", "babel", "pelican-i18n-subsites"):
        digest.update(version(package).encode())
    scalars = {key: value for key, value in context.items() if isinstance(value, (str, int, float, bool))}
    menu = [describe(page, nested=True) for page in context.get("pages", [])]
    text = json.dumps([scalars, menu], sort_keys=True, default=repr)
    digest.update(text.replace(str(render_cache.staging), "<output>").encode())
    return digest.hexdigest()


def post_page_key(site: str, name: str, template_name: str, kwargs: dict) -> str | None:
    """The key of a post page, or None when one of its inputs cannot be described."""
    try:
        inputs = [site, name, template_name, {key: describe(value) for key, value in sorted(kwargs.items())}]
    except Unknown as unknown:
        logger.debug("b2b_blog: %s is rendered every time (%s)", name, unknown)
        return None
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def describe(value, nested: bool = False):  # noqa: PLR0911 - one return per kind of value
    """A JSON-able description of everything in `value` a page can show."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.tzinfo):
        return ["timezone", str(value)]
    if isinstance(value, Content):
        return _describe_content(value, nested)
    if isinstance(value, URLWrapper):
        return [type(value).__name__, value.name, value.slug, value.url]
    if isinstance(value, Term):
        # A post page shows a kind or topic by its name and link, not the term's own list of posts.
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "articles"}
        return ["term", describe(fields, nested), len(value.articles)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return [type(value).__name__, describe(fields, nested)]
    if isinstance(value, (list, tuple)):
        return [describe(item, nested) for item in value]
    if isinstance(value, dict):
        return [[str(key), describe(item, nested)] for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))]
    if isinstance(value, (set, frozenset)):
        return sorted(json.dumps(describe(item, nested), sort_keys=True) for item in value)
    raise Unknown(type(value).__name__)


def _describe_content(content: Content, nested: bool):
    if nested:
        # A linked post shows its title, date and link; its text is not on this page.
        return ["content", content.source_path, content.lang, content.status, content.url, content.title,
                describe(getattr(content, "date", None)), describe(getattr(content, "modified", None))]
    own = {name: describe(value, nested=True) for name, value in sorted(vars(content).items())
           if name not in NOT_THE_POST}
    # The text as pages show it: links to other files replaced by their URLs.
    return ["post", own, content.content, content.summary]
