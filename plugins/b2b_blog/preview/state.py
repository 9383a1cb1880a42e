"""The outcome of the last build, shared by the preview server's threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote


@dataclass
class BuildState:
    """Build number and problems of the last build; waiting threads wake when a build ends.

    Between a save and the end of its build, `pages` holds the pages of the saved files the
    build wrote first (URL path -> file), shown over output/; the build's end forgets them.
    """

    number: int = 0
    problems: list[dict] = field(default_factory=list)
    failed: bool = False
    pages: dict[str, Path] = field(default_factory=dict)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def finished(self, failed: bool, problems: list[dict]) -> None:
        with self._changed:
            self.number += 1
            self.failed, self.problems, self.pages = failed, problems, {}
            self._changed.notify_all()

    def first_pages(self, pages: dict[str, Path]) -> None:
        """The pages of the saved files, written before the rest of the build: their tabs reload now."""
        with self._changed:
            self.number += 1
            self.pages = pages
            self._changed.notify_all()

    def wait_after(self, number: int, timeout: float) -> int:
        """Wait until a build later than `number` ends (or the timeout); return the last build's number."""
        with self._changed:
            self._changed.wait_for(lambda: self.number != number, timeout)
            return self.number

    def event(self) -> str:
        """What tabs are told: the number, then the only pages that changed if the build is not over."""
        with self._changed:
            return " ".join([str(self.number), *sorted(quote(page) for page in self.pages)])
