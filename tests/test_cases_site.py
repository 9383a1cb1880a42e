"""The case library on the built site: pages, real PDFs, checksums, bundles, catalogue, secrets kept."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile

import pytest
from b2b_blog.cases import generator as case_generator
from b2b_blog.checks.links import broken_links
from b2b_blog.problems import BuildError
from conftest import ROOT, SITES, build
from pypdf import PdfReader

ORIGIN = "https://relation-btob.example"
CASES = {"verrerie-durand-kam": ("fr", "en"), "alliance-nordsud": ("fr", "en"),
         "transition-equipe-commerciale": ("fr",)}
CASE_URLS = {"fr": "/formation/cas/{}/", "en": "/en/training/cases/{}/"}
RESTRICTED = ROOT / "content/cases/alliance-nordsud/notes/teaching-note.fr.md"


def downloads(site, url):
    return site.soup(url).select("ul.downloads li")


def test_every_edition_has_a_page_and_a_real_pdf(shipped_site):
    for case_id, languages in CASES.items():
        for lang in languages:
            url = CASE_URLS[lang].format(case_id)
            soup = shipped_site.soup(url)
            title = soup.select_one("h1").text
            pdf_link = soup.select_one('ul.downloads a[type="application/pdf"]')["href"]
            reader = PdfReader(shipped_site.path(pdf_link))
            shown_pages = int(re.search(r"(\d+) pages?", soup.select_one("ul.downloads .file-facts").text)[1])
            assert len(reader.pages) == shown_pages >= 2
            text = " ".join(page.extract_text() for page in reader.pages[:2])
            first_words = title.split()[:3]
            assert all(word.strip(":?") in text for word in first_words), (title, text[:200])


def test_listed_checksums_and_sizes_match_the_files(shipped_site):
    checked = 0
    for case_id, languages in CASES.items():
        for lang in languages:
            url = CASE_URLS[lang].format(case_id)
            for item in downloads(shipped_site, url):
                href = item.a["href"]
                data = shipped_site.path(href).read_bytes()
                assert item.select_one(".checksum code").text == hashlib.sha256(data).hexdigest(), href
                checked += 1
    assert checked >= 5 * 2 + 2  # a PDF and a bundle per edition, plus the exhibit and the public note


def test_bundles_hold_the_pdf_exhibits_and_readme(shipped_site):
    bundle = shipped_site.path("/formation/cas/verrerie-durand-kam/rb-2025-01-fr.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = sorted(archive.namelist())
        assert names == ["README.txt", "exhibits/account-portfolio.csv", "exhibits/account-portfolio.xlsx",
                         "rb-2025-01-fr.pdf"]
        readme = archive.read("README.txt").decode("utf-8")
        assert "RB-2025-01-FR" in readme and "CC BY-NC-SA 4.0" in readme


def test_restricted_teaching_note_never_reaches_the_output(shipped_site):
    note = RESTRICTED.read_text(encoding="utf-8")
    body = note.split("\n\n", 1)[1]
    # Distinctive sentences of the note: none may appear in any file the build wrote.
    fragments = [line.strip()[:60] for line in body.splitlines() if len(line.strip()) > 60][:12]
    assert len(fragments) >= 5
    secrets = [RESTRICTED.name.encode(), *(fragment.encode("utf-8") for fragment in fragments)]

    def texts_of(path):
        data = path.read_bytes()
        yield data
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                yield from (name.encode() for name in archive.namelist())
                yield from (archive.read(name) for name in archive.namelist())
        if path.suffix == ".pdf":
            yield " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).encode("utf-8")

    scanned = 0
    for path in shipped_site.output.rglob("*"):
        if path.is_file():
            assert RESTRICTED.name not in path.name
            for text in texts_of(path):
                for secret in secrets:
                    assert secret not in text, (path, secret[:40])
            scanned += 1
    assert scanned > 100
    page = shipped_site.soup("/formation/cas/alliance-nordsud/").text
    assert "Une note pédagogique est disponible pour les formateurs, sur demande." in page
    assert shipped_site.soup("/formation/cas/alliance-nordsud/").select_one('a[href^="mailto:"]')


def test_public_teaching_note_is_published_like_an_exhibit(shipped_site):
    note = shipped_site.path("/formation/cas/transition-equipe-commerciale/notes/note-pedagogique.fr.md")
    assert note.read_bytes() == (ROOT / "content/cases/transition-equipe-commerciale/notes/"
                                 "note-pedagogique.fr.md").read_bytes()


def test_both_catalogues_list_every_case_with_working_downloads(shipped_site):
    assert broken_links(shipped_site.output, ORIGIN) == []
    for url in ("/formation/", "/en/training/"):
        cards = shipped_site.soup(url).select(".catalogue .case-card")
        assert len(cards) == len(CASES)
        for card in cards:
            assert card.select_one(".case-abstract").text.strip()
            assert card.select('ul.downloads a[type="application/pdf"]')
    english = shipped_site.soup("/en/training/")
    french_only = [card for card in english.select(".case-card") if card.select_one(".case-only-in")]
    assert len(french_only) == 1
    assert "Available in French only" in french_only[0].select_one(".case-only-in").text
    assert french_only[0].select_one(".case-title a")["href"] == "/formation/cas/transition-equipe-commerciale/"


def test_catalogue_browses_by_topic_and_language_without_javascript(shipped_site):
    by_language = shipped_site.soup("/en/training/cases/languages/en/")
    assert len(by_language.select(".case-card")) == 2
    assert len(shipped_site.soup("/formation/cas/langues/fr/").select(".case-card")) == 3
    partnerships = shipped_site.soup("/en/training/cases/topics/partnerships/")
    titles = [a.text for a in partnerships.select(".case-title a")]
    assert titles == ["Alliance Nord-Sud: An Agritech Start-up Negotiates with a Cooperative Giant"]
    switch = partnerships.select_one("nav.language-switch a")["href"]
    assert switch == "/formation/cas/themes/partenariats/"
    assert not shipped_site.soup("/en/training/").find("script", src=True)


def test_case_pages_switch_language_and_carry_json_ld(shipped_site):
    french = shipped_site.soup("/formation/cas/verrerie-durand-kam/")
    assert french.select_one("nav.language-switch a")["href"] == "/en/training/cases/verrerie-durand-kam/"
    data = json.loads(french.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "LearningResource" and data["inLanguage"] == "fr"
    assert data["license"] == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert data["encoding"]["encodingFormat"] == "application/pdf"
    assert data["encoding"]["contentUrl"] == f"{ORIGIN}/formation/cas/verrerie-durand-kam/rb-2025-01-fr.pdf"
    assert data["workTranslation"][0]["url"] == f"{ORIGIN}/en/training/cases/verrerie-durand-kam/"
    citation = french.select_one(".citation").text
    assert "RB-2025-01-FR" in citation and f"{ORIGIN}/formation/cas/verrerie-durand-kam/" in citation


def test_second_build_renders_no_pdf_and_bundles_are_identical(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    first = build(content, tmp_path, B2B_SKIP_UNCHANGED=False)
    assert any(item.rendered for item in case_generator.published.values())
    bundles = {p.relative_to(first.output): p.read_bytes() for p in first.output.rglob("*.zip")}
    second = build(content, tmp_path, B2B_SKIP_UNCHANGED=False)
    assert len(case_generator.published) == 5
    assert not any(item.rendered for item in case_generator.published.values())
    assert {p.relative_to(second.output): p.read_bytes() for p in second.output.rglob("*.zip")} == bundles
    # A change to one edition renders that PDF only.
    edition = content / "cases/verrerie-durand-kam/case.en.md"
    edition.write_text(edition.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    build(content, tmp_path, B2B_SKIP_UNCHANGED=False)
    assert [key for key, item in case_generator.published.items() if item.rendered] == [
        ("verrerie-durand-kam", "en")]


@pytest.mark.parametrize(("mistake", "expected"), [
    (lambda case: case.write_text(case.read_text(encoding="utf-8").replace("Licence: CC BY-NC-SA 4.0\n", ""),
                                  encoding="utf-8"), ["[licence]", "case.fr.md"]),
    (lambda case: case.write_text(case.read_text(encoding="utf-8").replace(
        "exhibits/account-portfolio.csv", "../../fr/premier-billet.md"), encoding="utf-8"),
     ["case.fr.md", "verrerie-durand-kam"]),
    (lambda case: case.write_text(case.read_text(encoding="utf-8").replace(
        "exhibits/account-portfolio.csv", "exhibits/missing.xlsx"), encoding="utf-8"),
     ["missing.xlsx", "verrerie-durand-kam"]),
    (lambda case: shutil.copyfile(case, case.with_name("case.fr-bis.md")), ["verrerie-durand-kam", "fr"]),
])
def test_case_mistakes_stop_the_build_and_keep_the_last_site(mistake, expected, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    shutil.copytree(ROOT / "content/cases/verrerie-durand-kam", content / "cases/verrerie-durand-kam")
    good = build(content, tmp_path)
    before = {p: p.read_bytes() for p in good.output.rglob("*") if p.is_file()}
    mistake(content / "cases/verrerie-durand-kam/case.fr.md")
    with pytest.raises(BuildError) as raised:
        build(content, tmp_path)
    for fragment in expected:
        assert fragment in str(raised.value)
    assert {p: p.read_bytes() for p in good.output.rglob("*") if p.is_file()} == before
