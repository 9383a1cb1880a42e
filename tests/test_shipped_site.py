"""The content shipped with the project builds into a complete, cross-linked bilingual site."""

from __future__ import annotations

import re
from collections import Counter

import feedparser
from b2b_blog.authoring import read_header
from b2b_blog.checks.alternates import hreflang_problems
from b2b_blog.checks.links import broken_links
from conftest import ROOT

ORIGIN = "https://relation-btob.example"
FRENCH_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def posts():
    for lang in ("fr", "en"):
        for path in sorted((ROOT / "content" / lang).glob("*.md")):
            yield lang, path, read_header(path)


def test_shipped_posts_pairs_singles_kinds_and_lengths():
    keys = Counter(header["translation_key"] for _, _, header in posts())
    assert sum(1 for count in keys.values() if count == 2) >= 8
    assert sum(1 for count in keys.values() if count == 1) >= 2
    years = {header["date"][:4] for _, _, header in posts()}
    assert len(years) >= 5
    for _, path, header in posts():
        body = path.read_text(encoding="utf-8").split("\n\n", 1)[1]
        words = len(re.findall(r"\w+", body))
        assert 300 <= words <= 900, (path.name, words)
        assert header["kind"] in {"point-of-view", "reading-notes", "testimony", "news", "agenda"}


def test_shipped_site_links_and_alternates(shipped_site):
    assert broken_links(shipped_site.output, ORIGIN) == []
    assert hreflang_problems(shipped_site.output, ORIGIN, "fr") == []


def test_shipped_site_pages_exist_in_both_languages(shipped_site):
    for url in ("/", "/en/", "/bienvenue/", "/en/welcome/", "/formation/", "/en/training/",
                "/archives/", "/en/archives/", "/rubriques/notes-de-lecture/", "/en/kinds/reading-notes/"):
        assert shipped_site.path(url).is_file(), url


def test_french_pages_carry_french_dates(shipped_site):
    for _, path, header in posts():
        if path.parent.name != "fr":
            continue
        time = shipped_site.soup(f"/{header['slug']}/").select_one(".post-meta time").text
        assert time.split()[0] in FRENCH_DAYS, time


def test_shipped_feeds_parse(shipped_site):
    for url, lang in (("/feeds/atom.xml", "fr"), ("/en/feeds/atom.xml", "en")):
        feed = feedparser.parse(shipped_site.path(url).read_bytes())
        assert not feed.bozo
        expected = sum(1 for post_lang, _, _ in posts() if post_lang == lang)
        assert len(feed.entries) == expected


def test_long_posts_have_a_table_of_contents_and_short_ones_not(shipped_site):
    soup = shipped_site.soup("/le-kam-diplomate-interne/")
    links = soup.select("nav.toc a")
    assert len(links) >= 3
    for link in links:
        assert soup.find(id=link["href"].lstrip("#")), link["href"]
    assert shipped_site.soup("/en/").select_one("nav.toc") is None
