"""Topics on the built site: explicit and inferred, pairs that agree, pages, feeds, and the command."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import feedparser
import pytest
from b2b_blog.problems import BuildError
from conftest import ROOT, build

KAM_FR = ("Le plan de compte d'un grand compte se prépare avec l'équipe compte. Le key account manager "
          "cartographie le centre de décision du client stratégique, puis le plan de compte fixe les "
          "objectifs du grand compte pour trois ans. ") * 3
KAM_EN = ("A key account plan is built with the account team. The key account manager maps the buying "
          "centre of the strategic customer, and the account plan sets the key account's goals for three "
          "years. ") * 3
PARTNERS_EN = ("The joint venture between the two partners needs a governance board. A strategic alliance "
               "shares value between partners, and the partnership agreement sets how the alliance is "
               "steered. ") * 3
LEADERSHIP_FR = ("Le leadership d'un dirigeant se voit dans la confiance de son équipe. Un bon manager "
                 "partage sa vision, délègue les décisions et fait grandir ses collaborateurs. ") * 3
COOKING_EN = "Slice the onions thinly, fry them slowly in butter and add the stock a ladle at a time. " * 4


def post(folder, name, title, key, body, topics=None, date="2020-01-01"):
    header = f"Title: {title}\nDate: {date}\nSlug: {name}\nTranslation_key: {key}\n"
    if topics is not None:
        header += f"Topics: {topics}\n"
    path = folder / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header}\n{body}\n", encoding="utf-8")
    return path


def topic_links(site, url):
    return [a["href"] for a in site.soup(url).select(".post-topics a.topic")]


@pytest.fixture
def content(tmp_path):
    return tmp_path / "content"


def test_inferred_topics_and_pairs_that_agree(content, tmp_path):
    post(content / "fr", "plan-de-compte", "Le plan de compte", "plan", KAM_FR)
    # The English version speaks of partners too: the pair pools what either language sees.
    post(content / "en", "account-plan", "The account plan", "plan", KAM_EN + PARTNERS_EN)
    post(content / "fr", "le-dirigeant", "Le dirigeant", "leader", LEADERSHIP_FR, date="2021-01-01")
    site = build(content, tmp_path)
    assert topic_links(site, "/plan-de-compte/") == ["/themes/grands-comptes/", "/themes/partenariats/"]
    assert topic_links(site, "/en/account-plan/") == ["/en/topics/key-account-management/",
                                                      "/en/topics/partnerships/"]
    assert topic_links(site, "/le-dirigeant/") == ["/themes/leadership/"]


def test_explicit_topics_win_for_both_versions(content, tmp_path):
    post(content / "fr", "plan-de-compte", "Le plan de compte", "plan", KAM_FR, topics="Leadership")
    post(content / "en", "account-plan", "The account plan", "plan", KAM_EN)
    site = build(content, tmp_path)
    assert topic_links(site, "/plan-de-compte/") == ["/themes/leadership/"]
    assert topic_links(site, "/en/account-plan/") == ["/en/topics/leadership/"]


def test_explicit_pairs_that_disagree_stop_the_build(content, tmp_path):
    post(content / "fr", "plan-de-compte", "Le plan de compte", "plan", KAM_FR, topics="kam")
    post(content / "en", "account-plan", "The account plan", "plan", KAM_EN, topics="partnerships")
    with pytest.raises(BuildError) as raised:
        build(content, tmp_path)
    message = str(raised.value)
    assert "[topics]" in message and "name the same topics in both languages" in message


def test_unknown_topic_names_the_file_and_the_known_topics(content, tmp_path):
    post(content / "en", "account-plan", "The account plan", "plan", KAM_EN, topics="kam, sales")
    with pytest.raises(BuildError) as raised:
        build(content, tmp_path)
    message = str(raised.value)
    assert "en/account-plan.md" in message and "unknown topic 'sales'" in message
    assert "known: leadership, kam, partnerships" in message


def test_a_post_with_no_topic_is_listed_in_a_warning(content, tmp_path, caplog):
    post(content / "en", "risotto", "A risotto", "risotto", COOKING_EN)
    post(content / "en", "account-plan", "The account plan", "plan", KAM_EN)
    with caplog.at_level(logging.WARNING):
        site = build(content, tmp_path)
    warnings = [r.getMessage() for r in caplog.records if "have no topic" in r.getMessage()]
    assert len(warnings) == 1 and "en/risotto.md" in warnings[0] and "account-plan" not in warnings[0]
    assert topic_links(site, "/en/risotto/") == []


def test_topic_pages_list_exactly_their_posts_in_both_languages(content, tmp_path):
    post(content / "fr", "plan-de-compte", "Le plan de compte", "plan", KAM_FR)
    post(content / "en", "account-plan", "The account plan", "plan", KAM_EN)
    post(content / "fr", "le-dirigeant", "Le dirigeant", "leader", LEADERSHIP_FR)
    post(content / "en", "joint-ventures", "Joint ventures", "jv", PARTNERS_EN)
    site = build(content, tmp_path)
    expected = {
        "/themes/grands-comptes/": ["Le plan de compte"], "/themes/leadership/": ["Le dirigeant"],
        "/themes/partenariats/": [], "/en/topics/key-account-management/": ["The account plan"],
        "/en/topics/partnerships/": ["Joint ventures"], "/en/topics/leadership/": [],
    }
    for url, titles in expected.items():
        assert [a.text for a in site.soup(url).select(".post-title a")] == titles, url
    counterpart = site.soup("/themes/grands-comptes/").select_one("nav.language-switch a")
    assert counterpart["href"] == "/en/topics/key-account-management/"
    back = site.soup("/en/topics/key-account-management/").select_one("nav.language-switch a")
    assert back["href"] == "/themes/grands-comptes/"
    index = site.soup("/en/topics/").text
    assert "Key Account Management" in index and "1 post" in index
    assert "Gestion des grands comptes" in site.soup("/themes/").text
    feed = feedparser.parse(site.path("/en/topics/partnerships/atom.xml").read_bytes())
    assert not feed.bozo and [entry.title for entry in feed.entries] == ["Joint ventures"]


def test_related_posts_share_topics_and_stay_in_their_language(content, tmp_path):
    for number in range(4):
        post(content / "en", f"plan-{number}", f"Plan {number}", f"p{number}", KAM_EN, date=f"202{number}-01-01")
    post(content / "en", "joint-ventures", "Joint ventures", "jv", PARTNERS_EN)
    post(content / "fr", "plan-de-compte", "Le plan de compte", "fr-only", KAM_FR)
    site = build(content, tmp_path)
    related = [a.text for a in site.soup("/en/plan-0/").select(".related a")]
    assert related == ["Plan 1", "Plan 2", "Plan 3"]


def test_invoke_topics_explains_several_files_as_json(tmp_path):
    kam = post(tmp_path, "kam", "The account plan", "x", KAM_EN)
    cooking = tmp_path / "risotto.txt"
    cooking.write_text(COOKING_EN, encoding="utf-8")
    french = tmp_path / "fr.md"
    french.write_text(LEADERSHIP_FR, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "invoke", "topics", str(kam), str(cooking), str(french), "--json"],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    rows = json.loads(result.stdout)
    assert [set(row) >= {"path", "lang", "topics", "scores", "evidence"} for row in rows] == [True] * 3
    assert [(row["lang"], row["topics"]) for row in rows] == [("en", ["kam"]), ("en", []), ("fr", ["leadership"])]
    human = subprocess.run([sys.executable, "-m", "invoke", "topics", str(kam)], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout
    assert "Key Account Management" in human and "key account" in human
