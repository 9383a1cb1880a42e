"""The tiny site, built for real: languages, switcher, hreflang, dates, feeds, sitemap."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
from b2b_blog.checks.alternates import hreflang_problems, hreflang_sets
from b2b_blog.checks.links import broken_links

ORIGIN = "https://relation-btob.example"


def switch_links(soup) -> dict[str, str]:
    nav = soup.select_one("nav.language-switch")
    return {li["lang"]: li.a["href"] for li in nav.select("li")}


def test_french_at_root_and_english_under_en(tiny_site):
    assert tiny_site.soup("/").html["lang"] == "fr"
    assert tiny_site.soup("/en/").html["lang"] == "en"
    assert tiny_site.soup("/premier-billet/").html["lang"] == "fr"
    assert tiny_site.soup("/en/first-post/").html["lang"] == "en"
    assert "Le blog de la Relation BtoB" in tiny_site.soup("/").title.text
    assert "The B2B Relationship Blog" in tiny_site.soup("/en/").title.text


def test_each_search_page_loads_the_index_of_its_own_language(tiny_site):
    for url, bundle, lang in (("/recherche/", "/pagefind/", "fr"), ("/en/search/", "/en/pagefind/", "en")):
        assert tiny_site.soup(url).select_one("#search-form")["data-pagefind"] == bundle
        entry = json.loads(tiny_site.path(bundle + "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [lang], entry


def test_translated_slugs_are_paired_by_key(tiny_site):
    assert switch_links(tiny_site.soup("/premier-billet/")) == {"en": "/en/first-post/"}
    assert switch_links(tiny_site.soup("/en/first-post/")) == {"fr": "/premier-billet/"}
    link = tiny_site.soup("/premier-billet/").select_one("p.translations a")
    assert link["href"] == "/en/first-post/" and link["hreflang"] == "en"


def test_switcher_leads_to_the_same_page_in_the_other_language(tiny_site):
    pairs = {"/": "/en/", "/archives/": "/en/archives/", "/a-propos/": "/en/about/",
             "/rubriques/": "/en/kinds/", "/rubriques/point-de-vue/": "/en/kinds/point-of-view/",
             "/tags/": "/en/tags/"}
    for french, english in pairs.items():
        assert switch_links(tiny_site.soup(french)) == {"en": english}, french
        assert switch_links(tiny_site.soup(english)) == {"fr": french}, english


def test_untranslated_post_says_so_in_the_readers_language(tiny_site):
    english_only = tiny_site.soup("/en/english-only/")
    notice = english_only.select_one("p.only-in")
    assert notice["lang"] == "fr"
    assert "Ce billet n'existe qu'en anglais" in notice.text
    assert switch_links(english_only) == {"fr": "/"}
    french_only = tiny_site.soup("/seulement-en-francais/")
    notice = french_only.select_one("p.only-in")
    assert notice["lang"] == "en" and "This post is only available in French" in notice.text
    assert switch_links(french_only) == {"en": "/en/"}
    # A post that has its translation shows no such notice.
    assert tiny_site.soup("/premier-billet/").select_one("p.only-in") is None


def test_untranslated_posts_stay_out_of_the_other_site(tiny_site):
    assert not tiny_site.path("/en/seulement-en-francais/").exists()
    assert not tiny_site.path("/english-only/").exists()
    assert "English only" not in tiny_site.path("/").read_text(encoding="utf-8")


def test_hreflang_sets_are_complete_reciprocal_and_absolute(tiny_site):
    assert hreflang_problems(tiny_site.output, ORIGIN, "fr") == []
    sets = hreflang_sets(tiny_site.output, ORIGIN)
    assert sets[f"{ORIGIN}/premier-billet/"] == {
        "fr": f"{ORIGIN}/premier-billet/", "en": f"{ORIGIN}/en/first-post/",
        "x-default": f"{ORIGIN}/premier-billet/"}
    # Every page that has a translation carries the set; untranslated ones carry none.
    for url in ("/", "/en/", "/archives/", "/a-propos/", "/en/about/", "/rubriques/agenda/"):
        assert ORIGIN + url in sets, url
    assert f"{ORIGIN}/en/english-only/" not in sets


def test_open_graph_locales(tiny_site):
    soup = tiny_site.soup("/premier-billet/")
    assert soup.select_one('meta[property="og:locale"]')["content"] == "fr_FR"
    assert [m["content"] for m in soup.select('meta[property="og:locale:alternate"]')] == ["en_GB"]
    assert tiny_site.soup("/en/first-post/").select_one('meta[property="og:locale"]')["content"] == "en_GB"


def blog_posting(soup) -> dict:
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def test_json_ld_links_the_original_and_its_translation(tiny_site):
    french = blog_posting(tiny_site.soup("/premier-billet/"))
    english = blog_posting(tiny_site.soup("/en/first-post/"))
    assert french["@type"] == english["@type"] == "BlogPosting"
    assert (french["inLanguage"], english["inLanguage"]) == ("fr", "en")
    assert french["workTranslation"][0]["url"] == f"{ORIGIN}/en/first-post/"
    assert english["translationOfWork"][0]["url"] == f"{ORIGIN}/premier-billet/"
    assert "workTranslation" not in blog_posting(tiny_site.soup("/en/english-only/"))


def test_dates_are_long_and_localised_without_a_system_locale(tiny_site):
    assert "vendredi 25 novembre 2016" in tiny_site.soup("/premier-billet/").select_one("time").text
    assert "Saturday 26 November 2016" in tiny_site.soup("/en/first-post/").select_one("time").text


def test_post_shows_reading_time_and_kind(tiny_site):
    meta = tiny_site.soup("/premier-billet/").select_one(".post-meta").text
    assert "1 min de lecture" in meta and "Point de vue" in meta
    assert "1 min read" in tiny_site.soup("/en/first-post/").select_one(".post-meta").text


def test_kind_pages_list_exactly_their_posts(tiny_site):
    listed = [a.text for a in tiny_site.soup("/rubriques/actualite/").select(".post-title a")]
    assert listed == ["Seulement en français"]
    listed = [a.text for a in tiny_site.soup("/en/kinds/testimony/").select(".post-title a")]
    assert listed == ["English only"]
    index = tiny_site.soup("/en/kinds/").text
    for label in ("Point of view", "Reading notes", "Testimony", "News", "Agenda"):
        assert label in index


def test_feeds_parse_with_absolute_links_per_language(tiny_site):
    for url, titles in (("/feeds/atom.xml", {"Premier billet", "Seulement en français"}),
                        ("/en/feeds/atom.xml", {"First post", "English only"})):
        feed = feedparser.parse(tiny_site.path(url).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert {entry.title for entry in feed.entries} == titles
        for entry in feed.entries:
            assert entry.link.startswith(ORIGIN + "/"), entry.link
    kind_feed = feedparser.parse(tiny_site.path("/en/kinds/testimony/atom.xml").read_bytes())
    assert not kind_feed.bozo and [e.title for e in kind_feed.entries] == ["English only"]


def test_sitemap_covers_both_languages_with_alternates(tiny_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(tiny_site.path("/sitemap.xml")).getroot()
    entries = {url.find("s:loc", ns).text: url for url in root.findall("s:url", ns)}
    assert f"{ORIGIN}/premier-billet/" in entries and f"{ORIGIN}/en/first-post/" in entries
    assert f"{ORIGIN}/en/english-only/" in entries
    alternates = {link.get("hreflang"): link.get("href")
                  for link in entries[f"{ORIGIN}/en/first-post/"].findall("x:link", ns)}
    assert alternates == {"fr": f"{ORIGIN}/premier-billet/", "en": f"{ORIGIN}/en/first-post/",
                          "x-default": f"{ORIGIN}/premier-billet/"}
    assert not entries[f"{ORIGIN}/en/english-only/"].findall("x:link", ns)


def test_every_internal_link_and_asset_resolves(tiny_site):
    assert broken_links(tiny_site.output, ORIGIN) == []
    # The post's {filename} link points to the page in the same language.
    body = tiny_site.soup("/en/first-post/").select_one(".post-body")
    assert body.find("a", string="about page")["href"] == "/en/about/"


def test_every_page_has_landmarks_a_skip_link_and_no_script_but_search(tiny_site):
    with_script = []
    for page in tiny_site.html_pages():
        url = tiny_site.url_of(page)
        soup = tiny_site.soup(url)
        assert soup.select_one('a.skip-link[href="#main"]'), page
        assert soup.select_one("main#main") and soup.select_one("header") and soup.select_one("footer"), page
        # A post's comment form has its script (tests/browser/test_page_weight.py checks it is on posts only).
        form = soup.select_one("article.post #comment-form")
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"
                   and not (form and s.get("src", "").endswith("/comments.js"))]
        if scripts:
            with_script.append(url)
    assert sorted(with_script) == ["/en/search/", "/recherche/"]


def test_robots_txt_names_the_absolute_sitemap(tiny_site):
    robots = tiny_site.path("/robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots.splitlines()


def test_previous_and_next_posts_stay_in_the_language(tiny_site):
    older = tiny_site.soup("/premier-billet/").select_one('nav.post-nav a[rel="next"]')
    assert older["href"] == "/seulement-en-francais/"
    newer = tiny_site.soup("/seulement-en-francais/").select_one('nav.post-nav a[rel="prev"]')
    assert newer["href"] == "/premier-billet/"
    assert tiny_site.soup("/en/first-post/").select_one('nav.post-nav a[rel="next"]')["href"] == "/en/english-only/"
