"""`invoke import-pelican` on a small Pelican site of our own, then a real build of the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from b2b_blog import reader
from b2b_blog.problems import BuildError
from conftest import ROOT, build, site_settings

sys.path.insert(0, str(ROOT))
from importers.cli import import_pelican
from importers.pelican import read_settings_file

OLD_SITE = Path(__file__).parent / "importers" / "pelican_site"


@pytest.fixture
def imported(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    settings = site_settings(tmp_path / "content", tmp_path)
    code = import_pelican(str(OLD_SITE), tmp_path, settings)
    return tmp_path, code, capsys.readouterr().out


def test_settings_read_without_running_them():
    values, skipped = read_settings_file(OLD_SITE / "pelicanconf.py")  # the file ends with SystemExit
    assert values["DEFAULT_METADATA"] == {"status": "draft"} and values["DEFAULT_LANG"] == "fr"
    assert skipped == ["THEME"]


def test_layout_pairs_links_and_aliases(imported):
    root, code, out = imported
    content = root / "content"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md")) == [
        "en/premier-essai.md", "fr/la-suite.md", "fr/pages/a-propos.md", "fr/premier-essai.md",
        "fr/un-billet-sans-date.md"]
    french = (content / "fr/premier-essai.md").read_text(encoding="utf-8")
    english = (content / "en/premier-essai.md").read_text(encoding="utf-8")
    assert "Translation_key: premier-essai" in french and "Translation_key: premier-essai" in english
    topics = {line for text in (french, english) for line in text.splitlines() if line.startswith("Topics:")}
    assert topics == {"Topics: kam, leadership"}  # translations share their topics, or the build refuses them
    assert "Tags: essai, équipe" in french
    assert "[la suite]({filename}/fr/la-suite.md)" in french and "({static}/images/photo.jpg)" in french
    assert "({filename}/fr/premier-essai.md)" in english
    assert "Aliases: /2016/premier-essai.html" in french and "Aliases: /2016/premier-essai-en.html" in english
    suite = (content / "fr/la-suite.md").read_text(encoding="utf-8")
    assert "Status: draft" in suite and "Kind: testimony" in suite  # DEFAULT_METADATA kept it a draft
    assert "(|filename|" not in suite and "({filename}/fr/premier-essai.md)" in suite
    page = (content / "fr/pages/a-propos.md").read_text(encoding="utf-8")
    assert "({filename}/fr/premier-essai.md)" in page and "Aliases: /pages/a-propos.html" in page
    assert (content / "images/photo.jpg").is_file()
    assert code == 1 and "B2B_EXTRA_FIELDS = ['image']" in out and "Image: /images/photo.jpg" in french
    assert "THEME is not a literal value" in out
    assert "Date: 2016-05-01 00:00" in (content / "fr/un-billet-sans-date.md").read_text(encoding="utf-8")
    redirects = json.loads((content / "redirects.json").read_text(encoding="utf-8"))
    assert redirects["/feeds/all.atom.xml"] == "/feeds/atom.xml"  # publishconf.py's feed, not pelicanconf's None
    assert redirects["/category/leadership.html"] == redirects["/feeds/leadership.atom.xml"] == "/themes/leadership/"
    assert redirects["/tag/essai.html"] == "/tags/essai/"


def test_second_import_changes_nothing(imported, capsys):
    root, _code, _out = imported
    import_pelican(str(OLD_SITE), root, site_settings(root / "content", root))
    assert "written: 0," in capsys.readouterr().out


def test_imported_site_builds(imported, tmp_path, monkeypatch):
    root, _code, _out = imported
    with pytest.raises(BuildError, match="unknown field 'image'"):  # until the site declares its extra fields
        build(root / "content", tmp_path / "first")
    # What the B2B_EXTRA_FIELDS line printed by the import declares (that setting belongs to another change).
    monkeypatch.setattr(reader, "KNOWN_FIELDS", reader.KNOWN_FIELDS | {"image"})
    site = build(root / "content", tmp_path / "second", "publishconf.py")
    assert site.soup("/premier-essai/").find("link", hreflang="en")["href"].endswith("/en/premier-essai/")
    assert site.soup("/2016/premier-essai.html").find("a")["href"].endswith("/premier-essai/")
    assert site.soup("/2016/premier-essai-en.html").find("a")["href"].endswith("/en/premier-essai/")
    assert not list(site.output.rglob("*suite*"))  # the draft stays out of a published build
    assert site.soup("/premier-essai/").find("img")["src"].endswith("/images/photo.jpg")
    assert site.soup("/category/leadership.html").find("a")["href"].endswith("/themes/leadership/")
    assert site.path("/un-billet-sans-date/").is_file()


DEMO_POST = """Title: Une démonstration
Date: 2017-03-02 10:00
Lang: fr
Category: Au coin du feu

| Touche | Action |
|:-------|-------:|
| Entrée | Suivant |

<p>Appuyez sur le bouton, ou revoyez les <a href="exposes">exposés</a> et [la liste](../articles) :</p>
<script>
    document.title = "démo";
</script>
"""


def test_what_the_build_would_refuse_is_in_the_plan_with_its_line(tmp_path, capsys):
    # Seen on a real blog: a post embedding a live demo imported cleanly, then the build stopped on it.
    old = tmp_path / "old"
    (old / "content").mkdir(parents=True)
    (old / "pelicanconf.py").write_text('DEFAULT_LANG = "fr"\n', encoding="utf-8")
    (old / "content" / "demo.md").write_text(DEMO_POST, encoding="utf-8")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    code = import_pelican(str(old), site, site_settings(site / "content", site))
    out = capsys.readouterr().out
    problems = out.split("Problems (")[1].split("Notes (")[0].splitlines()[1:]
    notes = out.split("Notes (")[1].splitlines()[1:]
    refused = [line.strip() for line in problems if "will refuse" in line]
    written = (site / "content" / "fr" / "une-demonstration.md").read_text(encoding="utf-8").splitlines()
    line = written.index("<script>") + 1
    assert code == 1
    assert refused == [f"content/fr/une-demonstration.md:{line}: the build will refuse a <script> element. Fix: "
                       "remove it: posts carry no script (the site's Content-Security-Policy would block it "
                       "anyway)"], problems
    # No label of the old post names a topic: the publishing build may stop on it, so the plan says so.
    assert next(line.strip() for line in notes if "without a 'Topics:' line" in line).endswith(
        ": content/fr/une-demonstration.md")
    # The old category's addresses, slugified as Pelican did (not 'au coin du feu.html').
    redirects = json.loads((site / "content" / "redirects.json").read_text(encoding="utf-8"))
    assert {"/category/au-coin-du-feu.html", "/feeds/au-coin-du-feu.atom.xml"} <= set(redirects), redirects
    # Relative links to what was no post of the old site (a theme's page): they'd break, so they're named.
    assert [line.split(":")[1].strip() for line in problems if "leads to /" in line] == [
        "the link 'exposes' leads to /exposes on the old site, which is none of its posts, pages or files",
        "the link '../articles' leads to /articles on the old site, which is none of its posts, pages or files"]


def test_a_hidden_page_of_the_old_site_stays_published(tmp_path, capsys):
    # Seen on a real site: Pelican's 'hidden' pages (public, only out of the menu) became private
    # here, so the published site lost them and every link to them broke.
    old = tmp_path / "old"
    (old / "content" / "pages").mkdir(parents=True)
    (old / "pelicanconf.py").write_text('DEFAULT_LANG = "fr"\n', encoding="utf-8")
    (old / "content" / "pages" / "faq.md").write_text(
        "Title: Questions fréquentes\nStatus: hidden\n\nLes réponses aux questions qu'on nous pose.\n",
        encoding="utf-8")
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    import_pelican(str(old), site, site_settings(site / "content", site))
    out = capsys.readouterr().out
    page = (site / "content" / "fr" / "pages" / "questions-frequentes.md").read_text(encoding="utf-8")
    assert "Status:" not in page
    assert "pages/faq.md: hidden on the old site" in out.split("Notes (")[1]
