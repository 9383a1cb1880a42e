"""Restricted material never leaks, however it is quoted, and what every page shares is never a leak."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from b2b_blog.checks import run_check
from b2b_blog.checks.leaks import Secret, Unreadable, document_text, fold, leaks, private_material
from conftest import ROOT, SITES, build, site_settings

CASE = ROOT / "content" / "cases" / "alliance-nordsud"
# A post quoting the restricted note's middle: case, accents, spacing, quotes, a line break and bold changed.
QUOTING_POST = """Title: Ce que disent les formateurs
Date: 2021-05-01
Topics: partnerships

Une formatrice nous écrit que le cas « alliance » demande du travail : il SUPPOSE une premiere familiarite
avec la   **notion de meilleure solution** de repli (la batna de Fisher et Ury), et elle pose la question
"Qu’est-ce que chaque partie cherche vraiment a obtenir?" dès le début.
"""
SENTENCE = "Le comité de pilotage a décidé en secret de céder la filiale lyonnaise avant la fin du trimestre prochain."


@pytest.fixture(scope="module")
def quoted(tmp_path_factory):
    """The tiny site, a case with a restricted note, and a public post quoting that note."""
    tmp = tmp_path_factory.mktemp("quoted")
    content = tmp / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    shutil.copytree(CASE, content / "cases" / CASE.name)
    (content / "fr" / "ce-que-disent-les-formateurs.md").write_text(QUOTING_POST, encoding="utf-8")
    site = build(content, tmp)
    return site, run_check("leaks", site.output, site_settings(content, tmp))


def test_a_quoted_sentence_is_found_in_the_page_the_feed_and_the_search_index(quoted):
    _site, found = quoted
    note = "teaching-note.fr.md"
    assert any(line.startswith("ce-que-disent-les-formateurs/index.html: quotes") and note in line for line in found)
    assert any(line.startswith("feeds/atom.xml: quotes") for line in found), found
    assert any(line.startswith("pagefind/fragment/") and "quotes" in line for line in found), found
    assert any("il suppose une premiere familiarite avec la notion" in line for line in found)


def test_the_quote_is_found_however_it_is_folded():
    words = fold("L’ÉQUIPE  a dit : «\u00a0Bonjour\u00a0» — n'est-ce pas ?\nOui.")
    assert words == fold("l'equipe a dit \"bonjour\" - n’est ce pas? oui")


def test_the_shipped_site_has_no_leak_and_no_false_one(shipped_site):
    settings = site_settings(ROOT / "content", shipped_site.output.parent)
    assert run_check("leaks", shipped_site.output, settings) == []


def test_a_note_that_shares_the_menu_and_footer_is_no_leak(shipped_site, tmp_path):
    # A note that starts with what every page says (the site's subtitle, the menu): not a leak.
    page = shipped_site.soup("/")
    chrome = " ".join(part.get_text(" ") for part in [page.find("header"), page.find("footer")] if part)
    secret = Secret("notes/chrome.md", "chrome.md", tuple(fold(chrome + " " + SENTENCE)))
    assert leaks(shipped_site.output, [secret]) == []
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "page.html").write_text(f"<main><p>{SENTENCE}</p></main>", encoding="utf-8")
    assert leaks(tmp_path / "out", [secret]) != []


def docx(text: str) -> bytes:
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    # Word splits a paragraph into runs anywhere, even inside a word.
    middle = len(text) // 2
    body = (f'<w:document xmlns:w="{namespace}"><w:body><w:p><w:r><w:t>{text[:middle]}</w:t></w:r>'
            f'<w:r><w:rPr><w:b/></w:rPr><w:t>{text[middle:]}</w:t></w:r></w:p></w:body></w:document>')
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": body})


def odt(text: str) -> bytes:
    namespace = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    half = text.split(" ")
    body = (f'<office:document-content xmlns:office="{office}" xmlns:text="{namespace}"><office:body>'
            f'<office:text><text:p>{" ".join(half[:5])}<text:s/><text:span>{" ".join(half[5:])}</text:span>'
            "</text:p></office:text></office:body></office:document-content>")
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": body})


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def pdf(text: str) -> bytes:
    import weasyprint  # noqa: PLC0415

    return weasyprint.HTML(string=f"<p style='width: 6cm'>{text}</p>").write_pdf()


@pytest.mark.parametrize("make, name", [(docx, "note.docx"), (odt, "note.odt"), (pdf, "note.pdf")])
def test_notes_kept_as_docx_odt_or_pdf_are_read_by_their_text(make, name, tmp_path):
    text = document_text(name, make(SENTENCE))
    assert " ".join(fold(SENTENCE)) in " ".join(fold(text))
    secret = Secret(name, name, tuple(fold(text)))
    out = tmp_path / "out"
    out.mkdir()
    (out / "post.html").write_text(f"<main><p>Voici : <em>{SENTENCE.upper()}</em></p></main>", encoding="utf-8")
    assert any(line.startswith("post.html: quotes") for line in leaks(out, [secret]))


def test_a_pdf_inside_a_zip_inside_a_zip_is_read(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("case.pdf", pdf(SENTENCE))
    outer = tmp_path / "out" / "bundle.zip"
    outer.parent.mkdir()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
    found = leaks(outer.parent, [Secret("note.md", "note.md", tuple(fold(SENTENCE)))])
    assert found and found[0].startswith("bundle.zip!inner.zip!case.pdf: quotes note.md")


@pytest.mark.parametrize("name, data", [("note.docx", b"PK\x03\x04 not really a zip"), ("note.odt", b""),
                                        ("note.pdf", b"%PDF-1.7 garbage"), ("note.md", b"\xff\xfe\x00bad")])
def test_a_damaged_note_is_a_clear_problem_not_a_traceback(name, data, tmp_path):
    with pytest.raises(Unreadable):
        document_text(name, data)
    content = tmp_path / "content"
    shutil.copytree(CASE, content / "cases" / CASE.name)
    note = content / "cases" / CASE.name / "notes" / "teaching-note.fr.md"
    target = note.with_name(name)
    note.unlink()
    target.write_bytes(data)
    for edition in (content / "cases" / CASE.name).glob("case.*.md"):
        edition.write_text(edition.read_text(encoding="utf-8").replace("teaching-note.fr.md", name),
                           encoding="utf-8")
    secrets = private_material(content, ["fr", "en"], {"kam", "leadership", "partnerships"}, "cases")
    (tmp_path / "out").mkdir()
    found = leaks(tmp_path / "out", secrets)
    assert any(f"{name}: the leak check can't read this restricted note" in line and "Fix:" in line
               for line in found), found


def test_a_copied_note_is_found_by_name_and_text(tmp_path):
    out = tmp_path / "out"
    (out / "files").mkdir(parents=True)
    shutil.copyfile(CASE / "notes" / "teaching-note.fr.md", out / "files" / "teaching-note.fr.md")
    secrets = private_material(ROOT / "content", ["fr", "en"], {"kam", "leadership", "partnerships"}, "cases")
    found = leaks(out, secrets)
    assert any("holds 'teaching-note.fr.md'" in line for line in found)
    assert any(line.startswith("files/teaching-note.fr.md: quotes") for line in found)


def test_the_old_first_words_check_missed_what_this_one_finds(quoted):
    # The sentence quoted starts in the middle of a line of the note: no run of 48 characters from
    # the note's start of line is in the post.
    site, _found = quoted
    text = (site.output / "ce-que-disent-les-formateurs" / "index.html").read_text(encoding="utf-8")
    assert "Il suppose une première familiarité" not in text
    assert Path(CASE / "notes" / "teaching-note.fr.md").is_file()


PUBLISHED = """Title: Notre méthode
Date: 2019-04-02 10:00
Slug: notre-methode
Translation_key: our-method
Kind: point-of-view
Topics: kam

Nous suivons la méthode décrite sur https://example.org/guides/2019/04/plan-de-compte-en-douze-etapes-simples.html
depuis trois ans, et nos clients la connaissent bien.
"""
# Its translation, still a draft: same slug, the same link, and one sentence of its own.
DRAFT_TRANSLATION = """Title: Our method
Date: 2019-04-02 10:00
Slug: notre-methode
Translation_key: our-method
Kind: point-of-view
Topics: kam
Status: draft

We follow the method described at https://example.org/guides/2019/04/plan-de-compte-en-douze-etapes-simples.html
and {secret}
"""


def test_a_draft_sharing_its_slug_and_links_with_a_published_post_is_no_leak(tiny_copy, tmp_path):
    # Seen on an imported blog: every page linking to the published French post, and every
    # page citing the same address, was reported as leaking its English draft.
    (tiny_copy / "fr" / "notre-methode.md").write_text(PUBLISHED, encoding="utf-8")
    draft = tiny_copy / "en" / "our-method.md"
    draft.write_text(DRAFT_TRANSLATION.format(secret="nothing else yet."), encoding="utf-8")
    site = build(tiny_copy, tmp_path, "publishconf.py", B2B_WARNINGS_ARE_ERRORS=False)
    assert site.path("/notre-methode/").exists()
    assert run_check("leaks", site.output, site.settings) == []


def test_a_draft_sentence_quoted_by_a_published_post_is_still_a_leak(tiny_copy, tmp_path):
    (tiny_copy / "en" / "our-method.md").write_text(DRAFT_TRANSLATION.format(secret=SENTENCE), encoding="utf-8")
    (tiny_copy / "fr" / "notre-methode.md").write_text(PUBLISHED, encoding="utf-8")
    site = build(tiny_copy, tmp_path, "publishconf.py", B2B_WARNINGS_ARE_ERRORS=False)
    page = site.path("/notre-methode/")
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", f"<p>{SENTENCE}</p></main>"),
                    encoding="utf-8")
    found = run_check("leaks", site.output, site.settings)
    assert any(line.startswith("notre-methode/index.html: quotes en/our-method.md") for line in found), found


LOCAL_DRAFT = f"""Title: Brouillon local
Date: 2019-04-03 10:00
Slug: brouillon-local
Translation_key: local-draft
Kind: news
Topics: kam
Tags: une-etiquette-du-seul-brouillon
Status: draft

{SENTENCE}
"""


def test_a_draft_page_of_a_local_build_is_no_broken_link_but_still_a_leak(tiny_copy, tmp_path):
    # Seen on an imported blog: `invoke check` after `invoke build` reported each draft's tag links as
    # broken (a tag only drafts carry has no page). That output holds drafts: the leak check says so.
    (tiny_copy / "fr" / "brouillon-local.md").write_text(LOCAL_DRAFT, encoding="utf-8")
    site = build(tiny_copy, tmp_path)
    assert site.path("/drafts/brouillon-local/").exists()
    assert run_check("links", site.output, site.settings) == []
    assert any(line.startswith("drafts/brouillon-local/index.html: quotes fr/brouillon-local.md")
               for line in run_check("leaks", site.output, site.settings))
    # A broken link on a published page is still reported.
    page = site.path("/premier-billet/")
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", '<a href="/nulle-part/">x</a></main>'),
                    encoding="utf-8")
    assert run_check("links", site.output, site.settings) == ["premier-billet/index.html: broken link to /nulle-part/"]
