"""Read one edition file into an Edition, collecting every author mistake."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import markdown

from ..conversion_cache import conversions
from ..header import Field, split_header
from ..markdown_links import EXTENSION as EXTERNAL_LINKS
from ..markdown_tables import EXTENSION as TABLE_ALIGNMENT
from ..problems import Problem
from ..sanitizing import locate, refusals
from ..texts import Text
from .model import Edition, Exhibit, TeachingNote, in_case
from .paths import Refused, resolve_inside
from .texts import typeset_html

LEVELS = ("introductory", "intermediate", "advanced")
ACCESS = ("restricted", "public")
# Field -> example value, shown in the fix when the field is missing.
REQUIRED = {
    "title": Text("The title of the case"),
    "lang": "fr",
    "authors": "Claire Dumont; Idris Benali",
    "abstract": Text("One paragraph for the case list"),
    "objectives": Text("one learning objective per indented line"),
    "topics": "kam, partnerships",
    "industry": Text("Glass packaging"),
    "country": "France",
    "year": "2024",
    "audience": Text("Master's students, sales managers"),
    "level": "intermediate",
    "date": "2025-01-15",
    "reference": "RB-2025-01-FR",
    "licence": "CC BY-NC-SA 4.0",
}
OPTIONAL = ("exhibits", "teaching_note", "teaching_note_access")
YEAR = re.compile(r"^\d{4}$")
# A Reference becomes the file names <reference>.pdf and .zip in the case's folder.
REFERENCE = re.compile(r"[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*")


def markdown_to_html(text: str, lang: str) -> str:
    """Convert case or note Markdown the same way everywhere (no smart quotes)."""
    # The site's MARKDOWN setting, so case pages read like posts.
    html = markdown.markdown(
        text, extensions=["extra", "toc", "sane_lists", EXTERNAL_LINKS, TABLE_ALIGNMENT], output_format="html")
    return typeset_html(html, lang)


def read_edition(
    source: Path, rel: str, case_id: str, languages: list[str], known_topics: set[str]
) -> tuple[Edition | None, list[Problem]]:
    """Return the edition in `source` (None if it has problems) and its problems."""
    reader = _EditionReader(source, rel, case_id, languages, known_topics)
    return reader.read(), reader.problems


def _key(field: str) -> str:
    """The header key as authors write it: exhibits -> Exhibits."""
    return field.capitalize()


class _EditionReader:
    """Checks one edition field by field, recording a Problem for each mistake."""

    def __init__(
        self, source: Path, rel: str, case_id: str, languages: list[str], topics: set[str]
    ) -> None:
        self.source, self.rel, self.case_id = source, rel, case_id
        self.languages, self.known_topics = languages, topics
        self.folder = source.parent
        self.problems: list[Problem] = []
        self.fields: dict[str, Field] = {}

    def problem(self, field: str, message: str, fix: str, line: int | None = None) -> None:
        """Record a mistake; every fix names the case so authors find it in a long log."""
        self.problems.append(
            Problem(self.rel, field, message, in_case(self.case_id, fix), line))

    def read(self) -> Edition | None:
        """Parse and check the whole file."""
        text = self.decode()
        if text is None:
            return None
        self.fields, body = split_header(text)
        for key, field in self.fields.items():
            if key not in REQUIRED and key not in OPTIONAL:
                known = ", ".join(_key(name) for name in [*REQUIRED, *OPTIONAL])
                self.problem(key, Text("unknown field '{field}'", field=_key(key)),
                             Text("fix the spelling or remove it (known fields: {known})", known=known),
                             field.line)
        values = {name: self.required(name) for name in REQUIRED}
        texts = ("title", "abstract", "industry", "country", "audience", "reference", "licence")
        edition = {name: values[name].text if values[name] else "" for name in texts}
        edition |= {
            "lang": self.lang(values["lang"]),
            "authors": self.split(values["authors"], ";"),
            "objectives": tuple(values["objectives"].lines) if values["objectives"] else (),
            "topics": self.topics(values["topics"]),
            "year": self.year(values["year"]),
            "level": self.level(values["level"]),
            "date": self.date(values["date"]),
            "exhibits": self.exhibits(),
            "teaching_note": self.teaching_note(),
        }
        self.check_reference(values["reference"])
        if not body.strip():
            self.problem("edition", Text("the case text after the header is empty"),
                         Text("write the case text after a blank line below the header of {file}",
                              file=self.source.name))
        if self.problems:
            return None
        html = self.body_html(body, edition["lang"])
        if self.problems:
            return None
        return Edition(case_id=self.case_id, source=self.source, body_markdown=body, body_html=html, **edition)

    def body_html(self, body: str, lang: str) -> str:
        """The body converted, or taken from the last build's conversion of the same file."""
        html = conversions.get("case", str(self.source))
        if html is None:
            html = markdown_to_html(body, lang)
            found = refusals(html)
            for refusal in found:
                self.problem("text", Text("{what} is not allowed", what=refusal.what), refusal.fix,
                             locate(self.source.read_text(encoding="utf-8-sig"), refusal))
            if not found:  # refused HTML is never cached: checked again next time
                conversions.put("case", str(self.source), html)
        return html

    def decode(self) -> str | None:
        """The file as text, or None after recording why it cannot be read."""
        raw = self.source.read_bytes()
        if not raw.strip():
            self.problem("edition", Text("the edition file is empty"),
                         Text("write the header and the case text in {file}, or delete it", file=self.source.name))
            return None
        try:
            # utf-8-sig: a byte-order mark left by some editors is harmless.
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.problem("edition", Text("the file is not valid UTF-8 (byte {byte})", byte=error.start),
                         Text("save {file} as UTF-8 in your editor", file=self.source.name), line)
            return None

    def required(self, name: str) -> Field | None:
        """The field, or None after recording that it is missing or empty."""
        field = self.fields.get(name)
        if field is None or not field.lines:
            state = Text("is empty") if field else Text("is missing")
            self.problem(name, Text("required field '{field}' {state}", field=_key(name), state=state),
                         Text("add a line '{key}: {example}' to the header of {file}", key=_key(name),
                              example=REQUIRED[name], file=self.source.name), field.line if field else None)
            return None
        return field

    def split(self, field: Field | None, separator: str) -> tuple[str, ...]:
        """Items of a separated list, over all its lines, without blanks."""
        if field is None:
            return ()
        items = separator.join(field.lines).split(separator)
        return tuple(item.strip() for item in items if item.strip())

    def check_reference(self, field: Field | None) -> None:
        """The Reference names the PDF and the zip: a file name, never a path."""
        if field and not REFERENCE.fullmatch(field.text):
            escapes = any(part in field.text for part in ("/", "\\", ".."))
            what = Text("holds a path ('/', '\\' or '..')") if escapes else Text("is not a plain file name")
            self.problem("reference", Text("Reference '{reference}' {what}: it names the PDF and the zip",
                                           reference=field.text, what=what),
                         Text("use letters, digits and hyphens only, e.g. 'Reference: RB-2025-01-FR'"), field.line)

    def lang(self, field: Field | None) -> str:
        """The edition language, one of the site languages."""
        if field and field.text not in self.languages:
            self.problem("lang", Text("unknown language '{lang}'", lang=field.text),
                         Text("use one of the site languages: {languages}", languages=", ".join(self.languages)),
                         field.line)
        return field.text if field else ""

    def topics(self, field: Field | None) -> tuple[str, ...]:
        """Topic keys, each from the blog's vocabulary."""
        topics = tuple(dict.fromkeys(topic.lower() for topic in self.split(field, ",")))
        unknown = [topic for topic in topics if topic not in self.known_topics]
        if field and unknown:
            self.problem("topics", Text("unknown topic(s): {topics}", topics=", ".join(unknown)),
                         Text("use known topics only: {topics}", topics=", ".join(sorted(self.known_topics))),
                         field.line)
        return topics

    def year(self, field: Field | None) -> int:
        """The year the case is set in."""
        if field and not YEAR.match(field.text):
            self.problem("year", Text("Year '{year}' is not a four-digit year", year=field.text),
                         Text("write the year the case is set in, e.g. 'Year: 2024'"), field.line)
            return 0
        return int(field.text) if field else 0

    def level(self, field: Field | None) -> str:
        """The level of the case, from a fixed list."""
        level = field.text.lower() if field else ""
        if field and level not in LEVELS:
            self.problem("level", Text("unknown level '{level}'", level=field.text),
                         Text("use one of: {choices}", choices=", ".join(LEVELS)), field.line)
        return level

    def date(self, field: Field | None) -> datetime.date:
        """The publication date; a time of day, as Pelican allows, is accepted and dropped."""
        if field:
            try:
                return datetime.datetime.fromisoformat(field.text).date()
            except ValueError:
                self.problem("date", Text("Date '{date}' is not an ISO date", date=field.text),
                             Text("write the publication date as YYYY-MM-DD, e.g. 2025-01-15"),
                             field.line)
        return datetime.date.min

    def path(self, field: str, written: str, line: int) -> Path | None:
        """A file of the case folder, or None after recording why it is refused."""
        found = resolve_inside(self.folder, written)
        # An empty download is a file saved before it was written, or a failed copy.
        if not isinstance(found, Refused) and field == "exhibit" and found.stat().st_size == 0:
            found = Refused(Text("'{path}' is empty (0 bytes)", path=written), escapes=False)
        if not isinstance(found, Refused):
            return found
        if found.escapes:
            fix = Text("copy the file into {folder}/ and give its path relative to the case folder, e.g. "
                       "exhibits/data.csv", folder=self.folder.name)
        else:
            fix = Text("add the file {folder}/{path} or correct the path in {file}", folder=self.folder.name,
                       path=written, file=self.source.name)
        self.problem(field, found.message, fix, line)
        return None

    def exhibits(self) -> tuple[Exhibit, ...]:
        """Exhibits from 'path | title' lines; their file names must differ."""
        field = self.fields.get("exhibits")
        exhibits: dict[str, Exhibit] = {}
        for text, line in zip(field.lines, field.numbers, strict=True) if field else ():
            written, bar, title = (part.strip() for part in text.partition("|"))
            if not bar or not title:
                self.problem("exhibit", Text("exhibit line '{line}' has no title", line=text),
                             Text("write each exhibit as 'path | title'"), line)
                continue
            source = self.path("exhibit", written, line)
            if source is None:
                continue
            if source.name in exhibits:
                self.problem("exhibit", Text("two exhibits are named '{name}'", name=source.name),
                             Text("rename one file: downloads put exhibits in one folder"), line)
                continue
            exhibits[source.name] = Exhibit(source, source.name, title)
        return tuple(exhibits.values())

    def teaching_note(self) -> TeachingNote | None:
        """The teaching note and whether it is restricted."""
        field = self.fields.get("teaching_note")
        access = self.fields.get("teaching_note_access")
        if field is None or not field.lines:
            if access:
                self.problem("teaching_note_access", Text("Teaching_note_access is set but there is no "
                                                          "Teaching_note"),
                             Text("add the Teaching_note path or remove Teaching_note_access"), access.line)
            return None
        source = self.path("teaching_note", field.text, field.line)
        beside_editions = source and source.resolve().parent == self.folder.resolve()
        if beside_editions and source.suffix == ".md":
            # Every *.md at the top of the folder is published as an edition.
            self.problem("teaching_note", Text("the teaching note sits beside the editions, so it would be "
                                               "published as one"),
                         Text("move it into notes/ and update Teaching_note"), field.line)
            source = None
        if access is None or access.text.lower() not in ACCESS:
            state = Text("'{value}' is not valid", value=access.text) if access else Text("is missing")
            self.problem("teaching_note_access", Text("Teaching_note_access {state}", state=state),
                         Text("add 'Teaching_note_access: restricted' (or public)"),
                         access.line if access else field.line)
            return None
        if source is None:
            return None
        return TeachingNote(source, restricted=access.text.lower() == "restricted")
