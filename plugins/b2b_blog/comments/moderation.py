"""The author's moderation: what waits, approve one, delete one; through Isso's own database layer."""

from __future__ import annotations

import datetime
import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import config


@dataclass(frozen=True)
class Waiting:
    """A comment waiting for approval, as `invoke comments --pending` lists it."""

    id: int
    post: str
    title: str
    author: str
    created: datetime.datetime
    text: str


class ModerationError(Exception):
    """A moderation request that cannot be done, with what to do instead."""


class Moderation:
    """Isso's database (the live one: Isso's writes are the ones the running server makes too)."""

    def __init__(self, settings: dict) -> None:
        self.database = config.database_path(settings)
        if not self.database.is_file():
            raise ModerationError(f"{self.database}: no comment database yet; it is made when "
                                  "`invoke comments-server` starts (setting B2B_COMMENTS_DATABASE)")
        config.import_isso()
        from isso import db  # noqa: PLC0415

        conf = config.load(config.write_config(settings, _config_file(self.database), self.database))
        self._db = db.SQLite3(str(self.database), conf)

    def pending(self) -> list[Waiting]:
        """Every comment waiting, oldest first."""
        rows = self._db.comments.fetchall(mode=2, order_by="created", limit=None)
        return [Waiting(row["id"], row["uri"], row["title"] or "", html.unescape(row["author"] or ""),
                        datetime.datetime.fromtimestamp(row["created"], tz=datetime.UTC), row["text"])
                for row in sorted(rows, key=lambda row: row["created"])]

    def _comment(self, comment_id: int) -> dict:
        found = self._db.comments.get(comment_id)
        if found is None:
            raise ModerationError(f"no comment {comment_id}: `invoke comments --pending` lists the waiting ones")
        return found

    def approve(self, comment_id: int) -> None:
        if self._comment(comment_id)["mode"] != 2:
            raise ModerationError(f"comment {comment_id} is not waiting for approval")
        self._db.comments.activate(comment_id)

    def delete(self, comment_id: int) -> None:
        """Isso's delete: a comment others replied to stays as 'deleted', without its text or name."""
        self._comment(comment_id)
        self._db.comments.delete(comment_id)


def _config_file(database: Path) -> Path:
    return database.with_name("isso-moderation.cfg")


def describe(waiting: Waiting, width: int = 300) -> str:
    """One waiting comment for the terminal: its id, post, author and date, then its text."""
    text = re.sub(r"\s+", " ", waiting.text).strip()
    shown = text if len(text) <= width else text[: width - 1] + "…"
    return (f"#{waiting.id}  {waiting.post}  ({waiting.title})\n"
            f"    {waiting.author or 'anonymous'}, {waiting.created:%Y-%m-%d %H:%M} UTC\n"
            f"    {shown!r}")
