"""Every error that Pelican, a reader or a plugin logs becomes a problem that stops the build.

Pelican logs a file it cannot read (`Could not process ...`, `Skipping ...`) and carries on
without it: the post would vanish from the site with exit code 0.
"""

from __future__ import annotations

import logging
import os
import re
import sys

from .problems import ContentError, Problem, problems
from .texts import Text

logger = logging.getLogger(__name__)

FIELD_EXAMPLES = {"date": "Date: 2024-05-01 09:00", "title": Text("Title: The title of the post")}
GENERIC_FIX = Text("correct what the message says; the build stops on every error, so that nothing is left out "
                   "silently")
MISSING_CATALOG = re.compile(r"Cannot find translations for language '([^']+)'")
NOT_PROCESSED = re.compile(r"^Could not process (?P<path>.+?)(?:\n.*)?$", re.DOTALL)


class ErrorsAsProblems(logging.Handler):
    """A logging handler (on the root logger during a build) turning ERROR records into problems."""

    def __init__(self, content_path: str) -> None:
        super().__init__(level=logging.ERROR)
        self._content = os.path.abspath(content_path)

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "b2b_blog.problems":
            return  # our own problems, already recorded
        found = MISSING_CATALOG.search(record.getMessage())
        if found and record.name.startswith("pelican.plugins.i18n_subsites"):
            # The theme in English for that language: a warning (publishing refuses it), not a missing post.
            logger.warning("b2b_blog: the site in '%s' has no catalog, its theme shows English. Fix: run "
                           "`invoke catalog-update --lang %s` and translate the catalog", found[1], found[1])
            return
        error = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        if isinstance(error, ContentError):
            return  # the reader recorded the file's problems
        problem = self.problem(record, error)
        if problem is not None:
            problems.add(problem)

    def problem(self, record: logging.LogRecord, error: BaseException | None) -> Problem | None:
        """The problem a record tells of: file, field, what is wrong and the fix."""
        message = record.getMessage()
        found = NOT_PROCESSED.match(message)
        if found:
            return self._unreadable(found["path"], error)
        if message.startswith("Skipping ") and record.args:
            path = self._relative(str(record.args[0]))
            if "could not find information about" in message and len(record.args) > 1:
                field = str(record.args[1])
                example = FIELD_EXAMPLES.get(field, f"{field.capitalize()}: ...")
                return Problem(path, field, Text("the header has no '{key}:' line, so Pelican left the file out",
                                                 key=field.capitalize()),
                               Text("add a line like '{example}' to the header", example=example))
            if "outside output path" in message:
                return Problem(path, "save_as", Text("its Save_as leads outside the output folder"),
                               Text("write a Save_as inside the site, without '..', e.g. "
                                    "'Save_as: my-post/index.html'"))
            # Pelican's own words, as it wrote them (English): the page says who said them.
            return Problem(path, "file", Text("{pelican_message}", pelican_message=message), GENERIC_FIX)
        where = self._relative(record.pathname) if record.name.startswith("b2b_blog") else f"({record.name})"
        said = Text("{logged_message}", logged_message=message.splitlines()[0]) if message else \
            Text("an error was logged")
        return Problem(where, "error", said, GENERIC_FIX)

    def _unreadable(self, path: str, error: BaseException | None) -> Problem:
        path = self._relative(path)
        if isinstance(error, RecursionError):
            return Problem(path, "text", Text("the text nests too deeply to be read (lists, quotes or brackets "
                                              "hundreds of levels deep)"),
                           Text("flatten the nesting: a few levels are plenty"))
        said = Text("Pelican could not read the file: {error}", error=f"{type(error).__name__}: {error}") \
            if error is not None else Text("Pelican could not read the file")
        return Problem(path, "file", said,
                       Text("correct the file where the message points; until then it would be missing from the site"))

    def _relative(self, path: str) -> str:
        absolute = os.path.abspath(os.path.join(self._content, path))
        if absolute.startswith(self._content + os.sep):
            return os.path.relpath(absolute, self._content).replace(os.sep, "/")
        return path
