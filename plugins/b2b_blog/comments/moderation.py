"""The author's moderation: what waits, approve one, delete one; through Isso's own database layer."""

from __future__ import annotations

import datetime
import html
import re
import urllib.request
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

    def approve(self, comment_id: int) -> bool:
        """Publish a waiting comment; true when the running server did it (and e-mailed the replies)."""
        if self._comment(comment_id)["mode"] != 2:
            raise ModerationError(f"comment {comment_id} is not waiting for approval")
        if self._through_server(comment_id, "activate"):
            return True
        self._db.comments.activate(comment_id)
        return False

    def delete(self, comment_id: int) -> bool:
        """Isso's delete: a comment others replied to stays as 'deleted', without its text or name."""
        self._comment(comment_id)
        if self._through_server(comment_id, "delete"):
            return True
        self._db.comments.delete(comment_id)
        return False

    def _through_server(self, comment_id: int, action: str) -> bool:
        """Ask the running server, as the moderation links of its e-mails do (signed with its own key):
        Isso then also tells its extensions, e.g. e-mails the readers waiting for a reply."""
        from itsdangerous import URLSafeTimedSerializer  # noqa: PLC0415 - Isso's own signer

        listen = _listen_address(self.database.with_name("isso.cfg"))
        if not listen:
            return False
        key = URLSafeTimedSerializer(self._db.preferences.get("session-key")).dumps(comment_id)
        request = urllib.request.Request(f"{listen}/id/{comment_id}/{action}/{key}", data=b"", method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status == 200
        except OSError:  # not running: the database is changed directly
            return False


def _listen_address(server_config: Path) -> str | None:
    """Where the server of `invoke comments-server` listens (127.0.0.1 only), from the file it wrote."""
    if not server_config.is_file():
        return None
    listen = config.load(server_config).get("server", "listen").rstrip("/")
    return listen if listen.startswith("http://127.0.0.1:") else None


def _config_file(database: Path) -> Path:
    return database.with_name("isso-moderation.cfg")


def describe(waiting: Waiting, width: int = 300) -> str:
    """One waiting comment for the terminal: its id, post, author and date, then its text."""
    text = re.sub(r"\s+", " ", waiting.text).strip()
    shown = text if len(text) <= width else text[: width - 1] + "…"
    return (f"#{waiting.id}  {waiting.post}  ({waiting.title})\n"
            f"    {waiting.author or 'anonymous'}, {waiting.created:%Y-%m-%d %H:%M} UTC\n"
            f"    {shown!r}")
