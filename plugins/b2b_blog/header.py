"""Split a Markdown file into its `Key: value` header and its body (posts, pages, cases, any text).

Two habits are read as well: French typography's space before the colon (`Tags : négociation`,
also with a no-break space), and a YAML header between `---` lines, as Hugo and Jekyll write it
(and Hugo's TOML header between `+++` lines, read as the same fields).
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
# Characters no editor shows, pasted from a word processor or a web page: before a key, they end the header.
INVISIBLE = "\u00a0\u200b\u200c\u200d\u2060\ufeff"
# Markdown wants four spaces before a continued value; fewer are forgiven here.
CONTINUATION = re.compile(r"^[ \t]+(?P<value>.*)$")
# Comma-separated fields, where `[a, b]` (YAML's list) means the list a, b.
LIST_FIELDS = {"tags", "topics", "authors", "aliases"}
BRACKETED = re.compile(r"\[(?P<items>[^\[\]]*)\]")
YAML_FENCE = "---"
YAML_END = ("---", "...")
YAML_FIX = Text("write one 'key: value' per line between the two --- lines, lists as [a, b] or 'a, b'")
TOML_FENCE = "+++"
# A tab after `key:` is whitespace to the author; PyYAML refuses it ("found character '\t'").
YAML_TAB = re.compile(r"^(?P<key>[ ]*[A-Za-z0-9_-]+:)\t+", re.MULTILINE)


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
    if lines and lines[0].strip() == TOML_FENCE:
        return _toml_header(lines)
    header = _plain_header(lines)
    if not header.fields and not header.mistakes:
        header.mistakes.extend(_header_after_blank_lines(lines) or _heading_as_title(lines))
    return header


def _heading_as_title(lines: list[str]) -> list[HeaderMistake]:
    """Jekyll's and many editors' habit: no header, the title as the text's first heading (`# Titre`)."""
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    found = re.match(r"#\s+(?P<title>.+?)\s*#*\s*$", lines[first]) if first is not None else None
    if not found:
        return []
    return [HeaderMistake(first + 1, Text("the file has no 'Title:' line; its text starts with the heading "
                                          "'{heading}'", heading=found["title"]),
                          Text("start the file with 'Title: {heading}', then 'Date: 2024-05-01', a blank line "
                               "and the text (without the heading)", heading=found["title"]))]


def _header_after_blank_lines(lines: list[str]) -> list[HeaderMistake]:
    """A header pushed down by blank lines at the top is read as text, and the post has no title."""
    first = next((number for number, line in enumerate(lines) if line.strip()), None)
    if not first or not KEY_LINE.match(lines[first].rstrip("\r\n")):
        return []
    return [HeaderMistake(1, Text("the file starts with {count} blank line(s), so its header (line {line}) "
                                  "is read as text", count=first, line=first + 1),
                          Text("remove the blank line(s) above '{key}:'",
                               key=KEY_LINE.match(lines[first])["key"]))]


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
            if mistake := _invisible_start(line, index) or (_wrapped(lines, index) if fields else None):
                mistakes.append(mistake)
                break
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


def _invisible_start(line: str, index: int) -> HeaderMistake | None:
    """A key behind a character no editor shows (a no-break or zero-width space pasted from elsewhere)."""
    hidden = line.lstrip(" ")[:1]
    if not hidden or hidden not in INVISIBLE or not KEY_LINE.match(line.strip(INVISIBLE + " ")):
        return None
    return HeaderMistake(index + 1, Text("line {line} starts with an invisible character (U+{code}), so the header "
                                         "stops there", line=index + 1, code=f"{ord(hidden):04X}"),
                         Text("delete the start of line {line} and type it again", line=index + 1))


def _wrapped(lines: list[str], index: int) -> HeaderMistake | None:
    """'Summary: a long line' cut by the editor: the rest, and the fields below, would show as text."""
    if not (below := _key_below(lines, index)):
        return None
    return HeaderMistake(index + 1, Text("line {line} has no field name, so the header stops there and '{key}:' on "
                                         "line {below} would show as text", line=index + 1, key=below[1],
                                         below=below[0]),
                         Text("indent line {line} (four spaces) to continue the field above, or join it to "
                              "line {previous}", line=index + 1, previous=index))


def _key_below(lines: list[str], index: int) -> tuple[int, str] | None:
    """The first `Key: value` line after `index` in the same paragraph: (its line number, its key)."""
    for number in range(index + 1, len(lines)):
        if not lines[number].strip():
            return None
        if key_match := KEY_LINE.match(lines[number].rstrip("\r\n")):
            return number + 1, key_match["key"]
    return None


def _yaml_header(lines: list[str]) -> Header:
    """A `---` header: read with PyYAML, then written out as `Key: value` lines."""
    import yaml  # noqa: PLC0415 - only files with a YAML header need it

    end = next((number for number in range(1, len(lines)) if lines[number].strip() in YAML_END), None)
    if end is None:
        return _refused(lines, 1, Text("the header opened with --- on line 1 is never closed"),
                        Text("end the header with a line holding only ---, then a blank line and the text"))
    block = "".join(lines[1:end])
    block = YAML_TAB.sub(r"\g<key> ", block)
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
        if mark and 0 <= mark.line < end - 1 and (quoted := _in_double_quotes(lines[mark.line + 1])):
            # 'Titre : suite' or 'L'art' in single quotes: the line as it should be written.
            return _refused(lines, mark.line + 2, Text("the YAML header cannot be read: {reason}",
                                                       reason=getattr(error, "problem", None) or str(error)),
                            Text("put the value inside double quotes: {quoted}", quoted=quoted))
        line = mark.line + 2 if mark else 1
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return _refused(lines, line, Text("the YAML header cannot be read: {reason}", reason=reason),
                        Text("{yaml_fix}; put a value holding ': ' or starting with a quote inside quotes",
                             yaml_fix=YAML_FIX))
    if not isinstance(data, dict):
        return _refused(lines, 2, Text("the YAML header is not a list of 'key: value' lines"), YAML_FIX)
    key_lines = {key.value: key.start_mark.line + 2 for key, _value in node.value} if node else {}
    _words_not_booleans(node, data)
    fields: dict[str, Field] = {}
    mistakes: list[HeaderMistake] = []
    mistakes.extend(_yaml_twice(node))
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


def _in_double_quotes(line: str) -> str | None:
    """`key: value` with its value in double quotes, the fix for a value YAML misreads ('Titre : suite')."""
    found = re.match(r"\s*(?P<key>[A-Za-z0-9_-]+):[ \t]+(?P<value>.+?)\s*$", line)
    if not found or found["value"][0] in "[{|>\"":
        return None
    value = found["value"]
    if len(value) > 1 and value[0] == value[-1] == "'":
        value = value[1:-1]  # 'L'art de négocier': the apostrophe closed the quotes
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'{found["key"]}: "{escaped}"'


def _yaml_twice(node) -> list[HeaderMistake]:
    """PyYAML keeps the last of two `title:` lines without a word; the plain header refuses them."""
    seen: dict[str, list[int]] = {}
    for key, _value in node.value if node is not None else []:
        if isinstance(key.value, str):
            seen.setdefault(key.value.lower(), []).append(key.start_mark.line + 2)
    return [HeaderMistake(numbers[1], Text("the header has {count} '{field}:' lines (lines {lines}); only the "
                                           "last would count", count=len(numbers), field=name,
                                           lines=", ".join(map(str, numbers))),
                          Text("keep one '{field}:' line", field=name))
            for name, numbers in seen.items() if len(numbers) > 1]


def _words_not_booleans(node, data: dict) -> None:
    """YAML 1.1 reads `title: No` or `On` as a boolean: keep the word as written."""
    for key, value in node.value if node is not None else []:
        if isinstance(data.get(key.value), bool) and value.value.lower() not in ("true", "false"):
            data[key.value] = value.value


def _toml_header(lines: list[str]) -> Header:
    """A `+++` header (Hugo's TOML front matter), read with tomllib and handed on as the same YAML lines.

    Each key is written, as JSON (which YAML reads), on the line it has in the file, so that every
    field, refusal and the text keep their line numbers.
    """
    import json  # noqa: PLC0415 - only files with a TOML header need these
    import tomllib  # noqa: PLC0415

    end = next((number for number in range(1, len(lines)) if lines[number].strip() == TOML_FENCE), None)
    if end is None:
        return _refused(lines, 1, Text("the header opened with +++ on line 1 is never closed"),
                        Text("end the header with a line holding only +++, then a blank line and the text"))
    try:
        data = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"\(at line (\d+)", str(error))
        return _refused(lines, int(found[1]) + 1 if found else 1,
                        Text("the TOML header cannot be read: {reason}", reason=str(error).split(" (at ")[0]),
                        Text("write one key = \"value\" per line between the two +++ lines, lists as "
                             "[\"a\", \"b\"]"))
    block = ["\n"] * (end - 1)
    for key, value in data.items():
        written = next((number for number in range(1, end)
                        if re.match(rf"\s*(?:[\"']?{re.escape(key)}[\"']?\s*=|\[{re.escape(key)}\])", lines[number])),
                       None)
        entry = f"{json.dumps(key)}: {json.dumps(value, default=_scalar, ensure_ascii=False)}\n"
        if written is not None and block[written - 1] == "\n":
            block[written - 1] = entry
        else:
            block.append(entry)  # a [table]: no line of its own; YAML names it a nested structure
    return _yaml_header(["---\n", *block, "---\n", *lines[end + 1:]])


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
