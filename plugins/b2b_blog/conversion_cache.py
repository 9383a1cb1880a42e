"""Markdown converted once: shared by every language's site, and kept on disk between builds.

i18n_subsites runs Pelican once per language and each run reads every file again;
this cache keys each file by its path, size and modification time, so a file is
converted once per change, not once per language and per build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
from pathlib import Path
from typing import Any

from .files import write_atomically

logger = logging.getLogger(__name__)

# Bump when what is stored changes shape.
FORMAT = 1


def file_stamp(path: str) -> tuple[str, int, int]:
    stat = os.stat(path)
    return (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)


class ConversionCache:
    """A dictionary of results per (kind, file stamp), saved as one pickle in the cache folder."""

    def __init__(self) -> None:
        self.enabled = True
        self._entries: dict[tuple, Any] = {}
        self._used: set[tuple] = set()
        self._file: Path | None = None
        self._fingerprint = ""
        self._dirty = False

    def open(self, cache_dir: str, fingerprint: str, *, enabled: bool = True) -> None:
        """Load the entries saved by the last build made with the same settings."""
        self.enabled = enabled
        self._file = Path(cache_dir) / "b2b-conversions.pickle"
        self._fingerprint = hashlib.sha256(f"{FORMAT}:{fingerprint}".encode()).hexdigest()
        self._entries, self._used, self._dirty = {}, set(), False
        try:
            with self._file.open("rb") as handle:
                saved_fingerprint, entries = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return
        if saved_fingerprint == self._fingerprint:
            self._entries = entries

    def get(self, kind: str, path: str) -> Any | None:
        if not self.enabled:
            return None
        key = (kind, *file_stamp(path))
        found = self._entries.get(key)
        if found is not None:
            self._used.add(key)
        return found

    def put(self, kind: str, path: str, value: Any) -> None:
        if self.enabled:
            key = (kind, *file_stamp(path))
            self._entries[key] = value
            self._used.add(key)
            self._dirty = True

    def get_value(self, name: str) -> Any | None:
        """A result kept under a name rather than a file's stamp (same settings, same pruning)."""
        if not self.enabled:
            return None
        found = self._entries.get(("value", name))
        if found is not None:
            self._used.add(("value", name))
        return found

    def put_value(self, name: str, value: Any) -> None:
        if self.enabled:
            self._entries[("value", name)] = value
            self._used.add(("value", name))
            self._dirty = True

    def save(self) -> None:
        """Keep only what this build used or made, written atomically."""
        if self._file is None or not self._dirty:
            return
        # An edited file's older versions go: the cache does not grow with every edit.
        kept = {key: value for key, value in self._entries.items() if key in self._used}
        write_atomically(self._file, pickle.dumps((self._fingerprint, kept), protocol=pickle.HIGHEST_PROTOCOL))
        self._dirty = False


def conversion_fingerprint(settings: dict) -> str:
    """What cached results depend on: Markdown and topic settings, and the plugin's own code."""
    digest = hashlib.sha256(repr(settings["MARKDOWN"]).encode())
    digest.update(json.dumps(settings.get("B2B_TOPICS"), sort_keys=True, default=repr).encode())
    digest.update(str(settings.get("SITE_ORIGIN")).encode())  # frames of the site itself are allowed
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


conversions = ConversionCache()
