"""Resolve a path an author wrote, refusing anything outside the case folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import NamedTuple

from ..texts import Text


class Refused(NamedTuple):
    """Why a written path cannot be used; `escapes` if it leaves the case folder."""

    message: str
    escapes: bool


def resolve_inside(folder: Path, written: str) -> Path | Refused:
    """Return the existing file `written` names inside `folder`, or why it is refused."""
    parts = written.replace("\\", "/").split("/")
    path = folder.joinpath(*parts)
    # Checked in this order; the first failure is the one reported. Both path flavours,
    # as an author on Windows may write C:\... or backslashes; resolve() follows
    # symlinks, so a link pointing elsewhere is caught.
    checks = (
        (not written, Text("the path is empty"), False),
        (PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute(),
         Text("'{path}' is an absolute path, outside the case folder", path=written), True),
        (".." in parts, Text("'{path}' goes up with '..', outside the case folder", path=written), True),
        (not path.resolve().is_relative_to(folder.resolve()),
         Text("'{path}' is a symlink resolving outside the case folder", path=written), True),
        (not path.exists(), Text("'{path}' does not exist", path=written), False),
        (not path.is_file(), Text("'{path}' is not a file", path=written), False),
    )
    for failed, message, escapes in checks:
        if failed:
            return Refused(message, escapes)
    return path
