"""Markdown converted once: shared by every language's site, and kept on disk between builds.

i18n_subsites runs Pelican once per language and each run reads every file again;
this cache keys each file by its path, size and modification time, so a file is
converted once per change, not once per language and per build. It is kept as JSON
after its digest (`cache_files.write_checked`): a damaged file is discarded, and
nothing in it is ever run as code (it was a pickle, which runs what a crafted file says).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

from .cache_files import discard, read_checked, write_checked
from .texts import Day, Text
from .topics.tagging import Tagging, _Entry

logger = logging.getLogger(__name__)

# Bump when what is stored changes shape.
FORMAT = 2
# The only classes a cache file may name, rebuilt from their fields.
CLASSES = {"Tagging": Tagging, "Entry": _Entry, "Text": Text.of, "Day": Day}


def file_stamp(path: str) -> tuple[str, int, int]:
    stat = os.stat(path)
    return (os.path.abspath(path), stat.st_mtime_ns, stat.st_size)


class ConversionCache:
    """A dictionary of results per (kind, file stamp), saved as one JSON file in the cache folder."""

    def __init__(self) -> None:
        self.enabled = True
        self._entries: dict[tuple, Any] = {}
        self._used: set[tuple] = set()
        self._file: Path | None = None
        self._fingerprint = ""
        self._dirty = False
        self._preloaded: tuple[tuple | None, tuple[str, dict]] | None = None

    def open(self, cache_dir: str, fingerprint: str, *, enabled: bool = True) -> None:
        """Load the entries saved by the last build made with the same settings."""
        self.enabled = enabled
        self._file = Path(cache_dir) / "b2b-conversions.json"
        self._fingerprint = hashlib.sha256(f"{FORMAT}:{fingerprint}".encode()).hexdigest()
        self._entries, self._used, self._dirty = {}, set(), False
        preloaded, self._preloaded = self._preloaded, None
        if preloaded is not None and preloaded[0] == _identity(self._file):
            fingerprint, entries = preloaded[1]
            if fingerprint == self._fingerprint:
                self._entries = entries
            return
        saved = self._load(self._file)
        if saved is not None and saved[0] == self._fingerprint:
            self._entries = saved[1]

    def preload(self, cache_dir: str) -> None:
        """Read the saved entries ahead of the build (a waiting preview worker): `open` takes them
        if the file is still the one read then."""
        path = Path(cache_dir) / "b2b-conversions.json"
        identity = _identity(path)
        saved = self._load(path) if identity is not None else None
        self._preloaded = (identity, saved) if saved is not None else None

    @staticmethod
    def _load(path: Path) -> tuple[str, dict] | None:
        """The fingerprint and entries of a cache file; None (the file discarded) if it holds none."""
        payload = read_checked(path, "the conversion cache")
        if payload is None:
            return None
        try:
            saved = decode(payload)
            return saved["fingerprint"], dict(saved["entries"])
        except (ValueError, KeyError, TypeError) as error:
            discard(path, "the conversion cache", f"it does not hold cache entries ({error})")
            return None

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
        kept = []
        for key, value in self._entries.items():
            if key in self._used:
                try:
                    kept.append([encode(key), encode(value)])
                except TypeError as error:  # a value JSON can't stand for is only computed again next time
                    logger.debug("b2b_blog: %s", error)
        payload = json.dumps({"fingerprint": self._fingerprint, "entries": kept}, ensure_ascii=False)
        write_checked(self._file, payload.encode())
        self._dirty = False


def encode(value: Any) -> Any:  # noqa: PLR0911 - one branch per kind of value
    """A JSON value standing for `value`, with its tuples, sets and known classes marked."""
    if isinstance(value, Text):  # before str: a message keeps its template, to be said in French again
        return {"class": "Text", "fields": [value.template, encode(value.values)]}
    if isinstance(value, Day):
        return {"class": "Day", "fields": [value.day.isoformat(), value.pattern]}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, _Entry):
        return {"class": "Entry", "fields": [encode(item) for item in value]}
    if isinstance(value, Tagging):
        # Every field, in order: the learned part (topics.learned) adds some after the lexicon's.
        return {"class": "Tagging", "fields": [encode(getattr(value, item.name)) for item in dataclasses.fields(value)]}
    if isinstance(value, tuple):
        return {"tuple": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, (set, frozenset)):
        kind = "frozenset" if isinstance(value, frozenset) else "set"
        return {kind: sorted((encode(item) for item in value), key=json.dumps)}
    if isinstance(value, dict):
        return {"dict": [[encode(key), encode(item)] for key, item in value.items()]}
    raise TypeError(f"the conversion cache cannot keep a {type(value).__name__}")


def decode(payload: str) -> Any:
    """The value whose `encode` was written as this JSON text."""
    return json.loads(payload, object_hook=_decode_marked)


def _decode_marked(value: dict) -> Any:
    """The value `encode` stood for, for one JSON object whose members are already decoded (json's object_hook);
    a file naming any other class is refused (TypeError)."""
    if value.keys() == {"fingerprint", "entries"}:
        return value  # the file itself
    (kind, inner), *rest = value.items()
    if kind == "class" and len(rest) == 1 and rest[0][0] == "fields" and inner in CLASSES:
        return CLASSES[inner](*rest[0][1])
    if rest:
        raise TypeError(f"unknown cache value {sorted(value)}")
    if kind == "tuple":
        return tuple(inner)
    if kind in ("set", "frozenset"):
        return (set if kind == "set" else frozenset)(inner)
    if kind == "dict":
        return dict(inner)
    raise TypeError(f"unknown cache value {kind!r}")


def _identity(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def conversion_fingerprint(settings: dict) -> str:
    """What cached results depend on: Markdown and topic settings, and the plugin's own code."""
    digest = hashlib.sha256(repr(settings["MARKDOWN"]).encode())
    digest.update(json.dumps(settings.get("B2B_TOPICS"), sort_keys=True, default=repr).encode())
    digest.update(str(settings.get("SITE_ORIGIN")).encode())  # frames of the site itself are allowed
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


conversions = ConversionCache()
