"""The tagger on texts it was not written for: a fresh clone's labelled posts, front matter, folders, new wording."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from b2b_blog.header import split_header
from b2b_blog.topics import cli
from b2b_blog.topics.learned import Labelled
from b2b_blog.topics.tagging import tag_text
from b2b_blog.topics.vocabulary import DEFAULT_TOPICS, resolve_topic_names

ROOT = Path(__file__).resolve().parents[1]


def shipped_posts(lang: str) -> list[Path]:
    return sorted((ROOT / "content" / lang).glob("*.md"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_shipped_post_names_its_topics_and_a_fresh_clone_learns_them(lang):
    for path in shipped_posts(lang):
        fields, _body = split_header(path.read_text(encoding="utf-8"))
        assert "topics" in fields, f"{path.name} has no Topics: line"
        known, unknown = resolve_topic_names(fields["topics"].text, DEFAULT_TOPICS)
        assert known and not unknown, path.name
    # What `invoke topics` learns from in a clone of the repository (its ./content).
    counts = Labelled.from_site(ROOT / "content", DEFAULT_TOPICS).labelled_posts(lang)
    assert set(counts) == set(DEFAULT_TOPICS)
    assert min(counts.values()) >= 3, counts


def test_shipped_translations_name_the_same_topics():
    def topics_by_key(lang: str) -> dict[str, set[str]]:
        found = {}
        for path in shipped_posts(lang):
            fields, _body = split_header(path.read_text(encoding="utf-8"))
            found[fields["translation_key"].text] = set(resolve_topic_names(fields["topics"].text, DEFAULT_TOPICS)[0])
        return found

    french, english = topics_by_key("fr"), topics_by_key("en")
    shared = set(french) & set(english)
    assert len(shared) >= 7
    assert {key: french[key] for key in shared} == {key: english[key] for key in shared}


REMOTE_TEAM = ("Leading a team you never see", "Since the office closed, Maria runs a remote team spread over "
               "four time zones. Managing change from a distance taught her to write down every decision, to "
               "hold a short call with each person every week and to judge the work, not the hours. Trust "
               "came slowly: people had to see that mistakes were discussed, not punished, before they spoke "
               "up in meetings.")
EQUIPE_A_DISTANCE = ("Diriger une équipe que l'on ne voit pas", "Depuis la fermeture du bureau, Claire anime une "
                     "équipe à distance répartie sur trois villes. Le management à distance l'a obligée à écrire "
                     "chaque décision, à tenir un point hebdomadaire avec chacun et à juger le travail plutôt "
                     "que les heures de connexion. La confiance est venue lentement : il a fallu que chacun "
                     "voie que les erreurs se discutaient sans sanction avant d'oser prendre la parole.")


@pytest.mark.parametrize(("lang", "text", "terms"), [
    ("en", REMOTE_TEAM, ["remote team ×1", "managing change ×1"]),
    ("fr", EQUIPE_A_DISTANCE, ["management à distance ×1"]),
])
def test_leading_a_remote_team_is_leadership(lang, text, terms):
    tagging = tag_text(*text, lang, DEFAULT_TOPICS)
    assert tagging.topics == ("leadership",)
    assert set(terms) <= set(tagging.evidence["leadership"])


CAPTAIN = ("A new captain for the season", "The manager handed the armband to our centre-back before the first "
           "match of the season. He is a leader in the dressing room, talks to the referee calmly and keeps "
           "his teammates focused when the stadium turns against them. The squad voted for him, and the fans "
           "cheered when he led the team onto the pitch.")
CAPITAINE = ("Un nouveau capitaine pour la saison", "L'entraîneur a confié le brassard à notre demi de mêlée avant "
             "le premier match du championnat. C'est un leader dans le vestiaire : il parle calmement à "
             "l'arbitre et garde ses coéquipiers concentrés quand le stade gronde. Les joueurs l'ont choisi, et "
             "les supporters l'ont applaudi quand il a conduit l'équipe sur le terrain.")


@pytest.mark.parametrize(("lang", "text"), [("en", CAPTAIN), ("fr", CAPITAINE)])
def test_a_team_captain_is_sport_not_leadership(lang, text):
    tagging = tag_text(*text, lang, DEFAULT_TOPICS)
    assert tagging.topics == ()
    assert tagging.scores["leadership"] > 0  # the leadership words are there; the sport subject claims them


YAML_POST = """---
title: "Leading a team you never see"
date: 2024-03-01
tags: [alliances, partnerships, joint venture]
lang: en-GB
---

{body}
"""


def test_front_matter_as_hugo_writes_it_gives_title_and_language_and_is_not_read_as_text(tmp_path, capsys):
    text = tmp_path / "remote.md"
    text.write_text(YAML_POST.format(body=REMOTE_TEAM[1]), encoding="utf-8")
    assert cli.main([str(text), "--json", "--lang", "fr", "--site", str(ROOT / "content")]) == 0
    [result] = json.loads(capsys.readouterr().out)
    # 'en-GB' is English; the header's list of tags is no evidence of partnerships.
    assert result["lang"] == "en"
    assert result["topics"] == ["leadership"]
    assert result["evidence"]["partnerships"] == []


def test_a_folder_stands_for_the_text_files_in_it(tmp_path, capsys):
    folder = tmp_path / "texts"
    (folder / "more").mkdir(parents=True)
    (folder / "a.md").write_text("\n\n".join(REMOTE_TEAM), encoding="utf-8")
    (folder / "more" / "b.txt").write_text("\n\n".join(CAPTAIN), encoding="utf-8")
    (folder / ".draft.md").write_text("\n\n".join(CAPTAIN), encoding="utf-8")  # hidden: an editor's file
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert cli.main([str(folder), "--json", "--lang", "en", "--site", str(ROOT / "content")]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [Path(r["path"]).relative_to(folder).as_posix() for r in results] == ["a.md", "more/b.txt"]
    assert [r["topics"] for r in results] == [["leadership"], []]


def test_a_plain_text_opening_on_a_colon_is_read_whole(tmp_path, capsys):
    text = tmp_path / "trust.txt"
    text.write_text("Leadership: why trust decides\n\n" + REMOTE_TEAM[1], encoding="utf-8")
    assert cli.main([str(text), "--json", "--lang", "en", "--site", str(ROOT / "content")]) == 0
    [result] = json.loads(capsys.readouterr().out)
    # The opening line is the text's own first words, not a header field to drop.
    assert "leadership ×1" in result["evidence"]["leadership"]
    assert result["topics"] == ["leadership"]


# The buyer's side of a supplier relationship is partnerships in the blog's sense (KAM is the seller's side).
ACHETEUR = ("Mieux travailler avec nos fournisseurs", "Notre direction des achats a revu la façon dont elle "
            "suit ses fournisseurs. Chaque fournisseur stratégique a désormais un interlocuteur unique chez "
            "nous, une revue trimestrielle des délais et de la qualité, et un plan de progrès construit avec "
            "lui. L'acheteur ne se contente plus de négocier les prix : il partage nos prévisions, écoute les "
            "contraintes du fournisseur et cherche avec lui des économies qui profitent aux deux entreprises. "
            "Avec chacun, nous voulons une relation de confiance qui dure plusieurs années.")
BUYER = ("Working better with our suppliers", "Our buying team has changed the way it follows its suppliers. "
         "Each strategic supplier now has one contact on our side, a quarterly review of lead times and quality "
         "and an improvement plan built with it. The buyer no longer just negotiates prices: we share our "
         "forecasts with the supplier, listen to its constraints and look together for savings that benefit "
         "both companies. A preferred supplier earns longer contracts.")


@pytest.mark.parametrize(("lang", "text", "term"), [
    ("fr", ACHETEUR, "fournisseur stratégique ×1"), ("en", BUYER, "strategic supplier ×1")])
def test_a_buyer_managing_its_suppliers_is_partnerships_not_kam(lang, text, term):
    tagging = tag_text(*text, lang, DEFAULT_TOPICS)
    assert tagging.topics == ("partnerships",)
    assert term in tagging.evidence["partnerships"]
    assert tagging.scores["kam"] < tagging.scores["partnerships"]
