"""The preview keeps seeing saves when a watched folder is made anew, and reads catalog edits at once."""

from __future__ import annotations

import os
import queue
import shutil
import threading
import time

from b2b_blog.preview.loop import _changes, content_only
from b2b_blog.preview.server import PreviewSite
from b2b_blog.preview.state import BuildState
from conftest import ROOT


def _watching(paths):
    batches: queue.Queue = queue.Queue()

    def follow():
        for changes in _changes(paths):
            batches.put({os.path.basename(path) for _, path in changes})

    threading.Thread(target=follow, daemon=True).start()
    time.sleep(1.5)  # the first watch is in place
    return batches


def _next_with(batches: queue.Queue, name: str, timeout: float = 15.0) -> set[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            batch = batches.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if name in batch:
            return batch
    raise AssertionError(f"no change naming {name} within {timeout} s")


def test_a_content_folder_deleted_and_made_again_is_still_watched(tmp_path):
    content = tmp_path / "content"
    (content / "fr").mkdir(parents=True)
    (content / "fr" / "billet.md").write_text("Title: Un\n\nTexte.\n", encoding="utf-8")
    batches = _watching([content])
    shutil.rmtree(content)
    (content / "fr").mkdir(parents=True)  # `rm -rf content && cp -r copy content`
    (content / "fr" / "billet.md").write_text("Title: Deux\n\nTexte.\n", encoding="utf-8")
    _next_with(batches, "content")  # the folder made anew counts as a change
    time.sleep(1.5)
    (content / "fr" / "billet.md").write_text("Title: Trois\n\nTexte.\n", encoding="utf-8")
    assert "billet.md" in _next_with(batches, "billet.md")


def test_a_settings_file_replaced_by_a_rename_is_still_watched(tmp_path):
    settings = tmp_path / "pelicanconf.py"
    settings.write_text("SITENAME = 'Un'\n", encoding="utf-8")
    batches = _watching([settings])
    for name in ("Deux", "Trois"):  # how many editors save: write a new file, rename it over the old one
        fresh = tmp_path / "pelicanconf.py.new"
        fresh.write_text(f"SITENAME = '{name}'\n", encoding="utf-8")
        fresh.replace(settings)
        _next_with(batches, "pelicanconf.py")
        time.sleep(1.5)


def test_the_content_folder_itself_is_never_a_saved_page(tmp_path):
    content = tmp_path / "content"
    assert content_only({("made anew", str(content))}, content) is None
    assert content_only({("modified", str(content / "fr" / "x.md"))}, content) == [str(content / "fr" / "x.md")]


def test_an_edit_of_the_theme_catalog_reaches_the_error_page_without_a_restart(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("*.mo"))
    state = BuildState()
    state.finished(True, [{"path": "fr/x.md", "field": "date", "line": 2, "message": "m", "fix": "f"}])
    site = PreviewSite(str(tmp_path / "output"), str(theme), str(tmp_path / "cache"), ["fr", "en"], state)
    assert "<dt>Fichier</dt>" in site.error_page("/billet/").decode()
    catalog = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgid "File"\nmsgstr "Fichier"' in text
    catalog.write_text(text.replace('msgid "File"\nmsgstr "Fichier"', 'msgid "File"\nmsgstr "Fichier source"'),
                       encoding="utf-8")
    later = time.time() + 5
    os.utime(catalog, (later, later))  # newer than the compiled catalog, whatever the clock's grain
    assert "<dt>Fichier source</dt>" in site.error_page("/billet/").decode()
