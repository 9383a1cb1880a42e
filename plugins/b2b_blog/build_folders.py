"""The output and cache folders a build replaces or fills: never the content, the project or someone's files."""

from __future__ import annotations

import os
from pathlib import Path

from .cache_files import read_json
from .problems import BuildError, Problem

WHERE = "(settings)"
FIX = "set it to a folder of its own inside the project, e.g. OUTPUT_PATH = \"output\", CACHE_PATH = \"cache\""


def _sources(settings: dict) -> dict[Path, str]:
    """Folders the build reads, each with what it holds."""
    named = {settings["PATH"]: "the content folder (your posts)", settings["THEME"]: "the theme"}
    named.update({path: "the plugins" for path in settings.get("PLUGIN_PATHS") or []})
    return {Path(folder).resolve(): what for folder, what in named.items()}


def _clash(folder: Path, others: dict[Path, str]) -> str | None:
    """How `folder` overlaps one of `others` (is, holds or sits inside it), or None."""
    for other, what in others.items():
        if folder == other:
            return f"is {what}"
        if other.is_relative_to(folder):
            return f"holds {what} ({other})"
        if folder.is_relative_to(other):
            return f"is inside {what} ({other})"
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
    for name, folder, others in (("OUTPUT_PATH", output, {**sources, cache: "the cache"}),
                                 ("CACHE_PATH", cache, {**sources, output: "the output folder"})):
        reason = _clash(folder, others)
        if reason is None and (folder == Path(folder.anchor) or home.is_relative_to(folder)):
            reason = "is the root of the file system or holds your home folder"
        if reason is None and here.is_relative_to(folder):
            reason = f"holds the folder the build runs in ({here})"
        if reason is None and folder.exists() and not folder.is_dir():
            reason = "is a file, not a folder"
        if reason is None and name == "OUTPUT_PATH" and _not_an_output(folder, settings):
            reason = "is a folder holding other files, not an earlier output (the build replaces it whole)"
        if reason:
            fix = f"remove or rename that file, or {FIX}" if reason.startswith("is a file") else FIX
            found.append(Problem(WHERE, name, f"{name} {folder} {reason}", fix))
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
            return BuildError([Problem(WHERE, "CACHE_PATH", f"the cache entry {name} cannot be used "
                                       f"({error.strerror})", f"delete the cache folder {cache} (`invoke clean`) "
                                       "and build again: it only holds what the build can make again")])
    return None
