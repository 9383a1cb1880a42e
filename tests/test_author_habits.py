"""The author's habits read right: French colons, YAML headers, written-out dates, posts dated in the future,
a site's own header fields, and each problem printed once."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import time

import pytest
from b2b_blog.dates import DateError, parse_date, read_date
from b2b_blog.header import parse_header
from b2b_blog.localization import bcp47
from b2b_blog.problems import BuildError
from conftest import ROOT, build
from pelican import signals


@pytest.mark.parametrize(("written", "expected"), [
    ("2016-11-10", "2016-11-10 00:00"),
    ("2016-11-10 09:00", "2016-11-10 09:00"),
    ("2018/07/14 18:00", "2018-07-14 18:00"),
    ("10 novembre 2016", "2016-11-10 00:00"),
    ("1er novembre 2016", "2016-11-01 00:00"),
    ("10\u00a0novembre\u00a02016", "2016-11-10 00:00"),
    ("vendredi 25 novembre 2016 à 9h30", "2016-11-25 09:30"),
    ("November 10, 2016", "2016-11-10 00:00"),
    ("Friday, 25 Nov 2016", "2016-11-25 00:00"),
    ("10 fevrier 2017", "2017-02-10 00:00"),  # accents forgotten
    ("25/11/2016", "2016-11-25 00:00"),  # no month 25: one reading only
    ("11/25/2016", "2016-11-25 00:00"),
    ("05/05/2016", "2016-05-05 00:00"),  # both readings are the same day
])
def test_unambiguous_dates_are_read(written, expected):
    assert f"{parse_date(written):%Y-%m-%d %H:%M}" == expected


@pytest.mark.parametrize(("written", "fragment"), [
    ("03/11/2016", "can be read two ways"),
    ("03.11.2016", "can be read two ways"),
    ("03-11-2016 10:00", "can be read two ways"),
    ("03/11/16", "two-digit year"),
    ("31/02/2016", "not a date that exists"),
    ("31 février 2016", "not a date that exists"),
    ("jeudi 25 novembre 2016", "wrong day of the week"),
])
def test_dates_read_two_ways_or_impossible_are_refused(written, fragment):
    with pytest.raises(DateError) as raised:
        parse_date(written)
    assert fragment in raised.value.message
    assert "YYYY-MM-DD" in raised.value.fix or "2016-" in raised.value.fix


def test_an_ambiguous_date_names_both_readings_and_their_iso_forms():
    with pytest.raises(DateError) as raised:
        parse_date("03/11/2016")
    assert "3 November 2016" in raised.value.message and "11 March 2016" in raised.value.message
    assert "2016-11-03" in raised.value.fix and "2016-03-11" in raised.value.fix


def test_dates_pelican_reads_are_still_read():
    assert read_date("2016-11-10T09:00:00+01:00").utcoffset() == datetime.timedelta(hours=1)
    with pytest.raises(DateError):
        read_date("next tuesday-ish")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "  "])
def test_a_space_before_the_colon_is_the_french_habit(space):
    header = parse_header(f"Title{space}: Diriger\nTags{space}: négociation, kam\nDate{space}: 2016-11-10\n\n"
                          "Attention : ceci est le texte.\n")
    assert {key: field.text for key, field in header.fields.items()} == {
        "title": "Diriger", "tags": "négociation, kam", "date": "2016-11-10"}
    assert header.body == "Attention : ceci est le texte."
    # What python-markdown's meta extension (Pelican's metadata reader) is given.
    assert header.markdown.startswith("Title: Diriger\nTags: négociation, kam\nDate: 2016-11-10\n\n")


def test_a_plain_header_reaches_markdown_unchanged():
    text = "Title: Diriger\nDate: 2016-11-10\n\nLe texte : avec un deux-points.\n"
    assert parse_header(text).markdown == text


def test_a_yaml_header_is_read_without_quotes_or_brackets():
    header = parse_header('---\ntitle: "Diriger sans autorité"\ndate: 2016-11-10 09:00\n'
                          "tags: [leadership, influence]\nsummary: >\n  Deux\n  lignes.\n---\n\nLe texte.\n")
    fields = {key: field.text for key, field in header.fields.items()}
    assert fields == {"title": "Diriger sans autorité", "date": "2016-11-10 09:00",
                      "tags": "leadership, influence", "summary": "Deux lignes."}
    assert header.fields["tags"].line == 4
    assert header.body == "Le texte."
    assert not header.mistakes


def post(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_french_colons_yaml_and_written_dates_in_a_real_build(tiny_copy, tmp_path):
    post(tiny_copy / "fr", "deux-points.md", "Title : Négocier avec patience\nDate\u00a0: 10 novembre 2016\n"
         "Slug : negocier\nTags : négociation\nKind : news\n\nUn texte sur la négociation avec un client.\n")
    post(tiny_copy / "fr", "yaml.md", '---\ntitle: "Diriger sans autorité"\ndate: 2016-11-12\n'
         "slug: diriger\ntags: [leadership, influence]\n---\n\nUn texte sur le leadership.\n")
    site = build(tiny_copy, tmp_path)
    page = site.soup("/negocier/")
    assert page.h1.text.strip() == "Négocier avec patience"
    assert page.select_one("time")["datetime"].startswith("2016-11-10")
    assert "Tags" not in page.select_one("article").text
    assert site.path("/tags/negociation/").exists()
    yaml_page = site.soup("/diriger/")
    assert yaml_page.h1.text.strip() == "Diriger sans autorité"
    assert site.path("/tags/leadership/").exists() and site.path("/tags/influence/").exists()
    assert not any("[" in path.name for path in (site.output / "tags").iterdir())


def everything_published(site) -> str:
    """Every page, feed, sitemap and search entry the site publishes, except drafts' own pages."""
    texts = []
    for path in site.output.rglob("*"):
        relative = path.relative_to(site.output).as_posix()
        if path.is_file() and "drafts/" not in relative and path.suffix in (".html", ".xml", ".json", ".txt"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def test_a_post_dated_in_the_future_waits_and_the_build_says_until_when(tiny_copy, tmp_path, capsys):
    post(tiny_copy / "fr", "futur.md", "Title: Billet du futur\nDate: 2061-11-10 09:00\nSlug: billet-du-futur\n"
         "Kind: news\n\nUn texte sur la relation avec un client, publié plus tard.\n")
    site = build(tiny_copy, tmp_path)
    out = capsys.readouterr().out
    assert "fr/futur.md: until 2061-11-10 09:00 (CET)" in out
    published = everything_published(site)
    assert "Billet du futur" not in published and "billet-du-futur" not in published
    assert site.soup("/").select("article h2")[0].text.strip() != "Billet du futur"


def test_a_waiting_post_appears_in_the_first_build_on_its_date(tiny_copy, tmp_path):
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=3)
    post(tiny_copy / "fr", "bientot.md", f"Title: Billet de tout à l'heure\nDate: {soon.isoformat()}\n"
         "Slug: bientot\nKind: news\n\nUn texte sur la relation avec un client, publié bientôt.\n")
    first = build(tiny_copy, tmp_path)
    assert "bientot" not in everything_published(first)
    time.sleep(max(0.0, (soon - datetime.datetime.now(datetime.UTC)).total_seconds()) + 0.5)
    # Nothing changed on disk, but the date has come: the build runs and publishes it.
    second = build(tiny_copy, tmp_path)
    assert second.path("/bientot/").exists()
    assert "Billet de tout à l'heure" in second.soup("/").get_text()  # titles are escaped: l&#39;heure


captured: dict[str, object] = {}


def remember_places(generator) -> None:
    for article in generator.articles:
        captured[article.slug] = getattr(article, "place", None)


def test_declared_extra_fields_reach_templates_and_undeclared_ones_stay_errors(tiny_copy, tmp_path):
    post(tiny_copy / "fr", "conference.md", "Title: Une conférence\nDate: 2016-11-10\nSlug: conference\n"
         "Place: Lyon\nDOI: 10.1000/xyz123\n\nUn texte sur la relation avec un client.\n")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path)
    message = str(raised.value)
    assert "unknown field 'place'" in message and "unknown field 'doi'" in message
    assert "Template" not in message  # 'Place' is not a typo of 'Template'
    signals.article_generator_finalized.connect(remember_places)
    try:
        build(tiny_copy, tmp_path, B2B_EXTRA_FIELDS=["Place", "DOI"])
    finally:
        signals.article_generator_finalized.disconnect(remember_places)
    assert captured["conference"] == "Lyon"


def test_each_problem_is_printed_once_then_the_count(tiny_copy, tmp_path):
    post(tiny_copy / "fr", "faute.md", "Title: Une faute\nDate: 03/11/2016\nKnd: news\n\nUn texte.\n")
    result = subprocess.run([sys.executable, "-m", "b2b_blog", "--content", str(tiny_copy), "--output",
                             str(tmp_path / "output"), "--cache", str(tmp_path / "cache"),
                             "--report", str(tmp_path / "report.json")], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")}, check=False)
    assert result.returncode == 1
    printed = result.stdout + result.stderr
    assert printed.count("can be read two ways") == 1
    assert printed.count("unknown field 'knd'") == 1
    assert "Could not process" not in printed
    assert printed.strip().splitlines()[-1] == "b2b_blog: the build stopped, 2 problem(s) to fix (listed above)"
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["ok"] is False
    assert {problem["field"] for problem in report["problems"]} == {"date", "knd"}


def test_language_tags():
    assert [bcp47(lang) for lang in ("fr", "en", "pt_br", "pt-br", "zh_hant_tw", "de")] == [
        "fr", "en", "pt-BR", "pt-BR", "zh-Hant-TW", "de"]


def test_the_translations_report_reads_every_date_the_build_accepts(tiny_copy, tmp_path):
    from b2b_blog.authoring import translation_report  # noqa: PLC0415
    from conftest import site_settings  # noqa: PLC0415

    english = tiny_copy / "en" / "first-post.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "\n\n", "\nModified: 2018/07/14 18:00\n\n", 1), encoding="utf-8")
    french = tiny_copy / "fr" / "premier-billet.md"
    french.write_text(french.read_text(encoding="utf-8").replace(
        "\n\n", "\nModified : 14 juillet 2017\n\n", 1), encoding="utf-8")
    report = translation_report(site_settings(tiny_copy, tmp_path))
    assert "fr/premier-billet.md (2017-07-14, Modified) is older than the change of en/first-post.md " \
           "(2018-07-14, Modified)" in report


def test_a_yaml_list_in_a_plain_header_is_a_list():
    header = parse_header("Title: Ouverture\nDate: 2013-12-09 08:00:00\nTags: [pelican, publication]\n"
                          "Summary: [Brouillon] un titre entre crochets reste tel quel\n\nLe texte.\n")
    assert header.fields["tags"].text == "pelican, publication"
    assert "Tags: pelican, publication\n" in header.markdown
    assert header.fields["summary"].text.startswith("[Brouillon]")


def test_a_yaml_header_runs_no_code_and_a_refused_one_leaves_the_text_whole():
    header = parse_header("---\ntitle: !!python/object/apply:os.system ['echo owned']\n---\n\nLe texte.\n")
    assert header.mistakes and header.mistakes[0].line == 2
    assert "YAML header cannot be read" in header.mistakes[0].message
    unclosed = parse_header("---\n\nUn texte qui commence par un filet.\n")
    assert unclosed.body.endswith("Un texte qui commence par un filet.")


def test_a_settings_file_python_cannot_read_is_named_with_its_line(tmp_path):
    from b2b_blog.build import write_report  # noqa: PLC0415

    broken = tmp_path / "pelicanconf.py"
    broken.write_text('SITENAME = "Blog"\nB2B_KINDS = {\n', encoding="utf-8")
    try:
        compile(broken.read_text(encoding="utf-8"), str(broken), "exec")
    except SyntaxError as error:
        write_report(tmp_path / "report.json", error)
    problem = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["problems"][0]
    assert (problem["path"], problem["line"]) == ("pelicanconf.py", 2)
    assert "never closed" in problem["message"]
