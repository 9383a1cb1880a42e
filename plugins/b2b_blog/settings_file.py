"""The settings file read by Pelican, its mistakes named by file and line instead of a traceback."""

from __future__ import annotations

import logging
import os
import re
import traceback

from .problems import BuildError, Problem
from .texts import Text

MISSING_THEME = "Could not find the theme "
# Pelican's warning when a list setting is a text: it then uses its default (ARTICLE_PATHS = "fr"
# reads the whole content folder, cases included, as posts).
NOT_A_LIST = re.compile(r"Detected misconfiguration with (?P<name>\w+) setting \(must be a list\)")


class _NotAList(logging.Handler):
    """Keeps the names of the list settings Pelican found written as a text."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.names: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if found := NOT_A_LIST.match(record.getMessage()):
            self.names.append(found["name"])


def read_settings_file(path: str, override: dict | None = None) -> dict:
    """Pelican's settings from `path`; a BuildError naming the line when the file cannot be run."""
    from pelican.settings import read_settings  # noqa: PLC0415 - Pelican loads this module's plugin

    from .settings_check import plugins  # noqa: PLC0415 - it imports Pelican's settings

    name = os.path.basename(path)
    texts = _NotAList()
    logging.getLogger("pelican.settings").addHandler(texts)
    try:
        settings = read_settings(path, override=override)
    except SyntaxError as error:
        raise BuildError([syntax_problem(error, name)]) from None
    except ValueError as error:
        if not str(error).startswith(MISSING_THEME):
            raise _stopped(name, path, error) from None
        theme = str(error)[len(MISSING_THEME):]
        raise BuildError([Problem(name, "THEME", Text("the theme folder '{theme}' does not exist", theme=theme),
                                  Text("set THEME to the theme's folder, e.g. THEME = \"theme\""))]) from None
    except Exception as error:  # noqa: BLE001 - any error of the author's Python is theirs to fix
        raise _stopped(name, path, error) from None
    finally:
        logging.getLogger("pelican.settings").removeHandler(texts)
    if texts.names:
        raise BuildError([Problem(name, setting, Text("{name} is a text, where a list is expected: Pelican would "
                                                      "use its default instead", name=setting),
                                  Text("write it as a list, in square brackets: {name} = [\"...\"]", name=setting))
                          for setting in texts.names])
    if mistakes := plugins(settings):
        raise BuildError(mistakes)
    return settings


def syntax_problem(error: SyntaxError, name: str | None = None) -> Problem:
    """A settings file Python cannot read, at its line, with Python's words."""
    return Problem(name or os.path.basename(error.filename or "pelicanconf.py"), "settings",
                   Text("Python cannot read the settings: {reason}", reason=error.msg),
                   Text("correct the syntax at that line (a bracket or quote left open?)"), error.lineno)


def _stopped(name: str, path: str, error: Exception) -> BuildError:
    """The line of the settings file where running it failed, with Python's words."""
    real = os.path.realpath(path)
    line = next((frame.lineno for frame in reversed(traceback.extract_tb(error.__traceback__))
                 if os.path.realpath(frame.filename) == real), None)
    fix = Text("put a text value in quotes, e.g. TIMEZONE = \"Europe/Paris\"") if isinstance(error, NameError) \
        else Text("correct that line; a value read from the environment can have a default: "
                  "os.environ.get(\"NAME\", \"\")") if isinstance(error, KeyError) \
        else Text("correct that line of the settings")
    return BuildError([Problem(name, "settings", Text("running the settings stops with {kind}: {error}",
                                                      kind=type(error).__name__, error=str(error)), fix, line)])
