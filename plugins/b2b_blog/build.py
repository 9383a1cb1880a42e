"""Atomic builds: the new site replaces the last good one only once it is complete."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pelican import Pelican
from pelican.writers import FileOverwriteFailedError

from . import schedule
from . import settings as plugin_settings
from .build_folders import cache_error, checked_output
from .cache_files import read_json
from .comments.config import database_stamp
from .files import folder_stamps
from .leftovers import remove_dead_leftovers
from .logged_errors import ErrorsAsProblems
from .problems import BuildError, Problem, problem_data, problems
from .render_cache import render_cache
from .settings_file import syntax_problem
from .template_errors import as_build_error
from .texts import Text


class WarningCollector(logging.Handler):
    """Keeps the warnings of one build, so that publishing can refuse them."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.messages.append(record.getMessage())


def inputs_fingerprint(settings: dict) -> str:
    """A digest of everything a build reads: settings, content, theme and plugin files."""
    digest = hashlib.sha256()
    digest.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    for line in folder_stamps([settings["PATH"], settings["THEME"], *settings.get("PLUGIN_PATHS", [])]):
        digest.update(line.encode())
    digest.update(database_stamp(settings).encode())  # an approved comment is a change
    return digest.hexdigest()


def _stamp_file(settings: dict) -> Path:
    return Path(settings["CACHE_PATH"]) / "b2b-last-build.json"


def _up_to_date(stamp: Path, fingerprint: str, output: Path) -> bool:
    """The last good build read the same inputs, and no post waiting for its date has reached it."""
    last = read_json(stamp, "the last build's stamp")
    if not isinstance(last, dict):
        return False
    return last.get("fingerprint") == fingerprint and last.get("output") == str(output) \
        and not schedule.release_due(last.get("next_release"))


def build_site(settings: dict) -> Path:
    """Build into a staging folder, then swap it in; a failed build leaves the output untouched.

    When nothing the build reads has changed since the last good build, the output stays as it is.
    """
    output = checked_output(settings)  # before anything is written or replaced
    fingerprint = inputs_fingerprint(settings)
    stamp = _stamp_file(settings)
    skip = plugin_settings.get(settings, "B2B_SKIP_UNCHANGED") and plugin_settings.get(settings, "B2B_SPEEDUPS")
    if skip and output.is_dir() and _up_to_date(stamp, fingerprint, output):
        print(f"b2b_blog: nothing changed since the last build; {output} is up to date")
        return output
    # One staging folder per process: two builds at once never write into each other's.
    staging = output.with_name(f"{output.name}.building-{os.getpid()}")
    previous = output.with_name(f"{output.name}.previous-{os.getpid()}")
    _clear_leftovers(output, staging, previous)
    warnings = WarningCollector()
    watched = [logging.getLogger(name) for name in ("pelican", "b2b_blog")]
    for logger in watched:
        logger.addHandler(warnings)
    if plugin_settings.get(settings, "B2B_SPEEDUPS"):
        render_cache.open(settings["CACHE_PATH"], output, staging)
    errors = ErrorsAsProblems(settings["PATH"])
    logging.getLogger().addHandler(errors)
    try:
        try:
            Pelican({**settings, "OUTPUT_PATH": str(staging)}).run()
        except FileOverwriteFailedError as error:
            # Two pages of one site written to the same file: Pelican's own check, in our words.
            written = str(error).replace(str(staging), str(output))
            raise BuildError([Problem(Text("(site)"), "save_as",
                                      Text("two pages of the site go to one file: {pelican_message}",
                                           pelican_message=written),
                                      Text("two posts, pages, tags, kinds or topics have the same slug or Save_as: "
                                           "give one of them another"))]) from None
        problems.raise_if_any()  # an error logged after the content was checked
        if warnings.messages and plugin_settings.get(settings, "B2B_WARNINGS_ARE_ERRORS"):
            raise BuildError([Problem(Text("(build)"), "warning", Text("{warning}", warning=message),
                                      Text("fix the cause, or set B2B_WARNINGS_ARE_ERRORS = False to let warnings "
                                           "through"))
                              for message in warnings.messages])
    except BaseException as error:
        from .handlers import stop_background_work  # noqa: PLC0415 - handlers imports Pelican's plugins

        stop_background_work()
        render_cache.close()
        shutil.rmtree(staging, ignore_errors=True)
        named = as_build_error(error, settings["THEME"]) or cache_error(error, settings)
        if named is not None:
            raise named from error
        raise
    finally:
        logging.getLogger().removeHandler(errors)
        for logger in watched:
            logger.removeHandler(warnings)
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    render_cache.save()
    if plugin_settings.get(settings, "B2B_SPEEDUPS"):
        _remove_in_background(previous)
    else:
        shutil.rmtree(previous, ignore_errors=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    release = schedule.next_release()
    stamp.write_text(json.dumps({"fingerprint": fingerprint, "output": str(output),
                                 "next_release": release.isoformat() if release else None}), encoding="utf-8")
    return output


def _clear_leftovers(output: Path, staging: Path, previous: Path) -> None:
    """This process's folders from an earlier build, and those a build killed by `kill -9` left."""
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    for kind in ("building", "previous"):  # a build still running keeps its own
        remove_dead_leftovers(output.parent, f"{output.name}.{kind}-")


def _remove_in_background(folder: Path) -> None:
    """Delete the replaced site after the build returns: the new one is already in place."""
    if folder.exists():
        subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                          str(folder)], start_new_session=True, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def clean_outputs(settings: dict) -> list[Path]:
    """Remove the output, the cache and any half-built leftovers; nothing else."""
    output = checked_output(settings)
    made = [output, *output.parent.glob(f"{output.name}.building-*"),
            *output.parent.glob(f"{output.name}.previous-*"), Path(settings["CACHE_PATH"]).resolve()]
    removed = []
    for path in made:
        if path.exists():
            shutil.rmtree(path)
            removed.append(path)
    return removed


def main(argv: list[str] | None = None) -> int:
    """`python -m b2b_blog.build`: one atomic build, for scripts and benchmarks."""
    import argparse  # noqa: PLC0415
    import logging  # noqa: PLC0415

    from pelican.log import init  # noqa: PLC0415

    from .settings_file import read_settings_file  # noqa: PLC0415 - names the settings file's mistakes

    parser = argparse.ArgumentParser(description=main.__doc__,
                                     epilog="Run it from the project folder with PYTHONPATH=plugins.")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("--output", help="output folder (default: the settings' OUTPUT_PATH)")
    parser.add_argument("--cache", help="cache folder (default: the settings' CACHE_PATH)")
    parser.add_argument("--report", help="write the outcome (ok, problems) to this JSON file, for the preview")
    args = parser.parse_args(argv)
    init(level=logging.WARNING)
    # Relative to where the command runs, not to the settings file.
    override = {key: os.path.abspath(value) for key, value in (("PATH", args.content), ("OUTPUT_PATH", args.output),
                                                               ("CACHE_PATH", args.cache)) if value}
    try:
        build_site(read_settings_file(args.settings, override=override))
    except Exception as error:  # noqa: BLE001 - the author reads the message, not a traceback
        print(error, file=sys.stderr)
        if args.report:
            write_report(Path(args.report), error)
        return 1
    if args.report:
        write_report(Path(args.report), None)
    return 0


def write_report(path: Path, error: Exception | None) -> None:
    """The build's outcome as JSON: the preview server shows its problems in the page."""
    if error is None:
        found = []
    elif isinstance(error, BuildError):
        found = error.as_json()
    elif isinstance(error, SyntaxError):  # the settings file is Python
        found = [problem_data(syntax_problem(error))]
    else:
        # Our own message when the error carries one, else the error's words as they are.
        detail = error.args[0] if error.args and isinstance(error.args[0], Text) and len(error.args) == 1 \
            else Text("{error}", error=str(error) or repr(error))
        found = [problem_data(Problem(Text("(build)"), type(error).__name__, detail,
                                      Text("see the terminal for the details")))]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    partial.write_text(json.dumps({"ok": error is None, "problems": found}, ensure_ascii=False), encoding="utf-8")
    partial.replace(path)


if __name__ == "__main__":
    raise SystemExit(main())
