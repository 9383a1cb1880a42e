"""Publishing the built site to a local folder or an rsync target, without ever destroying the wrong folder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .leftovers import C_LIBRARY, remove_dead_leftovers

# Written into every published folder: only a folder holding it may be replaced by a later publish.
MARKER = ".b2b-published"
# [user@]host:path, the host possibly an IPv6 address in brackets.
REMOTE = re.compile(r"^(?:[^@/:]*@)?(\[[^\]]*\]|[^:]*):(.*)$")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
MARKER_TEXT = "This folder was written by `invoke publish`; the next publish replaces it as a whole.\n"


class PublishRefused(Exception):
    """The target would destroy something that is not an earlier publish."""


def protected_folders(project: Path, settings: dict) -> dict[Path, str]:
    """Folders a publish must never replace, nor write into, each with why."""
    project = project.resolve()
    named = {
        settings["PATH"]: "the content folder (your posts)",
        settings["OUTPUT_PATH"]: "the build's output folder",
        settings["CACHE_PATH"]: "the build's cache",
        settings.get("THEME", project / "theme"): "the theme",
        project / "plugins": "the plugins",
        project / ".git": "the git repository",
    }
    return {_absolute(project, folder): reason for folder, reason in named.items()}


def refusal(target: Path, project: Path, settings: dict) -> str | None:
    """Why `target` cannot be a local publish target, or None if it can."""
    project = project.resolve()
    target = _absolute(project, target)
    home = Path(os.path.expanduser("~")).resolve()
    inside = [f"{target} is {reason}" if target == folder else f"{target} is inside {reason} ({folder})"
              for folder, reason in protected_folders(project, settings).items() if target.is_relative_to(folder)]
    # Checked in this order; the first that applies is the reason given.
    checks = (
        (target == Path(target.anchor), f"{target} is the root of the file system"),
        (target == home, f"{target} is your home folder"),
        (target == project, f"{target} is the project itself (content, .git and all)"),
        (project.is_relative_to(target), f"{target} holds the project {project}"),
        (home.is_relative_to(target), f"{target} holds your home folder {home}"),
        (bool(inside), inside[0] if inside else ""),
        (target.exists() and not target.is_dir(), f"{target} is a file, not a folder"),
        (not target.parent.is_dir(), f"the folder above {target} does not exist"),
        (target.is_dir() and any(target.iterdir()) and not (target / MARKER).is_file(),
         f"{target} is not empty and holds no {MARKER} (the mark of an earlier publish): it may be someone's files"),
    )
    return next((reason for failed, reason in checks if failed), None)


def remote_refusal(destination: str, project: Path, settings: dict) -> str | None:
    """Why an rsync target `host:path` is refused: `rsync --delete` would empty a whole home or disk,
    or, on this very machine, one of the folders a local target may not be."""
    found = REMOTE.match(destination)
    host, path = (found[1], found[2]) if found else ("", destination)
    if path.strip() in ("", "/", ".", "./", "~", "~/"):
        return (f"'{destination}' names the remote home or root folder; give a folder of its own, "
                "e.g. host:/var/www/blog/")
    if host.strip("[]") in LOCAL_HOSTS and path.startswith(("/", "~")):
        return refusal(Path(path), project, settings)
    return None


def remote_listing_refusal(destination: str, listing: str) -> str | None:
    """Why `rsync --delete` must not write into a folder that `rsync --list-only` lists as `listing`."""
    names = {fields[4] for fields in (line.split(None, 4) for line in listing.splitlines()) if len(fields) == 5}
    names.discard(".")
    if names and MARKER not in names:
        return (f"'{destination}' is not empty and holds no {MARKER} (the mark of an earlier publish): "
                "it may be someone's files")
    return None


def publish_rsync(output: Path, destination: str) -> None:
    """rsync the site, with --delete, only into a new or empty folder or an earlier publish; then mark it."""
    folder = destination.rstrip("/") + "/"
    listed = subprocess.run(["rsync", "--list-only", folder], capture_output=True, text=True, check=False)
    missing = listed.returncode == 23 and "No such file or directory" in listed.stderr  # rsync creates it
    if listed.returncode != 0 and not missing:
        raise PublishRefused(f"publish: cannot list {destination}: {listed.stderr.strip()}")
    reason = None if missing else remote_listing_refusal(destination, listed.stdout)
    if reason:
        raise PublishRefused(refused_message(reason))
    # The marker is kept through --delete (excluded files are not deleted), then written if missing.
    subprocess.run(["rsync", "--delete", "--exclude", f"/{MARKER}", "-rlptvz", f"{output}/", folder], check=True)
    with tempfile.TemporaryDirectory() as marker_folder:
        marker = Path(marker_folder) / MARKER
        marker.write_text(MARKER_TEXT, encoding="utf-8")
        subprocess.run(["rsync", "-rlptz", str(marker), folder], check=True)


def refused_message(reason: str) -> str:
    """The message for a refused target, with the way out."""
    return (f"publish: refused, {reason}. Fix: publish into a new or empty folder outside the project, "
            f"or one an earlier `invoke publish` wrote (it holds {MARKER})")


def publish_local(output: Path, target: Path, project: Path, settings: dict) -> Path:
    """Copy the built site to `target`, replacing an earlier publish in one rename."""
    reason = refusal(target, project, settings)
    if reason:
        raise PublishRefused(refused_message(reason))
    target = _absolute(project.resolve(), target)
    remove_dead_leftovers(target.parent, f".{target.name}.publishing-")
    remove_dead_leftovers(target.parent, f".{target.name}.replaced-")
    staging = target.with_name(f".{target.name}.publishing-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        shutil.copytree(output, staging, symlinks=True)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        if target.exists():
            _swap(staging, target)  # staging now holds the earlier publish
            shutil.rmtree(staging)
        else:
            staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _absolute(base: Path, path: str | Path) -> Path:
    """`path` made absolute against `base` and resolved (symlinks followed), like the OS will see it."""
    path = Path(os.path.expanduser(str(path)))
    return (path if path.is_absolute() else base / path).resolve()


_RENAME_EXCHANGE = 2  # linux/fs.h


def _swap(first: Path, second: Path) -> None:
    """Exchange two folders at once (renameat2), or by two renames where the system lacks it."""
    renameat2 = getattr(C_LIBRARY, "renameat2", None)
    if renameat2 is not None:
        at_cwd = -100
        if renameat2(at_cwd, os.fsencode(first), at_cwd, os.fsencode(second), _RENAME_EXCHANGE) == 0:
            return
    aside = second.with_name(f".{second.name}.replaced-{os.getpid()}")
    second.rename(aside)
    first.rename(second)
    aside.rename(first)
