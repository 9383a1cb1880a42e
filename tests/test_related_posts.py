"""Related posts: the indexed ranking gives exactly what sorting every candidate gives."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

from b2b_blog.topics.related import link_related
from hypothesis import given, settings
from hypothesis import strategies as st

TOPICS = ["leadership", "kam", "partnerships"]


def related_by_sorting(articles: list, limit: int = 3) -> dict[int, list[int]]:
    """The ranking as first written: every shared-topic candidate sorted, ties by first appearance."""
    result = {}
    for article in articles:
        shared, candidates = {}, {}
        for topic in article.topics:
            for other in articles:
                if other is not article and topic in other.topics:
                    shared[id(other)] = shared.get(id(other), 0) + 1
                    candidates[id(other)] = other
        ranked = sorted(candidates.values(),
                        key=lambda other: (-shared[id(other)], abs((other.date - article.date).total_seconds())))
        result[id(article)] = [id(other) for other in ranked[:limit]]
    return result


# Few distinct dates, so that equal dates and equal distances (the tie-breaks) happen often.
dates = st.integers(min_value=0, max_value=12).map(lambda days: datetime(2024, 1, 1) + timedelta(days=days))
posts = st.lists(st.tuples(dates, st.lists(st.sampled_from(TOPICS), max_size=3, unique=True)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(posts)
def test_related_posts_match_the_full_sort(drawn):
    articles = [SimpleNamespace(date=date, topics=topics) for date, topics in drawn]
    link_related(articles)
    expected = related_by_sorting(articles)
    assert {id(a): [id(o) for o in a.related_posts] for a in articles} == expected


def test_shared_topics_come_before_closeness():
    day = datetime(2024, 5, 1)
    post = SimpleNamespace(date=day, topics=["kam", "partnerships"])
    near = SimpleNamespace(date=day + timedelta(days=1), topics=["kam"])
    far = SimpleNamespace(date=day + timedelta(days=300), topics=["partnerships", "kam"])
    alone = SimpleNamespace(date=day, topics=["leadership"])
    link_related([post, near, far, alone])
    assert post.related_posts == [far, near]
    assert alone.related_posts == []
