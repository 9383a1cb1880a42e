"""Publishing never destroys: wrong targets are refused, a local target is replaced in one rename."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from b2b_blog.publishing import MARKER, PublishRefused, publish_local, publish_rsync, refusal, remote_refusal
from conftest import ROOT


@pytest.fixture
def project(tmp_path) -> Path:
    """A project laid out like ours, with a built output."""
    root = tmp_path / "blog"
    for folder in ("content/fr", "output/fr", "cache", "theme", "plugins", ".git"):
        (root / folder).mkdir(parents=True)
    (root / "content" / "fr" / "post.md").write_text("Title: x\n\ntext\n", encoding="utf-8")
    (root / "output" / "index.html").write_text("<p>new site</p>", encoding="utf-8")
    return root


def _settings(root: Path) -> dict:
    return {"PATH": str(root / "content"), "OUTPUT_PATH": str(root / "output"), "CACHE_PATH": str(root / "cache"),
            "THEME": str(root / "theme")}


@pytest.mark.parametrize(("target", "why"), [
    (".", "is the project itself"),
    ("..", "holds the project"),
    ("/", "root of the file system"),
    ("content", "the content folder"),
    ("content/fr", "inside the content folder"),
    ("output", "the build's output folder"),
    ("output/fr", "inside the build's output folder"),
    ("cache", "the build's cache"),
    ("theme", "the theme"),
    ("plugins", "the plugins"),
    (".git", "the git repository"),
    ("~", "home folder"),
])
def test_dangerous_targets_are_refused_and_nothing_changes(project, target, why, monkeypatch):
    monkeypatch.chdir(project)
    if target == "~":
        monkeypatch.setenv("HOME", str(project.parent))
    before = sorted(str(path) for path in project.parent.rglob("*"))
    reason = refusal(Path(target), project, _settings(project))
    assert reason is not None and why in reason
    with pytest.raises(PublishRefused) as raised:
        publish_local(project / "output", Path(target), project, _settings(project))
    assert "Fix:" in str(raised.value)
    assert sorted(str(path) for path in project.parent.rglob("*")) == before


def test_a_symlink_to_the_project_is_refused(project, tmp_path):
    link = tmp_path / "www"
    link.symlink_to(project)
    assert "is the project itself" in refusal(link, project, _settings(project))


def test_a_non_empty_folder_without_the_marker_is_refused(project, tmp_path):
    target = tmp_path / "someone"
    target.mkdir()
    (target / "thesis.odt").write_bytes(b"years of work")
    with pytest.raises(PublishRefused, match=r"not empty and holds no \.b2b-published"):
        publish_local(project / "output", target, project, _settings(project))
    assert (target / "thesis.odt").read_bytes() == b"years of work"


def test_a_new_folder_then_a_marked_one_is_replaced_whole(project, tmp_path):
    target = tmp_path / "www"
    publish_local(project / "output", target, project, _settings(project))
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>new site</p>"
    assert (target / MARKER).is_file()
    (target / "stale.html").write_text("gone next time", encoding="utf-8")
    inode = (target / "index.html").stat().st_ino
    (project / "output" / "index.html").write_text("<p>newer site</p>", encoding="utf-8")
    publish_local(project / "output", target, project, _settings(project))
    assert (target / "index.html").read_text(encoding="utf-8") == "<p>newer site</p>"
    assert not (target / "stale.html").exists()
    assert (target / "index.html").stat().st_ino != inode  # a new folder, not files rewritten in place
    assert sorted(path.name for path in tmp_path.iterdir()) == ["blog", "www"]  # no staging left


def test_an_empty_folder_is_accepted(project, tmp_path):
    target = tmp_path / "empty"
    target.mkdir()
    publish_local(project / "output", target, project, _settings(project))
    assert (target / "index.html").is_file()


def test_a_killed_publish_staging_folder_is_cleaned(project, tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = tmp_path / f".www.publishing-{dead.pid}"
    leftover.mkdir()
    publish_local(project / "output", tmp_path / "www", project, _settings(project))
    assert not leftover.exists()


@pytest.mark.parametrize("destination", ["host:", "user@host:/", "host:~", "host:~/", "host:."])
def test_rsync_to_a_whole_remote_home_or_root_is_refused(destination, project):
    assert "remote home or root" in remote_refusal(destination, project, _settings(project))


def test_rsync_to_a_folder_of_its_own_is_accepted(project):
    assert remote_refusal("user@host:/var/www/blog/", project, _settings(project)) is None


@pytest.mark.parametrize("host", ["localhost", "me@127.0.0.1", "[::1]"])
def test_rsync_to_this_machine_is_refused_like_a_local_folder(project, host):
    reason = remote_refusal(f"{host}:{project / 'content'}", project, _settings(project))
    assert reason is not None and "the content folder" in reason


needs_rsync = pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")


@needs_rsync
def test_rsync_refuses_a_non_empty_folder_without_the_marker(project, tmp_path):
    target = tmp_path / "remote"
    target.mkdir()
    (target / "thesis.odt").write_bytes(b"years of work")
    with pytest.raises(PublishRefused, match=r"not empty and holds no \.b2b-published"):
        publish_rsync(project / "output", str(target))
    assert sorted(path.name for path in target.iterdir()) == ["thesis.odt"]


@needs_rsync
def test_rsync_creates_then_replaces_an_earlier_publish(project, tmp_path):
    target = tmp_path / "remote"
    publish_rsync(project / "output", str(target))
    assert (target / MARKER).is_file() and (target / "index.html").is_file()
    (target / "stale.html").write_text("gone next time", encoding="utf-8")
    publish_rsync(project / "output", str(target))
    assert not (target / "stale.html").exists()
    assert (target / MARKER).is_file()


def test_invoke_publish_refuses_the_project_before_building(tmp_path):
    result = subprocess.run([sys.executable, "-m", "invoke", "publish"], check=False, cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "BLOG_PUBLISH_TARGET": "."}, timeout=120)
    assert result.returncode != 0
    assert "publish: refused" in result.stderr and "is the project itself" in result.stderr
    assert (ROOT / ".git").exists() and (ROOT / "content").is_dir()
