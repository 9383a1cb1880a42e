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


def post_pages(output):
    return {page.relative_to(output).as_posix(): page.stat().st_ino for page in output.rglob("index.html")
            if '<article class="post wrap"' in page.read_text(encoding="utf-8")}


def files_by_inode(output, name):
    return {path.relative_to(output).as_posix(): path.stat().st_ino for path in output.rglob(name)}


def test_cached_and_parallel_builds_write_the_same_bytes_as_a_plain_one(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    first = post_pages(cli_build(content, tmp_path / "fast"))
    edited, edited_french = "en/why-alliances-fail/index.html", "diriger-sans-autorite/index.html"
    assert {edited, edited_french} <= first.keys()
    french_index = tmp_path / "fast" / "cache" / "pagefind" / "fr" / "fingerprint"
    cached_at = french_index.stat().st_mtime_ns
    # One post edited, its title too: the pages that show it (neighbours, related posts,
    # listings) must show the new title.
    post = content / "en" / "why-alliances-fail.md"
    text = post.read_text(encoding="utf-8").replace("Title: Why alliances fail", "Title: Why most alliances fail")
    post.write_text(text + "\nOne more sentence, added later.\n", encoding="utf-8")
    warm_output = cli_build(content, tmp_path / "fast")
    second = post_pages(warm_output)
    assert second[edited] != first[edited]
    # The French pages did not change: their search bundle came from the cache, not from Pagefind.
    assert french_index.stat().st_mtime_ns == cached_at
    # Then a French post's text, not what its summary card shows (title, summary, reading time...):
    # every other page is the last build's file, linked, listings included.
    french_home = (warm_output / "index.html").stat().st_ino
    feeds_before = files_by_inode(warm_output, "atom.xml")
    french = content / "fr" / "diriger-sans-autorite.md"
    french.write_text(french.read_text(encoding="utf-8") + "\nUne phrase de plus, ajoutée plus tard.\n",
                      encoding="utf-8")
    warm_output = cli_build(content, tmp_path / "fast")
    third = post_pages(warm_output)
    assert [name for name in third if name != edited_french and third[name] != second[name]] == []
    assert third[edited_french] != second[edited_french]
    assert (warm_output / "index.html").stat().st_ino == french_home
    # Feeds carry whole posts: the French language feed is written again, the English ones are reused.
    feeds_after = files_by_inode(warm_output, "atom.xml")
    assert feeds_after["feeds/atom.xml"] != feeds_before["feeds/atom.xml"]
    english_feeds = [name for name in feeds_after if name.startswith("en/")]
    assert english_feeds and all(feeds_after[name] == feeds_before[name] for name in english_feeds)
    # Case bundles are copied from their cache, not compressed again; never linked to it.
    bundles = list(warm_output.rglob("*.zip"))
    cached = {path.read_bytes(): path.stat().st_mtime_ns
              for path in (tmp_path / "fast" / "cache" / "case-bundles").glob("*.zip")}
    assert bundles and all(bundle.stat().st_nlink == 1 and bundle.read_bytes() in cached for bundle in bundles)
    assert all(mtime < bundles[0].stat().st_mtime_ns for mtime in cached.values())
    # Every page, including those reused through both edits, is what a plain build writes.
    warm = digests(warm_output)
    plain = digests(build(content, tmp_path / "plain", B2B_SPEEDUPS=False).output)
    assert warm == plain
    assert len(plain) > 100
    # One search bundle per language, each indexing its own language only.
    assert plain["pagefind/pagefind-entry.json"]["languages"].keys() == {"fr"}
    assert plain["en/pagefind/pagefind-entry.json"]["languages"].keys() == {"en"}
