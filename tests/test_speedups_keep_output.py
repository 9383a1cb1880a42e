"""The speed-ups change how long a build takes, never what it writes."""

from __future__ import annotations

import hashlib
import json
import shutil

from conftest import ROOT, build


def digests(output):
    found = {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(output.rglob("*")) if p.is_file()}
    # Pagefind lists its languages in no fixed order: compare each bundle's entry file by content, not bytes.
    for entry in output.rglob("pagefind/pagefind-entry.json"):
        found[entry.relative_to(output).as_posix()] = json.loads(entry.read_text(encoding="utf-8"))
    return found


def test_cached_and_parallel_builds_write_the_same_bytes_as_a_plain_one(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    build(content, tmp_path / "fast")
    french_index = tmp_path / "fast" / "cache" / "pagefind" / "fr" / "fingerprint"
    cached_at = french_index.stat().st_mtime_ns
    # One post edited: the next build takes every other file from the caches.
    post = content / "en" / "why-alliances-fail.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more sentence, added later.\n", encoding="utf-8")
    warm = digests(build(content, tmp_path / "fast").output)
    # The French pages did not change: their search bundle came from the cache, not from Pagefind.
    assert french_index.stat().st_mtime_ns == cached_at
    plain = digests(build(content, tmp_path / "plain", B2B_SPEEDUPS=False).output)
    assert warm == plain
    assert len(plain) > 100
