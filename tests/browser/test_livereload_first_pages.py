"""`invoke livereload` writes the pages of the files just saved first and shows them over output/
while the rest of the build runs: they are the very pages the build then writes, only the tabs of
those pages reload early, and what is published afterwards is what a clean build writes."""

from __future__ import annotations

import hashlib
import re
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from . import test_livereload as preview
from .test_livereload import edit, open_page, until

pytestmark = pytest.mark.browser
# The project copy and its running `invoke livereload`, as in test_livereload.
project, livereload = preview.project, preview.livereload
FIRST = ("premier-billet/index.html", "en/first-post/index.html")


def log(folder: Path) -> str:
    return (folder / "livereload.log").read_text(encoding="utf-8")


def wait_for_builds(folder: Path, count: int, timeout: float = 30) -> None:
    """Until livereload has ended `count` builds (the first one at start included)."""
    deadline = time.monotonic() + timeout
    while len(re.findall(r"built in|build failed", log(folder))) < count:
        assert time.monotonic() < deadline, log(folder)
        time.sleep(0.05)


def first_pages(folder: Path) -> Path:
    return folder / "cache" / "preview" / "first-pages"


def snapshot(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_first_pages_are_the_pages_the_build_writes(project, livereload, tmp_path):
    from conftest import build  # noqa: PLC0415

    french, english = project / "content" / "fr" / "premier-billet.md", project / "content" / "en" / "first-post.md"
    edit(french, "Title: Premier billet", "Title: Premier billet revu")
    wait_for_builds(project, 2)
    assert "/en/first-post/, /premier-billet/ shown in" in log(project)
    # The French post and its English translation, byte for byte what the build wrote after them.
    for name in FIRST:
        assert (first_pages(project) / name).read_bytes() == (project / "output" / name).read_bytes(), name
    assert "Premier billet revu" in (project / "output" / FIRST[0]).read_text(encoding="utf-8")
    assert not (project / "output.building").exists()

    edit(english, "Title: First post", "Title: First post, revised")  # the translation, saved alone
    wait_for_builds(project, 3)
    for name in FIRST:
        assert (first_pages(project) / name).read_bytes() == (project / "output" / name).read_bytes(), name

    # Two saves 100 ms apart, while a build may be running: the last one wins everywhere.
    edit(french, "Title: Premier billet revu", "Title: Premier billet, première reprise")
    time.sleep(0.1)
    edit(french, "Title: Premier billet, première reprise", "Title: Premier billet, seconde reprise")
    deadline = time.monotonic() + 30
    while "seconde reprise" not in (project / "output" / FIRST[0]).read_text(encoding="utf-8") \
            or "rebuilding" in log(project).rsplit("built in", 1)[-1]:
        assert time.monotonic() < deadline, log(project)
        time.sleep(0.1)
    served = urllib.request.urlopen(livereload + "/premier-billet/", timeout=5).read().decode()
    assert "seconde reprise" in served and "première reprise" not in served

    # Publishing after all this previewing writes what a clean build writes.
    clean = build(project / "content", tmp_path / "clean", THEME=str(project / "theme"))
    assert snapshot(project / "output") == snapshot(clean.output)
    assert not any("first-pages" in name for name in snapshot(project / "output"))


def test_only_the_tabs_of_the_saved_files_reload_before_the_build_lands(browser, project, livereload):
    problems: list[str] = []
    other = open_page(browser, livereload + "/seulement-en-francais/", problems)
    saved = open_page(browser, livereload + "/premier-billet/", problems)
    for tab in (other, saved):
        tab.evaluate("() => { window.b2bMark = true; }")
    post = project / "content" / "fr" / "premier-billet.md"
    edit(post, "Title: Premier billet", "Title: Premier billet revu")
    until(saved, "document.querySelector('h1').textContent.includes('revu')", 15)
    # Told before the tabs are: this build wrote the saved page first.
    assert "/premier-billet/ shown in" in log(project)
    wait_for_builds(project, 2)
    until(other, "!window.b2bMark", 10)  # the other tab reloads once the whole build has landed
    assert "Premier billet revu" in other.locator("body").inner_text()  # it lists the post

    # A post renamed (same slug, new file), then another deleted: the build decides, the tab follows.
    saved.evaluate("() => { window.b2bMark = true; }")
    post.rename(post.with_name("premier-billet-renomme.md"))
    wait_for_builds(project, 3)
    until(saved, "!window.b2bMark && document.querySelector('h1').textContent.includes('revu')", 15)
    deleted = (project / "content" / "fr" / "seulement-en-francais.md").read_text(encoding="utf-8")
    (project / "content" / "fr" / "seulement-en-francais.md").unlink()
    wait_for_builds(project, 4)
    until(other, "document.title === 'Page introuvable'", 15)
    assert status(livereload + "/seulement-en-francais/") == 404
    # Written again: the tab that waited on the missing page comes back by itself.
    (project / "content" / "fr" / "seulement-en-francais.md").write_text(deleted, encoding="utf-8")
    until(other, "document.querySelector('article') !== null", 20)
    assert [problem for problem in problems if "status of 404" not in problem] == []


def test_theme_settings_and_drafts_go_through_the_whole_build(browser, project, livereload):
    problems: list[str] = []
    page = open_page(browser, livereload + "/premier-billet/", problems)
    footer = project / "theme" / "templates" / "partials" / "footer.html"
    edit(footer, "</footer>", "<p>Pied de page revu</p></footer>")
    until(page, "document.body.innerText.includes('Pied de page revu')", 20)
    settings = project / "pelicanconf.py"
    name = re.search(r'^SITENAME = "([^"]+)"', settings.read_text(encoding="utf-8"), re.M)[1]
    edit(settings, f'SITENAME = "{name}"', 'SITENAME = "Le blog revu"')
    until(page, "document.body.innerText.includes('Le blog revu')", 20)
    assert "shown in" not in log(project)  # neither change names the pages it changes: no page comes first

    # A post turned into a draft leaves the site (its draft page is kept apart, for previewing only).
    edit(project / "content" / "fr" / "premier-billet.md", "Kind: point-of-view", "Kind: point-of-view\nStatus: draft")
    wait_for_builds(project, 4)
    until(page, "document.title === 'Page introuvable'", 15)
    assert status(livereload + "/premier-billet/") == 404
    assert "Premier billet" not in urllib.request.urlopen(livereload + "/", timeout=5).read().decode()
    assert [problem for problem in problems if "status of 404" not in problem] == []
