"""Split a Markdown file into its `Key: value` header and its body (posts, pages, cases, any text).

Two habits are read as well: French typography's space before the colon (`Tags : négociation`,
also with a no-break space), and a YAML header between `---` lines, as Hugo and Jekyll write it.
`parse_header` also gives the file rewritten with a plain header, for python-markdown's meta
extension (Pelican's own metadata reader), so that the build and every other reader agree.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .texts import Text

# Same grammar as python-markdown's meta extension, which Pelican authors know; spaces before
# the colon are the French habit (U+00A0 and U+202F are the no-break spaces French editors put).
KEY_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+)(?P<space>[ \t\u00a0\u202f]*):\s*(?P<value>.*)$")
# A line that looks like a field but whose name has letters the grammar refuses ('Résumé : …').
ACCENTED_KEY = re.compile(r"^[ ]{0,3}(?P<key>[^\W\d_][\w-]*)[ \t\u00a0\u202f]*:\s")
# Markdown wants four spaces before a continued value; fewer are forgiven here.
CONTINUATION = re.compile(r"^[ \t]+(?P<value>.*)$")
# Comma-separated fields, where `[a, b]` (YAML's list) means the list a, b.
LIST_FIELDS = {"tags", "topics", "authors", "aliases"}
BRACKETED = re.compile(r"\[(?P<items>[^\[\]]*)\]")
YAML_FENCE = "---"
YAML_END = ("---", "...")
YAML_FIX = Text("write one 'key: value' per line between the two --- lines, lists as [a, b] or 'a, b'")


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


@dataclass
class HeaderMistake:
    """A header that cannot be read: where, what is wrong, the fix."""

    line: int
    message: str
    fix: str


@dataclass
class Header:
    """The header's fields, the body, the file in python-markdown's form, and the mistakes found."""

    fields: dict[str, Field]
    body: str
    markdown: str
    mistakes: list[HeaderMistake] = field(default_factory=list)


def split_header(text: str) -> tuple[dict[str, Field], str]:
    """Return the header fields (keys lower-cased) and the body after them."""
    header = parse_header(text)
    return header.fields, header.body


def parse_header(text: str) -> Header:
    """Read the header, whether `Key: value` lines (a space before the colon allowed) or YAML."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == YAML_FENCE:
        return _yaml_header(lines)
    return _plain_header(lines)


def _plain_header(lines: list[str]) -> Header:
    fields: dict[str, Field] = {}
    mistakes: list[HeaderMistake] = []
    current: Field | None = None
    rewritten = list(lines)
    index = 0
    for index, line in enumerate(lines):
        if not line.strip():
            break
        key_match = KEY_LINE.match(line.rstrip("\r\n"))
        more = CONTINUATION.match(line.rstrip("\r\n"))
        if more and current is not None:
            value = more["value"].strip()
        elif key_match:
            # A repeated key adds lines, like the meta extension does.
            key = key_match["key"].lower()
            current = fields.setdefault(key, Field([], [], index + 1))
            value = key_match["value"].strip()
            listed = BRACKETED.fullmatch(value) if key in LIST_FIELDS else None
            if listed:
                value = listed["items"].strip()  # `Tags: [a, b]`, the YAML habit in a plain header
            if key_match["space"] or listed:
                # `Tags : x` becomes `Tags: x` for the meta extension, which stops at the space.
                ending = line[len(line.rstrip("\r\n")):]
                rewritten[index] = f"{key_match['key']}: {value}{ending}"
        else:
            if fields and (accented := ACCENTED_KEY.match(line)) and not accented["key"].isascii():
                # `Résumé : …` would end the header silently and show as the first line of the text.
                mistakes.append(HeaderMistake(index + 1, Text("'{key}' cannot be a field name (accents), so the "
                                                              "header stops here", key=accented["key"]),
                                              Text("write the field's English name (e.g. 'Summary:' for 'Résumé'), "
                                                   "or leave a blank line before the text")))
            break  # Not a header line: the body starts here, as in Markdown.
        if value:
            current.lines.append(value)
            current.numbers.append(index + 1)
    else:
        index = len(lines)
    body = "".join(lines[index:]).strip("\n")
    return Header(fields, "\n".join(body.splitlines()), "".join(rewritten), mistakes)


def _yaml_header(lines: list[str]) -> Header:
    """A `---` header: read with PyYAML, then written out as `Key: value` lines."""
    import yaml  # noqa: PLC0415 - only files with a YAML header need it

    end = next((number for number in range(1, len(lines)) if lines[number].strip() in YAML_END), None)
    if end is None:
        return _refused(lines, 1, Text("the header opened with --- on line 1 is never closed"),
                        Text("end the header with a line holding only ---, then a blank line and the text"))
    block = "".join(lines[1:end])
    body_lines = lines[end + 1:]
    try:
        loader = yaml.SafeLoader(block)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return _refused(lines, line, Text("the YAML header cannot be read: {reason}", reason=reason),
                        Text("{yaml_fix}; put a value holding ': ' or starting with a quote inside quotes",
                             yaml_fix=YAML_FIX))
    if not isinstance(data, dict):
        return _refused(lines, 2, Text("the YAML header is not a list of 'key: value' lines"), YAML_FIX)
    key_lines = {key.value: key.start_mark.line + 2 for key, _value in node.value} if node else {}
    fields: dict[str, Field] = {}
    mistakes: list[HeaderMistake] = []
    out: list[str] = []
    for key, value in data.items():
        line = key_lines.get(key, 2)
        if not isinstance(key, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", key):
            mistakes.append(HeaderMistake(line, Text("'{key}' is not a field name", key=key),
                                          Text("use letters, digits, - and _")))
            continue
        text = _yaml_value(value)
        if text is None:
            mistakes.append(HeaderMistake(line, Text("the field '{key}' holds a nested structure", key=key),
                                          Text("write it on one line, e.g. '{key}: first, second'", key=key)))
            continue
        fields[key.lower()] = Field([text] if text else [], [line] if text else [], line)
        out.append(f"{key}: {text}\n")
    body = "".join(body_lines).strip("\n")
    # Same number of lines before the body, so Markdown's own line-based features are not shifted.
    padding = ["\n"] * max(0, end + 1 - len(out))
    return Header(fields, "\n".join(body.splitlines()), "".join(out + padding + body_lines), mistakes)


def _yaml_value(value) -> str | None:
    """A YAML value as header text: lists joined by commas, dates in ISO form; None for a nested mapping."""
    if isinstance(value, list) and all(not isinstance(item, (list, dict)) for item in value):
        return ", ".join(_scalar(item) for item in value)
    return None if isinstance(value, (list, dict)) else _scalar(value)


def _scalar(value) -> str:
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, datetime.datetime):
        text = value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    elif isinstance(value, datetime.date):
        text = value.isoformat()
    else:
        text = " ".join(str(value).split())
    return text


def _refused(lines: list[str], line: int, message: str, fix: str) -> Header:
    """No header read: the whole text is the body (a text may well open with a --- rule)."""
    text = "".join(lines)
    return Header({}, "\n".join(text.strip("\n").splitlines()), text, [HeaderMistake(line, message, fix)])


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
