"""Separate posts that translate each other, found from the evidence they share."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

# Score from which two posts are written as a pair; from CANDIDATE they are listed for the author.
THRESHOLD = 4.5
CANDIDATE = 2.5
WEIGHTS = {"link": 6.0, "image": 3.0, "url": 2.0, "quote": 2.0, "number": 1.0, "name": 1.0}
NUMBER = re.compile(r"\d[\d\s.,]*\d|\d{2,}")
QUOTE = re.compile(r"[«“\"]\s*([^«»“”\"]{12,200}?)\s*[»”\"]")
NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-ZÀ-Ý][\w'-]+(?:\s[A-ZÀ-Ý][\w'-]+)*)")


@dataclass
class Evidence:
    """What a post could share with its translation."""

    key: str  # the post's old path (or id)
    lang: str
    date: object
    links: set[str] = field(default_factory=set)  # old paths it links to
    features: set[tuple[str, str]] = field(default_factory=set)


def evidence_of(key: str, lang: str, date, html: str, old_paths: set[str]) -> Evidence:
    soup = BeautifulSoup(html, "html.parser")
    found = Evidence(key, lang, date)
    for anchor in soup.find_all("a", href=True):
        path = urlsplit(anchor["href"]).path
        if path in old_paths:
            found.links.add(path)
        elif anchor["href"].startswith("http"):
            found.features.add(("url", anchor["href"].rstrip("/")))
    for img in soup.find_all("img", src=True):
        found.features.add(("image", urlsplit(img["src"]).path.rsplit("/", 1)[-1].lower()))
    text = soup.get_text(" ")
    for number in NUMBER.findall(text):
        digits = re.sub(r"\D", "", number)
        if len(digits) >= 2:
            found.features.add(("number", digits))
    for quote in QUOTE.findall(text):
        found.features.add(("quote", quote.lower()))
    for sentence in re.split(r"(?<=[.!?:])\s+|\n", text):
        for name in NAME.findall(sentence.strip()[1:] if sentence.strip() else ""):
            if len(name) > 2:
                found.features.add(("name", name))
    return found


@dataclass
class Pair:
    first: str
    second: str
    score: float
    reasons: list[str]


def score_pairs(posts: list[Evidence]) -> list[Pair]:
    """Every pair of posts in two languages with some shared evidence, best first."""
    frequency = Counter(feature for post in posts for feature in post.features)
    pairs = []
    for index, first in enumerate(posts):
        for second in posts[index + 1:]:
            if first.lang == second.lang:
                continue
            score, reasons = 0.0, []
            if second.key in first.links or first.key in second.links:
                score += WEIGHTS["link"]
                reasons.append("they link to each other")
            for feature in sorted(first.features & second.features):
                # Shared by these two alone it counts fully; by many posts, much less.
                weight = WEIGHTS[feature[0]] / (frequency[feature] - 1)
                score += weight
                reasons.append(f"same {feature[0]} {feature[1]!r}")
            if score and first.date and second.date:
                days = abs((first.date - second.date).total_seconds()) / 86400
                bonus = 2.0 if days <= 7 else 1.0 if days <= 31 else 0.0 if days <= 365 else -2.0
                score += bonus
                reasons.append(f"published {days:.0f} day(s) apart")
            if score >= CANDIDATE:
                pairs.append(Pair(first.key, second.key, round(score, 1), reasons))
    return sorted(pairs, key=lambda pair: -pair.score)


def choose_pairs(pairs: list[Pair], forced: list[tuple[str, str]]) -> tuple[list[Pair], list[Pair]]:
    """(pairs to write, one post with one translation, forced ones first; candidates to confirm)."""
    taken: set[str] = set()
    chosen, candidates = [], []
    for first, second in forced:
        chosen.append(Pair(first, second, 0.0, ["asked with --pair"]))
        taken |= {first, second}
    for pair in pairs:
        if pair.first in taken or pair.second in taken:
            continue
        if pair.score >= THRESHOLD:
            chosen.append(pair)
            taken |= {pair.first, pair.second}
        else:
            candidates.append(pair)
    return chosen, [pair for pair in candidates if pair.first not in taken and pair.second not in taken]
