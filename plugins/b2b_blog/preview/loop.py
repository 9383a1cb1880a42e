"""`invoke livereload`: build, serve, and build again in a fresh process after every change.

Each build is a new `python -m b2b_blog` process, so an edit to the theme, the settings or the
plugin's own modules is used by the next build without restarting the server. When only content
files were saved, the build writes their pages first (first_pages.py) and tells this loop through
a pipe: those tabs reload at once, every tab again when the build lands.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..files import folder_stamps
from ..problems import Problem, problem_data
from ..sites import languages
from ..texts import Text
from .server import PreviewSite, make_server
from .state import BuildState


class Rebuilder:
    """Runs each build in a fresh process and records its outcome in the shared state."""

    def __init__(self, root: Path, settings_file: str, report: Path, state: BuildState):
        self.root, self.settings_file, self.report, self.state = root, settings_file, report, state
        self._env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(root / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])])}
        self._ready: subprocess.Popen | None = None
        self._ready_stamp = ""
        self._notices = -1  # the read end of the ready worker's pipe for its first pages
        self.overlay = report.parent / "first-pages"
        self._building = 0  # the number of the build running (0: none), for late notices
        self._count = 0
        self._lock = threading.Lock()

    def _first_pages(self, notices: int, build: int, started: float) -> None:
        """Show the pages a build wrote first, while that build is still running."""
        with os.fdopen(notices, encoding="utf-8") as lines:
            for line in lines:
                pages = {url: Path(path) for url, path in json.loads(line).items()}
                with self._lock:
                    if self._building != build:
                        return
                    print(f"livereload: {', '.join(sorted(pages))} shown in {time.monotonic() - started:.2f} s; "
                          "the rest of the site follows", flush=True)
                    self.state.first_pages(pages)

    def _plugin_stamp(self) -> str:
        return "".join(folder_stamps([self.root / "plugins"]))

    def prepare(self) -> None:
        """Start the next build's process now: its imports (about 0.7 s) are done before the next save."""
        self._ready_stamp = self._plugin_stamp()
        self._notices, write_end = os.pipe()
        try:
            self._ready = subprocess.Popen(
                [sys.executable, "-m", "b2b_blog.preview.worker", "--settings", self.settings_file,
                 "--report", str(self.report), "--warm-cache", str(self.report.parent.parent),
                 "--notify-fd", str(write_end)],
                cwd=self.root, env=self._env, stdin=subprocess.PIPE, text=True, pass_fds=[write_end])
        finally:
            os.close(write_end)  # the worker holds it: the read end ends when the worker does

    def discard(self) -> None:
        if self._ready is not None:
            with contextlib.suppress(OSError):
                self._ready.stdin.close()  # the worker reads an empty line and leaves
            self._ready.wait()
            self._ready = None
            os.close(self._notices)

    def build(self, saved: list[str] | None = None) -> bool:
        """Build in the ready worker; if only content files were `saved`, their pages come first."""
        started = time.monotonic()
        self.report.unlink(missing_ok=True)
        # No tab is shown it: the last build forgot it. A link put in its place goes, not what it points to.
        if self.overlay.is_symlink():
            self.overlay.unlink()
        shutil.rmtree(self.overlay, ignore_errors=True)
        if self._ready is None or self._plugin_stamp() != self._ready_stamp:
            # The plugin changed since the process imported it: a fresh one reads it as it is now.
            self.discard()
            self.prepare()
        process, self._ready = self._ready, None
        with self._lock:
            self._count += 1
            self._building = self._count
        threading.Thread(target=self._first_pages, args=(self._notices, self._count, started),
                         daemon=True).start()
        order = {"first": saved, "overlay": str(self.overlay)} if saved else {}
        process.stdin.write(f"go {json.dumps(order)}\n")
        process.stdin.close()
        code = process.wait()
        with self._lock:
            self._building = 0
        try:
            outcome = json.loads(self.report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # The process died before writing its report (killed, a crash in Python itself).
            outcome = {"ok": False, "problems": [problem_data(Problem(
                Text("(build)"), "process", Text("the build process ended with code {code}", code=code),
                Text("see the terminal for the details")))]}
        failed = code != 0 or not outcome["ok"]
        self.state.finished(failed, outcome["problems"])
        seconds = time.monotonic() - started
        if failed:
            print(f"livereload: the build failed in {seconds:.2f} s; the pages show its problems, "
                  "the last good site stays in output/", file=sys.stderr, flush=True)
        else:
            print(f"livereload: built in {seconds:.2f} s; open pages reload", flush=True)
        self.prepare()
        return not failed


def run(root: Path, settings: dict, settings_file: str, watched: list[Path], host: str, port: int) -> None:
    """Build, serve on host:port, then rebuild on every change until Ctrl-C."""
    state = BuildState()
    report = Path(settings["CACHE_PATH"]).resolve() / "preview" / "last-build.json"
    rebuilder = Rebuilder(root, settings_file, report, state)
    site = PreviewSite(str(Path(settings["OUTPUT_PATH"]).resolve()), str(Path(settings["THEME"]).resolve()),
                       str(Path(settings["CACHE_PATH"]).resolve()), languages(settings), state)
    try:
        server = make_server(site, host, port)  # before the first build: a taken port is said at once
    except OSError as error:
        raise SystemExit(f"livereload: cannot serve on {host}:{port} ({error.strerror}); "
                         "stop what uses it, or choose another port with --port N") from None
    rebuilder.build()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"livereload: serving the blog on http://{host}:{server.server_address[1]}/ "
          "(pages reload after each build; Ctrl-C to stop)", flush=True)
    try:
        for changes in _changes(watched):
            print(f"changed: {', '.join(sorted({Path(p).name for _, p in changes}))}; rebuilding", flush=True)
            rebuilder.build(content_only(changes, Path(settings["PATH"]).resolve()))
    except KeyboardInterrupt:
        pass
    finally:
        rebuilder.discard()
        server.shutdown()
        server.server_close()


def _worth_a_build(_change, path: str) -> bool:
    name = os.path.basename(path)
    return "__pycache__" not in path and not name.endswith((".mo", ".pyc", "~", ".swp", ".swx")) \
        and not name.startswith(".#")


def _changes(watched: list[Path]):
    """Each batch of changes under the watched paths, for as long as the preview runs.

    A watch follows a folder or file, not its name: a `content/` deleted and made again, or a settings
    file an editor replaces by renaming a new one over it, would go unseen from then on. So a watched
    path that is deleted, or comes back with another identity, is watched again and counts as a change.
    """
    from watchfiles import Change, watch  # noqa: PLC0415 - only previewing needs it

    while True:
        present = [path for path in watched if path.exists()]
        if not present:
            time.sleep(1.0)
            continue
        seen = _identities(present)
        for changes in watch(*present, watch_filter=_worth_a_build, rust_timeout=1000, yield_on_timeout=True):
            if changes:
                yield changes
            # The inode alone is not enough: a folder made again at once often gets the same one.
            lost = {Path(path) for kind, path in changes if kind == Change.deleted and Path(path) in watched}
            now = _identities(watched)
            renewed = {path for path in watched
                       if now[path] is not None and (path in lost or now[path] != seen.get(path))}
            if renewed:
                yield {("made anew", str(path)) for path in sorted(renewed)}
            if lost or renewed:
                break


def _identities(paths: list[Path]) -> dict[Path, tuple[int, int] | None]:
    identities = {}
    for path in paths:
        try:
            stat = path.stat()
            identities[path] = (stat.st_dev, stat.st_ino)
        except OSError:
            identities[path] = None
    return identities


def content_only(changes, content: Path) -> list[str] | None:
    """The saved files when all are content files (their pages can come first), else None:
    a change to the theme, the settings or the plugin may change any page."""
    paths = sorted({str(Path(path).resolve()) for _, path in changes})
    if all(Path(path).is_relative_to(content) and Path(path) != content for path in paths):
        return paths
    return None
