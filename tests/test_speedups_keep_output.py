"""The speed-ups change how long a build takes, never what it writes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys

from conftest import ROOT, build


def digests(output):
    found = {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(output.rglob("*")) if p.is_file()}
    # Pagefind lists its languages in no fixed order: compare each bundle's entry file by content, not bytes.
    for entry in output.rglob("pagefind/pagefind-entry.json"):
        found[entry.relative_to(output).as_posix()] = json.loads(entry.read_text(encoding="utf-8"))
    return found


def cli_build(content, folder):
    """A build as its own process, as authors run it: nothing carries over in memory."""
    command = [sys.executable, "-m", "b2b_blog", "--settings", "pelicanconf.py", "--content", str(content),
               "--output", str(folder / "output"), "--cache", str(folder / "cache")]
    subprocess.run(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")}, check=True,
                   capture_output=True)
    return folder / "output"


def test_cached_and_parallel_builds_write_the_same_bytes_as_a_plain_one(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    first = cli_build(content, tmp_path / "fast")
    edited, edited_french = "en/why-alliances-fail/index.html", "diriger-sans-autorite/index.html"
    post_pages = {page.relative_to(first).as_posix(): page for page in first.rglob("index.html")
                  if '<article class="post wrap"' in page.read_text(encoding="utf-8")}
    # Post pages that neither are the edited post nor show its title or link.
    unrelated = [name for name, page in post_pages.items()
                 if "why-alliances-fail" not in page.read_text(encoding="utf-8")]
    assert edited in post_pages and len(unrelated) >= 3
    inodes = {name: page.stat().st_ino for name, page in post_pages.items()}
    french_index = tmp_path / "fast" / "cache" / "pagefind" / "fr" / "fingerprint"
    cached_at = french_index.stat().st_mtime_ns
    # One post edited, its title too: the pages that link to it must show the new title,
    # and the next build takes every other file from the caches.
    post = content / "en" / "why-alliances-fail.md"
    text = post.read_text(encoding="utf-8").replace("Title: Why alliances fail", "Title: Why most alliances fail")
    post.write_text(text + "\nOne more sentence, added later.\n", encoding="utf-8")
    warm_output = cli_build(content, tmp_path / "fast")
    # A post page whose inputs did not change is the first build's file, linked; the edited one is new.
    assert [name for name in unrelated if (warm_output / name).stat().st_ino != inodes[name]] == []
    assert (warm_output / edited).stat().st_ino != inodes[edited]
    # The French pages did not change: their search bundle came from the cache, not from Pagefind.
    assert french_index.stat().st_mtime_ns == cached_at
    # Then a French post's text, not what its summary card shows (title, summary, reading time...).
    french_home_inode = (warm_output / "index.html").stat().st_ino
    french = content / "fr" / "diriger-sans-autorite.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase de plus, ajoutée plus tard.\n",
                      encoding="utf-8")
    warm_output = cli_build(content, tmp_path / "fast")
    warm = digests(warm_output)
    # The French listings show cards only: none changed, so the home page is the first build's file.
    assert (warm_output / "index.html").stat().st_ino == french_home_inode
    assert (warm_output / edited_french).stat().st_ino != inodes[edited_french]
    plain = digests(build(content, tmp_path / "plain", B2B_SPEEDUPS=False).output)
    assert warm == plain
    assert len(plain) > 100
