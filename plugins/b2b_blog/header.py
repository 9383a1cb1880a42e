"""Split a Markdown file into its `Key: value` header and its body (posts, pages, cases, any text)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Same grammar as python-markdown's meta extension, which Pelican authors know.
KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
# Markdown wants four spaces before a continued value; fewer are forgiven here.
CONTINUATION = re.compile(r"^[ \t]+(?P<value>.*)$")


@dataclass
class Field:
    """Non-empty lines given for one header key, with their line numbers in the file."""

    lines: list[str]
    numbers: list[int]
    line: int

    @property
    def text(self) -> str:
        """The value as one string: wrapped lines are joined by a space."""
        return " ".join(self.lines)


def split_header(text: str) -> tuple[dict[str, Field], str]:
    """Return the header fields (keys lower-cased) and the body after them."""
    fields: dict[str, Field] = {}
    current: Field | None = None
    lines = text.lstrip("\ufeff").splitlines()
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        key_match = KEY_LINE.match(line)
        more = CONTINUATION.match(line)
        if more and current is not None:
            value = more["value"].strip()
        elif key_match:
            # A repeated key adds lines, like the meta extension does.
            key = key_match["key"].lower()
            current = fields.setdefault(key, Field([], [], index + 1))
            value = key_match["value"].strip()
        else:
            break  # Not a header line: the body starts here, as in Markdown.
        if value:
            current.lines.append(value)
            current.numbers.append(index + 1)
    else:
        index = len(lines)
    return fields, "\n".join(lines[index:]).strip("\n")


def repeated_keys(text: str) -> dict[str, list[int]]:
    """Header keys (lower-cased) written on more than one line of their own, with those lines."""
    seen: dict[str, list[int]] = {}
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            break
        key_match = KEY_LINE.match(line)
        if key_match and not CONTINUATION.match(line):
            seen.setdefault(key_match["key"].lower(), []).append(number)
        elif not CONTINUATION.match(line):
            break
    return {key: lines for key, lines in seen.items() if len(lines) > 1}
