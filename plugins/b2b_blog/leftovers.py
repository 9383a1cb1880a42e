"""Folders a killed process left behind (named after its pid), and helper processes that die with the build."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
from pathlib import Path

_PR_SET_PDEATHSIG = 1  # linux/prctl.h
# The C library the interpreter already uses (loaded here, never in a child between fork and exec).
C_LIBRARY = ctypes.CDLL(None, use_errno=True) if os.name == "posix" else None


def is_alive(pid: int) -> bool:
    """Whether a process with this id is running (signal 0 tests without sending anything)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def remove_dead_leftovers(folder: Path, prefix: str) -> list[Path]:
    """Remove `<prefix><pid>` entries of `folder` whose process is gone; a live build keeps its own."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)")
    removed = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        found = pattern.fullmatch(entry.name)
        if found and not is_alive(int(found[1])):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def die_with_parent(parent: int | None = None) -> None:
    """In a helper process: be killed when the build that started it dies, even by `kill -9`.

    Linux only (prctl); elsewhere the helper ends when it finds its parent gone.
    """
    parent = os.getppid() if parent is None else parent
    prctl = getattr(C_LIBRARY, "prctl", None)
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before prctl: nobody is left to signal us
        os._exit(1)
