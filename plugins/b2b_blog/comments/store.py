"""The approved comments of each page, read through Isso's own API in-process, at build time.

The build never touches the live database: it reads a copy taken with SQLite's backup API into
the cache, and Isso's application runs against that copy (Isso writes to any database it opens).
"""

from __future__ import annotations

import datetime
import json
import logging
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

from ..problems import Problem, problems
from . import config, imported
from .model import Entry, clean_text, plain, safe_website
from .snapshot import copy_database

logger = logging.getLogger(__name__)


class IssoReader:
    """Isso's WSGI application on a copy of the database, asked as a browser would: GET /?uri=."""

    def __init__(self, settings: dict, database: Path, folder: Path) -> None:
        isso = config.import_isso()  # only when there is a database
        from isso.core import Mixin  # noqa: PLC0415
        from werkzeug.test import Client  # noqa: PLC0415

        copy = folder / "build-copy.db"
        copy_database(database, copy)
        conf = config.load(config.write_config(settings, folder / "build-isso.cfg", copy))

        # Isso's own class without the server's background purge thread.
        class BuildTimeIsso(isso.Isso, Mixin):
            pass

        self._client = Client(isso.local_manager.make_middleware(BuildTimeIsso(conf)))

    def replies(self, uri: str) -> list[dict]:
        """Every published comment of the thread, replies included, with its text rendered by Isso."""
        response = self._client.get("/", query_string={"uri": uri, "sort": "oldest"})
        if response.status_code == 404:  # no such thread
            return []
        if response.status_code != 200:
            raise RuntimeError(f"Isso answered {response.status_code} for {uri}: {response.get_data(as_text=True)}")
        found = []
        for comment in json.loads(response.get_data(as_text=True))["replies"]:
            found.append(comment)
            found.extend(comment.get("replies", []))
        return found


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
            self._reader = IssoReader(settings, database, Path(settings["CACHE_PATH"]).resolve() / "comments")
        except sqlite3.DatabaseError as error:
            problems.add(Problem(str(database), "B2B_COMMENTS_DATABASE", f"is not an Isso database: {error}",
                                 "restore the last backup (README, Comments), or set B2B_COMMENTS_DATABASE "
                                 "to the right file"))

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


store = CommentStore()
