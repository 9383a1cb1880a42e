"""The tagger learns from the author: posts filed under a topic teach what the topic means on this blog."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from b2b_blog.topics import cli
from b2b_blog.topics.learned import Labelled, LabelledPost, combine, term_counts
from b2b_blog.topics.tagging import _compile_term, tag_text
from b2b_blog.topics.vocabulary import DEFAULT_TOPICS
from conftest import build

# Our own small labelled posts. The partnership ones speak the language of one supplier and its
# customer (a foundry and a pump maker) with none of the lexicon's partnership words.
FOUNDRY = [
    ("The foundry and the pump maker", "The foundry and the pump maker meet every month in a workshop at the "
     "plant. Engineers from both companies look at the castings, the tooling roadmap and the forecasts for "
     "the next quarter, and agree who pays for the new moulds."),
    ("Open books at the foundry", "The pump maker showed the foundry its forecasts and the foundry opened its "
     "books on the cost of each casting. Engineers from both companies then split the savings from the new "
     "tooling and wrote the roadmap for the moulds together."),
    ("Ten years of castings", "Ten years after the first castings, the foundry and the pump maker still hold "
     "their monthly workshop at the plant: the forecasts, the moulds, the tooling roadmap and the savings "
     "that both companies share are on the table every time."),
]
ACCOUNT = [
    ("Our account plan", "The key account manager writes the account plan with the account team: the buying "
     "centre, the decision makers and the renewal of the framework contract with the strategic customer."),
    ("A business review", "Every quarter the key account manager holds a business review with the strategic "
     "customer and updates the account plan, the stakeholder map and the share of wallet."),
    ("Mapping the buying centre", "Before the tender, the account team maps the buying centre of the key "
     "account: who decides, who buys, who uses, and what each decision maker expects from the renewal."),
]
LEADING = [
    ("The new manager", "The new manager holds a one-on-one with each member of her team, asks for feedback and "
     "delegates the weekly planning, so that the team owns its decisions."),
    ("Leading a tired team", "A manager who sees her team tired gives feedback early, protects the team from "
     "meetings and delegates decisions to the people closest to the work."),
    ("Trust in the team", "Trust in a team grows when the manager keeps her word, gives honest feedback in "
     "every one-on-one and delegates real decisions to her team."),
]
NEW_FOUNDRY = ("The moulds for the new pump", "At this month's workshop at the plant, engineers from both "
               "companies went through the forecasts, the castings and the tooling roadmap, and the foundry and "
               "the pump maker agreed how to share the savings of the new moulds.")
GARDEN = ("Roses in June", "Prune the roses after the first flowering, water them at the foot in the evening and "
          "feed them with compost; aphids leave when ladybirds arrive in the garden.")


def posts(*groups: tuple[list, str], lang: str = "en") -> list[LabelledPost]:
    return [LabelledPost(f"{lang}/{topic}-{n}.md", lang, title, body, (topic,))
            for group, topic in groups for n, (title, body) in enumerate(group)]


AUTHOR = posts((FOUNDRY, "partnerships"), (ACCOUNT, "kam"), (LEADING, "leadership"))


def tagging(text: tuple[str, str], labelled: Labelled, lang: str = "en"):
    title, body = text
    return combine(tag_text(title, body, lang, DEFAULT_TOPICS), term_counts(title, body, lang), lang, labelled,
                   explain=True)


def test_a_post_close_to_the_authors_partnership_posts_gets_partnerships_without_lexicon_terms():
    result = tagging(NEW_FOUNDRY, Labelled.from_posts(AUTHOR, DEFAULT_TOPICS))
    assert result.evidence["partnerships"] == [] and result.scores["partnerships"] == 0  # no lexicon word
    assert result.topics == ("partnerships",)
    assert result.similarity["partnerships"] > result.similarity["kam"] + 0.15
    # Without the author's labels, the same text gets no topic: the learned part made the difference.
    assert tagging(NEW_FOUNDRY, Labelled.empty()).topics == ()


def test_an_off_topic_text_with_no_labelled_neighbour_stays_untagged():
    result = tagging(GARDEN, Labelled.from_posts(AUTHOR, DEFAULT_TOPICS))
    assert result.topics == ()
    assert max(result.similarity.values()) < 0.1
    assert all(n["similarity"] < 0.25 for n in result.nearest)  # one shared word ("first") at most


def test_a_topic_with_one_labelled_post_does_not_decide_alone():
    # One post is one post: the lexicon keeps the say until the author has filed a few.
    few = posts((FOUNDRY[:1], "partnerships"), (ACCOUNT, "kam"), (LEADING, "leadership"))
    result = tagging(NEW_FOUNDRY, Labelled.from_posts(few, DEFAULT_TOPICS))
    assert result.labelled_posts["partnerships"] == 1
    assert result.topics == ()


def test_labelled_posts_teach_only_their_own_language():
    french = posts((FOUNDRY, "partnerships"), (ACCOUNT, "kam"), (LEADING, "leadership"), lang="fr")
    labelled = Labelled.from_posts(french, DEFAULT_TOPICS)
    assert labelled.labelled_posts("en") == {} and tagging(NEW_FOUNDRY, labelled).topics == ()


def test_learning_does_not_depend_on_the_order_of_the_posts():
    forward = tagging(NEW_FOUNDRY, Labelled.from_posts(AUTHOR, DEFAULT_TOPICS))
    backward = tagging(NEW_FOUNDRY, Labelled.from_posts(list(reversed(AUTHOR)), DEFAULT_TOPICS))
    assert forward == backward


def test_a_text_leaning_to_sport_is_not_tagged_by_closeness_either():
    captain = ("The captain and her team", "The captain of the rugby team gives feedback to her team mates in "
               "the dressing room, the manager delegates the warm-up and the referee blows for kick-off.")
    result = tagging(captain, Labelled.from_posts(AUTHOR, DEFAULT_TOPICS))
    assert result.context > 0 and "leadership" not in result.topics


def write_post(folder: Path, name: str, title: str, body: str, topics: str | None = None, **fields) -> Path:
    header = f"Title: {title}\nDate: 2024-01-0{1 + len(list(folder.glob('*.md'))) % 9}\nSlug: {name}\n"
    header += "".join(f"{key.capitalize()}: {value}\n" for key, value in fields.items())
    if topics:
        header += f"Topics: {topics}\n"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(f"{header}\n{body}\n", encoding="utf-8")
    return path


def author_site(content: Path) -> None:
    for group, topic in ((FOUNDRY, "partnerships"), (ACCOUNT, "kam"), (LEADING, "leadership")):
        for n, (title, body) in enumerate(group):
            write_post(content / "en", f"{topic}-{n}", title, body, topic, translation_key=f"{topic}-{n}")


def test_the_command_explains_the_lexicon_and_the_nearest_labelled_posts(tmp_path, capsys):
    content = tmp_path / "content"
    author_site(content)
    write_post(content / "en", "draft", *NEW_FOUNDRY, "leadership", status="draft")  # drafts do not teach
    text = write_post(tmp_path, "new", *NEW_FOUNDRY)
    assert cli.main([str(text), "--json", "--site", str(content)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["topics"] == ["partnerships"] and result["lexicon"]["topics"] == []
    assert result["learned"]["labelled_posts"] == {"partnerships": 3, "kam": 3, "leadership": 3}
    nearest = result["learned"]["nearest"]
    assert len(nearest) == 3 and all(n["post"].startswith("en/partnerships-") for n in nearest)
    assert nearest == sorted(nearest, key=lambda n: -n["similarity"])
    assert result["combined"]["partnerships"] > result["combined"]["kam"]
    assert cli.main([str(text), "--site", str(content)]) == 0
    human = capsys.readouterr().out
    assert "nearest labelled posts: en/partnerships-" in human and "closeness" in human
    # A site without labelled posts: the explanation says the lexicon decides alone.
    assert cli.main([str(text), "--site", str(tmp_path / "empty-but-real")]) == 2
    (tmp_path / "empty-but-real").mkdir()
    assert cli.main([str(text), "--site", str(tmp_path / "empty-but-real")]) == 0
    assert "no labelled post in this language" in capsys.readouterr().out


def test_the_build_tags_an_unlabelled_post_like_the_authors_labelled_ones(tmp_path):
    content = tmp_path / "content"
    author_site(content)
    write_post(content / "en", "new-moulds", *NEW_FOUNDRY, translation_key="new-moulds")
    write_post(content / "en", "roses", *GARDEN, translation_key="roses")
    site = build(content, tmp_path)
    links = [a["href"] for a in site.soup("/en/new-moulds/").select(".post-topics a.topic")]
    assert links == ["/en/topics/partnerships/"]
    assert site.soup("/en/roses/").select(".post-topics a.topic") == []


def test_a_site_with_broken_or_unknown_labels_still_teaches_what_it_can(tmp_path, capsys):
    content = tmp_path / "content"
    author_site(content)
    write_post(content / "en", "cooking", "Risotto", "Stir the rice.", "cooking")  # unknown topic: ignored
    (content / "en" / "binary.md").write_bytes(b"Title: \xff\xfe\nTopics: kam\n\n\x00\x01")  # not UTF-8
    write_post(content / "en" / "pages", "about", "About", "About us.", "kam")  # pages are not posts
    text = write_post(tmp_path, "new", *NEW_FOUNDRY)
    assert cli.main([str(text), "--json", "--site", str(content)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["learned"]["labelled_posts"] == {"partnerships": 3, "kam": 3, "leadership": 3}
    assert result["topics"] == ["partnerships"]


def test_no_two_terms_of_a_lexicon_stem_alike_with_different_weights():
    # "partnering" stems like "partner": at 2.0 it silently lifted every "partner" (seen on real texts).
    for key, spec in DEFAULT_TOPICS.items():
        for lang, entry in spec.items():
            weights: dict = {}
            for term, value in entry["lexicon"].items():
                weights.setdefault(_compile_term(term, lang), {})[term] = value
            clashes = [terms for terms in weights.values() if len(set(terms.values())) > 1]
            assert clashes == [], (key, lang, clashes)


def test_a_labelled_post_of_the_site_is_not_its_own_nearest_neighbour(tmp_path, capsys):
    content = tmp_path / "content"
    author_site(content)
    assert cli.main([str(content / "en" / "partnerships-0.md"), "--json", "--site", str(content)]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["source"] == "metadata" and result["topics"] == ["partnerships"]
    assert "en/partnerships-0.md" not in [n["post"] for n in result["learned"]["nearest"]]
    assert result["learned"]["nearest"][0]["topics"] == ["partnerships"]
