"""The output and cache folders a build replaces or fills: never the content, the project or someone's files."""

from __future__ import annotations

import os
from pathlib import Path

from .cache_files import read_json
from .problems import BuildError, Problem
from .texts import Text

WHERE = Text("(settings)")
FIX = Text("set it to a folder of its own inside the project, e.g. OUTPUT_PATH = \"output\", CACHE_PATH = \"cache\"")


def _sources(settings: dict) -> dict[Path, str]:
    """Folders the build reads, each with what it holds."""
    named = {settings["PATH"]: Text("the content folder (your posts)"), settings["THEME"]: Text("the theme")}
    named.update({path: Text("the plugins") for path in settings.get("PLUGIN_PATHS") or []})
    return {Path(folder).resolve(): what for folder, what in named.items()}


def _clash(folder: Path, others: dict[Path, str]) -> str | None:
    """How `folder` overlaps one of `others` (is, holds or sits inside it), or None."""
    for other, what in others.items():
        if folder == other:
            return Text("is {what}", what=what)
        if other.is_relative_to(folder):
            return Text("holds {what} ({folder})", what=what, folder=other)
        if folder.is_relative_to(other):
            return Text("is inside {what} ({folder})", what=what, folder=other)
    return None


def _not_an_output(output: Path, settings: dict) -> bool:
    """A non-empty folder that no earlier build wrote: replacing it would delete someone's files."""
    if not output.is_dir() or not any(output.iterdir()) or (output / "index.html").is_file():
        return False
    last = read_json(Path(settings["CACHE_PATH"]) / "b2b-last-build.json", "the last build's stamp")
    return not (isinstance(last, dict) and last.get("output") == str(output))


def folder_problems(settings: dict) -> list[Problem]:
    """Why OUTPUT_PATH or CACHE_PATH cannot be used; checked before anything is written."""
    output, cache = Path(settings["OUTPUT_PATH"]).resolve(), Path(settings["CACHE_PATH"]).resolve()
    here, home = Path.cwd().resolve(), Path(os.path.expanduser("~")).resolve()
    sources = _sources(settings)
    found = []
    for name, folder, others in (("OUTPUT_PATH", output, {**sources, cache: Text("the cache")}),
                                 ("CACHE_PATH", cache, {**sources, output: Text("the output folder")})):
        reason = _clash(folder, others)
        if reason is None and (folder == Path(folder.anchor) or home.is_relative_to(folder)):
            reason = Text("is the root of the file system or holds your home folder")
        if reason is None and here.is_relative_to(folder):
            reason = Text("holds the folder the build runs in ({folder})", folder=here)
        if reason is None and folder.exists() and not folder.is_dir():
            reason = Text("is a file, not a folder")
        if reason is None and name == "OUTPUT_PATH" and _not_an_output(folder, settings):
            reason = Text("is a folder holding other files, not an earlier output (the build replaces it whole)")
        if reason:
            fix = Text("remove or rename that file, or {fix}", fix=FIX) if reason.startswith("is a file") else FIX
            found.append(Problem(WHERE, name, Text("{setting} {folder} {reason}", setting=name, folder=folder,
                                                   reason=reason), fix))
    return found


def checked_output(settings: dict) -> Path:
    """OUTPUT_PATH resolved, once it and CACHE_PATH are known safe to replace and to fill."""
    if refused := folder_problems(settings):
        raise BuildError(refused)
    return Path(settings["OUTPUT_PATH"]).resolve()


def cache_error(error: BaseException, settings: dict) -> BuildError | None:
    """A cache entry the build cannot use (a file where a folder belongs, or the reverse), named with its fix."""
    cache = Path(settings["CACHE_PATH"]).resolve()
    if not isinstance(error, OSError) or not error.filename:
        return None
    for name in (error.filename, error.filename2):
        if name and Path(name).resolve().is_relative_to(cache):
            # The system's own words for the error (strerror) stay as it says them.
            return BuildError([Problem(WHERE, "CACHE_PATH", Text("the cache entry {entry} cannot be used ({reason})",
                                                                 entry=name, reason=error.strerror),
                                       Text("delete the cache folder {cache} (`invoke clean`) and build again: it "
                                            "only holds what the build can make again", cache=cache))])
    return None
