"""The approved comments of each page, read through Isso's own API in-process, at build time.

The build never touches the live database: it reads a copy taken with SQLite's backup API into
the cache, and Isso's application runs against that copy (Isso writes to any database it opens).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from ..files import write_atomically
from ..problems import Problem, problems
from ..texts import Text
from . import config, imported
from .model import Entry, clean_text, plain, safe_website
from .snapshot import copy_database

logger = logging.getLogger(__name__)


class IssoReader:
    """Isso's WSGI application on a copy of the database, asked as a browser would: GET /?uri=."""

    def __init__(self, settings: dict, database: Path, folder: Path, keep_rendered: bool) -> None:
        isso = config.import_isso()  # only when there is a database
        from isso.core import Cache, Mixin  # noqa: PLC0415
        from isso.utils.cache import SimpleCache  # noqa: PLC0415
        from werkzeug.test import Client  # noqa: PLC0415

        copy = folder / "build-copy.db"
        copy_database(database, copy)
        conf = config.load(config.write_config(settings, folder / "build-isso.cfg", copy))

        class BuildTime(Mixin):
            """The server's mixin without its background purge thread, with its cache of authors' hashes."""

            def __init__(self, conf) -> None:
                super().__init__(conf)
                self.cache = Cache(SimpleCache(threshold=4096, default_timeout=3600))

        class BuildTimeIsso(isso.Isso, BuildTime):
            pass

        self._isso = BuildTimeIsso(conf)
        self._client = Client(isso.local_manager.make_middleware(self._isso))
        # Isso's Markdown rendering is most of a build's comment reading (10 ms a comment): the texts
        # already rendered by this version and configuration of Isso are kept between builds.
        markup = dict(conf.items("markup")) if conf.has_section("markup") else {}
        self._rendered = RenderedTexts(folder / "rendered.json", f"{isso.__version__} {sorted(markup.items())}",
                                       enabled=keep_rendered)

    def replies(self, uri: str) -> list[dict]:
        """Every published comment of the thread, replies included, its text rendered by Isso."""
        found = self._raw_replies(uri)
        for comment in found:
            comment["text"] = self._rendered.get(comment.get("text") or "", self._isso.render)
        return found

    def save(self) -> None:
        self._rendered.save()

    def _raw_replies(self, uri: str) -> list[dict]:
        response = self._client.get("/", query_string={"uri": uri, "sort": "oldest", "plain": "1"})
        if response.status_code == 404:  # no such thread
            return []
        if response.status_code != 200:
            raise RuntimeError(f"Isso answered {response.status_code} for {uri}: {response.get_data(as_text=True)}")
        found = []
        for comment in json.loads(response.get_data(as_text=True))["replies"]:
            found.append(comment)
            found.extend(comment.get("replies", []))
        return found


class RenderedTexts:
    """Comment texts as Isso renders them, by digest of the text, for one version and configuration."""

    def __init__(self, path: Path, renderer: str, enabled: bool) -> None:
        self._path, self._renderer, self._enabled = path, renderer, enabled
        self._texts: dict[str, str] = {}
        self._changed = False
        if enabled:
            try:
                saved = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                saved = {}
            if isinstance(saved, dict) and saved.get("renderer") == renderer and isinstance(saved.get("texts"), dict):
                self._texts = {key: value for key, value in saved["texts"].items() if isinstance(value, str)}

    def get(self, text: str, render) -> str:
        key = hashlib.sha256(text.encode()).hexdigest()
        if key not in self._texts:
            self._texts[key] = render(text)
            self._changed = True
        return self._texts[key]

    def save(self) -> None:
        if self._enabled and self._changed:
            write_atomically(self._path, json.dumps({"renderer": self._renderer, "texts": self._texts}).encode())
            self._changed = False


def isso_entry(comment: dict, zone: datetime.tzinfo) -> Entry:
    deleted = comment.get("mode") == 4  # deleted, kept because others replied to it
    parent = comment.get("parent")
    return Entry(id=f"isso-{comment['id']}", parent=None if parent is None else f"isso-{parent}",
                 author="" if deleted else plain(comment.get("author")),
                 website="" if deleted else safe_website(comment.get("website")),
                 created=datetime.datetime.fromtimestamp(int(comment["created"]), tz=zone),
                 text="" if deleted else clean_text(comment.get("text")), deleted=deleted)


class CommentStore:
    """One build's comments: each page's thread, read once."""

    def __init__(self) -> None:
        self.enabled = False
        self._reader: IssoReader | None = None
        self._threads: dict[tuple[str, str | None], list[Entry]] = {}
        self._content_root = Path()
        self._folder = "comments"
        self._zone: datetime.tzinfo = datetime.UTC

    def open(self, settings: dict) -> None:
        """Start a build: take a copy of the database if there is one (a fresh clone has none)."""
        from .. import settings as plugin_settings  # noqa: PLC0415

        self._threads.clear()
        self._reader = None
        self.enabled = bool(plugin_settings.get(settings, "B2B_COMMENTS"))
        self._content_root = Path(settings["PATH"]).resolve()
        self._folder = plugin_settings.get(settings, "B2B_COMMENTS_IMPORTED_PATH")
        self._zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")  # dates as the site's posts show them
        database = config.database_path(settings)
        if not self.enabled or not database.is_file():
            return
        try:
            self._reader = IssoReader(settings, database, Path(settings["CACHE_PATH"]).resolve() / "comments",
                                      keep_rendered=bool(plugin_settings.get(settings, "B2B_SPEEDUPS")))
        except sqlite3.DatabaseError as error:
            problems.add(Problem(str(database), "B2B_COMMENTS_DATABASE",
                                 Text("is not an Isso database: {error}", error=error),
                                 Text("restore the last backup (README, Comments), or set B2B_COMMENTS_DATABASE "
                                      "to the right file")))

    def entries(self, uri: str, source_path: str | None) -> list[Entry]:
        """The page's comments: the imported ones of its file, then Isso's for its URL."""
        key = (uri, source_path)
        if key not in self._threads:
            found = []
            if self.enabled and source_path:
                path = imported.data_file(self._content_root, self._folder, source_path)
                if path is not None and path.is_file():
                    found += imported.read_entries(path, self._content_root, self._zone)
            if self._reader is not None:
                found += [isso_entry(comment, self._zone) for comment in self._reader.replies(uri)]
            self._threads[key] = found
        return self._threads[key]

    def save(self) -> None:
        """At the end of a build: keep what Isso rendered for the next one."""
        if self._reader is not None:
            self._reader.save()


store = CommentStore()
