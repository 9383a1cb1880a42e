"""Habits of authors coming from Hugo, Jekyll or a French keyboard, read right; settings-file mistakes
named by their line (the red team of the writing loop)."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from b2b_blog.checks.leaks import _unlisted
from b2b_blog.dates import DateError, parse_date, read_date
from b2b_blog.header import parse_header
from b2b_blog.problems import BuildError
from b2b_blog.settings_file import read_settings_file
from conftest import ROOT, build

BODY = "Un billet d'essai sur la négociation avec les grands comptes.\n"


def test_a_hugo_toml_header_is_read_with_its_lists_and_lines():
    header = parse_header('+++\ntitle = "Négocier : l\'art"\ndate = 2016-11-10T09:30:00\n'
                          'tags = [\n  "négociation",\n  "achats",\n]\n+++\n\n' + BODY)
    assert header.mistakes == []
    assert header.fields["title"].text == "Négocier : l'art"
    assert header.fields["date"].text == "2016-11-10 09:30"
    assert header.fields["tags"].text == "négociation, achats"
    assert header.fields["tags"].line == 4
    assert header.body == BODY.strip()


def test_an_unclosed_or_broken_toml_header_is_refused_with_its_line():
    assert "never closed" in parse_header('+++\ntitle = "x"\n\n' + BODY).mistakes[0].message
    broken = parse_header('+++\ntitle = "x"\ndate = 10 novembre\n+++\n\n' + BODY).mistakes[0]
    assert broken.line == 3 and "TOML header cannot be read" in broken.message


def test_a_tab_after_a_yaml_colon_is_a_space():
    header = parse_header("---\ntitle:\tEssai\ntags:\t[a, b]\n---\n\n" + BODY)
    assert header.mistakes == []
    assert (header.fields["title"].text, header.fields["tags"].text) == ("Essai", "a, b")


def test_a_yaml_key_written_twice_is_refused():
    mistakes = parse_header("---\ntitle: Un\nTitle: Deux\n---\n\n" + BODY).mistakes
    assert [(mistake.line, "2 'title:' lines" in mistake.message) for mistake in mistakes] == [(3, True)]


def test_a_header_line_wrapped_by_the_editor_is_refused_not_shown_as_text():
    header = parse_header("Title: Essai\nSummary: un résumé coupé\nen deux\nTags: a\n\n" + BODY)
    assert [mistake.line for mistake in header.mistakes] == [3]
    assert "'Tags:' on line 4" in header.mistakes[0].message
    # A text that follows the header without a blank line, with no field below, stays the text.
    assert parse_header("Title: Essai\nLe texte commence ici.\n").mistakes == []


def test_a_blank_line_above_the_header_is_named():
    mistake = parse_header("\n\nTitle: Essai\nDate: 2016-11-10\n\n" + BODY).mistakes[0]
    assert mistake.line == 1 and "header (line 3)" in mistake.message
    assert parse_header("\n\nUn texte sans en-tête.\n").mistakes == []


@pytest.mark.parametrize(("written", "expected"), [
    ("2016-11-10 à 9 h 30", "2016-11-10 09:30"),
    ("2016-11-10 a 14h", "2016-11-10 14:00"),
    ("10 novembre 2016 à 14 h", "2016-11-10 14:00"),
    ("jeudi 10 novembre 2016, 9h30", "2016-11-10 09:30"),
    ("2016-11-10 09:30:00 +0100", "2016-11-10 09:30"),  # Jekyll's date with its offset
])
def test_french_hours_and_jekyll_offsets_are_read(written, expected):
    assert f"{read_date(written):%Y-%m-%d %H:%M}" == expected


@pytest.mark.parametrize(("written", "fragment"), [
    ("2016", "not a whole date"),
    ("Nov 2016", "has no day"),
    ("novembre 2016", "has no day"),
    ("", "the date is empty"),
])
def test_a_date_dateutil_would_complete_with_today_is_refused(written, fragment):
    with pytest.raises(DateError) as raised:
        parse_date(written)
    assert fragment in raised.value.message


def test_status_written_with_a_capital_is_still_private():
    assert _unlisted({"status": "Draft"}) and _unlisted({"status": " hidden"})
    assert not _unlisted({"status": "published"})


def test_lang_in_capitals_or_with_a_region_and_status_with_a_capital_are_read(tiny_copy, tmp_path):
    (tiny_copy / "fr" / "majuscules.md").write_text(
        "Title: En majuscules\nDate: 2016-11-10\nSlug: en-majuscules\nLang: fr-FR\nStatus: Published\n"
        "Topics: kam\n\n" + BODY, encoding="utf-8")
    (tiny_copy / "fr" / "brouillon.md").write_text(
        "Title: Un brouillon\nDate: 2016-11-10\nSlug: un-brouillon\nLang: FR\nStatus: Draft\nTopics: kam\n\n" + BODY,
        encoding="utf-8")
    (tiny_copy / "fr" / "hugo.md").write_text(
        '+++\ntitle = "Venu de Hugo"\ndate = "2016-11-11"\nslug = "venu-de-hugo"\ntopics = ["kam"]\n'
        'tags = ["négociation"]\n+++\n\n' + BODY, encoding="utf-8")
    output = build(tiny_copy, tmp_path, B2B_WRITE_UNLISTED=False).output
    assert "En majuscules" in (output / "en-majuscules" / "index.html").read_text(encoding="utf-8")
    hugo = (output / "venu-de-hugo" / "index.html").read_text(encoding="utf-8")
    assert "Venu de Hugo" in hugo and "2016-11-11" in hugo
    assert (output / "tags" / "negociation").is_dir()
    assert not list(output.rglob("un-brouillon*"))
    assert "Un brouillon" not in (output / "index.html").read_text(encoding="utf-8")


def settings_file(tmp_path, text: str):
    path = tmp_path / "pelicanconf.py"
    path.write_text(f"THEME = {str(ROOT / 'theme')!r}\n" + textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "line", "fragments"), [
    ("SITENAME = 'blog'\nTIMEZONE = Europe/Paris\n", 3, ["NameError", "in quotes"]),
    ("import os\nTARGET = os.environ['B2B_NO_SUCH_VARIABLE']\n", 3, ["KeyError", "os.environ.get"]),
    ("SITENAME = 'Le blog\n", 2, ["cannot read the settings"]),
])
def test_a_settings_file_that_fails_is_named_by_its_line(tmp_path, text, line, fragments):
    with pytest.raises(BuildError) as raised:
        read_settings_file(str(settings_file(tmp_path, text)))
    problem = raised.value.problems[0]
    assert (problem.path, problem.line) == ("pelicanconf.py", line)
    for fragment in fragments:
        assert fragment in f"{problem.message} {problem.fix}"


def test_a_missing_theme_and_a_plugin_that_cannot_be_imported_are_named(tmp_path):
    with pytest.raises(BuildError) as raised:
        read_settings_file(str(settings_file(tmp_path, "THEME = 'themes'\n")))
    assert raised.value.problems[0].field == "THEME" and "'themes' does not exist" in str(raised.value)
    with pytest.raises(BuildError) as raised:
        read_settings_file(str(settings_file(tmp_path, "PLUGINS = ['pelican.plugins.i18n_subsite']\n")))
    assert "did you mean 'pelican.plugins.i18n_subsites'?" in str(raised.value)


def test_a_language_without_its_theme_catalog_stops_the_build(tiny_copy, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    shutil.rmtree(theme / "translations" / "fr")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path, THEME=str(theme))
    assert "no catalog for the language 'fr'" in str(raised.value)
    assert "theme/translations/fr/LC_MESSAGES/messages.po" in str(raised.value)


def test_a_list_setting_written_as_a_text_is_named_not_replaced_by_pelicans_default(tmp_path):
    with pytest.raises(BuildError) as raised:
        read_settings_file(str(settings_file(tmp_path, "ARTICLE_PATHS = 'fr'\n")))
    assert raised.value.problems[0].field == "ARTICLE_PATHS"
    assert "ARTICLE_PATHS is a text, where a list is expected" in str(raised.value)


def test_a_yaml_value_misread_is_answered_with_its_line_in_double_quotes():
    mistake = parse_header("---\ntitle: 'L'art de négocier'\n---\n\n" + BODY).mistakes[0]
    assert mistake.line == 2 and mistake.fix == 'put the value inside double quotes: title: "L\'art de négocier"'


def test_yaml_words_read_as_booleans_stay_words():
    fields = parse_header("---\ntitle: No\nsummary: On\nstatus: draft\n---\n\n" + BODY).fields
    assert (fields["title"].text, fields["summary"].text) == ("No", "On")


def test_every_message_of_the_new_checks_is_said_in_french():
    import ast  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    from b2b_blog.texts import _catalog  # noqa: PLC0415

    catalog = _catalog("fr")
    plugin = ROOT / "plugins" / "b2b_blog"
    for module in ("settings_file.py", "theme_check.py"):
        tree = ast.parse(Path(plugin / module).read_text(encoding="utf-8"))
        templates = [node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call)
                     and getattr(node.func, "id", None) == "Text" and isinstance(node.args[0], ast.Constant)]
        assert templates
        assert [template for template in templates if template not in catalog] == [], module


@pytest.mark.parametrize(("written", "fragment"), [
    ("2016-13-10", "month must be in 1..12"),
    ("2016-11-10 25:00", "hour must be in 0..23"),
])
def test_an_iso_date_with_a_number_out_of_range_says_which(written, fragment):
    with pytest.raises(DateError) as raised:
        parse_date(written)
    assert fragment in raised.value.message


def test_an_invisible_character_before_the_first_key_is_named():
    mistake = parse_header("\u00a0Title: Essai\nDate: 2016-11-10\n\n" + BODY).mistakes[0]
    assert mistake.line == 1 and "U+00A0" in mistake.message


def test_the_new_messages_are_said_in_french_with_their_values():
    mistake = parse_header("Title: x\n\u200bDate: 2016-11-10\n\n" + BODY).mistakes[0]
    assert mistake.message.in_language("fr") == ("la ligne 2 commence par un caractère invisible (U+200B)\u00a0: "
                                                 "l’en-tête s’arrête donc là")
    with pytest.raises(DateError) as raised:
        parse_date("2016")
    assert raised.value.message.in_language("fr").startswith("«\u00a02016\u00a0» n’est pas une date complète")


def test_a_language_being_added_without_its_catalog_is_a_warning_found_where_gettext_looks(tmp_path):
    from b2b_blog.theme_check import catalog_problems  # noqa: PLC0415
    from conftest import site_settings  # noqa: PLC0415

    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (tmp_path / "content").mkdir()
    settings = site_settings(tmp_path / "content", tmp_path, THEME=str(theme),
                             I18N_SUBSITES={"en": {}, "pt_br": {"SITENAME": "O blog"}})
    assert warned(catalog_problems, settings) == ([], True)
    (theme / "translations" / "pt_BR" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po",
                theme / "translations" / "pt_BR" / "LC_MESSAGES" / "messages.po")
    assert warned(catalog_problems, settings) == ([], False)


def warned(check, settings) -> tuple[list, bool]:
    """What `check` returns, and whether it warned of a missing catalog for pt_br (as pt_BR)."""
    from b2b_blog import theme_check  # noqa: PLC0415

    found = check(settings)
    return found, any("no catalog for the language 'pt_br'" in str(problem) and "--lang pt_BR" in str(problem)
                      for problem in theme_check.awaited)
