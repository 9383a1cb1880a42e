"""Every message to the author is a Text with a French translation: found by reading the plugin's source,
said in French by the catalog, kept whole through copies, JSON and the conversion cache."""

from __future__ import annotations

import ast
import copy
import dataclasses
import datetime
import json
import pickle
import re
from pathlib import Path
from string import Formatter

import pytest
from b2b_blog import texts
from b2b_blog.conversion_cache import decode, encode
from b2b_blog.problems import BuildError, Problem, problem_data
from b2b_blog.texts import Day, Text, placeholders, said
from babel.messages.pofile import read_po
from conftest import ROOT

PLUGIN = ROOT / "plugins" / "b2b_blog"
FRENCH = PLUGIN / "translations" / "fr" / "LC_MESSAGES" / "b2b_blog.po"
NBSP = "\u00a0"
# Calls whose arguments the author reads as sentences (by position, and by keyword): Problem(path, field,
# message, fix, line) and the helpers and classes whose words end up in a Problem.
SENTENCES = {
    "Problem": {2: "message", 3: "fix"},
    "_report": {1: "message", 2: "fix"},  # reader.py
    "problem": {1: "message", 2: "fix"},  # cases/reader.py
    "_problem": {1: "message", 2: "fix"},  # confinement.py
    "_refused": {2: "message", 3: "fix"},  # header.py
    "HeaderMistake": {1: "message", 2: "fix"},
    "Refusal": {0: "what", 2: "fix"},
    "Refused": {0: "message"},
    "DateError": {0: "message", 1: "fix"},
    "Owner": {0: "label"},
}


def _sources() -> list[Path]:
    return sorted(path for path in PLUGIN.rglob("*.py") if "__pycache__" not in path.parts)


def _literal(node: ast.AST) -> str | None:
    """A string literal, implicit concatenations included (ast joins them already)."""
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == name:
                found.append((path, node))
    return found


def source_templates() -> dict[str, str]:
    """Every template written as Text("...") in the plugin, with where it is written."""
    found = {}
    for path, call in _calls("Text"):
        template = _literal(call.args[0]) if call.args else None
        assert template is not None, f"{path.name}:{call.lineno}: Text() takes its template as a literal"
        found.setdefault(template, f"{path.relative_to(ROOT)}:{call.lineno}")
    return found


def french() -> dict[str, str]:
    with FRENCH.open("rb") as handle:
        return {message.id: message.string for message in read_po(handle) if message.id}


def test_the_source_holds_the_templates_this_test_reads():
    templates = source_templates()
    # Without this, a parser that found nothing would pass every test below.
    assert len(templates) > 150
    assert "unknown field '{field}'" in templates
    assert "in case '{case}', {fix}" in templates


def test_every_template_has_a_french_translation_with_the_same_placeholders():
    catalog = french()
    missing = [f"{where}: {template!r}" for template, where in source_templates().items() if not catalog.get(template)]
    assert not missing, "no French translation in b2b_blog.po for:\n" + "\n".join(missing)
    for template in source_templates():
        assert placeholders(catalog[template]) == placeholders(template), (template, catalog[template])


def test_templates_hold_plain_named_placeholders_only():
    # `{value!r}` or `{date:%Y}` would ask the translator to keep code; positional `{}` cannot be moved.
    for template, where in source_templates().items():
        for _literal_text, name, spec, conversion in Formatter().parse(template):
            if name is not None:
                assert name.isidentifier() and not spec and not conversion, (where, template)


def _english_only(argument: ast.AST) -> bool:
    """A literal, an f-string, a concatenation or a str.format: words no catalog can say in French."""
    return isinstance(argument, (ast.JoinedStr, ast.BinOp)) or _literal(argument) is not None or (
        isinstance(argument, ast.Call) and getattr(argument.func, "attr", None) == "format")


@pytest.mark.parametrize("callable_name", sorted(SENTENCES))
def test_no_problem_message_or_fix_is_written_in_english_only(callable_name):
    """A Problem's message and fix are Text (or a name holding one), never a literal or an f-string."""
    positions = SENTENCES[callable_name]
    calls = _calls(callable_name)
    assert calls, f"no call to {callable_name}: update SENTENCES"
    offenders = []
    for path, call in calls:
        arguments = {positions[index]: arg for index, arg in enumerate(call.args) if index in positions}
        arguments |= {keyword.arg: keyword.value for keyword in call.keywords if keyword.arg in positions.values()}
        for name, argument in arguments.items():
            if _english_only(argument) or (isinstance(argument, ast.IfExp) and (
                    _english_only(argument.body) or _english_only(argument.orelse))):
                offenders.append(f"{path.relative_to(ROOT)}:{call.lineno}: the {name}")
    assert not offenders, "written without Text():\n" + "\n".join(offenders)


def test_the_french_catalog_keeps_french_typography():
    """No-break spaces inside « » and before : ; ? !, the curly apostrophe in prose; code keeps its quotes."""
    for english, translation in french().items():
        if not english:
            continue
        # Code, entities and values are not prose: a value becomes a word, the rest goes.
        prose = re.sub(r"'[^']*'|`[^`]*`|&\w+;|!\[", "", re.sub(r"\{[a-z_]+\}", "x", translation))
        assert not re.search(r" [:;?!](?=[\s)]|$)| »|« ", prose), f"a plain space, not a no-break one: {translation!r}"
        assert not re.search(r"[^\s\u00a0][;?!](?=[\s)]|$)", prose), f"no space before ; ? !: {translation!r}"
        assert "'" not in prose, f"a straight apostrophe in French prose: {translation!r}"
        assert prose.count("«") == prose.count("»") == prose.count("«" + NBSP) == prose.count(NBSP + "»"), translation


def test_a_text_is_its_english_everywhere_a_string_is_expected():
    text = Text("unknown field '{field}'", field="Titre")
    assert text == "unknown field 'Titre'" and isinstance(text, str)
    assert json.dumps({"message": text}) == '{"message": "unknown field \'Titre\'"}'
    assert f"{text}." == "unknown field 'Titre'." and str(Problem("x.md", "titre", text, "f")).count("Titre") == 1
    assert hash(text) == hash("unknown field 'Titre'")


def test_copies_keep_the_template_and_values():
    inner = Text("did you mean '{guess}'?", guess="Title")
    problem = Problem("fr/x.md", "titre", Text("unknown field '{field}'", field="titre"), inner, 2)
    for copied in (copy.copy(problem), copy.deepcopy(problem), pickle.loads(pickle.dumps(problem))):
        assert copied == problem and isinstance(copied.fix, Text) and copied.fix.values == {"guess": "Title"}
    data = dataclasses.asdict(problem)
    assert isinstance(data["message"], Text)
    assert data["message"].in_language("fr") == f"champ inconnu «{NBSP}titre{NBSP}»"


def test_values_that_are_messages_or_dates_are_said_in_the_language_of_the_page():
    fix = Text("in case '{case}', {fix}", case="acme", fix=Text("use one of: {choices}", choices="a, b"))
    assert fix == "in case 'acme', use one of: a, b"
    assert fix.in_language("fr") == f"dans l’étude de cas «{NBSP}acme{NBSP}», utilisez l’une de ces valeurs{NBSP}: a, b"
    day = Text("'{value}' names the wrong day of the week: that day is a {weekday}", value="x",
               weekday=Day(datetime.date(2016, 11, 25), "EEEE"))
    assert day.endswith("that day is a Friday") and day.in_language("fr").endswith("vendredi")
    assert Day(datetime.date(2016, 3, 11)).in_language("fr") == "11 mars 2016"
    assert Day(datetime.date(2016, 3, 11)).in_language("xx") == "11 March 2016"  # Babel knows no such language


def test_english_a_missing_translation_or_a_broken_one_say_the_english(tmp_path, monkeypatch):
    text = Text("unknown field '{field}'", field="Titre")
    assert text.in_language("en") == text.in_language("pt_BR") == str(text)
    assert Text("a template no catalog holds {x}", x=1).in_language("fr") == "a template no catalog holds 1"
    catalogs = tmp_path / "translations"
    (catalogs / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (catalogs / "fr" / "LC_MESSAGES" / "b2b_blog.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "unknown field \'{field}\'"\nmsgstr "champ inconnu {champ}"\n\n'
        'msgid "the tag \'{tag}\' gives no address"\nmsgstr "l’étiquette {tag"\n', encoding="utf-8")
    monkeypatch.setattr(texts, "CATALOGS", catalogs)
    assert text.in_language("fr") == "unknown field 'Titre'"  # a placeholder of another name
    assert Text("the tag '{tag}' gives no address", tag="<b>").in_language("fr") == "the tag '<b>' gives no address"


def test_values_are_kept_as_text_so_they_are_json_and_never_run():
    text = Text("not a list of field names: {value}", value=["Place", 3])
    assert text.values == {"value": "['Place', 3]"} and text == "not a list of field names: ['Place', 3]"
    # A value holding braces is a value, never a template: nothing in it is looked up.
    braces = Text("unknown field '{field}'", field="{__class__}")
    assert braces.in_language("fr") == f"champ inconnu «{NBSP}{{__class__}}{NBSP}»"


def test_a_problem_replayed_from_the_conversion_cache_is_still_said_in_french():
    message = Text("'{value}' can be read two ways: {day_first} (day first, as in French) or {month_first} "
                   "(month first, as in American English)", value="03/11/2016",
                   day_first=Day(datetime.date(2016, 11, 3)), month_first=Day(datetime.date(2016, 3, 11)))
    problem = Problem("fr/x.md", "date", message, Text("correct the value"), 2)
    _path, message, fix = decode(json.dumps(encode((problem.path, problem.message, problem.fix))))
    assert isinstance(fix, Text) and fix.in_language("fr") == "corrigez la valeur"
    assert isinstance(message, Text) and message == problem.message
    assert "3 novembre 2016" in message.in_language("fr") and "11 mars 2016" in message.in_language("fr")


def test_the_report_says_each_problem_in_every_language_of_a_catalog():
    error = BuildError([Problem(Text("(settings)"), "B2B_X", Text("unknown setting {name} (it would be ignored)",
                                                                   name="B2B_X"), Text("did you mean {guess}?",
                                                                                        guess="B2B_Y"))])
    [data] = json.loads(json.dumps(error.as_json()))
    assert data["message"] == "unknown setting B2B_X (it would be ignored)" and data["line"] is None
    assert data["said"]["en"]["message"] == data["message"]
    assert data["said"]["fr"]["path"] == "(réglages)" and data["said"]["fr"]["field"] == "B2B_X"
    assert problem_data(Problem("x.md", "header", "m", "f"))["said"]["fr"]["field"] == "en-tête"
    assert data["said"]["fr"]["fix"] == f"vouliez-vous dire B2B_Y{NBSP}?"
    assert problem_data(Problem("x.md", "title", "Pelican's own words", "plain", 3))["said"]["fr"]["message"] == \
        "Pelican's own words"


def test_said_leaves_what_is_not_a_message_as_it_is():
    assert said("fr/x.md", "fr") == "fr/x.md" and said(3, "fr") == "3"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_french_template_formats(lang):
    # Each translation formats with its own placeholders filled: no stray brace in the catalog.
    for english, translation in french().items():
        if english:
            values = {name: "x" for name in placeholders(english)}
            assert (translation if lang == "fr" else english).format(**values)


def test_a_tuple_of_values_is_said_as_a_list_each_in_the_language_of_the_page():
    names = tuple(Text("'{name}'", name=name) for name in ("négo", "kam-x"))
    text = Text("unknown topic {names} (known: {known})", names=names, known="kam, leadership")
    assert text == "unknown topic 'négo', 'kam-x' (known: kam, leadership)"
    assert text.in_language("fr") == (f"thème inconnu «{NBSP}négo{NBSP}», «{NBSP}kam-x{NBSP}» "
                                      f"(thèmes connus{NBSP}: kam, leadership)")
    assert decode(json.dumps(encode(text))).in_language("fr") == text.in_language("fr")
    assert texts.templates_of(text) == ["unknown topic {names} (known: {known})", "'{name}'", "'{name}'"]


def test_a_failed_build_after_a_cached_one_is_still_said_in_french(tiny_copy, tmp_path):
    from b2b_blog.build import write_report  # noqa: PLC0415
    from conftest import build  # noqa: PLC0415

    build(tiny_copy, tmp_path)  # a good build fills the conversion cache
    assert (tmp_path / "cache" / "b2b-conversions.json").is_file()
    post = tiny_copy / "fr" / "premier-billet.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Date: 2016-11-25 09:00", "Date: 03/11/2016"),
                    encoding="utf-8")
    for attempt in range(2):  # the second failed build reads the unchanged files from the cache again
        with pytest.raises(BuildError) as raised:
            build(tiny_copy, tmp_path)
        write_report(tmp_path / f"report-{attempt}.json", raised.value)
        report = json.loads((tmp_path / f"report-{attempt}.json").read_text(encoding="utf-8"))
        [problem] = report["problems"]
        assert problem["message"].startswith("'03/11/2016' can be read two ways: 3 November 2016")
        assert problem["said"]["fr"]["message"].startswith(f"«{NBSP}03/11/2016{NBSP}» peut se lire de deux façons")
        assert "3 novembre 2016" in problem["said"]["fr"]["fix"]


def test_a_translation_reaching_into_a_value_is_not_used(tmp_path, monkeypatch):
    catalogs = tmp_path / "translations"
    (catalogs / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (catalogs / "fr" / "LC_MESSAGES" / "b2b_blog.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "unknown field \'{field}\'"\nmsgstr "champ {field.__class__}"\n', encoding="utf-8")
    monkeypatch.setattr(texts, "CATALOGS", catalogs)
    assert Text("unknown field '{field}'", field="x").in_language("fr") == "unknown field 'x'"
