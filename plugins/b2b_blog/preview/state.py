"""The outcome of the last build, shared by the preview server's threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class BuildState:
    """Build number and problems of the last build; waiting threads wake when a build ends."""

    number: int = 0
    problems: list[dict] = field(default_factory=list)
    failed: bool = False
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def finished(self, failed: bool, problems: list[dict]) -> None:
        with self._changed:
            self.number += 1
            self.failed, self.problems = failed, problems
            self._changed.notify_all()

    def wait_after(self, number: int, timeout: float) -> int:
        """Wait until a build later than `number` ends (or the timeout); return the last build's number."""
        with self._changed:
            self._changed.wait_for(lambda: self.number != number, timeout)
            return self.number
