"""A third language is a settings change: a German subsite needs no code."""

from __future__ import annotations

import copy
import json

import pytest
from b2b_blog.problems import BuildError
from b2b_blog.settings import DEFAULTS
from conftest import build


def test_a_german_subsite_from_settings_only(tiny_copy, tmp_path):
    (tiny_copy / "de").mkdir()
    (tiny_copy / "de" / "erster-beitrag.md").write_text(
        "Title: Erster Beitrag\nDate: 2016-11-27 09:00\nSlug: erster-beitrag\n"
        "Translation_key: first-post\n\nEin kurzer Beitrag.\n", encoding="utf-8")
    kinds = copy.deepcopy(DEFAULTS["B2B_KINDS"])
    for key, labels in kinds.items():
        labels["de"] = {"label": key.title(), "slug": key}
    topics = copy.deepcopy(DEFAULTS["B2B_TOPICS"])
    for key, labels in topics.items():
        labels["de"] = {"label": key.title(), "slug": key, "description": "",
                        "lexicon": {"Führung": 3.0, "Großkunde": 3.0, "Partnerschaft": 3.0}}
    sections = {**DEFAULTS["B2B_SECTIONS"], "de": {
        "kinds": "rubriken", "topics": "themen", "cases": "weiterbildung/fallstudien",
        "case_topics": "weiterbildung/fallstudien/themen", "case_languages": "weiterbildung/fallstudien/sprachen",
        "search": "suche"}}
    site = build(tiny_copy, tmp_path,
                 I18N_SUBSITES={"en": {"SITENAME": "The B2B Relationship Blog"},
                                "de": {"SITENAME": "Der B2B-Beziehungsblog"}},
                 ARTICLE_PATHS=["fr", "en", "de"], B2B_KINDS=kinds, B2B_TOPICS=topics, B2B_SECTIONS=sections,
                 B2B_LOCALES={"fr": "fr_FR", "en": "en_GB", "de": "de_DE"})
    german = site.soup("/de/erster-beitrag/")
    assert german.html["lang"] == "de"
    assert german.select_one("time").text.startswith("Sonntag, 27. November 2016")
    hreflangs = {link["hreflang"] for link in german.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"fr", "en", "de", "x-default"}
    switch = {li["lang"]: li.a["href"] for li in german.select("nav.language-switch li")}
    assert switch == {"fr": "/premier-billet/", "en": "/en/first-post/"}
    # A search index per language: the French one leaves out both subsites' pages.
    for folder, lang in (("", "fr"), ("en/", "en"), ("de/", "de")):
        entry = json.loads(site.path(f"/{folder}pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang], entry
    assert site.soup("/de/suche/").select_one("#search-form")["data-pagefind"] == "/de/pagefind/"


def brazilian_settings() -> dict:
    """The README's steps for a language with a territory, `pt_br`, every label included."""
    kinds = copy.deepcopy(DEFAULTS["B2B_KINDS"])
    for key, labels in kinds.items():
        labels["pt_br"] = {"label": key.title(), "slug": key}
    topics = copy.deepcopy(DEFAULTS["B2B_TOPICS"])
    for key, labels in topics.items():
        labels["pt_br"] = {"label": key.title(), "slug": key, "description": "",
                           "lexicon": {"liderança": 3.0, "grandes contas": 3.0, "parceria": 3.0}}
    sections = {**DEFAULTS["B2B_SECTIONS"], "pt_br": {
        "kinds": "rubricas", "topics": "temas", "cases": "formacao/casos", "case_topics": "formacao/casos/temas",
        "case_languages": "formacao/casos/linguas", "search": "busca"}}
    return {"I18N_SUBSITES": {"en": {"SITENAME": "The B2B Relationship Blog"},
                              "pt_br": {"SITENAME": "O blog da relação B2B"}},
            "ARTICLE_PATHS": ["fr", "en", "pt_br"], "B2B_KINDS": kinds, "B2B_TOPICS": topics,
            "B2B_SECTIONS": sections}


def test_a_language_with_a_territory_uses_bcp47_and_open_graph_forms(tiny_copy, tmp_path):
    (tiny_copy / "pt_br").mkdir()
    (tiny_copy / "pt_br" / "primeiro-post.md").write_text(
        "Title: Primeiro post\nDate: 2016-11-27 09:00\nSlug: primeiro-post\n"
        "Translation_key: first-post\n\nUm post curto sobre a relação com um cliente.\n", encoding="utf-8")
    site = build(tiny_copy, tmp_path, **brazilian_settings())
    page = site.soup("/pt_br/primeiro-post/")
    assert page.html["lang"] == "pt-BR"  # BCP 47, as HTML and hreflang want
    hreflangs = {link["hreflang"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert hreflangs == {"fr", "en", "pt-BR", "x-default"}
    # Open Graph wants language_TERRITORY, with an underscore.
    assert page.select_one('meta[property="og:locale"]')["content"] == "pt_BR"
    french = site.soup("/premier-billet/")
    assert {link["hreflang"] for link in french.select('link[rel="alternate"][hreflang]')} >= {"pt-BR"}
    assert 'hreflang="pt-BR"' in site.path("/sitemap.xml").read_text(encoding="utf-8")
    assert '"inLanguage": "pt-BR"' in site.path("/pt_br/primeiro-post/").read_text(encoding="utf-8")


def test_a_language_without_its_labels_names_every_missing_setting(tiny_copy, tmp_path):
    (tiny_copy / "pt_br").mkdir()
    settings = brazilian_settings()
    for name in ("B2B_KINDS", "B2B_TOPICS", "B2B_SECTIONS"):
        del settings[name]
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path, **settings)
    fields = {problem.field for problem in raised.value.problems}
    assert fields == {"B2B_KINDS", "B2B_TOPICS", "B2B_SECTIONS"}
    assert all("pt_br" in problem.fix for problem in raised.value.problems)
