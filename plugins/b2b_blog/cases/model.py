"""The case library: what a teaching case is, and loading every case of the site."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from ..texts import Text

# Case ids become URL segments and file names.
CASE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Exhibit:
    """A file handed out with the case; `name` is its file name in downloads."""

    source: Path
    name: str
    title: str


@dataclass(frozen=True)
class TeachingNote:
    """The trainer's note; a restricted one is never published."""

    source: Path
    restricted: bool


@dataclass(frozen=True)
class Edition:
    """One language edition of a case, read from one Markdown file."""

    case_id: str
    lang: str
    source: Path
    title: str
    authors: tuple[str, ...]
    abstract: str
    objectives: tuple[str, ...]
    topics: tuple[str, ...]
    industry: str
    country: str
    year: int
    audience: str
    level: str
    date: datetime.date
    reference: str
    licence: str
    exhibits: tuple[Exhibit, ...]
    teaching_note: TeachingNote | None
    body_markdown: str
    body_html: str

    @property
    def folder(self) -> Path:
        """The case folder, against which exhibit paths are read."""
        return self.source.parent


@dataclass(frozen=True)
class Case:
    """A teaching case and its editions, keyed by language in site order."""

    case_id: str
    editions: dict[str, Edition]

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages the case is published in, in site order."""
        return tuple(self.editions)

    @property
    def date(self) -> datetime.date:
        """Publication date of the newest edition."""
        return max(edition.date for edition in self.editions.values())


def in_case(case_id: str, fix: str) -> Text:
    """A fix that names its case, so that authors find it in a long log."""
    return Text("in case '{case}', {fix}", case=case_id, fix=fix)


def load_case_library(
    content_path: Path, cases_dir: str, languages: list[str], known_topics: set[str]
) -> tuple[list[Case], list[Problem]]:
    """Read every case under content_path/cases_dir; newest first, with all problems."""
    root = content_path / cases_dir
    if not root.is_dir():
        return [], []
    cases: list[Case] = []
    problems: list[Problem] = []
    for folder in sorted(root.iterdir()):
        # Hidden folders are editor or system leftovers, not cases.
        if folder.is_dir() and not folder.name.startswith("."):
            case = _load_case(content_path, folder, languages, known_topics, problems)
            if case is not None:
                cases.append(case)
    problems += _duplicate_references(content_path, cases)
    cases.sort(key=lambda case: (-case.date.toordinal(), case.case_id))
    return cases, problems


def _load_case(
    content_path: Path,
    folder: Path,
    languages: list[str],
    known_topics: set[str],
    problems: list[Problem],
) -> Case | None:
    """Read the editions of one case folder, adding its problems to `problems`."""
    # Imported here because reader builds the dataclasses defined in this module.
    from .reader import read_edition  # noqa: PLC0415 - see the comment above

    case_id = folder.name
    where = folder.relative_to(content_path).as_posix()
    if not CASE_ID.match(case_id):
        problems.append(Problem(
            where, "edition", Text("the case id '{case}' is not a URL slug", case=case_id),
            Text("rename the folder of case '{case}' with lower-case letters, digits and hyphens only, e.g. "
                 "acme-key-accounts", case=case_id)))
    sources = sorted(folder.glob("*.md"))
    if not sources:
        problems.append(Problem(
            where, "edition", Text("the case folder holds no edition (*.md file)"),
            Text("add {folder}/case.fr.md to case '{case}', or delete the folder", folder=where, case=case_id)))
    editions: dict[str, Edition] = {}
    for source in sources:
        rel = source.relative_to(content_path).as_posix()
        edition, found = read_edition(source, rel, case_id, languages, known_topics)
        problems += found
        if edition is None:
            continue
        if edition.lang in editions:
            other = editions[edition.lang].source.name
            problems.append(Problem(
                rel, "lang", Text("{file} and {other} are both in '{lang}'", file=source.name, other=other,
                                  lang=edition.lang),
                in_case(case_id, Text("keep one edition per language: fix the Lang of {file} or merge it into {other}",
                                      file=source.name, other=other))))
            continue
        editions[edition.lang] = edition
    problems += _teaching_note_leaks(content_path, case_id, list(editions.values()))
    if not editions:
        return None
    ordered = {lang: editions[lang] for lang in languages if lang in editions}
    return Case(case_id, ordered)


def _teaching_note_leaks(
    content_path: Path, case_id: str, editions: list[Edition]
) -> list[Problem]:
    """Problems that would publish a restricted note through another edition."""
    restricted = {
        edition.teaching_note.source.resolve()
        for edition in editions
        if edition.teaching_note and edition.teaching_note.restricted
    }
    problems = []
    for edition in editions:
        rel = edition.source.relative_to(content_path).as_posix()
        note = edition.teaching_note
        if note and not note.restricted and note.source.resolve() in restricted:
            problems.append(Problem(
                rel, "teaching_note_access",
                Text("the teaching note is public here but restricted in another edition"),
                in_case(case_id, Text("give every edition the same Teaching_note_access for this note"))))
        for exhibit in edition.exhibits:
            if exhibit.source.resolve() in restricted:
                problems.append(Problem(
                    rel, "exhibit",
                    Text("exhibit '{name}' is the restricted teaching note", name=exhibit.name),
                    in_case(case_id, Text("remove the teaching note from Exhibits"))))
    return problems


def _duplicate_references(content_path: Path, cases: list[Case]) -> list[Problem]:
    """One problem per edition reusing a Reference already taken in the library."""
    editions = sorted(
        (edition for case in cases for edition in case.editions.values()),
        key=lambda edition: edition.source.as_posix(),
    )
    first: dict[str, str] = {}
    problems = []
    for edition in editions:
        rel = edition.source.relative_to(content_path).as_posix()
        if edition.reference in first:
            problems.append(Problem(
                rel, "reference",
                Text("Reference '{reference}' is already used by {other}", reference=edition.reference,
                     other=first[edition.reference]),
                in_case(edition.case_id, Text("give {file} a Reference no other edition uses",
                                              file=edition.source.name))))
        else:
            first[edition.reference] = rel
    return problems
