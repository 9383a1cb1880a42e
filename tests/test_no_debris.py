"""A build killed with `kill -9` leaves nothing behind once the next build has run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from b2b_blog.leftovers import remove_dead_leftovers
from conftest import ROOT

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}


def _command(tmp_path: Path) -> list[str]:
    return [sys.executable, "-m", "b2b_blog.build", "--settings", str(ROOT / "pelicanconf.py"),
            "--content", str(tmp_path / "content"), "--output", str(tmp_path / "output"),
            "--cache", str(tmp_path / "cache")]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended, only its exit status is left


def _debris(tmp_path: Path) -> list[str]:
    names = [*tmp_path.glob("output.building-*"), *tmp_path.glob("output.previous-*"),
             *(tmp_path / "cache").rglob("*.building-*")]
    return sorted(str(path.relative_to(tmp_path)) for path in names)


def test_python_m_build_runs_as_its_help_says(tmp_path):
    result = subprocess.run([sys.executable, "-m", "b2b_blog.build", "--help"], check=False, env=ENV,
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "one atomic build" in result.stdout


def _command_line(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.parametrize("helper", ["PDF worker", "Pagefind"])
def test_a_build_killed_mid_way_leaves_no_folder_and_no_process(tmp_path, helper):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    env = dict(ENV)
    if helper == "Pagefind":
        # A Pagefind that takes its time, as on a large site: it must not outlive the build.
        slow = tmp_path / "slow-pagefind"
        slow.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n", encoding="utf-8")
        slow.chmod(0o755)
        env["PAGEFIND_BINARY_PATH"] = str(slow)
    build = subprocess.Popen(_command(tmp_path), env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    staging = tmp_path / f"output.building-{build.pid}"
    helpers: set[int] = set()
    deadline = time.monotonic() + 60
    # Killed while its PDF workers or a Pagefind run go on and its staging folder is half written.
    wanted = (lambda pid: "pagefind" in _command_line(pid)) if helper == "Pagefind" else (lambda _pid: True)
    while time.monotonic() < deadline and build.poll() is None and not (
            staging.is_dir() and any(wanted(pid) for pid in helpers)):
        helpers.update(_children(build.pid))
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before it could be killed"
    assert any(wanted(pid) for pid in helpers), f"no {helper} was seen"
    build.send_signal(signal.SIGKILL)
    build.wait()
    # Killed with it, not left to finish their work: PDF workers and Pagefind runs take seconds.
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline and any(_running(pid) for pid in helpers):
        time.sleep(0.05)
    survivors = [pid for pid in helpers if _running(pid)]
    for pid in survivors:  # not left running if the test fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "a helper process outlived the killed build"
    assert _debris(tmp_path), "the kill left nothing to clean: the test proves nothing"

    # A live build's folder (this test's own pid) must survive the next build's cleaning.
    live = tmp_path / f"output.building-{os.getpid()}"
    live.mkdir()
    subprocess.run(_command(tmp_path), env=ENV, cwd=ROOT, check=True, capture_output=True, timeout=300)
    assert _debris(tmp_path) == [live.name]
    assert (tmp_path / "output" / "index.html").is_file()


def test_only_dead_processes_leftovers_are_removed(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        for pid in (sleeper.pid, dead.pid):
            (tmp_path / f"output.building-{pid}").mkdir()
        (tmp_path / "output.building-notapid").mkdir()
        removed = remove_dead_leftovers(tmp_path, "output.building-")
        assert removed == [tmp_path / f"output.building-{dead.pid}"]
        assert (tmp_path / f"output.building-{sleeper.pid}").is_dir()
        assert (tmp_path / "output.building-notapid").is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()
