"""The work a build hands to other threads and to its last output cannot spoil a site."""

from __future__ import annotations

import hashlib

import pytest
from b2b_blog import writer
from conftest import build


def digests(output):
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


def test_a_file_that_cannot_be_written_fails_the_build_and_keeps_the_last_site(tiny_copy, tmp_path, monkeypatch):
    good = build(tiny_copy, tmp_path)
    before = digests(good.output)
    post = tiny_copy / "en" / "first-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    real_write = writer._write

    def disk_full(path, text, encoding):
        if path.endswith("first-post/index.html"):
            raise OSError(28, "No space left on device")
        real_write(path, text, encoding)

    monkeypatch.setattr(writer, "_write", disk_full)
    with pytest.raises(OSError, match="No space left"):
        build(tiny_copy, tmp_path)
    assert digests(good.output) == before
    assert not list(tmp_path.glob("output.building-*"))


def test_a_page_changed_in_the_output_is_rendered_again_not_reused(tiny_copy, tmp_path):
    good = build(tiny_copy, tmp_path)
    # Someone edits a built page by hand; then an unrelated post changes.
    page = good.output / "premier-billet" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>edited by hand</p></main>"),
                    encoding="utf-8")
    other = tiny_copy / "en" / "english-only.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nOne last line.\n", encoding="utf-8")
    rebuilt = build(tiny_copy, tmp_path)
    assert "edited by hand" not in (rebuilt.output / "premier-billet" / "index.html").read_text(encoding="utf-8")
    plain = build(tiny_copy, tmp_path / "plain", B2B_SPEEDUPS=False)
    assert digests(rebuilt.output) == digests(plain.output)
