"""Up to three related posts in the same language: shared topics first, then nearest in time."""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import timedelta
from typing import NamedTuple

_MICROSECOND = timedelta(microseconds=1)


class _Candidate(NamedTuple):
    stamp: int  # microseconds from the first post's date: exact, unlike float seconds
    rank: int  # order of first appearance, topic by topic: what breaks ties
    index: int


def link_related(articles: list, limit: int = 3) -> None:
    """Set `related_posts` on every post of one language.

    The ranking is: most topics shared, then closest in time, then first met going
    through the post's topics in order. Posts that list the same topics share their
    candidates, so each post only searches, by bisection, the few nearest in time.
    """
    if not articles:
        return
    origin = articles[0].date
    stamps = [(article.date - origin) // _MICROSECOND for article in articles]
    by_topic: dict[str, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        for topic in article.topics:
            by_topic[topic].append(index)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, article in enumerate(articles):
        groups[tuple(article.topics)].append(index)
    for topics, members in groups.items():
        levels = _candidates_by_shared_topics(topics, by_topic, stamps)
        for index in members:
            found: list[_Candidate] = []
            for shared in sorted(levels, reverse=True):
                found += _nearest(levels[shared], stamps[index], index, limit - len(found))
                if len(found) >= limit:
                    break
            articles[index].related_posts = [articles[candidate.index] for candidate in found]


def _candidates_by_shared_topics(topics: tuple, by_topic: dict, stamps: list[int]) -> dict[int, list[_Candidate]]:
    """Every post sharing a topic with `topics`, grouped by how many, each group sorted by date."""
    shared: dict[int, int] = {}
    for topic in topics:
        for index in by_topic[topic]:
            shared[index] = shared.get(index, 0) + 1
    levels: dict[int, list[_Candidate]] = defaultdict(list)
    for rank, (index, count) in enumerate(shared.items()):
        levels[count].append(_Candidate(stamps[index], rank, index))
    for candidates in levels.values():
        candidates.sort()
    return levels


def _nearest(candidates: list[_Candidate], stamp: int, itself: int, wanted: int) -> list[_Candidate]:
    """The `wanted` candidates closest to `stamp` (ties: lowest rank), the post itself left out."""
    found: list[_Candidate] = []
    right = bisect_left(candidates, (stamp,))
    left = right - 1
    while len(found) < wanted and (left >= 0 or right < len(candidates)):
        distance = min(stamp - candidates[left].stamp if left >= 0 else float("inf"),
                       candidates[right].stamp - stamp if right < len(candidates) else float("inf"))
        tied = []
        while left >= 0 and stamp - candidates[left].stamp == distance:
            tied.append(candidates[left])
            left -= 1
        while right < len(candidates) and candidates[right].stamp - stamp == distance:
            tied.append(candidates[right])
            right += 1
        found += sorted((c for c in tied if c.index != itself), key=lambda c: c.rank)
    return found[:wanted]
