"""`invoke livereload`: build, serve, and build again in a fresh process after every change.

Each build is a new `python -m b2b_blog` process, so an edit to the theme, the settings or the
plugin's own modules is used by the next build without restarting the server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..sites import languages
from .server import PreviewSite, make_server
from .state import BuildState


class Rebuilder:
    """Runs one build in a subprocess and records its outcome in the shared state."""

    def __init__(self, root: Path, settings_file: str, report: Path, state: BuildState):
        self.root, self.settings_file, self.report, self.state = root, settings_file, report, state

    def build(self) -> bool:
        started = time.monotonic()
        self.report.unlink(missing_ok=True)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(self.root / "plugins"), *filter(None, [os.environ.get("PYTHONPATH")])])}
        code = subprocess.run([sys.executable, "-m", "b2b_blog", "--settings", self.settings_file,
                               "--report", str(self.report)], cwd=self.root, env=env, check=False).returncode
        try:
            outcome = json.loads(self.report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # The process died before writing its report (killed, a crash in Python itself).
            outcome = {"ok": False, "problems": [{"path": "(build)", "field": "process", "line": None,
                                                  "message": f"the build process ended with code {code}",
                                                  "fix": "see the terminal for the details"}]}
        failed = code != 0 or not outcome["ok"]
        self.state.finished(failed, outcome["problems"])
        seconds = time.monotonic() - started
        if failed:
            print(f"livereload: the build failed in {seconds:.2f} s; the pages show its problems, "
                  "the last good site stays in output/", file=sys.stderr, flush=True)
        else:
            print(f"livereload: built in {seconds:.2f} s; open pages reload", flush=True)
        return not failed


def run(root: Path, settings: dict, settings_file: str, watched: list[Path], host: str, port: int) -> None:
    """Build, serve on host:port, then rebuild on every change until Ctrl-C."""
    from watchfiles import watch  # noqa: PLC0415 - only previewing needs it

    state = BuildState()
    report = Path(settings["CACHE_PATH"]).resolve() / "preview" / "last-build.json"
    rebuilder = Rebuilder(root, settings_file, report, state)
    rebuilder.build()
    site = PreviewSite(str(Path(settings["OUTPUT_PATH"]).resolve()), str(Path(settings["THEME"]).resolve()),
                       str(Path(settings["CACHE_PATH"]).resolve()), languages(settings), state)
    server = make_server(site, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"livereload: serving the blog on http://{host}:{server.server_address[1]}/ "
          "(pages reload after each build; Ctrl-C to stop)", flush=True)
    try:
        for changes in watch(*watched, watch_filter=_worth_a_build):
            print(f"changed: {', '.join(sorted({Path(p).name for _, p in changes}))}; rebuilding", flush=True)
            rebuilder.build()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def _worth_a_build(_change, path: str) -> bool:
    name = os.path.basename(path)
    return "__pycache__" not in path and not name.endswith((".mo", ".pyc", "~", ".swp", ".swx")) \
        and not name.startswith(".#")

