"""Author mistakes found while reading content, reported all at once."""

from __future__ import annotations

import logging
from dataclasses import dataclass

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
        lines = [f"b2b_blog: the build stopped, {len(self.problems)} problem(s) to fix:"]
        lines += [f"  - {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))


class ProblemLog:
    """Problems of the current build; the same mistake seen by two subsites counts once."""

    def __init__(self) -> None:
        self._problems: set[Problem] = set()

    def add(self, problem: Problem) -> None:
        if problem not in self._problems:
            logger.error("b2b_blog: %s", problem)
        self._problems.add(problem)

    def clear(self) -> None:
        self._problems.clear()

    def any(self) -> bool:
        return bool(self._problems)

    def raise_if_any(self) -> None:
        if self._problems:
            raise BuildError(list(self._problems))


problems = ProblemLog()
