"""Cache files that can't corrupt the site: JSON only, each entry checked (size and digest) before reuse.

A cache or stamp file that is empty, cut short, garbage or changed since it was written is
discarded with a one-line note, and the build goes on without it. Nothing in the cache is
ever loaded as code (no pickle, no marshal), and what the output takes from the cache is a
copy: editing a cache entry later can't change a published file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache

from .files import write_atomically


def note(message: str) -> None:
    """A one-line note for the author: the build goes on."""
    print(f"b2b_blog: {message}", file=sys.stderr)


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _read_bytes(path: Path, what: str) -> bytes | None:
    """The file's bytes; None if there is none, or (with a note) if it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        note(f"{what} {path} cannot be read ({error.strerror}); it is ignored")
        return None


def read_json(path: Path, what: str) -> Any | None:
    """The JSON in `path`; None if there is none, or (with a note) if it is unreadable."""
    data = _read_bytes(path, what)
    if data is None:
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        discard(path, what, "it is not valid JSON (empty, cut short or garbage)")
        return None


def discard(path: Path, what: str, reason: str) -> None:
    note(f"{what} {path} was discarded: {reason}")
    path.unlink(missing_ok=True)


def write_checked(path: Path, payload: bytes) -> None:
    """Write `payload` after a line holding its SHA-256, atomically."""
    write_atomically(path, hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


def read_checked(path: Path, what: str) -> bytes | None:
    """The payload written by `write_checked`, or None (with a note) if it does not match its digest."""
    data = _read_bytes(path, what)
    if data is None:
        return None
    digest, _newline, payload = data.partition(b"\n")
    if not payload or hashlib.sha256(payload).hexdigest().encode() != digest:
        discard(path, what, "its contents do not match their digest (empty, cut short or changed)")
        return None
    return payload


def describe_entry(path: Path, **extra: Any) -> dict[str, Any]:
    """What a cache entry's sidecar records: its size and digest, and anything else it needs."""
    return {"size": path.stat().st_size, "sha256": file_digest(path), **extra}


def keep_entry(path: Path, data: bytes, sidecar: Path, **extra: Any) -> None:
    """Store a cache entry and its sidecar; the sidecar is written last, so a half-kept entry never matches."""
    write_atomically(path, data)
    write_atomically(sidecar, json.dumps(describe_entry(path, **extra)).encode())


def checked_entry(path: Path, sidecar: Path, what: str) -> dict[str, Any] | None:
    """The sidecar of a cache entry whose file still has the recorded size and digest, else None."""
    if not path.is_file() or not sidecar.is_file():
        return None
    recorded = read_json(sidecar, what)
    if not isinstance(recorded, dict) or not isinstance(recorded.get("size"), int):
        discard(sidecar, what, "it is not a cache record")
        return None
    if path.stat().st_size != recorded["size"] or file_digest(path) != recorded.get("sha256"):
        discard(path, what, "its size or digest changed since it was written")
        sidecar.unlink(missing_ok=True)
        return None
    return recorded


def copy_entry(path: Path, target: Path) -> None:
    """Copy a cache entry into the output (never a hard link: the cache must not reach the site)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # a file there could be a link: never write through it
    shutil.copyfile(path, target)


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every generator and language site of this process, never kept on disk.

    Jinja's FileSystemBytecodeCache loads marshal'd code from the cache folder: a crafted
    file there would run. Kept in memory, a template is compiled once per process (and per
    change of its source) instead of once per generator.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


compiled_templates = MemoryBytecodeCache()
