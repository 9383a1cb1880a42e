"""File helpers the build shares: atomic writes, hard links, and the stamps of folders' files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file: an interrupted build never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """Hard-link `source` as `target` (no bytes copied), or copy it where links are impossible."""
    try:
        os.link(source, target)
    except OSError:  # another file system, or no hard links there
        shutil.copy2(source, target)


def folder_stamps(folders: Iterable[str | Path]) -> Iterator[str]:
    """One line per file under the folders, sorted: path, modification time and size."""
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_symlink():  # a new or changed link is a change, even one to a folder or to nothing
                yield f"{path}\0link\0{os.readlink(path)}\n"
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                yield f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n"
            elif path.exists() and not path.is_dir():  # a named pipe or a device: the build refuses it
                yield f"{path}\0special\n"
