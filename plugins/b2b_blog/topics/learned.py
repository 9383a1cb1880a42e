"""What the author's labelled posts teach: a text close to the posts filed under a topic is about it.

Posts whose topics the author named (a `Topics:` line, or labels brought over by an import)
say what the author means by each topic better than any word list. Each language keeps the
TF-IDF centroid of the posts filed under each topic (over the stemmed words of topics.text);
a text's cosine to a centroid is its closeness to what the author files there. The lexicon
still explains and decides on its own when the author has labelled few posts: the closeness
counts in proportion to how many posts stand behind a topic (see `weight`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..header import split_header
from .tagging import CONTEXT_RATIO, DEFAULT_THRESHOLD, RELATIVE_TO_TOP, Tagging
from .text import tokenize
from .vocabulary import resolve_topic_names

# A title word counts as this many body words (as for the lexicon).
TITLE_REPEAT = 3
# Words shorter than this (after folding) carry little meaning: "ca", "va", digits.
MIN_WORD_LENGTH = 3
# The closeness of a text to a topic's labelled posts, on the cosine scale of TF-IDF vectors:
# below FLOOR it says nothing; at FULL it counts as much as a lexicon score at the threshold.
SIMILARITY_FLOOR = 0.20
SIMILARITY_FULL = 0.50
# A topic with n labelled posts counts n / (n + PRIOR_POSTS): one or two posts barely move a
# decision, a dozen nearly fully. Tuned with the learning curve (benchmarks/topics/results.md).
PRIOR_POSTS = 4
# Below this much learned evidence a topic must come from the lexicon alone.
MIN_LEARNED = 0.3
# All the labelled posts are about some topic, none about nothing: closeness tells which topic,
# not whether any. So the lexicon must see at least this fraction of the threshold in the text...
LEXICON_FLOOR = 0.5
# The same scale for the margin of closeness over the other topics' posts.
MARGIN_FLOOR = 0.05
MARGIN_FULL = 0.20
# ...unless the text is as close to a topic's posts as they are to each other, and clearly
# closer to them than to the other topics' posts (cosine to the centroid, margin over the
# mean of the other topics), with at least ALONE_POSTS posts behind the topic.
ALONE_SIMILARITY = 0.5
ALONE_MARGIN = 0.15
ALONE_POSTS = 3
# Labelled posts listed as the nearest in an explanation.
NEAREST = 3


@dataclass(frozen=True)
class LabelledPost:
    """A post the author filed under topics: where it comes from, its language, words and topics."""

    name: str
    lang: str
    title: str
    body: str
    topics: tuple[str, ...]


def term_counts(title: str, body: str, lang: str) -> dict[str, int]:
    """Stemmed content words of a text, the title's counted TITLE_REPEAT times."""
    counts: Counter = Counter()
    for text, repeat in ((body, 1), (title, TITLE_REPEAT)):
        for token in tokenize(text, lang):
            if token is not None and not token.stop and len(token.word) >= MIN_WORD_LENGTH \
                    and not token.word.isdigit():
                counts[token.stem] += repeat
    return dict(counts)


# 1 + log(n) for the counts most words have in one post.
_DAMPED = [0.0] + [1 + math.log(n) for n in range(1, 64)]


def _normalised(vector: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {term: v / norm for term, v in vector.items()} if norm else {}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(term, 0.0) for term, v in a.items())


@dataclass(frozen=True)
class _Language:
    """One language's labelled posts: inverse document frequencies, centroids, post vectors."""

    idf: dict[str, float]
    centroids: dict[str, dict[str, float]]
    posts: tuple[tuple[str, tuple[str, ...], dict[str, float]], ...]
    counts: dict[str, int]
    # term -> (idf, its weight in each centroid, in the order of `topics`): one lookup per word.
    columns: dict[str, tuple[float, tuple[float, ...]]] = field(default_factory=dict)
    topics: tuple[str, ...] = ()

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        # Words no labelled post uses cannot bring a text closer to one: leave them out.
        return _normalised({t: (1 + math.log(n)) * self.idf[t] for t, n in counts.items() if t in self.idf})

    def similarities(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Cosine to every centroid in one pass over the text's words (this runs for every post)."""
        sums = [0.0] * len(self.topics)
        norm = 0.0
        for term, count in counts.items():
            column = self.columns.get(term)
            if column is None:
                continue
            value = (_DAMPED[count] if count < len(_DAMPED) else 1 + math.log(count)) * column[0]
            norm += value * value
            for n, weight in enumerate(column[1]):
                sums[n] += value * weight
        norm = math.sqrt(norm)
        return {topic: round(total / norm, 3) if norm else 0.0 for topic, total in zip(self.topics, sums, strict=True)}


@dataclass(frozen=True)
class Labelled:
    """The labelled posts of a site, by language, ready to measure a text's closeness to each topic."""

    languages: dict[str, _Language] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Labelled:
        return cls({})

    @classmethod
    def from_posts(cls, posts: Iterable[LabelledPost], topics: Mapping[str, Any]) -> Labelled:
        """Learn from posts given as text (the command line, the benchmark)."""
        return cls.from_counts(((p.name, p.lang, term_counts(p.title, p.body, p.lang), p.topics)
                                for p in posts), topics)

    @classmethod
    def from_counts(cls, posts: Iterable[tuple[str, str, Mapping[str, int], Iterable[str]]],
                    topics: Mapping[str, Any]) -> Labelled:
        """Learn from (name, lang, term counts, topics) of each labelled post (the build)."""
        by_lang: dict[str, list] = {}
        for name, lang, counts, named in sorted(posts, key=lambda p: (p[1], p[0])):
            kept = tuple(t for t in named if t in topics)
            if kept and counts:
                by_lang.setdefault(lang, []).append((name, counts, kept))
        return cls({lang: _learn(entries) for lang, entries in by_lang.items()})

    @classmethod
    def from_site(cls, content: Path, topics: Mapping[str, Any]) -> Labelled:
        """The posts of a content folder (`<lang>/...md`) whose `Topics:` line names known topics.

        As in the build, only published posts teach: not pages, drafts, or the case library.
        """
        languages = {lang for spec in topics.values() for lang in spec}
        posts = []
        for path in sorted(content.glob("*/**/*.md")):
            relative = path.relative_to(content)
            if relative.parts[0] not in languages or "pages" in relative.parts[1:-1]:
                continue
            try:
                fields, body = split_header(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue  # the build reports unreadable files; a tagger only learns from readable ones
            named = fields.get("topics")
            status = fields["status"].text.strip().lower() if "status" in fields else ""
            if named is None or not named.text.strip() or status == "draft":
                continue
            lang = (fields["lang"].text if "lang" in fields else relative.parts[0]).strip().lower()
            known, _unknown = resolve_topic_names(named.text, topics)
            title = fields["title"].text if "title" in fields else ""
            posts.append(LabelledPost(relative.as_posix(), lang, title, body, tuple(known)))
        return cls.from_posts(posts, topics)

    def labelled_posts(self, lang: str) -> dict[str, int]:
        """How many labelled posts stand behind each topic in a language."""
        found = self.languages.get(lang)
        return dict(found.counts) if found else {}

    def similarities(self, counts: Mapping[str, int], lang: str) -> dict[str, float]:
        """Cosine of a text to the centroid of each topic's labelled posts in its language."""
        found = self.languages.get(lang)
        return found.similarities(counts) if found else {}

    def nearest(self, counts: Mapping[str, int], lang: str, limit: int = NEAREST) -> list[dict[str, Any]]:
        """The labelled posts closest to a text: name, topics, cosine (for the explanation)."""
        found = self.languages.get(lang)
        if not found:
            return []
        vector = found.vector(counts)
        ranked = sorted(((round(_cosine(vector, v), 3), name, named) for name, named, v in found.posts),
                        key=lambda entry: (-entry[0], entry[1]))
        return [{"post": name, "topics": list(named), "similarity": similarity}
                for similarity, name, named in ranked[:limit] if similarity > 0]


def _learn(entries: list[tuple[str, Mapping[str, int], tuple[str, ...]]]) -> _Language:
    documents = len(entries)
    frequency: Counter = Counter()
    for _name, counts, _topics in entries:
        frequency.update(counts.keys())
    idf = {term: math.log((1 + documents) / (1 + df)) + 1 for term, df in frequency.items()}
    posts = tuple((name, topics, _normalised({t: (1 + math.log(n)) * idf[t] for t, n in counts.items()}))
                  for name, counts, topics in entries)
    sums: dict[str, Counter] = {}
    per_topic: Counter = Counter()
    for _name, topics, vector in posts:
        for topic in topics:
            per_topic[topic] += 1
            sums.setdefault(topic, Counter()).update(vector)
    centroids = {topic: _normalised(total) for topic, total in sums.items()}
    topics = tuple(centroids)
    columns = {term: (weight, tuple(centroids[t].get(term, 0.0) for t in topics)) for term, weight in idf.items()}
    return _Language(idf, centroids, posts, dict(per_topic), columns, topics)


def weight(labelled_posts: int) -> float:
    """How much a topic's closeness counts, from the number of posts the author filed under it."""
    return labelled_posts / (labelled_posts + PRIOR_POSTS)


def learned_evidence(closeness: float, labelled_posts: int, floor: float, full: float) -> float:
    """Closeness turned into evidence on the lexicon's scale (1.0 = a lexicon score at the threshold)."""
    return weight(labelled_posts) * min(1.5, max(0.0, closeness - floor) / (full - floor))


def margins(similarity: Mapping[str, float]) -> dict[str, float]:
    """How much closer a text is to each topic's posts than to the other topics' posts (on average)."""
    found = {}
    for topic, value in similarity.items():
        others = [v for name, v in similarity.items() if name != topic]
        found[topic] = round(value - (sum(others) / len(others) if others else 0.0), 3)
    return found


def combine(lexicon: Tagging, counts: Mapping[str, int], lang: str, labelled: Labelled,
            threshold: float | None = None, *, explain: bool = False) -> Tagging:
    """Topics from both parts: the lexicon's score and the closeness to the author's labelled posts.

    A topic the lexicon chose stays. Another one is added when the lexicon score (as a fraction
    of the threshold) plus the learned evidence reaches 1, with enough learned evidence of its
    own, unless the text leans towards another subject (sport, politics...) as the lexicon's
    own rule has it. Secondary topics must reach RELATIVE_TO_TOP of the best one, as before.
    """
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    similarity = labelled.similarities(counts, lang)
    posts = labelled.labelled_posts(lang)
    # Until the lexicon finds the text on the blog's subjects, only a margin over the other topics
    # counts (a business text is about as close to every topic); once it does, plain closeness
    # tells which further topic the text is also about.
    margin = margins(similarity)
    if lexicon.topics:
        learned = {t: round(learned_evidence(similarity.get(t, 0.0), posts.get(t, 0), SIMILARITY_FLOOR,
                                             SIMILARITY_FULL), 3) for t in lexicon.scores}
    else:
        learned = {t: round(learned_evidence(margin.get(t, 0.0), posts.get(t, 0), MARGIN_FLOOR, MARGIN_FULL), 3)
                   for t in lexicon.scores}
    combined = {t: round(lexicon.scores[t] / threshold + learned[t], 3) for t in lexicon.scores}
    chosen = set(lexicon.topics)
    for topic, value in combined.items():
        if lexicon.context >= CONTEXT_RATIO * max(threshold, lexicon.scores[topic]):
            continue  # the text leans towards another subject (sport, politics...): the lexicon's rule
        supported = lexicon.scores[topic] >= LEXICON_FLOOR * threshold
        if supported and value >= 1.0 and learned[topic] >= MIN_LEARNED:
            chosen.add(topic)
        elif _close_alone(topic, similarity, posts):
            chosen.add(topic)
    ranked = sorted(chosen, key=lambda t: (-combined[t], t))
    if ranked:
        top = combined[ranked[0]]
        ranked = [t for t in ranked if t in lexicon.topics or combined[t] >= RELATIVE_TO_TOP * top]
    return replace(lexicon, topics=tuple(ranked), similarity=similarity, learned=learned, combined=combined,
                   labelled_posts=posts, nearest=tuple(labelled.nearest(counts, lang)) if explain else ())


def _close_alone(topic: str, similarity: Mapping[str, float], posts: Mapping[str, int]) -> bool:
    """Whether closeness alone names a topic: very close to its posts, clearly closer than to the rest."""
    return posts.get(topic, 0) >= ALONE_POSTS and similarity.get(topic, 0.0) >= ALONE_SIMILARITY \
        and margins(similarity).get(topic, 0.0) >= ALONE_MARGIN
