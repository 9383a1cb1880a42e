"""Command line: tag Markdown or text files and show topics, scores and matched terms."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .learned import Labelled, combine, term_counts
from .tagging import Tagging, split_markdown_header, tag_text
from .text import detect_language
from .vocabulary import DEFAULT_TOPICS, resolve_topic_names

# The site's posts: the labelled ones teach the tagger what the author means (see --site).
# The project's own content folder when run from a project, else the shipped site's.
SITE_CONTENT = Path(__file__).resolve().parents[3] / "content"


def default_site() -> Path:
    here = Path.cwd() / "content"
    return here if here.is_dir() else SITE_CONTENT


class FileProblem(Exception):
    """A problem with one input file, reported as "path: problem. Fix: ..."."""


def _languages(topics: Mapping[str, Any]) -> list[str]:
    """Language codes present in the vocabulary, in first-seen order."""
    return list(dict.fromkeys(lang for spec in topics.values() for lang in spec))


def _title_and_body(meta: dict[str, str], body: str) -> tuple[str, str]:
    """Title from metadata, else from a leading Markdown "# " heading."""
    if "title" in meta:
        return meta["title"], body
    lines = body.lstrip().splitlines()
    if lines and lines[0].startswith("# "):
        return lines[0][2:].strip(), "\n".join(lines[1:])
    return "", body


def _language_code(value: str, languages: list[str]) -> str:
    """A file's language as the vocabulary names it: 'en-US' and 'fr_FR' are 'en' and 'fr'."""
    code = value.strip().lower()
    base = code.replace("_", "-").split("-")[0]
    return base if code not in languages and base in languages else code


# A first paragraph is a header only if it names one of these (a post's, Hugo's or Jekyll's usual keys).
HEADER_KEYS = frozenset({"title", "lang", "language", "topics", "date", "modified", "slug", "tags", "category",
                         "categories", "author", "authors", "summary", "description", "status", "translation_key",
                         "kind", "draft", "layout"})

# Files `invoke topics` reads in a folder given as a path (at any depth).
TEXT_SUFFIXES = (".md", ".markdown", ".txt")


def expand_paths(paths: list[Path]) -> list[Path]:
    """Paths as given, a folder standing for its text files (sorted, at any depth)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append(path)
    return found


def analyse_file(path: Path, topics: Mapping[str, Any], lang_option: str | None,
                 threshold: float | None = None, labelled: Labelled | None = None) -> dict[str, Any]:
    """Tag one file; raise FileProblem with a message naming the problem and the fix."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise FileProblem(f"{path}: cannot read the file ({reason}). Fix: check the path, "
                          "its permissions and that it is UTF-8 text.") from err
    meta, body = split_markdown_header(text)
    if meta and not set(meta) & HEADER_KEYS:
        meta, body = {}, text.lstrip("\ufeff")  # "Leadership: why trust matters" opens a text, not a header
    title, body = _title_and_body(meta, body)
    languages = _languages(topics)
    lang = _language_code(meta.get("lang") or lang_option or detect_language(f"{title}\n{body}", languages),
                          languages)
    if lang not in languages:
        raise FileProblem(f"{path}: language {lang!r} has no topic vocabulary. Fix: set 'Lang:' "
                          f"to one of: {', '.join(languages)}.")
    lexical: Tagging = tag_text(title, body, lang, topics, threshold=threshold)
    tagging = lexical if labelled is None else combine(lexical, term_counts(title, body, lang), lang, labelled,
                                                          threshold, explain=True)
    result: dict[str, Any] = {
        "path": str(path), "lang": lang, "topics": list(tagging.topics), "source": "inferred",
        "scores": tagging.scores, "evidence": tagging.evidence,  # the lexicon's, as before
        "lexicon": {"topics": list(lexical.topics), "scores": lexical.scores, "evidence": lexical.evidence},
        "learned": {"labelled_posts": tagging.labelled_posts, "similarity": tagging.similarity,
                    "evidence": tagging.learned, "nearest": list(tagging.nearest)},
        "combined": tagging.combined,
    }
    if meta.get("topics", "").strip():
        known, unknown = resolve_topic_names(meta["topics"], topics)
        if unknown:
            raise FileProblem(
                f"{path}: unknown topic {', '.join(map(repr, unknown))} in 'Topics:' metadata. "
                f"Known topics: {', '.join(topics)}. Fix: use these keys, or remove the "
                "'Topics:' line to let the tagger infer them.")
        # The author's explicit choice wins over inference; scores are still reported.
        result.update(topics=known, source="metadata")
    return result


def _human(result: dict[str, Any], topics: Mapping[str, Any]) -> str:
    """Readable report for one file: labels in the file's language, scores, matched terms."""
    lang = result["lang"]
    labels = [topics[t][lang]["label"] for t in result["topics"]]
    lines = [result["path"], f"  lang:   {lang}",
             f"  topics: {', '.join(labels) or '(none)'} [{result['source']}]",
             "  scores: " + ", ".join(f"{t} {s:.2f}" for t, s in
                                      sorted(result["scores"].items(), key=lambda kv: -kv[1]))]
    for topic, terms in result["evidence"].items():
        if terms:
            lines.append(f"  {topic}: {', '.join(terms)}")
    learned = result["learned"]
    posts = learned["labelled_posts"]
    if not posts:
        lines.append("  learned: no labelled post in this language (the lexicon decides alone)")
        return "\n".join(lines)
    lines.append("  learned: " + ", ".join(
        f"{t} closeness {learned['similarity'].get(t, 0.0):.2f} to {posts.get(t, 0)} labelled post(s),"
        f" evidence {learned['evidence'].get(t, 0.0):.2f}" for t in topics))
    lines.append("  combined: " + ", ".join(f"{t} {v:.2f}" for t, v in
                                          sorted(result["combined"].items(), key=lambda kv: -kv[1])))
    if learned["nearest"]:
        lines.append("  nearest labelled posts: " + "; ".join(
            f"{n['post']} ({', '.join(n['topics'])}) {n['similarity']:.2f}" for n in learned["nearest"]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Tag files given on the command line; exit 2 if any file has a problem."""
    topics = DEFAULT_TOPICS
    parser = argparse.ArgumentParser(prog="python -m b2b_blog.topics.cli", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                        help="Markdown or text files, or folders of them")
    parser.add_argument("--json", action="store_true", help="print one JSON array of results")
    parser.add_argument("--lang", choices=_languages(topics),
                        help="language for files without 'Lang:' metadata (default: detect)")
    parser.add_argument("--threshold", type=float, default=None, help="minimum topic score")
    parser.add_argument("--site", type=Path, default=None, metavar="DIR",
                        help="content folder whose posts with a 'Topics:' line teach the tagger "
                             "(default: ./content, else the shipped site's)")
    args = parser.parse_args(argv)
    site = args.site or default_site()
    if args.site is not None and not args.site.is_dir():
        print(f"error: {args.site}: no such folder. Fix: give --site the content folder of a site "
              "(the one that holds fr/ and en/).", file=sys.stderr)
        return 2
    labelled = Labelled.from_site(site, topics) if site.is_dir() else Labelled.empty()

    results, failed = [], False
    for path in expand_paths(args.paths):
        try:
            result = analyse_file(path, topics, args.lang, args.threshold, labelled)
            # A labelled post of the site is not its own nearest neighbour.
            result["learned"]["nearest"] = [n for n in result["learned"]["nearest"]
                                            if (site / n["post"]).resolve() != path.resolve()]
            results.append(result)
        except FileProblem as problem:
            print(f"error: {problem}", file=sys.stderr)
            failed = True
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        print("\n\n".join(_human(r, topics) for r in results))
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
