"""`invoke comments --backup FILE`: a consistent copy of the database, even while the server writes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from . import config
from .snapshot import copy_database


def backup(settings: dict, target: Path) -> int:
    """Copy the database to `target`; the number of comments it holds, checked by opening the copy."""
    database = config.database_path(settings)
    if not database.is_file():
        raise FileNotFoundError(f"{database}: no comment database to back up (setting B2B_COMMENTS_DATABASE)")
    if target.resolve() == database.resolve():
        raise ValueError(f"{target} is the database itself: name another file")
    copy_database(database, target)
    with sqlite3.connect(f"{target.resolve().as_uri()}?mode=ro", uri=True) as copy:
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise RuntimeError(f"{target}: the copy fails SQLite's integrity check")
        return copy.execute("SELECT COUNT(*) FROM comments").fetchone()[0]
