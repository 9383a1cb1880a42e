"""Mistakes are reported together; a corrected or unchanged site builds as it should."""

from __future__ import annotations

import pytest
from b2b_blog.problems import BuildError
from conftest import build

# Three mistakes in three files (one by kind: tests/bad_inputs/ covers each kind alone).
MISTAKES = {
    "bad-date": ("en/bad-date.md", "Title: Bad date\nDate: 31/31/2020\n\nText.\n"),
    "unknown-kind": ("en/bad-kind.md", "Title: Bad kind\nDate: 2020-01-01\nKind: rant\n\nText.\n"),
    "empty-file": ("fr/vide.md", ""),
}


def test_every_mistake_is_reported_in_one_build(tiny_copy, tmp_path):
    for relative, text in MISTAKES.values():
        (tiny_copy / relative).write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path)
    assert len(raised.value.problems) == 3
    # The next, corrected build works in the same process.
    for relative, _ in MISTAKES.values():
        (tiny_copy / relative).unlink()
    assert build(tiny_copy, tmp_path).path("/en/").exists()


def test_an_unchanged_site_is_not_built_again_and_a_change_is(tiny_copy, tmp_path):
    first = build(tiny_copy, tmp_path)
    index = first.output / "index.html"
    before = index.stat().st_mtime_ns
    build(tiny_copy, tmp_path)
    assert index.stat().st_mtime_ns == before
    post = tiny_copy / "fr" / "premier-billet.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Premier billet", "Premier billet revu"), encoding="utf-8")
    rebuilt = build(tiny_copy, tmp_path)
    assert "Premier billet revu" in rebuilt.path("/").read_text(encoding="utf-8")


def test_a_broken_link_in_english_is_reported_with_a_french_mistake(tiny_copy, tmp_path):
    (tiny_copy / "fr" / "date.md").write_text("Title: Date\nDate: 31/31/2020\n\nTexte.\n", encoding="utf-8")
    (tiny_copy / "en" / "link.md").write_text("Title: Link\nDate: 2020-01-01\n\nSee [it]({filename}nope.md).\n",
                                              encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path)
    assert [problem.path for problem in raised.value.problems] == ["en/link.md", "fr/date.md"]
