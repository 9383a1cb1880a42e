"""Score the topic tagger on the labelled real texts: micro-F1 per language, per topic, off-topic texts tagged.

    .venv/bin/python -m benchmarks.topics.score /work/topic-texts [--split test] [--site DIR | --no-site]
    .venv/bin/python -m benchmarks.topics.score /work/topic-texts --curve 0,5,10,20,40

TEXTS_DIR holds `<lang>/<id>.md` (the texts themselves stay out of the repository: they are their
authors'); `labels.csv` beside this script gives each text's language, topics, split and source.
Texts are tagged exactly as `invoke topics --json` tags them (`b2b_blog.topics.cli.analyse_file`).
By default the labelled posts are those of the shipped site (content/fr, content/en), as for
`invoke topics`; `--curve` instead takes the first N tune texts of each language (in a seeded
order) as the author's labelled posts and scores the test half, to show what labels are worth.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

from b2b_blog.topics import cli  # noqa: E402
from b2b_blog.topics.vocabulary import DEFAULT_TOPICS  # noqa: E402

LABELS = Path(__file__).with_name("labels.csv")
TOPICS = tuple(DEFAULT_TOPICS)


def read_labels(path: Path = LABELS) -> list[dict]:
    """Rows of labels.csv with `topics` as a set."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["topics"] = {t for t in row["topics"].split(";") if t}
    return rows


def prf(pairs: Iterable[tuple[set, set]]) -> tuple[float, float, float, int, int, int]:
    """Micro precision, recall, F1 (and tp, fp, fn) over (expected, predicted) topic sets."""
    tp = fp = fn = 0
    for expected, predicted in pairs:
        tp += len(expected & predicted)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp, fp, fn


def tag_all(rows: list[dict], texts: Path, labelled) -> dict[str, set]:
    """Predicted topics of every row's text, tagged as `invoke topics --json` tags it."""
    predicted = {}
    for row in rows:
        path = texts / row["lang"] / f"{row['id']}.md"
        result = cli.analyse_file(path, DEFAULT_TOPICS, row["lang"], labelled=labelled)
        predicted[row["id"], row["lang"]] = set(result["topics"])
    return predicted


def report(rows: list[dict], predicted: dict, title: str) -> list[str]:
    """Markdown table: per language micro P/R/F1, per topic P/R/F1, off-topic texts tagged."""
    lines = [f"### {title}", "", "| lang | texts | micro P | micro R | micro F1 | "
             + " | ".join(f"{t} P/R/F1" for t in TOPICS) + " | off-topic tagged |",
             "|---" * (6 + len(TOPICS)) + "|"]
    for lang in sorted({r["lang"] for r in rows}, reverse=True):
        mine = [r for r in rows if r["lang"] == lang]
        pairs = [(r["topics"], predicted[r["id"], lang]) for r in mine]
        p, rec, f1, *_ = prf(pairs)
        per_topic = []
        for topic in TOPICS:
            tp, tr, tf, *_ = prf(({topic} & e, {topic} & q) for e, q in pairs)
            per_topic.append(f"{tp:.2f}/{tr:.2f}/{tf:.2f}")
        off = [r for r in mine if not r["topics"]]
        tagged = sum(1 for r in off if predicted[r["id"], lang])
        lines.append(f"| {lang} | {len(mine)} | {p:.3f} | {rec:.3f} | {f1:.3f} | " + " | ".join(per_topic)
                     + f" | {tagged} of {len(off)} |")
    return lines


def mistakes(rows: list[dict], predicted: dict) -> list[str]:
    """One line per text whose topics differ from its labels."""
    out = []
    for r in rows:
        got = predicted[r["id"], r["lang"]]
        if got != r["topics"]:
            out.append(f"  {r['lang']} {r['split']:4} {r['id']}: expected {sorted(r['topics'])} got {sorted(got)}")
    return out


def curve(rows: list[dict], texts: Path, sizes: list[int],
          scored: tuple[list[dict], Path] | None = None) -> list[str]:
    """Test-half (or `scored` texts') micro-F1 per language when the first N tune texts are labelled posts."""
    from b2b_blog.topics.learned import Labelled, LabelledPost  # noqa: PLC0415

    lines = ["| labelled posts per language | " + " | ".join(f"{lang} micro F1 (P/R)" for lang in ("fr", "en"))
             + " | off-topic tagged |", "|---|---|---|---|"]
    tune = [r for r in rows if r["split"] == "tune"]
    random.Random(16).shuffle(tune)
    test, test_texts = scored or ([r for r in rows if r["split"] == "test"], texts)
    for size in sizes:
        chosen = []
        for lang in ("fr", "en"):
            # Only on-topic posts are filed under a topic; an untagged post teaches nothing.
            chosen += [r for r in tune if r["lang"] == lang and r["topics"]][:size]
        posts = []
        for r in chosen:
            meta, body = cli.split_markdown_header((texts / r["lang"] / f"{r['id']}.md").read_text(encoding="utf-8"))
            posts.append(LabelledPost(r["id"], r["lang"], meta.get("title", ""), body, tuple(sorted(r["topics"]))))
        predicted = tag_all(test, test_texts, Labelled.from_posts(posts, DEFAULT_TOPICS))
        cells = []
        for lang in ("fr", "en"):
            p, rec, f1, *_ = prf((r["topics"], predicted[r["id"], lang]) for r in test if r["lang"] == lang)
            cells.append(f"{f1:.3f} ({p:.2f}/{rec:.2f})")
        off = [r for r in test if not r["topics"]]
        tagged = sum(1 for r in off if predicted[r["id"], r["lang"]])
        lines.append(f"| {size} | " + " | ".join(cells) + f" | {tagged} of {len(off)} |")
    return lines


def cost(rows: list[dict], texts: Path, repeat: int = 3) -> list[str]:
    """Time per text of the lexicon alone and with the learned part (all tune texts labelled), best of `repeat`."""
    from b2b_blog.topics.learned import Labelled, LabelledPost, combine, term_counts  # noqa: PLC0415
    from b2b_blog.topics.tagging import tag_text  # noqa: PLC0415

    docs = []
    for r in rows:
        meta, body = cli.split_markdown_header((texts / r["lang"] / f"{r['id']}.md").read_text(encoding="utf-8"))
        docs.append((r, meta.get("title", ""), body))
    labelled = Labelled.from_posts([LabelledPost(r["id"], r["lang"], title, body, tuple(sorted(r["topics"])))
                                    for r, title, body in docs if r["split"] == "tune" and r["topics"]],
                                   DEFAULT_TOPICS)
    for _r, title, body in docs:  # warm the stemmer and lexicon caches, as a build's first posts do
        tag_text(title, body, _r["lang"], DEFAULT_TOPICS)

    counts = [term_counts(title, body, r["lang"]) for r, title, body in docs]
    lexical = [tag_text(title, body, r["lang"], DEFAULT_TOPICS) for r, title, body in docs]
    labelled_counts = [(r["id"], r["lang"], c, tuple(sorted(r["topics"])))
                       for (r, _t, _b), c in zip(docs, counts, strict=True) if r["split"] == "tune" and r["topics"]]
    steps = (
        ("lexicon (once per change of a post)", len(docs),
         lambda: [tag_text(t, b, r["lang"], DEFAULT_TOPICS) for r, t, b in docs]),
        ("term counts (once per change of a post)", len(docs),
         lambda: [term_counts(t, b, r["lang"]) for r, t, b in docs]),
        ("learning from the labelled posts (once per language site and build)", 1,
         lambda: Labelled.from_counts(labelled_counts, DEFAULT_TOPICS)),
        ("combining both parts (every post, every build)", len(docs),
         lambda: [combine(x, c, r["lang"], labelled) for (r, _t, _b), x, c in zip(docs, lexical, counts, strict=True)]),
    )
    lines = []
    words = sum(len(body.split()) for _r, _t, body in docs) / len(docs)
    for name, count, step in steps:
        best = min(_timed(step) for _ in range(repeat))
        lines.append(f"- {name}: {1000 * best / count:.2f} ms{' per post' if count > 1 else ''}")
    lines.append(f"({len(docs)} texts of {words:.0f} words on average; {len(labelled_counts)} labelled posts)")
    return lines


def _timed(step) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def score_json(rows: list[dict], output: Path, show_mistakes: bool) -> int:
    """Score what `invoke topics --json` printed: each result's file stem is a text's id."""
    import json  # noqa: PLC0415

    results = json.loads(output.read_text(encoding="utf-8"))
    predicted = {(Path(r["path"]).stem, r["lang"]): set(r["topics"]) for r in results}
    scored = [r for r in rows if (r["id"], r["lang"]) in predicted]
    missing = len(rows) - len(scored)
    for split in sorted({r["split"] for r in scored}):
        mine = [r for r in scored if r["split"] == split]
        print("\n".join(report(mine, predicted, f"{split} (from {output.name})")))
        if show_mistakes:
            print("\n".join(mistakes(mine, predicted)))
    print(f"{len(scored)} texts scored, {missing} labelled texts not in the output")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", type=Path, help="folder with <lang>/<id>.md")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labels file (default: labels.csv; "
                        "fresh.csv holds texts collected after tuning)")
    parser.add_argument("--split", default="all",
                        choices=("tune", "test", "fresh", "tune2", "holdout", "holdout2", "all"))
    parser.add_argument("--site", type=Path, default=None, help="labelled posts from this content folder")
    parser.add_argument("--no-site", action="store_true", help="lexicon only: no labelled posts")
    parser.add_argument("--curve", default="", help="comma-separated numbers of labelled tune texts")
    parser.add_argument("--curve-on", nargs=2, type=Path, default=None, metavar=("LABELS", "TEXTS"),
                        help="with --curve: score these labelled texts instead of the test half")
    parser.add_argument("--mistakes", action="store_true", help="list the texts tagged wrongly")
    parser.add_argument("--cost", action="store_true", help="time per text, lexicon alone and with learning")
    parser.add_argument("--from-json", type=Path, default=None, metavar="FILE",
                        help="score the output of `invoke topics --json` (texts named <id>.md) instead of tagging")
    args = parser.parse_args(argv)

    rows = read_labels(args.labels)
    if args.from_json:
        return score_json(rows, args.from_json, args.mistakes)
    if args.cost:
        print("\n".join(cost(rows, args.texts)))
        return 0
    if args.curve:
        scored = (read_labels(args.curve_on[0]), args.curve_on[1]) if args.curve_on else None
        print("\n".join(curve(rows, args.texts, [int(n) for n in args.curve.split(",")], scored)))
        return 0
    from b2b_blog.topics.learned import Labelled  # noqa: PLC0415

    labelled = Labelled.empty() if args.no_site else Labelled.from_site(args.site or cli.SITE_CONTENT, DEFAULT_TOPICS)
    started = time.perf_counter()
    present = {r["split"] for r in rows}
    order = ("tune", "test", "fresh", "tune2", "holdout", "holdout2")
    splits = tuple(s for s in order if s in present) if args.split == "all" else (args.split,)
    for split in splits:
        mine = [r for r in rows if r["split"] == split]
        predicted = tag_all(mine, args.texts, labelled)
        print("\n".join(report(mine, predicted, f"{split} half")))
        if args.mistakes:
            print("\n".join(mistakes(mine, predicted)))
        print()
    elapsed = time.perf_counter() - started
    count = sum(1 for r in rows if r["split"] in splits)
    print(f"{count} texts in {elapsed:.2f} s ({1000 * elapsed / count:.1f} ms per text, first call compiles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
