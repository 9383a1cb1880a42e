"""Topics of the blog's posts: the header's if named, else inferred; a pair always agrees."""

from __future__ import annotations

import logging

from pelican.contents import Article

from .. import settings as plugin_settings
from ..conversion_cache import conversions
from ..posts import plain_text
from ..problems import Problem, problems
from ..texts import Text
from .learned import Labelled, combine, term_counts
from .tagging import Tagging, compiled_lexicons, tag_text
from .vocabulary import resolve_topic_names

logger = logging.getLogger(__name__)

# Where the conversion cache keeps the compiled lexicons.
LEXICONS = "topic lexicons"
# Posts left with no topic, reported once at the end of the build.
untagged: set[str] = set()


def reset() -> None:
    untagged.clear()


def named_topics(value, topics: dict) -> tuple[list[str], list[str]]:
    """Topic keys named in a `Topics:` header (keys, slugs or labels), and unknown names."""
    text = ", ".join(value) if isinstance(value, (list, tuple)) else str(value)
    return resolve_topic_names(text, topics)


def tag_post(article) -> None:
    """Give a post its own topics: explicit ones win, else inferred from its title and text."""
    if not isinstance(article, Article):
        return
    topics = plugin_settings.get(article.settings, "B2B_TOPICS")
    # Tagging is pure: each file is tagged once per change, not once per language site and build.
    tagged = conversions.get("topics", article.source_path)
    if tagged is None:
        if not compiled_lexicons:
            compiled_lexicons.update(conversions.get_value(LEXICONS) or {})
        known = len(compiled_lexicons)
        text = plain_text(article._content or "")
        inferred = tag_text(article.title, text, article.lang, topics)
        if len(compiled_lexicons) != known:
            conversions.put_value(LEXICONS, dict(compiled_lexicons))
        named = getattr(article, "topics", None)
        # The words the learned part compares, kept with the tagging: counted once per change too.
        counts = term_counts(article.title, text, article.lang)
        if named:
            keys, _unknown = named_topics(named, topics)  # the reader reported unknown names
            tagged = (Tagging(tuple(keys), inferred.scores, inferred.evidence, inferred.context), True, counts)
        else:
            tagged = (inferred, False, counts)
        conversions.put("topics", article.source_path, tagged)
    article.topic_tagging, article.topics_explicit, article.topic_terms = tagged
    article.lexical_tagging = article.topic_tagging  # what learn_from_labelled starts from
    article.topics = list(article.topic_tagging.topics)


def learn_from_labelled(generator) -> None:
    """Weigh every inferred post's closeness to the posts the author filed under each topic.

    Runs once the generator has read every post (a post's topics depend on the others'
    labels): the labelled posts of each language, in this language's site and its
    translations, are the author's evidence; the inferred posts are tagged again with it.
    """
    found = [*generator.articles, *getattr(generator, "translations", []),
             *getattr(generator, "hidden_articles", []), *getattr(generator, "hidden_translations", [])]
    for article in generator.articles:
        found += getattr(article, "translations", [])
    posts = sorted({id(a): a for a in found if hasattr(a, "topic_terms")}.values(),
                   key=lambda a: (a.lang, a.source_path))
    topics = plugin_settings.get(generator.settings, "B2B_TOPICS")
    evidence = [(a.source_path, a.lang, a.topic_terms, tuple(a.topics)) for a in posts if a.topics_explicit]
    # Each language's site reads every post again: learn and combine once per build, not once per site.
    signature = (repr(sorted(topics)), tuple((path, lang, named, _digest(counts))
                                             for path, lang, counts, named in evidence))
    if _learned.get("signature") != signature:
        _learned.clear()
        _learned.update(signature=signature, model=Labelled.from_counts(evidence, topics), tagged={})
    tagged = _learned["tagged"]
    if len(tagged) > 4 * len(posts) + 100:
        tagged.clear()  # a long live-reload session: forget the versions of posts edited since
    for article in posts:
        if not article.topics_explicit:
            lexical = article.lexical_tagging
            key = (article.source_path, _digest(article.topic_terms), lexical.topics,
                   tuple(sorted(lexical.scores.items())), lexical.context)
            if key not in tagged:
                tagged[key] = combine(lexical, article.topic_terms, article.lang, _learned["model"])
            article.topic_tagging = tagged[key]
            article.topics = list(article.topic_tagging.topics)


# The last build's model and the posts it tagged; the next build reuses them while the labelled posts stay.
_learned: dict = {}


def _digest(counts: dict[str, int]) -> int:
    return hash(frozenset(counts.items()))


def agree_with_translations(article) -> None:
    """Make a post and its translations carry the same topics.

    Topics named in a header win over inferred ones; two headers that name
    different topics are a mistake to fix. Inferred topics are pooled, so a
    topic seen in either language is kept by both.
    """
    group = [article, *[t for t in getattr(article, "translations", []) if t.lang != article.lang]]
    explicit = [version for version in group if getattr(version, "topics_explicit", False)]
    if explicit:
        chosen = explicit[0].topics
        for version in explicit[1:]:
            if set(version.topics) != set(chosen):
                problems.add(Problem(
                    version.get_relative_source_path(), "topics",
                    Text("names the topics {topics} but its translation {translation} names {chosen}",
                         topics=", ".join(version.topics), translation=explicit[0].get_relative_source_path(),
                         chosen=", ".join(chosen)),
                    Text("name the same topics in both languages, or remove the Topics line from one of them")))
    else:
        pooled: dict[str, float] = {}
        for version in group:
            for topic in version.topics:
                pooled[topic] = pooled.get(topic, 0.0) + version.topic_tagging.scores.get(topic, 0.0)
        chosen = sorted(pooled, key=lambda topic: -pooled[topic])
    article.topics = list(chosen)
    if not article.topics:
        untagged.add(article.get_relative_source_path())


def check_named_topics(metadata: dict, topics: dict) -> str | None:
    """The reader's check: a message listing the known topics if a name is unknown."""
    if not metadata.get("topics"):
        return None
    _known, unknown = named_topics(metadata["topics"], topics)
    if unknown:
        names = tuple(Text("'{name}'", name=name) for name in unknown)
        return Text("unknown topic {names} (known: {known})", names=names, known=", ".join(topics))
    return None


def warn_untagged() -> None:
    if untagged:
        logger.warning("b2b_blog: %d post(s) have no topic; name them with a 'Topics:' line:\n  %s",
                       len(untagged), "\n  ".join(sorted(untagged)))
