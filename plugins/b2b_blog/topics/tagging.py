"""Score a text against the topic vocabulary and decide which topics it is about."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..header import split_header
from .text import STOPWORDS, Stream, Token, fold, stem_variants, tokenize, word_count, words
from .vocabulary import OTHER_CONTEXTS

# A title states what the text is about: one title mention counts as this many body mentions.
TITLE_WEIGHT = 3.0
# Scores are normalised to a text of this many words; longer texts are divided by
# (length ratio) ** LENGTH_EXPONENT because on-topic evidence grows with length, but sublinearly.
REFERENCE_WORDS = 250
LENGTH_EXPONENT = 0.5
# Very short texts (titles, blurbs) are treated as this long, so that one strong
# phrase in a 20-word blurb doesn't look overwhelming. Measured on real excerpts cut
# to 60-100 words: a floor of 200 lost a fifth of their topics, 100 none more than
# full texts lose and no off-topic excerpt got a topic (the evidence rules guard those).
MIN_WORDS = 100
# Minimum score for a topic (tuned on the labelled fixtures; see the tests).
DEFAULT_THRESHOLD = 6.0
# A secondary topic must reach this fraction of the best topic's score.
RELATIVE_TO_TOP = 0.3
# Without a strong term, this many distinct terms of weight >= 1 also anchor a topic.
MIN_DISTINCT_TYPICAL_TERMS = 3
# Without two distinct terms, a single strong term must be repeated this often...
MIN_REPEATS_SINGLE_TERM = 3
# ...or this often for a term that on its own says what the text is about (weight >= 3).
MIN_REPEATS_DEFINING_TERM = 2
DEFINING_WEIGHT = 3.0
# Compiled lexicons kept in memory at most: a build uses four (topics and other subjects, per language).
MAX_COMPILED = 64
# Weight from which a lexicon term is specific enough to anchor a topic.
STRONG_WEIGHT = 1.5
# A topic is dropped when another subject that borrows its words (sport, politics,
# personal banking, ... see vocabulary.OTHER_CONTEXTS) scores at least this fraction
# of the topic's score: a captain's armband text is about football, not leadership.
CONTEXT_RATIO = 0.5


@dataclass(frozen=True)
class Tagging:
    """Result of tagging one text: chosen topics, every topic's score, matched terms.

    The lexicon fills the first four fields; topics.learned adds the closeness to the
    author's labelled posts (similarity, evidence it gives, combined score, how many
    labelled posts per topic, and for an explanation the nearest labelled posts).
    """

    topics: tuple[str, ...]
    scores: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)
    context: float = 0.0  # score of the other subject (sport, politics...) the text leans to most
    similarity: dict[str, float] = field(default_factory=dict)
    learned: dict[str, float] = field(default_factory=dict)
    combined: dict[str, float] = field(default_factory=dict)
    labelled_posts: dict[str, int] = field(default_factory=dict)
    nearest: tuple[dict, ...] = ()


class _Entry(NamedTuple):
    """One lexicon term compiled to stems; None in pattern is a one-stopword wildcard."""

    topic: str
    term: str
    weight: float
    pattern: tuple[frozenset[str] | None, ...]
    spelling: tuple[str, ...] = ()  # folded words of the term, to settle stem collisions


def _compile_term(term: str, lang: str) -> tuple[frozenset[str] | None, ...]:
    """Turn a lexicon term into a stem pattern.

    Stopwords inside a phrase become one-word wildcards ("plan de compte" matches
    "plan des comptes"); at its edges they stay literal ("into account").
    """
    stops = STOPWORDS.get(lang, frozenset())
    terms = words(term)
    return tuple(
        None if w in stops and 0 < n < len(terms) - 1
        else frozenset({fold(w)}) if w in stops
        else frozenset(stem_variants(w, lang))
        for n, w in enumerate(terms)
    )


# Compiled lexicons by (signature, language). Stemming a vocabulary takes most of a tenth of a
# second: topics.assign keeps them between builds.
compiled_lexicons: dict[tuple, dict[str, list[_Entry]]] = {}


def _compile(signature: tuple, lang: str) -> dict[str, list[_Entry]]:
    """A lexicon's index, compiled once per vocabulary and language."""
    found = compiled_lexicons.get((signature, lang))
    if found is None:
        if len(compiled_lexicons) >= MAX_COMPILED:
            compiled_lexicons.clear()
        found = compiled_lexicons[(signature, lang)] = _index(signature, lang)
    return found


def _index(signature: tuple, lang: str) -> dict[str, list[_Entry]]:
    """Index every topic's lexicon by first stem, longest patterns first."""
    index: dict[str, list[_Entry]] = defaultdict(list)
    stops = STOPWORDS.get(lang, frozenset())
    for topic, lexicon in signature:
        seen: dict[tuple, _Entry] = {}
        for term, weight in lexicon:
            pattern = _compile_term(term, lang)
            # Two spellings that stem alike ("manager"/"management") count once, at the higher weight.
            if pattern and (pattern not in seen or abs(weight) > abs(seen[pattern].weight)):  # first written wins a tie
                spelling = tuple(fold(w) for w in words(term) if w not in stops)
                seen[pattern] = _Entry(topic, term, float(weight), pattern, spelling)
        for entry in seen.values():
            for stem in entry.pattern[0]:
                index[stem].append(entry)
    for entries in index.values():
        entries.sort(key=lambda e: -len(e.pattern))
    return dict(index)


def _signature(topics: Mapping[str, Any], lang: str) -> tuple:
    """Hashable snapshot of the lexicons for one language (the compile cache key)."""
    return tuple(
        (key, tuple((spec.get(lang) or {}).get("lexicon", {}).items()))
        for key, spec in topics.items()
    )


def _matches_at(stream: Stream, i: int, pattern: tuple[frozenset[str] | None, ...]) -> bool:
    """Whether pattern matches the token stream at position i (never across a boundary)."""
    if i + len(pattern) > len(stream):
        return False
    for slot, token in zip(pattern, stream[i:i + len(pattern)], strict=True):
        if token is None or (not token.stop if slot is None else token.stem not in slot):
            return False
    return True


def _closeness(entry: _Entry, tokens: list[Token]) -> int:
    """How well a term's spelling fits the text's words: common prefix minus the term's unmatched tail."""
    total = 0
    for lex, token in zip(entry.spelling, (t for t in tokens if not t.stop), strict=False):
        common = next((n for n, (a, b) in enumerate(zip(lex, token.word, strict=False)) if a != b),
                      min(len(lex), len(token.word)))
        total += common - (len(lex) - common)
    return total


def _disambiguate(best: list[_Entry], tokens: list[Token]) -> list[_Entry]:
    """Snowball over-stems ("collaborations"/"collaborateurs"): when topics tie on stems, keep the closest spelling."""
    if len({e.topic for e in best}) < 2 or len({e.pattern for e in best}) > 1:
        return best
    closeness = {e: _closeness(e, tokens) for e in best}
    top = max(closeness.values())
    return [e for e in best if closeness[e] == top]


def _count_terms(stream: Stream, index: dict[str, list[_Entry]]) -> Counter:
    """Count (topic, term) matches; the longest match at a position wins and consumes its words."""
    counts: Counter = Counter()
    i = 0
    while i < len(stream):
        token = stream[i]
        best: list[_Entry] = []
        for entry in index.get(token.stem, ()) if token is not None else ():
            if best and len(entry.pattern) < len(best[0].pattern):
                break
            if _matches_at(stream, i, entry.pattern):
                best.append(entry)
        if best:
            best = _disambiguate(best, stream[i:i + len(best[0].pattern)])
        for entry in best:
            counts[entry] += 1
        i += len(best[0].pattern) if best else 1
    return counts


def _raw_score(entries, in_body: Counter, in_title: Counter) -> float:
    """Sum of weights, each dampened by log of its count (repeating a term adds less and less)."""
    return sum(e.weight * (1 + math.log(in_body[e] + TITLE_WEIGHT * in_title[e])) for e in entries)


def context_scores(title_stream: Stream, body_stream: Stream, lang: str,
                   contexts: Mapping[str, Mapping[str, Mapping[str, float]]] | None = None) -> dict[str, float]:
    """Raw scores of the other subjects (sport, politics, ...) that borrow the topics' words."""
    lexicons = (OTHER_CONTEXTS if contexts is None else contexts).get(lang) or {}
    if not lexicons:
        return {}
    index = _compile(tuple((name, tuple(terms.items())) for name, terms in lexicons.items()), lang)
    in_body, in_title = _count_terms(body_stream, index), _count_terms(title_stream, index)
    found = set(in_body) | set(in_title)
    return {name: _raw_score([e for e in found if e.topic == name], in_body, in_title) for name in lexicons}


def tag_text(title: str, body: str, lang: str, topics: Mapping[str, Any], *,
             threshold: float | None = None,
             contexts: Mapping[str, Mapping[str, Mapping[str, float]]] | None = None) -> Tagging:
    """Tag a text (title + body in language lang) with zero, one or several topics.

    contexts: other subjects per language (default vocabulary.OTHER_CONTEXTS); {} disables them.
    """
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    index = _compile(_signature(topics, lang), lang)
    body_stream = tokenize(body, lang)
    title_stream = tokenize(title, lang)
    in_body = _count_terms(body_stream, index)
    in_title = _count_terms(title_stream, index)
    length_factor = (max(word_count(body_stream), MIN_WORDS) / REFERENCE_WORDS) ** LENGTH_EXPONENT
    other = max(context_scores(title_stream, body_stream, lang, contexts).values(), default=0.0) / length_factor

    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    eligible: set[str] = set()
    for topic in topics:
        entries = [e for e in set(in_body) | set(in_title) if e.topic == topic]
        raw = _raw_score(entries, in_body, in_title)
        scores[topic] = round(max(raw, 0.0) / length_factor, 3)
        # Evidence lists support only: negative "other sense" terms lower the score silently.
        entries = sorted((e for e in entries if e.weight > 0),
                         key=lambda e: (-e.weight, -(in_body[e] + in_title[e]), e.term))
        evidence[topic] = [f"{e.term} ×{in_body[e] + in_title[e]}" for e in entries]
        strong = [e for e in entries if e.weight >= STRONG_WEIGHT]
        typical = [e for e in entries if e.weight >= 1.0]
        # Evidence diversity: one passing mention, even of a strong term, is not a topic;
        # and a heap of ambiguous words ("client", "leader", "team") needs one specific
        # term, or several distinct typical ones ("motiver", "feedback", "manager").
        anchored = (strong and (len(entries) >= 2 or any(
            in_body[e] + in_title[e] >= (MIN_REPEATS_DEFINING_TERM if e.weight >= DEFINING_WEIGHT
                                         else MIN_REPEATS_SINGLE_TERM) for e in strong))) \
            or len(typical) >= MIN_DISTINCT_TYPICAL_TERMS
        if anchored and other < CONTEXT_RATIO * scores[topic]:
            eligible.add(topic)

    ranked = sorted((t for t in eligible if scores[t] >= threshold), key=lambda t: (-scores[t], t))
    if ranked:
        top = scores[ranked[0]]
        ranked = [t for t in ranked if scores[t] >= RELATIVE_TO_TOP * top]
    return Tagging(tuple(ranked), scores, evidence, round(other, 3))


def split_markdown_header(text: str) -> tuple[dict[str, str], str]:
    """Split Pelican-style "Key: value" lines (up to the first blank line) from the body."""
    fields, body = split_header(text)
    if not fields:
        return {}, text.lstrip("\ufeff")
    return {key: field.text for key, field in fields.items()}, body
