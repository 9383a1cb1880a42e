"""What a download link shows: file name, format, size and checksum."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal

# Decimal (SI) units, as French "Mo" and English "MB" are usually read.
UNITS = {"fr": ("octets", "Ko", "Mo", "Go"), "en": ("bytes", "kB", "MB", "GB")}


@dataclass(frozen=True)
class Download:
    """A file offered for download."""

    url_name: str
    format_label: str
    size_bytes: int
    sha256: str


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks so large exhibits stay cheap."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def describe(path: Path) -> Download:
    """Name, format label (from the extension), size and SHA-256 of a file."""
    label = path.suffix.lstrip(".").upper() or "FILE"
    return Download(path.name, label, path.stat().st_size, sha256_of(path))


def human_size(n: int, lang: str) -> str:
    """A size for readers: "1,2 Mo" in French, "1.2 MB" in English."""
    units = UNITS.get(lang, UNITS["en"])
    value, unit = float(n), 0
    # Move up a unit while the rounded value would show four digits.
    while round(value, 1) >= 1000 and unit < len(units) - 1:
        value, unit = value / 1000, unit + 1
    number = format_decimal(value, format="#,##0.#", locale=lang)
    name = units[unit]
    if unit == 0 and (n == 1 or (n == 0 and lang == "fr")):
        name = name[:-1]  # "1 byte", "1 octet", and French "0 octet" are singular.
    return f"{number} {name}"
