"""A theme mistake named by its template file and line, not by a bare Jinja message."""

from __future__ import annotations

import os
import traceback

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from .problems import BuildError, Problem
from .texts import Text

FIX = Text("correct the template at that line (see the Jinja message), or restore it from git")


def as_build_error(error: BaseException, theme: str) -> BuildError | None:
    """A BuildError naming the template and line of a Jinja error (syntax or while rendering); else None."""
    if not isinstance(error, TemplateError):
        return None
    if isinstance(error, TemplateSyntaxError) and (error.filename or error.name):
        where, line = error.filename or error.name, error.lineno
    else:
        where, line = _innermost_template(error, theme)
    path = _relative(where, theme) if where else Text("(theme)")
    if isinstance(error, TemplateNotFound):  # Jinja's message is the bare name
        return BuildError([Problem(path, "template", Text("the template '{name}' is not in the theme",
                                                          name=error.name),
                                   Text("correct the name, or add theme/templates/{name}", name=error.name),
                                   line)])
    # Jinja's own words stay as Jinja wrote them (English): only the sentence around them is ours.
    message = Text("template error: {jinja_message}", jinja_message=(error.message or type(error).__name__).rstrip("."))
    return BuildError([Problem(path, "template", message, FIX, line)])


def _innermost_template(error: BaseException, theme: str) -> tuple[str | None, int | None]:
    """Jinja puts template frames into the traceback: the last one under the theme is where it failed."""
    found: tuple[str | None, int | None] = (None, None)
    root = os.path.realpath(theme)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".html") and os.path.realpath(frame.filename).startswith(root):
            found = (frame.filename, frame.lineno)
    return found


def _relative(path: str, theme: str) -> str:
    real, root = os.path.realpath(path), os.path.realpath(theme)
    if real.startswith(root + os.sep):
        return "theme/" + os.path.relpath(real, root).replace(os.sep, "/")
    return path
