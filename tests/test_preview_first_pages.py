"""The parts of the preview's first pages that need no browser: the conversion cache read ahead
by a waiting worker, and which pages the server shows over output/ while a build runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

from b2b_blog.conversion_cache import ConversionCache, encode
from b2b_blog.preview.server import _first_page
from b2b_blog.preview.state import BuildState


def saved_cache(folder: Path) -> tuple[ConversionCache, Path]:
    source = folder / "post.md"
    source.write_text("Title: Un billet\n\nUn texte.\n", encoding="utf-8")
    cache = ConversionCache()
    cache.open(str(folder), "settings")
    cache.put("markdown", str(source), ("<p>Un texte.</p>", {"title": ["Un billet"]}, {}, "", 0, 2))
    cache.save()
    return cache, source


def test_a_cache_read_ahead_is_used_only_if_its_file_is_unchanged(tmp_path):
    _cache, source = saved_cache(tmp_path)
    ahead = ConversionCache()
    ahead.preload(str(tmp_path))
    ahead.open(str(tmp_path), "settings")
    assert ahead.get("markdown", str(source))[0] == "<p>Un texte.</p>"
    # Read ahead, then the file is replaced by another build's: the new file is what counts.
    ahead.preload(str(tmp_path))
    other = ConversionCache()
    other.open(str(tmp_path), "settings")
    other.put("markdown", str(source), ("<p>Autre.</p>", {}, {}, "", 0, 1))
    other.save()
    ahead.open(str(tmp_path), "settings")
    assert ahead.get("markdown", str(source))[0] == "<p>Autre.</p>"
    # Other settings: nothing read ahead is used.
    ahead.preload(str(tmp_path))
    ahead.open(str(tmp_path), "other settings")
    assert ahead.get("markdown", str(source)) is None


def test_decoding_gives_back_what_was_encoded(tmp_path):
    value = {("a", 1): [1.5, None, True, "é"], "set": {("x", 2)}, "frozen": frozenset({3}), "nested": (["l"],)}
    cache = ConversionCache()
    cache.open(str(tmp_path), "settings")
    cache.put_value("v", value)
    cache.save()
    again = ConversionCache()
    again.open(str(tmp_path), "settings")
    assert again.get_value("v") == value
    assert json.loads(json.dumps(encode(value))) == encode(value)


def test_only_the_pages_written_first_are_shown_over_the_output(tmp_path):
    page = tmp_path / "slug" / "index.html"
    page.parent.mkdir()
    page.write_text("<h1>revu</h1>", encoding="utf-8")
    pages = {"/slug/": page, "/en/café/": page}
    for asked in ("/slug/", "/slug", "/slug/index.html", "/en/caf%C3%A9/"):
        assert _first_page(pages, asked) == page, asked
    assert _first_page(pages, "/other/") is None
    assert _first_page({}, "/slug/") is None

    state = BuildState()
    state.first_pages(pages)
    # The tabs are told which pages changed, as the browser writes their paths.
    assert state.event() == "1 /en/caf%C3%A9/ /slug/"
    state.finished(False, [])
    assert (state.event(), state.pages) == ("2", {})


def test_a_worker_reads_its_own_options_and_leaves_the_build_its_own(tmp_path):
    from b2b_blog.preview.worker import _options  # noqa: PLC0415

    arguments = ["--settings", "pelicanconf.py", "--warm-cache", str(tmp_path), "--report", "r.json",
                 "--notify-fd", str(os.dup(0))]
    rest, cache, notify = _options(arguments)
    os.close(notify)
    assert rest == ["--settings", "pelicanconf.py", "--report", "r.json"]
    assert cache == str(tmp_path)
