"""Confinement: nothing is read from outside content/, nothing is written outside the output, and no
file of the site is written by two sources."""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import shutil
from pathlib import Path

import pytest
from b2b_blog.logged_errors import ErrorsAsProblems
from b2b_blog.problems import BuildError, problems
from b2b_blog.settings import DEFAULTS
from conftest import ROOT, SITES, build

CASE = (ROOT / "tests" / "bad_inputs" / "case-duplicate-reference" / "content" / "cases" / "mini-cas"
        / "case.fr.md").read_text(encoding="utf-8")
SECRET = "root:$6$not-a-real-hash:19000:0:99999:7:::\n"


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its digest (symlinks not followed)."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


@pytest.fixture
def site(tmp_path) -> Path:
    """The tiny site, a secret file beside it (outside content/), and one good build."""
    content = tmp_path / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    build(content, tmp_path)
    return content


def _case(content: Path, extra: str = "", reference: str = "T-1-FR") -> Path:
    folder = content / "cases" / "mini-cas"
    (folder / "exhibits").mkdir(parents=True, exist_ok=True)
    (folder / "notes").mkdir(exist_ok=True)
    text = CASE.replace("Reference: T-1-FR", f"Reference: {reference}")
    text = text.replace("Licence: CC BY 4.0\n", f"Licence: CC BY 4.0\n{extra}")
    (folder / "case.fr.md").write_text(text, encoding="utf-8")
    return folder


def _refused(content: Path, tmp_path: Path, *fragments: str) -> str:
    before = tree(tmp_path / "output")
    with pytest.raises(BuildError) as raised:
        build(content, tmp_path)
    message = str(raised.value)
    for fragment in fragments:
        assert fragment in message, message
    assert tree(tmp_path / "output") == before
    found = [path for path in (tmp_path / "output").rglob("*") if path.is_file()]
    assert not any(SECRET in path.read_text(encoding="utf-8", errors="replace") for path in found)
    return message


def test_a_post_linked_outside_is_refused(site, tmp_path):
    (site / "fr" / "lien.md").symlink_to(tmp_path / "secret.txt")
    _refused(site, tmp_path, "fr/lien.md", "[symlink]", str(tmp_path / "secret.txt"), "outside the content folder")


def test_a_static_image_linked_outside_is_refused(site, tmp_path):
    (site / "images").mkdir()
    (site / "images" / "logo.png").symlink_to(tmp_path / "secret.txt")
    _refused(site, tmp_path, "images/logo.png", "[symlink]", "secret.txt")


def test_a_folder_linked_outside_is_refused(site, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "billet.md").write_text("Title: Ailleurs\nDate: 2020-01-01\n\nTexte.\n",
                                                      encoding="utf-8")
    (site / "fr" / "ailleurs").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    _refused(site, tmp_path, "fr/ailleurs", "[symlink]")


def test_an_exhibit_linked_outside_is_refused(site, tmp_path):
    folder = _case(site, "Exhibits: exhibits/data.csv | Data\n")
    (folder / "exhibits" / "data.csv").symlink_to(tmp_path / "secret.txt")
    _refused(site, tmp_path, "cases/mini-cas/exhibits/data.csv", "[symlink]")


def test_a_teaching_note_linked_outside_is_refused(site, tmp_path):
    folder = _case(site, "Teaching_note: notes/note.md\nTeaching_note_access: public\n")
    (folder / "notes" / "note.md").symlink_to(tmp_path / "secret.txt")
    _refused(site, tmp_path, "cases/mini-cas/notes/note.md", "[symlink]")


def test_a_case_folder_linked_outside_is_refused(site, tmp_path):
    elsewhere = _case(tmp_path / "other")
    (site / "cases").mkdir()
    (site / "cases" / "mini-cas").symlink_to(elsewhere, target_is_directory=True)
    _refused(site, tmp_path, "cases/mini-cas", "[symlink]")


def test_a_broken_link_and_a_loop_are_refused(site, tmp_path):
    (site / "fr" / "perdu.md").symlink_to(site / "fr" / "nulle-part.md")
    (site / "fr" / "boucle").symlink_to(site / "fr", target_is_directory=True)
    _refused(site, tmp_path, "fr/perdu.md", "does not exist", "fr/boucle", "would never end")


def test_a_link_inside_content_is_accepted(site, tmp_path):
    (site / "images").mkdir()
    (site / "images" / "logo.png").write_bytes(b"\x89PNG fake")
    (site / "images" / "logo-copy.png").symlink_to(site / "images" / "logo.png")
    built = build(site, tmp_path)
    assert (built.output / "images" / "logo-copy.png").read_bytes() == b"\x89PNG fake"


@pytest.mark.parametrize("reference", ["../../../../victim", "..\\..\\victim", "a/b", "/tmp/victim", "x..y"])
def test_a_reference_holding_a_path_writes_nothing_outside(site, tmp_path, reference):
    _case(site, reference=reference)
    around = {folder: tree(folder) for folder in (tmp_path.parent, tmp_path)}
    message = _refused(site, tmp_path, "cases/mini-cas/case.fr.md", "[reference]")
    assert "letters, digits and hyphens" in message
    assert {folder: tree(folder) for folder in around} == around
    assert not list(Path("/").glob("victim*")) and not list(Path("/tmp").glob("victim*"))


@pytest.mark.parametrize("speedups", [True, False])
def test_a_slug_taking_a_listing_is_refused_with_or_without_speedups(site, tmp_path, speedups):
    (site / "fr" / "archives.md").write_text("Title: Archives\nDate: 2020-01-01\nSlug: archives\n\nTexte.\n",
                                             encoding="utf-8")
    before = tree(tmp_path / "output")
    with pytest.raises(BuildError, match=r"archives/index\.html is also written by the archives\.html page"):
        build(site, tmp_path, B2B_SPEEDUPS=speedups)
    assert tree(tmp_path / "output") == before


def test_a_slug_taking_an_unchanged_page_reused_from_the_last_output_is_refused(site, tmp_path):
    # The tags page is unchanged since the good build: the writer links it from the last output.
    (site / "en" / "tags.md").write_text("Title: Tags\nDate: 2020-01-01\nSlug: tags\n\nText.\n", encoding="utf-8")
    _refused(site, tmp_path, "en/tags.md", "en/tags/index.html")


@pytest.mark.parametrize("speedups", [True, False])
def test_pelican_overwrite_error_becomes_a_problem(site, tmp_path, speedups):
    # Two kinds given one slug: one writer writes their listing twice, Pelican's own check, in our words.
    kinds = copy.deepcopy(DEFAULTS["B2B_KINDS"])
    kinds["news"]["fr"]["slug"] = "agenda"
    for name, kind in (("a", "news"), ("b", "agenda")):
        (site / "fr" / f"{name}.md").write_text(f"Title: {name}\nDate: 2020-01-01\nKind: {kind}\n\nTexte.\n",
                                                encoding="utf-8")
    before = tree(tmp_path / "output")
    with pytest.raises(BuildError, match=r"go to one file: .*rubriques/agenda/index.html.*Fix: two posts"):
        build(site, tmp_path, B2B_KINDS=kinds, B2B_SPEEDUPS=speedups)
    assert tree(tmp_path / "output") == before


def test_any_logged_error_becomes_a_problem():
    handler = ErrorsAsProblems("/nowhere")
    logger = logging.getLogger("pelican.some_plugin")
    logger.addHandler(handler)
    problems.clear()
    try:
        logger.error("the plugin broke on %s", "x")
        assert problems.any()
        with pytest.raises(BuildError, match=r"\(pelican.some_plugin\): \[error\] the plugin broke on x"):
            problems.raise_if_any()
    finally:
        logger.removeHandler(handler)
        problems.clear()


def test_markdown_extensions_all_read(site, tmp_path):
    """.markdown, .mkd and .mdown are read like .md: nothing to report, the posts are on the site."""
    for extension in ("markdown", "mkd", "mdown"):
        (site / "fr" / f"billet-{extension}.{extension}").write_text(
            f"Title: Billet {extension}\nDate: 2020-01-01\nSlug: billet-{extension}\nTranslation_key: k-{extension}\n\n"
            "Texte.\n", encoding="utf-8")
    built = build(site, tmp_path)
    for extension in ("markdown", "mkd", "mdown"):
        assert (built.output / f"billet-{extension}" / "index.html").is_file()


def test_editor_leftovers_are_not_reported(site, tmp_path):
    for name in (".billet.md.swp", "billet.md~", "#billet.md#", "photo.jpg"):
        (site / "fr" / name).write_bytes(b"x")
    build(site, tmp_path)
    assert os.path.isdir(tmp_path / "output")


def test_hidden_files_are_never_read_as_posts(site, tmp_path):
    # Emacs locks a file being edited with a dangling link; macOS leaves ._name binary twins on copies.
    (site / "fr" / ".#billet.md").symlink_to("auteur@machine.4242:1700000000")
    (site / "fr" / "._billet.md").write_bytes(b"\x00\x05\x16\x07\x00\x02Mac OS X\xff\xfe")
    (site / "fr" / ".brouillon.md").write_text("Title: Brouillon caché\nDate: 2020-01-01\n\nTexte.\n", encoding="utf-8")
    output = build(site, tmp_path).output
    assert not any(b"Brouillon" in page.read_bytes() for page in output.rglob("*.html"))


def test_a_named_pipe_in_content_is_refused_not_waited_for(site, tmp_path):
    (site / "images").mkdir(exist_ok=True)
    os.mkfifo(site / "images" / "photo.png")
    _refused(site, tmp_path, "images/photo.png", "a named pipe, a socket or a device")


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("Save_as", "/tmp/b2b-absolute-victim.html", "outside the output folder"),
    ("Save_as", "../../b2b-victim.html", "outside the output folder"),
    ("Url", "%2e%2e/%2e%2e/ailleurs/", "leads outside the site"),
    ("Url", "//ailleurs.example/x/", "leads outside the site"),
    ("Save_as", "theme/css/style.css", "theme's static files"),
    ("Save_as", "en/feeds/atom.xml", "the 'en' site's folder"),
])
def test_hostile_paths_in_the_header_are_refused(site, tmp_path, field, value, expected):
    (site / "fr" / "hostile.md").write_text(f"Title: Hostile\nDate: 2020-01-01\n{field}: {value}\n\nTexte.\n",
                                            encoding="utf-8")
    around = tree(tmp_path.parent)
    _refused(site, tmp_path, "fr/hostile.md", expected)
    assert tree(tmp_path.parent) == around
    assert not Path("/tmp/b2b-absolute-victim.html").exists()


def test_a_save_as_into_a_sibling_sharing_the_output_prefix_is_refused(site, tmp_path):
    """Pelican's own check compares string prefixes (getpelican/pelican#3611): `../output.building-N-x/`
    passes it while it leads beside the staging folder of this very build."""
    evil = f"../output.building-{os.getpid()}-x/index.html"
    (site / "fr" / "voisin.md").write_text(f"Title: Voisin\nDate: 2020-01-01\nSave_as: {evil}\n\nTexte.\n",
                                           encoding="utf-8")
    _refused(site, tmp_path, "fr/voisin.md", "outside the output folder")
    assert not list(tmp_path.glob("output.building-*-x"))


def test_a_post_taking_a_case_download_is_named_first(site, tmp_path):
    _case(site)
    (site / "fr" / "intrus.md").write_text("Title: Intrus\nDate: 2020-01-01\nSave_as: formation/cas/mini-cas/t-1-fr.pdf"
                                           "\n\nTexte.\n", encoding="utf-8")
    message = _refused(site, tmp_path, "fr/intrus.md: [save_as] its file formation/cas/mini-cas/t-1-fr.pdf",
                       "the downloads of case 'mini-cas'")
    assert str(site) not in message
