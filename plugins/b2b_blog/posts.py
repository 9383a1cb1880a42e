"""What every post carries beyond Pelican's fields: its kind and its reading time."""

from __future__ import annotations

import math
import re

from pelican.contents import Article
from pelican.urlwrappers import Category

from . import settings as plugin_settings

_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+", re.UNICODE)


def plain_text(html: str) -> str:
    return _TAG.sub(" ", html)


def word_count(html: str) -> int:
    return len(_WORD.findall(plain_text(html)))


def enrich_post(content) -> None:
    """Set the post's kind (its header's, else the default) and reading time in minutes."""
    if not isinstance(content, Article):
        return
    settings = content.settings
    if not hasattr(content, "category"):
        # Pelican writes drafts with their category; with categories turned off there is none.
        # (A post dated in the future becomes a draft only after this signal: test the category.)
        content.category = Category("drafts", settings)
    content.kind = getattr(content, "kind", None) or plugin_settings.get(settings, "B2B_DEFAULT_KIND")
    # The reader counts the words once per conversion; other readers' content is counted here.
    words = getattr(content, "word_count", None)
    if words is None:
        words = content.word_count = word_count(content._content or "")
    content.reading_time = max(1, math.ceil(words / plugin_settings.get(settings, "B2B_WORDS_PER_MINUTE")))
    long_enough = words >= plugin_settings.get(settings, "B2B_TOC_MIN_WORDS")
    sections = getattr(content, "toc_headings", 0) >= plugin_settings.get(settings, "B2B_TOC_MIN_HEADINGS")
    content.show_toc = long_enough and sections


def freeze_urls(contents) -> None:
    """Compute each URL once: Pelican formats `url` anew at every use in a template."""
    for content in contents:
        content.override_url = content.url


def link_neighbours(articles: list) -> None:
    """Previous and next post of the same language, by date (Pelican gives none to templates)."""
    ordered = sorted(articles, key=lambda article: article.date)
    for index, article in enumerate(ordered):
        article.older_post = ordered[index - 1] if index > 0 else None
        article.newer_post = ordered[index + 1] if index + 1 < len(ordered) else None
