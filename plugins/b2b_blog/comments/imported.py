"""Comments brought over from the old blog: content/comments/<lang>/<post-file-stem>.json."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from ..problems import Problem, problems
from ..texts import Text
from .model import Entry, clean_text, safe_website

FORMAT = 1
FIX = Text("write the file as `invoke import-blogger` does (README, Comments)")


def data_file(content_root: Path, folder: str, source_path: str) -> Path | None:
    """The imported comments file of a post `<lang>/<stem>.md`, if its path fits the layout."""
    try:
        relative = Path(source_path).resolve().relative_to(content_root.resolve())
    except ValueError:
        return None
    return content_root / folder / relative.with_suffix(".json")


def read_entries(path: Path, content_root: Path, zone: datetime.tzinfo = datetime.UTC) -> list[Entry]:
    """The comments of one file; a file that breaks the format is a problem of the build."""
    shown = path.relative_to(content_root).as_posix() if path.is_relative_to(content_root) else str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        problems.add(Problem(shown, "(file)", Text("is not readable JSON: {error}", error=error), FIX))
        return []
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("comments"), list):
        problems.add(Problem(shown, "format", Text('needs {{"format": {format}, "post": ..., "comments": [...]}}',
                                                   format=FORMAT), FIX))
        return []
    entries = []
    for number, item in enumerate(data["comments"], start=1):
        entry = _entry(item, zone)
        if isinstance(entry, str):
            problems.add(Problem(shown, f"comments[{number}]", entry, FIX))
            continue
        entries.append(entry)
    return entries


def _entry(item, zone: datetime.tzinfo) -> Entry | Text:
    """One comment, or what is wrong with it. A date without offset is in the site's time zone;
    an empty one (the old blog lost it) leaves the comment undated, shown first."""
    if not isinstance(item, dict):
        return Text("is not an object")
    for name in ("id", "text"):
        if not isinstance(item.get(name), str) or not item[name]:
            return Text("'{name}' is missing or not a string", name=name)
    if item.get("parent") is not None and not isinstance(item["parent"], str):
        return Text("'parent' must be the id of another comment, or null")
    created = None
    if item.get("created"):
        try:
            created = datetime.datetime.fromisoformat(str(item["created"]))
        except ValueError:
            return Text("'created' is not an ISO 8601 date with time, as in 2016-11-25T09:00:00+01:00: {value}",
                        value=repr(item["created"]))
        created = created if created.tzinfo else created.replace(tzinfo=zone)
    if "email" in item:
        return Text("holds an 'email': addresses are never published, remove the field")
    return Entry(id=item["id"], parent=item.get("parent"), author=str(item.get("author") or "").strip(),
                 website=safe_website(str(item.get("website") or "")), created=created,
                 text=clean_text(item["text"]))
