"""Comments attached to each post before its page is written: the page's key covers them."""

from __future__ import annotations

from urllib.parse import urlsplit

from .. import settings as plugin_settings
from .. import sites
from .model import OtherVersion, thread
from .store import store

# Every post given its comments in this build, in every language site.
_posts: list = []


def reset() -> None:
    _posts.clear()


def page_url(settings: dict, content) -> str:
    return sites.site_url(settings, settings["DEFAULT_LANG"], content.url)


def thread_uri(settings: dict, content) -> str:
    """The Isso thread of a page: its path on the site, one per language version."""
    return urlsplit(page_url(settings, content)).path


def count(uri: str, source_path: str) -> int:
    return sum(comment.count() for comment in thread(store.entries(uri, source_path)))


def attach_comments(generator) -> None:
    """Give every post of the site its comments and their count (its URL is final once read)."""
    settings = generator.settings
    if not plugin_settings.get(settings, "B2B_COMMENTS"):
        return
    for article in [*generator.articles, *generator.hidden_articles, *generator.drafts]:
        article.comments_uri = thread_uri(settings, article)
        article.comments = thread(store.entries(article.comments_uri, article.source_path))
        article.comment_count = sum(comment.count() for comment in article.comments)
        article.comments_elsewhere = ()
        _posts.append(article)


def count_other_versions() -> None:
    """Once every site is read and i18n_subsites has linked the translations to their own sites
    (before any page is written): how many comments each post's other versions have, and where."""
    for article in _posts:
        settings = article.settings
        article.comments_elsewhere = tuple(
            OtherVersion(other.lang, page_url(settings, other), count(thread_uri(settings, other), other.source_path))
            for other in getattr(article, "translations", []) if other.lang != article.lang)
