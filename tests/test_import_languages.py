"""Language detection on short paragraphs of our own, and the split of paragraphs that mix both languages."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from importers.languages import detect, post_languages

ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "importers" / "short_paragraphs.tsv").read_text(encoding="utf-8").splitlines()]
FRENCH = [text for lang, text in ROWS if lang == "fr"]
ENGLISH = [text for lang, text in ROWS if lang == "en"]


def test_short_paragraphs():
    right = sum(detect(text, ("fr", "en"))[0] == lang for lang, text in ROWS)
    assert right / len(ROWS) >= 0.95, f"{right}/{len(ROWS)}"


def test_sentence_by_sentence_paragraphs_are_split():
    """Each French sentence followed by its English version, two by two, in one paragraph."""
    wrong = 0
    for index in range(0, len(FRENCH) - 1, 2):
        mixed = f"<p>{FRENCH[index]} {ENGLISH[index]} {FRENCH[index + 1]} {ENGLISH[index + 1]}</p>"
        main, versions = post_languages([mixed], ("fr", "en"))
        expected = {"fr": f"<p>{FRENCH[index]} {FRENCH[index + 1]}</p>",
                    "en": f"<p>{ENGLISH[index]} {ENGLISH[index + 1]}</p>"}
        wrong += versions != {lang: [html] for lang, html in expected.items()} or main != "fr"
    assert wrong <= 1, f"{wrong} of {len(FRENCH) // 2} mixed paragraphs split wrongly"


def test_one_language_post_is_not_split():
    main, versions = post_languages([f"<p>{text}</p>" for text in FRENCH[:6]] + ["<p>Key account management.</p>"],
                                    ("fr", "en"))
    assert main == "fr" and list(versions) == ["fr"]
