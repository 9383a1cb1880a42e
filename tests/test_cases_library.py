"""The case library: loading and author mistakes, PDFs and their cache, bundles, downloads."""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from b2b_blog.cases import load_case_library
from b2b_blog.cases.bundle import build_bundle, readme_intro
from b2b_blog.cases.citation import suggested_citation
from b2b_blog.cases.downloads import describe, human_size
from b2b_blog.cases.pdf import render_counts, render_pdf

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["fr", "en"]
TOPICS = {"leadership", "kam", "partnerships"}
SITE = "Le blog de la Relation BtoB"
BAD_SITE = ROOT / "tests" / "sites" / "cases_bad" / "content"

HEADER = {
    "Title": "Un cas d'essai",
    "Lang": "fr",
    "Authors": "Claire Dumont; Idris Benali",
    "Abstract": "Un résumé.",
    "Objectives": "Premier objectif\n    Second objectif",
    "Topics": "kam",
    "Industry": "Verre",
    "Country": "France",
    "Year": "2024",
    "Audience": "Étudiants de master",
    "Level": "intermediate",
    "Date": "2025-01-15",
    "Reference": "T-1-FR",
    "Licence": "CC BY-NC-SA 4.0",
}


def edition(body: str = "Le texte du cas.\n", **fields: str | None) -> str:
    """An edition's text: the valid header above, with `fields` changed (None removes one)."""
    header = {**HEADER, **fields}
    lines = [f"{key}: {value}" for key, value in header.items() if value is not None]
    return "\n".join(lines) + "\n\n" + body


def write(content: Path, case_id: str, files: dict[str, str | bytes]) -> Path:
    """Create a case folder under content/cases with the given files."""
    folder = content / "cases" / case_id
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return folder


def load(content: Path):
    return load_case_library(content, "cases", LANGUAGES, TOPICS)


def words(markdown: str) -> int:
    return len(re.findall(r"\w+(?:['’-]\w+)*", markdown))


@pytest.fixture(scope="module")
def shipped():
    cases, problems = load(ROOT / "content")
    return {case.case_id: case for case in cases}, problems


# --- The shipped library -------------------------------------------------------------


def test_shipped_library_loads_without_problems(shipped):
    cases, problems = shipped
    assert problems == []
    assert list(cases) == ["transition-equipe-commerciale", "alliance-nordsud", "verrerie-durand-kam"]
    assert cases["verrerie-durand-kam"].languages == ("fr", "en")
    assert cases["alliance-nordsud"].languages == ("fr", "en")
    assert cases["transition-equipe-commerciale"].languages == ("fr",)
    references = [e.reference for case in cases.values() for e in case.editions.values()]
    assert len(references) == len(set(references)) == 5


def test_shipped_cases_have_the_promised_exhibits_notes_and_length(shipped):
    cases, _ = shipped
    for lang in ("fr", "en"):
        durand = cases["verrerie-durand-kam"].editions[lang]
        assert [e.name for e in durand.exhibits] == ["account-portfolio.xlsx", "account-portfolio.csv"]
        assert "kam" in durand.topics
        alliance = cases["alliance-nordsud"].editions[lang]
        assert alliance.teaching_note.restricted
        assert alliance.teaching_note.source.name == "teaching-note.fr.md"
        assert "partnerships" in alliance.topics
    transition = cases["transition-equipe-commerciale"].editions["fr"]
    assert transition.teaching_note.restricted is False
    assert "leadership" in transition.topics
    for case in cases.values():
        for item in case.editions.values():
            assert 900 <= words(item.body_markdown) <= 1600, item.source
            assert "&rsquo;" not in item.body_html and "&laquo;" not in item.body_html  # no smarty


def test_exhibit_csv_is_a_semicolon_table_of_accounts():
    path = ROOT / "content/cases/verrerie-durand-kam/exhibits/account-portfolio.csv"
    rows = [line.split(";") for line in path.read_text(encoding="utf-8-sig").splitlines()]
    assert len({len(row) for row in rows}) == 1
    accounts = [row for row in rows[1:] if not row[0].startswith(("Autres", "Total"))]
    assert len(accounts) == 15
    # The per-year columns add up to the totals quoted in the case text.
    total = rows[-1]
    for column in range(3, 7):
        assert sum(int(row[column]) for row in rows[1:-1]) == int(total[column])


# --- Author mistakes -------------------------------------------------------------------

EXHIBIT = "exhibits/data.csv | Annexe 1"

# kind -> (files of case "bad", field expected, words the message must hold)
MISTAKES = {
    "missing-field": ({"case.fr.md": edition(Licence=None)}, "licence", "missing"),
    "empty-field": ({"case.fr.md": edition(Abstract="")}, "abstract", "empty"),
    "year-not-int": ({"case.fr.md": edition(Year="deux mille")}, "year", "deux mille"),
    "date-not-iso": ({"case.fr.md": edition(Date="15/01/2025")}, "date", "15/01/2025"),
    "unknown-level": ({"case.fr.md": edition(Level="expert")}, "level", "expert"),
    "unknown-topic": ({"case.fr.md": edition(Topics="kam, sales")}, "topics", "sales"),
    "unknown-language": ({"case.de.md": edition(Lang="de")}, "lang", "'de'"),
    "unknown-field": ({"case.fr.md": edition(Exibits="x.csv | X")}, "exibits", "unknown field"),
    "exhibit-missing": ({"case.fr.md": edition(Exhibits=EXHIBIT)}, "exhibit", "does not exist"),
    "exhibit-no-title": ({"case.fr.md": edition(Exhibits="exhibits/data.csv"),
                          "exhibits/data.csv": "a;b\n"}, "exhibit", "no title"),
    "exhibit-parent": ({"case.fr.md": edition(Exhibits="../other/data.csv | A")}, "exhibit", ".."),
    "exhibit-absolute": ({"case.fr.md": edition(Exhibits="/etc/hostname | A")}, "exhibit", "absolute"),
    "note-missing": ({"case.fr.md": edition(Teaching_note="notes/tn.md",
                                            Teaching_note_access="restricted")},
                     "teaching_note", "does not exist"),
    "note-outside": ({"case.fr.md": edition(Teaching_note="../../secret.md",
                                            Teaching_note_access="restricted")},
                     "teaching_note", "outside"),
    "note-without-access": ({"case.fr.md": edition(Teaching_note="notes/tn.md"),
                             "notes/tn.md": "# Note\n"}, "teaching_note_access", "missing"),
    "note-bad-access": ({"case.fr.md": edition(Teaching_note="notes/tn.md",
                                               Teaching_note_access="secret"),
                         "notes/tn.md": "# Note\n"}, "teaching_note_access", "secret"),
    "note-beside-editions": ({"case.fr.md": edition(Teaching_note="note.md",
                                                    Teaching_note_access="restricted"),
                              "note.md": "# Note\n"}, "teaching_note", "published as one"),
    "not-utf8": ({"case.fr.md": edition().encode("utf-8").replace(b"cas d'essai", b"caf\xe9")},
                 "edition", "UTF-8"),
    "empty-file": ({"case.fr.md": "  \n"}, "edition", "empty"),
    "empty-body": ({"case.fr.md": edition(body="")}, "edition", "empty"),
}


@pytest.mark.parametrize("kind", list(MISTAKES))
def test_each_mistake_is_reported_with_file_field_and_fix(tmp_path, kind):
    files, field, needle = MISTAKES[kind]
    write(tmp_path, "bad", files)
    cases, problems = load(tmp_path)
    edition_file = next(name for name in files if name.startswith("case."))
    matching = [p for p in problems if p.field == field]
    assert matching, problems
    problem = matching[0]
    assert problem.path == f"cases/bad/{edition_file}"
    assert needle in problem.message
    assert "'bad'" in problem.fix and len(problem.fix) > 20
    assert cases == []  # an edition with a mistake is not published


def test_messages_list_the_allowed_values(tmp_path):
    write(tmp_path, "bad", {"case.fr.md": edition(Topics="sales"), "case.de.md": edition(Lang="de")})
    _, problems = load(tmp_path)
    fixes = {p.field: p.fix for p in problems}
    assert "kam, leadership, partnerships" in fixes["topics"]
    assert "fr, en" in fixes["lang"]


def test_symlink_leaving_the_case_folder_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_text("a;b\n")
    folder = write(tmp_path, "bad", {"case.fr.md": edition(Exhibits="exhibits/link.csv | A")})
    (folder / "exhibits").mkdir()
    (folder / "exhibits" / "link.csv").symlink_to(outside)
    _, problems = load(tmp_path)
    assert [(p.path, p.field) for p in problems] == [("cases/bad/case.fr.md", "exhibit")]
    assert "symlink" in problems[0].message


def test_case_folders_need_a_slug_and_an_edition(tmp_path):
    write(tmp_path, "Mon Cas", {"case.fr.md": edition()})
    (tmp_path / "cases" / "vide").mkdir()
    (tmp_path / "cases" / ".git").mkdir()
    cases, problems = load(tmp_path)
    assert [(p.path, p.field) for p in problems] == [("cases/Mon Cas", "edition"), ("cases/vide", "edition")]
    assert "'Mon Cas'" in problems[0].fix and "cases/vide/case.fr.md" in problems[1].fix
    assert [case.case_id for case in cases] == ["Mon Cas"]


def test_two_editions_in_one_language(tmp_path):
    write(tmp_path, "bad", {"case.fr.md": edition(), "autre.md": edition(Reference="T-2-FR")})
    cases, problems = load(tmp_path)
    assert [(p.path, p.field) for p in problems] == [("cases/bad/case.fr.md", "lang")]
    assert "autre.md" in problems[0].message and "'bad'" in problems[0].fix
    assert cases[0].languages == ("fr",)


def test_duplicated_reference_across_the_library(tmp_path):
    write(tmp_path, "first", {"case.fr.md": edition()})
    write(tmp_path, "second", {"case.fr.md": edition()})
    _, problems = load(tmp_path)
    assert [(p.path, p.field) for p in problems] == [("cases/second/case.fr.md", "reference")]
    assert "cases/first/case.fr.md" in problems[0].message and "'second'" in problems[0].fix


def test_restricted_note_cannot_leak_through_another_edition(tmp_path):
    note = {"Teaching_note": "notes/tn.md", "Teaching_note_access": "restricted"}
    write(tmp_path, "leak", {
        "notes/tn.md": "# Note\n",
        "case.fr.md": edition(**note),
        "case.en.md": edition(Lang="en", Reference="T-1-EN", Teaching_note="notes/tn.md",
                              Teaching_note_access="public", Exhibits="notes/tn.md | Notes"),
    })
    _, problems = load(tmp_path)
    assert {(p.path, p.field) for p in problems} == {
        ("cases/leak/case.en.md", "teaching_note_access"), ("cases/leak/case.en.md", "exhibit")}


def test_every_mistake_of_a_file_is_reported_at_once(tmp_path):
    write(tmp_path, "bad", {"case.fr.md": edition(Licence=None, Year="x", Level="hard",
                                                  Exhibits=EXHIBIT)})
    _, problems = load(tmp_path)
    assert {p.field for p in problems} == {"licence", "year", "level", "exhibit"}
    assert all(p.line for p in problems if p.field != "licence")


def test_a_valid_case_in_tmp_path_loads_with_its_header(tmp_path):
    header = edition(body="## Contexte\n\nDu *texte*. Il dit : « oui ». `a : b`\n", Exhibits=EXHIBIT,
                     Objectives="Un\n    Deux\n    Trois", Date="2025-01-15 09:30")
    write(tmp_path, "good", {"case.fr.md": header, "exhibits/data.csv": "a;b\n"})
    (cases, problems) = load(tmp_path)
    assert problems == []
    item = cases[0].editions["fr"]
    assert item.objectives == ("Un", "Deux", "Trois")
    assert item.authors == ("Claire Dumont", "Idris Benali")
    assert item.date.isoformat() == "2025-01-15" and item.year == 2024
    assert item.exhibits[0].title == "Annexe 1"
    assert '<h2 id="contexte">Contexte</h2>' in item.body_html and "<em>texte</em>" in item.body_html
    assert "Il dit\u00a0: «\u00a0oui\u00a0»" in item.body_html and "<code>a : b</code>" in item.body_html


def test_the_bad_fixture_site_reports_every_mistake():
    cases, problems = load(BAD_SITE)
    assert cases == []
    found = {(p.path, p.field) for p in problems}
    assert found == {
        ("cases/bad-header/case.fr.md", "licence"),
        ("cases/bad-header/case.fr.md", "topics"),
        ("cases/bad-header/case.fr.md", "level"),
        ("cases/bad-header/case.fr.md", "date"),
        ("cases/bad-files/case.fr.md", "exhibit"),
        ("cases/bad-files/case.fr.md", "teaching_note"),
        ("cases/bad-files/case.en.md", "teaching_note_access"),
    }
    assert sum(p.field == "exhibit" for p in problems) == 2


# --- PDF -------------------------------------------------------------------------------


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def durand(tmp_path):
    """A copy of the Verrerie Durand case that a test may change, and a loader for it."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content/cases/verrerie-durand-kam", content / "cases/verrerie-durand-kam")

    def editions():
        cases, problems = load(content)
        assert problems == []
        return cases[0].editions

    return content, editions


def render(item, tmp_path, cache="cache", output="out.pdf", citation="Citation."):
    return render_pdf(item, site_name=SITE, citation=citation, cache_dir=tmp_path / cache,
                      output=tmp_path / output)


def test_pdf_renders_with_cover_footer_and_metadata(durand, tmp_path):
    _, editions = durand
    item = editions()["fr"]
    citation = suggested_citation(item, "https://example.org/cas/verrerie-durand-kam/", SITE)
    info = render(item, tmp_path, citation=citation)
    assert info.rendered and info.path == tmp_path / "out.pdf"
    reader = PdfReader(info.path)
    assert len(reader.pages) == info.pages >= 3
    text = text_of(reader)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert item.title in cover and "RB-2025-01-FR" in cover and SITE in cover
    assert "CC BY-NC-SA 4.0" in cover and "Citation suggérée" in cover
    assert f"Page 2 sur {info.pages}" in text and f"Page {info.pages} sur {info.pages}" in text
    assert reader.metadata.title == item.title
    assert reader.metadata.author == "Claire Dumont, Idris Benali"
    assert reader.trailer["/Root"].get_object()["/Lang"] == "fr"
    assert reader.metadata.creation_date.date() == item.date


def test_english_pdf_footer(durand, tmp_path):
    _, editions = durand
    info = render(editions()["en"], tmp_path)
    reader = PdfReader(info.path)
    assert f"Page 2 / {info.pages}" in text_of(reader)
    assert reader.trailer["/Root"].get_object()["/Lang"] == "en"


def test_pdf_cache_renders_only_what_changed(durand, tmp_path):
    content, editions = durand
    item = editions()["fr"]
    first = render(item, tmp_path, output="a.pdf")
    before = render_counts["rendered"]
    second = render(item, tmp_path, output="b.pdf")
    assert first.rendered and not second.rendered
    assert second.pages == first.pages
    assert render_counts["rendered"] == before
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()
    # A changed citation, or a changed source, renders again.
    assert render(item, tmp_path, output="c.pdf", citation="Autre citation.").rendered
    source = content / "cases/verrerie-durand-kam/case.fr.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUn paragraphe ajouté.\n", encoding="utf-8")
    changed = render(editions()["fr"], tmp_path, output="d.pdf")
    assert changed.rendered
    assert "Un paragraphe ajouté." in text_of(PdfReader(changed.path))


def test_identical_sources_give_identical_pdf_bytes(durand, tmp_path):
    _, editions = durand
    item = editions()["en"]
    one = render(item, tmp_path, cache="cache-1", output="1.pdf")
    two = render(item, tmp_path, cache="cache-2", output="2.pdf")
    assert one.rendered and two.rendered
    assert one.path.read_bytes() == two.path.read_bytes()


# --- Bundles and downloads -------------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(shipped, tmp_path_factory):
    """One rendered PDF per shipped edition, keyed by reference."""
    cases, _ = shipped
    folder = tmp_path_factory.mktemp("pdfs")
    return {
        item.reference: render_pdf(item, site_name=SITE, citation="C.", cache_dir=folder / "cache",
                                   output=folder / f"{item.reference}.pdf").path
        for case in cases.values() for item in case.editions.values()
    }


def bundle(item, pdf, path):
    return build_bundle(item, pdf, path, readme_intro(item, "Citation."))


def test_two_bundles_of_one_edition_are_byte_identical(shipped, pdfs, tmp_path):
    item = shipped[0]["verrerie-durand-kam"].editions["fr"]
    one = bundle(item, pdfs[item.reference], tmp_path / "one.zip")
    two = bundle(item, pdfs[item.reference], tmp_path / "two" / "bundle.zip")
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2025, 1, 15, 0, 0, 0)}
        assert {info.external_attr >> 16 for info in archive.infolist()} == {0o644}


def test_bundle_holds_pdf_exhibits_and_a_checked_readme(shipped, pdfs, tmp_path):
    item = shipped[0]["verrerie-durand-kam"].editions["en"]
    path = bundle(item, pdfs[item.reference], tmp_path / "b.zip")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["RB-2025-01-EN.pdf", "README.txt", "exhibits/account-portfolio.csv",
                                      "exhibits/account-portfolio.xlsx"]
        readme = archive.read("README.txt").decode()
        for name in ("RB-2025-01-EN.pdf", "exhibits/account-portfolio.csv", "exhibits/account-portfolio.xlsx"):
            assert f"{hashlib.sha256(archive.read(name)).hexdigest()}  {name}" in readme
        for exhibit in item.exhibits:
            assert archive.read(f"exhibits/{exhibit.name}") == exhibit.source.read_bytes()
    assert item.title in readme and "Licence: CC BY-NC-SA 4.0" in readme and "Citation." in readme


def test_bundle_never_holds_a_restricted_note_but_holds_a_public_one(shipped, pdfs, tmp_path):
    cases, _ = shipped
    for item in cases["alliance-nordsud"].editions.values():
        note = item.teaching_note.source.read_bytes()
        with zipfile.ZipFile(bundle(item, pdfs[item.reference], tmp_path / f"{item.lang}.zip")) as archive:
            assert archive.namelist() == [f"{item.reference}.pdf", "README.txt"]
            assert all(archive.read(name) != note for name in archive.namelist())
    public = cases["transition-equipe-commerciale"].editions["fr"]
    with zipfile.ZipFile(bundle(public, pdfs[public.reference], tmp_path / "public.zip")) as archive:
        assert archive.read("notes/note-pedagogique.fr.md") == public.teaching_note.source.read_bytes()
        assert "Référence\u00a0: RB-2025-03-FR" in archive.read("README.txt").decode()


def test_describe_checksums_match_hashlib(shipped, pdfs, tmp_path):
    item = shipped[0]["verrerie-durand-kam"].editions["fr"]
    for path in (pdfs[item.reference], bundle(item, pdfs[item.reference], tmp_path / "b.zip"),
                 item.exhibits[0].source):
        download = describe(path)
        data = path.read_bytes()
        assert download.sha256 == hashlib.sha256(data).hexdigest()
        assert download.size_bytes == len(data)
        assert download.url_name == path.name
    assert describe(pdfs[item.reference]).format_label == "PDF"


@pytest.mark.parametrize(("size", "lang", "expected"), [
    (1_234_567, "fr", "1,2 Mo"), (1_234_567, "en", "1.2 MB"), (999, "fr", "999 octets"),
    (1, "en", "1 byte"), (0, "en", "0 bytes"), (45_600, "fr", "45,6 Ko"), (999_999, "en", "1 MB"),
])
def test_human_size(size, lang, expected):
    assert human_size(size, lang) == expected


def test_citations_in_each_language(shipped):
    cases, _ = shipped
    fr = cases["verrerie-durand-kam"].editions["fr"]
    en = cases["alliance-nordsud"].editions["en"]
    assert suggested_citation(fr, "https://example.org/a/", SITE) == (
        "Claire Dumont et Idris Benali (2025). «\u00a0Verrerie Durand\u00a0: faut-il s'organiser "
        "autour des grands comptes\u00a0?\u00a0» Étude de cas RB-2025-01-FR, Le blog de la "
        "Relation BtoB. https://example.org/a/")
    assert suggested_citation(en, "https://example.org/b/", "The B2B Relationship Blog") == (
        "Idris Benali and Solène Marchetti (2025). “Alliance Nord-Sud: An Agritech Start-up "
        "Negotiates with a Cooperative Giant”. Teaching case RB-2025-02-EN, "
        "The B2B Relationship Blog. https://example.org/b/")
