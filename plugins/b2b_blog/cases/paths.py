"""Resolve a path an author wrote, refusing anything outside the case folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import NamedTuple


class Refused(NamedTuple):
    """Why a written path cannot be used; `escapes` if it leaves the case folder."""

    message: str
    escapes: bool


def resolve_inside(folder: Path, written: str) -> Path | Refused:
    """Return the existing file `written` names inside `folder`, or why it is refused."""
    if not written:
        return Refused("the path is empty", escapes=False)
    # Check both flavours: an author on Windows may write C:\... or backslashes.
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).is_absolute():
        return Refused(f"'{written}' is an absolute path, outside the case folder", True)
    parts = written.replace("\\", "/").split("/")
    if ".." in parts:
        return Refused(f"'{written}' goes up with '..', outside the case folder", True)
    path = folder.joinpath(*parts)
    # resolve() follows symlinks, so a link pointing elsewhere is caught here.
    if not path.resolve().is_relative_to(folder.resolve()):
        return Refused(f"'{written}' is a symlink resolving outside the case folder", True)
    if not path.exists():
        return Refused(f"'{written}' does not exist", escapes=False)
    if not path.is_file():
        return Refused(f"'{written}' is not a file", escapes=False)
    return path
