"""The fonts every case PDF is set in: files shipped in theme/fonts/, never the machine's own.

WeasyPrint asks fontconfig for any glyph the named fonts lack, and fontconfig answers with
whatever the machine has installed: the same edition then embeds other fonts on another
machine. Every character an edition prints is checked against the shipped fonts first, and
a character none of them has stops the build, named.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from ..conversion_cache import conversions

# Family (as the print stylesheet names it) -> (weight, style, file in the fonts folder).
FONT_FACES = {
    "B2B Serif": [(400, "normal", "NotoSerif-Regular.ttf"), (400, "italic", "NotoSerif-Italic.ttf"),
                  (700, "normal", "NotoSerif-Bold.ttf"), (700, "italic", "NotoSerif-BoldItalic.ttf")],
    "B2B Sans": [(400, "normal", "NotoSans-Regular.ttf"), (700, "normal", "NotoSans-Bold.ttf")],
    "B2B Mono": [(400, "normal", "NotoSansMono-Regular.ttf")],
}
# What WeasyPrint prints besides the text: page numbers and the hyphen it adds when it hyphenates.
PRINTED_EXTRAS = "0123456789\u2010-"


def font_files(fonts: Path) -> list[Path]:
    return [fonts / name for faces in FONT_FACES.values() for _weight, _style, name in faces]


def font_face_rules(fonts: Path) -> str:
    """@font-face rules naming the shipped files by file:// URL (the only scheme the PDF fetcher allows)."""
    rules = []
    for family, faces in FONT_FACES.items():
        for weight, style, name in faces:
            url = (fonts / name).resolve().as_uri()
            rules.append(f'@font-face {{ font-family: "{family}"; src: url("{url}"); '
                         f"font-weight: {weight}; font-style: {style}; }}")
    return "\n".join(rules) + "\n"


def fonts_digest(fonts: Path) -> str:
    """A digest of every shipped font file: a PDF's cache key changes with its fonts."""
    digest = hashlib.sha256()
    for path in font_files(fonts):
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"missing"))
    return digest.hexdigest()


@functools.cache
def _cmap(path: Path, _stamp: tuple[int, int]) -> frozenset[int]:
    """The characters a font file has; kept in the conversion cache (reading 7 fonts takes a second)."""
    cached = conversions.get("font-cmap", str(path))
    if cached is None:
        from fontTools.ttLib import TTFont  # noqa: PLC0415 - installed with WeasyPrint; slow to import

        with TTFont(path, lazy=True) as font:
            cached = sorted(font.getBestCmap())
        conversions.put("font-cmap", str(path), cached)
    return frozenset(cached)


def covered(fonts: Path) -> frozenset[int]:
    """The characters every shipped font has (any face may set any text: bold, italic, code)."""
    found = None
    for path in font_files(fonts):
        stat = path.stat()
        codes = _cmap(path.resolve(), (stat.st_mtime_ns, stat.st_size))
        found = codes if found is None else found & codes
    return found or frozenset()


def missing_files(fonts: Path) -> list[Path]:
    return [path for path in font_files(fonts) if not path.is_file()]


class _Text(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._in_head = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self._in_head = self._in_head or tag == "head"

    def handle_endtag(self, tag) -> None:
        self._in_head = self._in_head and tag != "head"

    def handle_data(self, data) -> None:
        if not self._in_head:  # the title and metadata become PDF properties, not glyphs
            self.parts.append(data)


def _printed(char: str) -> bool:
    """Whether WeasyPrint needs a glyph for the character (not a line break, soft hyphen or joiner)."""
    return not (char in "\n\r\t\f" or unicodedata.category(char) in {"Cc", "Cf"})


def missing_glyphs(document: str, extra_text: str, fonts: Path) -> list[str]:
    """Characters of the printed document (and of `extra_text`: footers) no shipped font has, sorted."""
    text = "".join(_Text(document).parts) + extra_text + PRINTED_EXTRAS
    have = covered(fonts)
    return sorted(char for char in set(text) if _printed(char) and ord(char) not in have)


def describe(chars: list[str]) -> str:
    return ", ".join(f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})" for char in chars)
