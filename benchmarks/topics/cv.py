"""Grouped cross-validation of the tagger's decision parameters over every tuning text.

    .venv/bin/python -m benchmarks.topics.cv /work/topic-texts [--folds 5]

The tuning texts are those of labels.csv (both halves), fresh.csv, tune2.csv and holdout.csv
(the first hold-out, spent in round 1). Texts are grouped by source (a web site, or a
repository): a fold never shares a source with the others, so an author's style cannot leak
from the texts a setting is chosen on into the texts it is scored on. For each fold, the
setting (threshold, share of the best score a second topic needs, length exponent) with the
best micro-F1 on the other folds is chosen and scored on the fold; the pooled figure says how
well choosing the setting on these texts generalises. Tagging is `invoke topics --json`'s,
learning from the shipped site's labelled posts.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "plugins"))

from b2b_blog.topics import cli, learned, tagging
from b2b_blog.topics.learned import Labelled
from b2b_blog.topics.vocabulary import DEFAULT_TOPICS

from benchmarks.topics import score

HERE = Path(__file__).parent
# (labels file, folder of its texts under TEXTS_DIR)
SETS = (("labels.csv", "."), ("fresh.csv", "fresh"), ("tune2.csv", "tune2"), ("holdout.csv", "holdout"))
THRESHOLDS = (5.0, 5.5, 6.0, 6.5, 7.0)
RELATIVE = (0.2, 0.3, 0.4, 0.5)
EXPONENTS = (0.4, 0.5, 0.6)
SHIPPED = (tagging.DEFAULT_THRESHOLD, tagging.RELATIVE_TO_TOP, tagging.LENGTH_EXPONENT)


def tuning_rows(texts: Path) -> list[dict]:
    """Every tuning text's label row, with its path and its source group."""
    rows = []
    for name, folder in SETS:
        for row in score.read_labels(HERE / name):
            row["path"] = texts / folder / row["lang"] / f"{row['id']}.md"
            source = row["source"]
            row["group"] = source.split("@")[0] if source.startswith("github:") else urlsplit(source).netloc
            rows.append(row)
    return rows


def predictions(rows: list[dict], setting: tuple[float, float, float], labelled) -> dict:
    """Topics of every text with the tagger's decision parameters set to `setting`."""
    threshold, relative, exponent = setting
    saved = (tagging.DEFAULT_THRESHOLD, tagging.RELATIVE_TO_TOP, tagging.LENGTH_EXPONENT,
             learned.DEFAULT_THRESHOLD, learned.RELATIVE_TO_TOP)
    tagging.DEFAULT_THRESHOLD = learned.DEFAULT_THRESHOLD = threshold
    tagging.RELATIVE_TO_TOP = learned.RELATIVE_TO_TOP = relative
    tagging.LENGTH_EXPONENT = exponent
    try:
        return {(r["id"], r["lang"]): set(cli.analyse_file(r["path"], DEFAULT_TOPICS, r["lang"],
                                                           labelled=labelled)["topics"]) for r in rows}
    finally:
        (tagging.DEFAULT_THRESHOLD, tagging.RELATIVE_TO_TOP, tagging.LENGTH_EXPONENT,
         learned.DEFAULT_THRESHOLD, learned.RELATIVE_TO_TOP) = saved


def f1(rows: list[dict], predicted: dict) -> float:
    return score.prf((r["topics"], predicted[r["id"], r["lang"]]) for r in rows)[2]


def folds_of(rows: list[dict], k: int, seed: int = 16) -> list[list[dict]]:
    """k folds of whole source groups (seeded shuffle, then greedy balance by size)."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["group"], []).append(row)
    order = sorted(groups)
    random.Random(seed).shuffle(order)
    order.sort(key=lambda g: -len(groups[g]))
    folds: list[list[dict]] = [[] for _ in range(k)]
    for group in order:
        min(folds, key=len).extend(groups[group])
    return folds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", type=Path, help="folder holding the sets' texts (labels.csv's at its top)")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    rows = tuning_rows(args.texts)
    labelled = Labelled.from_site(cli.SITE_CONTENT, DEFAULT_TOPICS)
    settings = list(itertools.product(THRESHOLDS, RELATIVE, EXPONENTS))
    if SHIPPED not in settings:
        settings.append(SHIPPED)
    predicted = {s: predictions(rows, s, labelled) for s in settings}
    print(f"{len(rows)} tuning texts, {len({r['group'] for r in rows})} sources, {args.folds} folds by source")
    print("| lang | shipped setting, all texts | chosen per fold, scored on the fold (pooled) | settings chosen |")
    print("|---|---|---|---|")
    for lang in ("fr", "en"):
        mine = [r for r in rows if r["lang"] == lang]
        pooled: dict = {}
        chosen = []
        for fold in folds_of(mine, args.folds):
            held = {id(r) for r in fold}
            train = [r for r in mine if id(r) not in held]
            best = max(settings, key=lambda s: (round(f1(train, predicted[s]), 4), s == SHIPPED))
            chosen.append(best)
            pooled.update({(r["id"], lang): predicted[best][r["id"], lang] for r in fold})
        shipped = f1(mine, predicted[SHIPPED])
        names = ", ".join(f"{t}/{r}/{e}" for t, r, e in chosen)
        print(f"| {lang} | {shipped:.3f} | {f1(mine, pooled):.3f} | {names} |")
    print("\nBest settings on all texts (threshold/second-topic share/length exponent: micro-F1 fr, en)")
    ranked = sorted(settings, key=lambda s: -sum(f1([r for r in rows if r["lang"] == lang], predicted[s])
                                                  for lang in ("fr", "en")))
    for s in [*ranked[:5], SHIPPED]:
        figures = ", ".join(f"{f1([r for r in rows if r['lang'] == lang], predicted[s]):.3f}" for lang in ("fr", "en"))
        print(f"  {s[0]}/{s[1]}/{s[2]}{' (shipped)' if s == SHIPPED else ''}: {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
