"""Tests for the topic-tagging library (b2b_blog.topics) and its command line."""

from __future__ import annotations

import copy
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from b2b_blog.topics import cli
from b2b_blog.topics.tagging import DEFAULT_THRESHOLD, split_markdown_header, tag_text
from b2b_blog.topics.text import detect_language, fold, get_stemmer, tokenize
from b2b_blog.topics.vocabulary import DEFAULT_TOPICS, resolve_topic_names, validate_vocabulary

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "topics"
LANGS = ("fr", "en")
# Fixtures named "ho-*" were held out while tuning weights and threshold.
HELD_OUT_PREFIX = "ho-"


def load_fixtures(lang: str) -> list[dict]:
    """Every labelled fixture of one language: name, expected topics, title, body."""
    fixtures = []
    for path in sorted((FIXTURES / lang).glob("*.md")):
        meta, body = split_markdown_header(path.read_text(encoding="utf-8"))
        expected = {t.strip() for t in meta["expected"].split(",") if t.strip()}
        fixtures.append({"path": path, "name": path.name, "expected": expected,
                         "title": meta["title"], "body": body})
    return fixtures


def micro_prf(pairs: list[tuple[set[str], set[str]]]) -> tuple[float, float, float]:
    """Micro precision, recall, F1 over (text, topic) pairs, given (expected, predicted) sets."""
    tp = sum(len(e & p) for e, p in pairs)
    fp = sum(len(p - e) for e, p in pairs)
    fn = sum(len(e - p) for e, p in pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def tags(title: str, body: str, lang: str, **kwargs) -> tuple[str, ...]:
    """Topics given to a text with the default vocabulary."""
    return tag_text(title, body, lang, DEFAULT_TOPICS, **kwargs).topics


# --- fixtures themselves -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_fixture_set_is_large_varied_and_well_formed(lang):
    fixtures = load_fixtures(lang)
    assert len(fixtures) >= 30
    for fx in fixtures:
        n_words = len(fx["body"].split())
        assert 150 <= n_words <= 400, (fx["name"], n_words)
        assert fx["title"] and fx["expected"] <= set(DEFAULT_TOPICS), fx["name"]
    off_topic = [f for f in fixtures if not f["expected"] and "distr-" not in f["name"]]
    distractors = [f for f in fixtures if "distr-" in f["name"]]
    assert len(off_topic) >= 8 and len(distractors) >= 6
    for topic in DEFAULT_TOPICS:
        assert sum(f["expected"] == {topic} for f in fixtures) >= 4, topic
    assert sum(len(f["expected"]) > 1 for f in fixtures) >= 4


# --- accuracy on the labelled fixtures ----------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_micro_f1_on_fixtures(lang):
    results = {"tuning": [], "held-out": []}
    misses = []
    for fx in load_fixtures(lang):
        predicted = set(tags(fx["title"], fx["body"], lang))
        split = "held-out" if fx["name"].startswith(HELD_OUT_PREFIX) else "tuning"
        results[split].append((fx["expected"], predicted))
        if predicted != fx["expected"]:
            misses.append(f"{fx['name']}: expected {sorted(fx['expected'])}, got {sorted(predicted)}")
    for split, pairs in [*results.items(), ("all", results["tuning"] + results["held-out"])]:
        p, r, f1 = micro_prf(pairs)
        print(f"[{lang}] {split:8s} n={len(pairs):2d}  P={p:.3f} R={r:.3f} micro-F1={f1:.3f}")
    print("\n".join(misses))
    assert micro_prf(results["tuning"] + results["held-out"])[2] >= 0.95, misses


@pytest.mark.parametrize("lang", LANGS)
def test_off_topic_and_distractor_fixtures_get_no_topic(lang):
    wrong = {fx["name"]: tags(fx["title"], fx["body"], lang)
             for fx in load_fixtures(lang) if not fx["expected"]}
    assert len(wrong) >= 14
    assert {name: got for name, got in wrong.items() if got} == {}


@pytest.mark.parametrize("lang", LANGS)
def test_language_detection_on_fixtures(lang):
    fixtures = load_fixtures(lang)
    right = sum(detect_language(f"{fx['title']}\n{fx['body']}", LANGS) == lang for fx in fixtures)
    print(f"[{lang}] language detection: {right}/{len(fixtures)}")
    assert right / len(fixtures) >= 0.95


# --- normalisation and matching -----------------------------------------------------------

KAM_FR = ("Notre entreprise a revu sa gestion des grands comptes : chaque compte clé a un plan de compte "
          "et un key account manager dédié qui organise des revues d'affaires avec le client.")


def evidence_terms(title: str, body: str, lang: str, topic: str) -> dict[str, int]:
    """Matched lexicon terms of one topic with their counts."""
    result = tag_text(title, body, lang, DEFAULT_TOPICS)
    return {e.rsplit(" ×", 1)[0]: int(e.rsplit(" ×", 1)[1]) for e in result.evidence[topic]}


def test_case_and_accent_folding_give_identical_scores():
    base = tag_text("", KAM_FR, "fr", DEFAULT_TOPICS)
    for variant in (KAM_FR.upper(), fold(KAM_FR), fold(KAM_FR).upper()):
        assert tag_text("", variant, "fr", DEFAULT_TOPICS).scores == base.scores
    assert "compte clé" in evidence_terms("", "LES COMPTES CLES", "fr", "kam")
    assert fold("Équipe DÉLÉGUÉE") == "equipe deleguee"


def test_stemming_matches_plural_singular_and_french_inflections():
    assert evidence_terms("", "Our key accounts and strategic accounts grew.", "en", "kam") == {
        "key account": 1, "strategic account": 1}
    assert "partnership" in evidence_terms("", "Three partnerships were signed.", "en", "partnerships")
    fr = evidence_terms("", "Ils ont noué des partenariats stratégiques et des alliances stratégiques.",
                        "fr", "partnerships")
    assert fr == {"partenariat stratégique": 1, "alliance stratégique": 1}
    # "plans des comptes": plural nouns and another article still match "plan de compte".
    assert "plan de compte" in evidence_terms("", "Les plans des comptes sont à jour.", "fr", "kam")
    # Verb forms: "fédère"/"fédérer", "motivait"/"motiver".
    lead = evidence_terms("", "Elle fédère les équipes et motivait chacun.", "fr", "leadership")
    assert {"fédérer", "motiver"} <= set(lead)


def test_phrases_match_only_as_contiguous_phrases():
    assert "key account" not in evidence_terms("", "The key question is which account to open.", "en", "kam")
    assert "key account" not in evidence_terms("", "Bring the key. Account numbers come later.", "en", "kam")
    assert "grand compte" not in evidence_terms("", "Un grand merci, le compte est bon.", "fr", "kam")
    assert "joint venture" not in evidence_terms("", "A joint statement; the venture failed.", "en",
                                                 "partnerships")
    # The longest phrase wins: "key account manager" is one match, not also "account manager".
    assert evidence_terms("", "She is a key account manager.", "en", "kam") == {"key account manager": 1}


def test_stopwords_inside_phrases_are_wildcards_but_not_skipped_elsewhere():
    assert "share of wallet" in evidence_terms("", "We doubled our share of the wallet? No: share of wallet.",
                                               "en", "kam")
    # A stopword between two words of a stopword-free phrase breaks it ("key to account").
    assert "key account" not in evidence_terms("", "Trust is key to account growth.", "en", "kam")


def test_other_senses_claim_their_words_and_lower_the_score():
    political = "The party leader faces a leadership contest; a leadership challenge looms."
    assert evidence_terms("", political, "en", "leadership") == {}
    assert tag_text("", political, "en", DEFAULT_TOPICS).scores["leadership"] == 0.0
    # Edge stopwords are literal: "into account" is another sense, "account" alone is not.
    assert evidence_terms("", "Take it into account.", "en", "kam") == {}
    assert evidence_terms("", "Accounts grew.", "en", "kam") == {"account": 1}
    assert evidence_terms("", "Le compte rendu du grand compte.", "fr", "kam") == {"grand compte": 1}


def test_stem_collisions_between_topics_go_to_the_closest_spelling():
    # Snowball stems "collaborateurs" and "collaborations" alike, "accounts" and "accountability" too.
    text = "Nos collaborateurs aiment les collaborations."
    assert evidence_terms("", text, "fr", "leadership") == {"collaborateurs": 1}
    assert evidence_terms("", text, "fr", "partnerships") == {"collaboration": 1}
    assert evidence_terms("", "Accountability matters.", "en", "kam") == {}


def test_title_mention_counts_as_three_body_mentions():
    body = "Les deux entreprises ont signé un partenariat pour distribuer leurs produits."
    in_title = tag_text("Un partenariat", body, "fr", DEFAULT_TOPICS).scores["partnerships"]
    in_body = tag_text("", body + " Partenariat. Partenariat. Partenariat.", "fr",
                       DEFAULT_TOPICS).scores["partnerships"]
    assert in_title == in_body > tag_text("", body, "fr", DEFAULT_TOPICS).scores["partnerships"]


# --- scoring rules ------------------------------------------------------------------------

def test_tagging_shape_scores_and_evidence_order():
    result = tag_text("Key account management", KAM_FR, "fr", DEFAULT_TOPICS)
    assert result.topics == ("kam",)
    assert set(result.scores) == set(DEFAULT_TOPICS)
    assert all(round(s, 3) == s for s in result.scores.values())
    weights = DEFAULT_TOPICS["kam"]["fr"]["lexicon"]
    matched = [e.rsplit(" ×", 1)[0] for e in result.evidence["kam"]]
    assert [weights[t] for t in matched] == sorted((weights[t] for t in matched), reverse=True)
    assert result.evidence["leadership"] == []
    with pytest.raises(AttributeError):
        result.topics = ()  # frozen


def test_threshold_behaviour():
    body = KAM_FR
    score = tag_text("", body, "fr", DEFAULT_TOPICS).scores["kam"]
    assert tags("", body, "fr", threshold=score) == ("kam",)
    assert tags("", body, "fr", threshold=score + 0.01) == ()
    assert tags("", body, "fr") == tags("", body, "fr", threshold=DEFAULT_THRESHOLD)


def test_single_passing_mention_never_tags_even_with_zero_threshold():
    text = ("Le maillot jaune a conservé son leadership au terme d'une étape de montagne disputée "
            "sous la chaleur, devant un peloton épuisé par trois cols.")
    assert tags("", text, "fr", threshold=0.0) == ()
    weak = "The leader thanked the team; the staff trust the leader and the team shares his vision."
    assert tags("", weak, "en", threshold=0.0) == ()  # only weak, ambiguous words


def test_secondary_topic_needs_a_fraction_of_the_top_score():
    fixtures = {fx["name"]: fx for fx in load_fixtures("en")}
    fx = fixtures["multi-kam-partnerships-supplier-to-partner.md"]
    result = tag_text(fx["title"], fx["body"], "en", DEFAULT_TOPICS)
    assert result.topics == ("kam", "partnerships")
    assert result.scores["kam"] > result.scores["partnerships"]


def test_tagging_a_thousand_posts_is_fast():
    fixtures = [fx for lang in LANGS for fx in load_fixtures(lang)]
    start = time.perf_counter()
    for i in range(1000):
        fx = fixtures[i % len(fixtures)]
        tag_text(fx["title"], f"{fx['body']} {i}", fx["path"].parent.name, DEFAULT_TOPICS)
    assert time.perf_counter() - start < 10


# --- vocabulary ---------------------------------------------------------------------------

def test_default_vocabulary_is_valid_and_rich():
    assert validate_vocabulary(DEFAULT_TOPICS) == []
    assert set(DEFAULT_TOPICS) == {"leadership", "kam", "partnerships"}
    for key, spec in DEFAULT_TOPICS.items():
        for lang in LANGS:
            topic_terms = [t for t, w in spec[lang]["lexicon"].items() if w > 0]  # < 0: other senses
            # Rich, not bloated: partnerships now also speaks of supplier-customer relationships.
            assert 40 <= len(topic_terms) <= 120, (key, lang)
    assert DEFAULT_TOPICS["kam"]["fr"]["slug"] == "grands-comptes"
    assert DEFAULT_TOPICS["partnerships"]["en"]["label"] == "Partnerships"


def test_validate_vocabulary_reports_problems():
    assert validate_vocabulary([]) and validate_vocabulary({})
    broken = copy.deepcopy(DEFAULT_TOPICS)
    broken["kam"]["fr"]["slug"] = "Grands Comptes"
    broken["kam"]["en"]["lexicon"]["account"] = "heavy"
    del broken["partnerships"]["fr"]["label"]
    broken["leadership"]["en"]["slug"] = "key-account-management"
    del broken["leadership"]["fr"]
    messages = "\n".join(validate_vocabulary(broken))
    for needle in ("Grands Comptes", "'account'", "'label'", "already used", "no entry for language 'fr'"):
        assert needle in messages


def test_new_topic_and_new_language_need_only_a_vocabulary_entry(caplog):
    topics = copy.deepcopy(DEFAULT_TOPICS)
    topics["pricing"] = {lang: {"label": "Pricing", "slug": "pricing", "description": "",
                                "lexicon": {"pricing strategy": 3.0, "price increase": 2.0, "discount": 1.0}}
                         for lang in LANGS}
    topics["pricing"]["de"] = {"label": "Preise", "slug": "preise", "description": "",
                               "lexicon": {"Preiserhöhung": 3.0, "Rabatte": 1.5}}
    result = tag_text("", "Our pricing strategy: one price increase, fewer discounts. "
                      "A price increase again.", "en", topics)
    assert result.topics == ("pricing",)
    german = tag_text("", "Die Preiserhöhungen und Rabatten kamen. Eine Preiserhöhung!", "de", topics)
    assert german.topics == ("pricing",) and german.scores["kam"] == 0.0
    with caplog.at_level(logging.WARNING):
        assert get_stemmer("xx")("words") == "words"
    assert "no Snowball stemmer" in caplog.text


def test_resolve_topic_names_accepts_keys_slugs_and_labels():
    assert resolve_topic_names("KAM, partenariats; Leadership, nope", DEFAULT_TOPICS) == (
        ["kam", "partnerships", "leadership"], ["nope"])
    assert resolve_topic_names("Gestion des grands comptes", DEFAULT_TOPICS) == (["kam"], [])


# --- Markdown header --------------------------------------------------------------------------

def test_split_markdown_header():
    meta, body = split_markdown_header("Title: Hello\nLANG: fr\nTopics: kam,\n  partnerships\n\nBody: text\n")
    assert meta == {"title": "Hello", "lang": "fr", "topics": "kam, partnerships"}
    assert body == "Body: text"
    plain = "Just a paragraph of text.\nWith two lines.\n\nAnd more."
    assert split_markdown_header(plain) == ({}, plain)
    assert split_markdown_header("Title: Only a header") == ({"title": "Only a header"}, "")


def test_tokenize_marks_boundaries_and_ignores_urls_and_html():
    stream = tokenize("Clés, comptes.", "fr")
    assert [t.stem if t else None for t in stream] == ["cle", None, "compt", None]
    link = "See [our page](https://example.com/partner-program/joint-venture) or <a href='x'>here</a>."
    assert evidence_terms("", link, "en", "partnerships") == {}


# --- command line -------------------------------------------------------------------------

def fixture_path(lang: str, name: str) -> Path:
    return FIXTURES / lang / name


def test_cli_json_shape(capsys):
    paths = [fixture_path("fr", "kam-plan-de-compte.md"), fixture_path("en", "off-cooking-risotto.md")]
    assert cli.main([*map(str, paths), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list) and len(data) == 2
    for item in data:
        assert {"path", "lang", "topics", "scores", "evidence"} <= set(item)
        # Both parts are explained: the lexicon's and the learned closeness to labelled posts.
        assert set(item) <= {"path", "lang", "topics", "scores", "evidence", "source", "lexicon", "learned",
                             "combined"}
        assert set(item["scores"]) == set(item["evidence"]) == set(DEFAULT_TOPICS)
        assert set(item["learned"]) == {"labelled_posts", "similarity", "evidence", "nearest"}
    assert data[0]["lang"] == "fr" and data[0]["topics"] == ["kam"] and data[0]["source"] == "inferred"
    assert data[1]["lang"] == "en" and data[1]["topics"] == []


def test_cli_runs_as_module_and_prints_valid_json():
    path = fixture_path("fr", "partenariats-gouvernance.md")
    proc = subprocess.run([sys.executable, "-m", "b2b_blog.topics.cli", "--json", str(path)],
                          cwd=ROOT / "plugins", capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["topics"] == ["partnerships"]


def test_cli_human_output_uses_labels_in_the_file_language(capsys):
    assert cli.main([str(fixture_path("fr", "kam-plan-de-compte.md"))]) == 0
    out = capsys.readouterr().out
    assert "Gestion des grands comptes" in out and "plan de compte ×" in out and "lang:   fr" in out


def test_cli_language_from_metadata_then_option_then_detection(tmp_path, capsys):
    body = fixture_path("en", "kam-account-planning.md").read_text(encoding="utf-8").split("\n\n", 1)[1]
    tagged = tmp_path / "with-lang.md"
    tagged.write_text(f"Title: Plans\nLang: fr\n\n{body}", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(body, encoding="utf-8")
    assert cli.main([str(tagged), str(plain), "--json"]) == 0
    assert [r["lang"] for r in json.loads(capsys.readouterr().out)] == ["fr", "en"]
    assert cli.main([str(plain), "--json", "--lang", "fr"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["lang"] == "fr"


def test_cli_explicit_metadata_topics_win(tmp_path, capsys):
    body = fixture_path("fr", "kam-plan-de-compte.md").read_text(encoding="utf-8").split("\n\n", 1)[1]
    post = tmp_path / "post.md"
    post.write_text(f"Title: Un plan\nTopics: leadership\n\n{body}", encoding="utf-8")
    assert cli.main([str(post), "--json"]) == 0
    [result] = json.loads(capsys.readouterr().out)
    assert result["topics"] == ["leadership"] and result["source"] == "metadata"
    assert result["scores"]["kam"] > result["scores"]["leadership"]  # still scored


def test_cli_unknown_topic_exits_2_naming_file_and_known_topics(tmp_path, capsys):
    post = tmp_path / "bad-topic.md"
    post.write_text("Title: X\nTopics: kam, cooking\n\nSome text.", encoding="utf-8")
    assert cli.main([str(post)]) == 2
    err = capsys.readouterr().err
    assert str(post) in err and "'cooking'" in err
    assert all(key in err for key in DEFAULT_TOPICS)


def test_cli_unreadable_file_exits_2(tmp_path, capsys):
    missing = tmp_path / "missing.md"
    assert cli.main([str(missing), str(fixture_path("en", "off-release-notes.md")), "--json"]) == 2
    captured = capsys.readouterr()
    assert str(missing) in captured.err and "cannot read" in captured.err
    assert len(json.loads(captured.out)) == 1  # the readable file is still reported


# --- other subjects that borrow the topics' words ------------------------------------------

def test_other_subjects_that_borrow_topic_words_drop_the_topic():
    fx = {f["name"]: f for f in load_fixtures("en")}["distr-rugby-captain-armband.md"]
    # Without the sport context the captain's "leadership" would be tagged...
    assert tag_text(fx["title"], fx["body"], "en", DEFAULT_TOPICS, contexts={}).topics == ("leadership",)
    # ...with it, a text that speaks more of rugby than of leading people gets no topic.
    result = tag_text(fx["title"], fx["body"], "en", DEFAULT_TOPICS)
    assert result.topics == () and result.scores["leadership"] > DEFAULT_THRESHOLD
    # A leadership post with one sports metaphor keeps its topic.
    post = ("Leadership is learned. A new manager should hold one-on-one meetings with every direct report, "
            "give feedback weekly and delegate real decisions. Like a good football captain, she leads by "
            "example, but her job is to grow her team, not to win the match herself.")
    assert tags("", post, "en") == ("leadership",)


def test_short_excerpts_are_tagged_from_a_repeated_defining_phrase():
    blurb = ("The two carmakers announced a strategic alliance on batteries. The strategic alliance will "
             "share plants in Spain and pool research for ten years.")
    assert tags("", blurb, "en") == ("partnerships",)
    # Several typical words without one specific phrase also anchor a topic.
    fr = ("Le manager sait motiver chacun, donne du feedback régulier et sait inspirer ses collaborateurs : "
          "la reconnaissance du travail accompli et la cohésion comptent plus que les primes.")
    assert tags("", fr, "fr") == ("leadership",)
