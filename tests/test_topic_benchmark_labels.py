"""The topic benchmark's labels are well formed and each hold-out shares no text with the other sets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "plugins"))

from benchmarks.topics import score  # noqa: E402

LABELS = ROOT / "benchmarks" / "topics"
SETS = {"labels.csv": {"tune", "test"}, "fresh.csv": {"fresh"}, "tune2.csv": {"tune2"}, "holdout.csv": {"holdout"},
        "holdout2.csv": {"holdout2"}}


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_row_names_a_language_known_topics_its_split_and_a_source(name):
    rows = score.read_labels(LABELS / name)
    assert rows
    assert len({(r["id"], r["lang"]) for r in rows}) == len(rows)
    for row in rows:
        assert row["lang"] in {"fr", "en"}, row
        assert row["topics"] <= set(score.TOPICS), row
        assert row["split"] in SETS[name], row
        assert row["source"].startswith(("https://", "http://", "github:")), row


@pytest.mark.parametrize("name", ["holdout.csv", "holdout2.csv"])
def test_a_hold_out_shares_no_text_or_page_with_any_other_set(name):
    holdout = score.read_labels(LABELS / name)
    others = [r for other in SETS if other != name for r in score.read_labels(LABELS / other)]
    assert {r["id"] for r in holdout}.isdisjoint(r["id"] for r in others)
    assert {r["source"] for r in holdout}.isdisjoint(r["source"] for r in others)
    for lang in ("fr", "en"):
        mine = [r for r in holdout if r["lang"] == lang]
        assert len(mine) >= 30
        assert sum(1 for r in mine if not r["topics"]) >= 10  # hard negatives
        assert {t for r in mine for t in r["topics"]} == set(score.TOPICS)


def test_scoring_the_json_that_invoke_topics_prints(tmp_path, capsys):
    labels = tmp_path / "labels.csv"
    labels.write_text("id,lang,topics,split,source\n"
                      "a,en,kam,holdout,https://example.org/a\n"
                      "b,en,kam;partnerships,holdout,https://example.org/b\n"
                      "c,en,,holdout,https://example.org/c\n", encoding="utf-8")
    output = tmp_path / "en.json"
    output.write_text(json.dumps([{"path": "texts/en/a.md", "lang": "en", "topics": ["kam"]},
                                  {"path": "texts/en/b.md", "lang": "en", "topics": ["kam"]},
                                  {"path": "texts/en/c.md", "lang": "en", "topics": ["leadership"]}]),
                      encoding="utf-8")
    assert score.main(["unused", "--labels", str(labels), "--from-json", str(output)]) == 0
    out = capsys.readouterr().out
    # 2 right, 1 missed, 1 wrong: precision 2/3, recall 2/3; the off-topic text was tagged.
    assert "| en | 3 | 0.667 | 0.667 | 0.667 |" in out
    assert "| 1 of 1 |" in out
    assert "3 texts scored, 0 labelled texts not in the output" in out
