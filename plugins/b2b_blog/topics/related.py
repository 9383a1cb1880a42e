"""Up to three related posts in the same language: shared topics first, then nearest in time."""

from __future__ import annotations

from collections import defaultdict


def link_related(articles: list, limit: int = 3) -> None:
    """Set `related_posts` on every post of one language."""
    by_topic: dict[str, list] = defaultdict(list)
    for article in articles:
        for topic in article.topics:
            by_topic[topic].append(article)
    for article in articles:
        shared: dict[int, int] = defaultdict(int)
        candidates = {}
        for topic in article.topics:
            for other in by_topic[topic]:
                if other is not article:
                    shared[id(other)] += 1
                    candidates[id(other)] = other
        ranked = sorted(candidates.values(),
                        key=lambda other: (-shared[id(other)], abs((other.date - article.date).total_seconds())))
        article.related_posts = ranked[:limit]
