"""Accuracy of the importers on real Pelican sites: language detection on short texts, pairing by evidence.

Usage: python -m benchmarks.importers SITE_DIR [SITE_DIR...]   (each a Pelican site with content/ and Lang fields)

Ground truth comes from the sites themselves: each file's `Lang` (or DEFAULT_LANG) for the languages, and
their translation ids (same slug) for the pairs. The pairing by evidence is run as if those ids were absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from pelican.utils import get_date  # noqa: E402

from importers import pairing  # noqa: E402
from importers.languages import detect  # noqa: E402
from importers.pelican import read_settings_file, split_header  # noqa: E402

LANGUAGES = ("fr", "en")


def site_posts(site: Path) -> list[dict]:
    conf = site / "pelicanconf.py"
    old = read_settings_file(conf)[0] if conf.is_file() else {}
    posts = []
    for path in sorted((site / old.get("PATH", "content")).rglob("*.md")):
        meta, body = split_header(path.read_text(encoding="utf-8", errors="replace"))
        lang = meta.get("lang", old.get("DEFAULT_LANG", "en"))
        if lang in LANGUAGES and "pages" not in path.parts:
            posts.append({"path": str(path.relative_to(site)), "lang": lang, "meta": meta, "body": body,
                          "group": meta.get("slug") or path.stem})
    return posts


def language_accuracy(posts: list[dict]) -> tuple[int, int]:
    """Titles and summaries (short real texts) whose language is found right."""
    right = total = 0
    for post in posts:
        for text in (post["meta"].get("title", ""), post["meta"].get("summary", "")):
            if len(text.split()) >= 2:
                total += 1
                right += detect(text, LANGUAGES)[0] == post["lang"]
    return right, total


def pairing_scores(posts: list[dict]) -> tuple[int, int, int]:
    """(pairs found that are true, pairs found, true pairs) with the translation ids hidden."""
    groups: dict[str, set[str]] = {}
    for post in posts:
        groups.setdefault(post["group"], set()).add(post["path"])
    truth = {frozenset(members) for members in groups.values() if len(members) == 2}
    evidence = []
    for post in posts:
        date = get_date(post["meta"]["date"]) if post["meta"].get("date") else None
        if date is not None and date.tzinfo is None:
            date = date.replace(tzinfo=__import__("datetime").UTC)
        html = f"<p>{post['meta'].get('title', '')}</p>" + markdown.markdown(post["body"])
        evidence.append(pairing.evidence_of(post["path"], post["lang"], date, html, set()))
    chosen, _candidates = pairing.choose_pairs(pairing.score_pairs(evidence), [])
    found = {frozenset((pair.first, pair.second)) for pair in chosen}
    return len(found & truth), len(found), len(truth)


def main(argv: list[str]) -> int:
    for site in map(Path, argv):
        posts = site_posts(site)
        right, total = language_accuracy(posts)
        true_found, found, truth = pairing_scores(posts)
        precision = true_found / found if found else 1.0
        recall = true_found / truth if truth else 1.0
        print(f"{site.name}: {len(posts)} posts; language of short texts {right}/{total} "
              f"({right / max(total, 1):.0%}); pairs by evidence: precision {precision:.0%} "
              f"({true_found}/{found}), recall {recall:.0%} ({true_found}/{truth})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
