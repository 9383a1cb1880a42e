"""Author mistakes found while reading content, reported all at once."""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields

from .texts import Text, languages, said

logger = logging.getLogger(__name__)


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one source file, with the way to fix it."""

    path: str
    field: str
    message: str
    fix: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.field}] {self.message}. Fix: {self.fix}"


class ContentError(Exception):
    """Raised by a reader to skip a file whose problems were recorded."""


class BuildError(Exception):
    """The build stopped because the content holds mistakes."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        # Each problem once, then the count on one line: the last line the author sees.
        lines = [f"  - {problem}" for problem in self.problems]
        lines.append(f"b2b_blog: the build stopped, {len(self.problems)} problem(s) to fix (listed above)")
        super().__init__("\n".join(lines))

    def as_json(self) -> list[dict]:
        """The problems as plain data, for the preview's error page."""
        return [problem_data(problem) for problem in self.problems]


# What the preview's error page says of a problem in the page's language.
SAID = ("path", "field", "message", "fix")
# Fields that name a part of the file or of the build rather than a header key: said in the page's language.
PARTS = {"file": Text("file"), "(file)": Text("(file)"), "header": Text("header"), "text": Text("text"),
         "encoding": Text("encoding"), "symlink": Text("symlink"), "link": Text("link"), "error": Text("error"),
         "warning": Text("warning"), "process": Text("process"), "settings": Text("settings"), "font": Text("font"),
         "redirects": Text("redirects"), "edition": Text("edition"), "format": Text("format")}


def problem_data(problem: Problem) -> dict:
    """The problem as plain data: its English words, and under "said" the same in every language of a catalog."""
    data = {item.name: getattr(problem, item.name) for item in fields(problem)}
    data = {name: str(value) if isinstance(value, str) else value for name, value in data.items()}
    words = {name: getattr(problem, name) for name in SAID}
    if not isinstance(words["field"], Text):
        words["field"] = PARTS.get(words["field"], words["field"])
    data["said"] = {lang: {name: said(value, lang) for name, value in words.items()} for lang in languages()}
    return data


class ProblemLog:
    """Problems of the current build; the same mistake seen by two subsites counts once."""

    def __init__(self) -> None:
        self._problems: set[Problem] = set()
        self._paths: set[str] = set()

    def add(self, problem: Problem) -> None:
        # Not logged here: the BuildError lists every problem once, with the count.
        if problem not in self._problems:
            logger.debug("b2b_blog: %s", problem)
        self._problems.add(problem)
        self._paths.add(problem.path)

    def recorded(self, path: str) -> bool:
        """True when a problem of this source file is already recorded."""
        return path in self._paths

    def clear(self) -> None:
        self._problems.clear()
        self._paths.clear()

    def any(self) -> bool:
        return bool(self._problems)

    def raise_if_any(self) -> None:
        if self._problems:
            raise BuildError(list(self._problems))


problems = ProblemLog()


class AlreadyReported(logging.Filter):
    """Drops Pelican's "Could not process <file>" when the file's problems are already recorded."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == "Could not process %s" and record.args:
            path = str(record.args[0] if isinstance(record.args, tuple) else record.args)
            return not problems.recorded(path.replace("\\", "/"))
        return True


logging.getLogger("pelican.generators").addFilter(AlreadyReported())
