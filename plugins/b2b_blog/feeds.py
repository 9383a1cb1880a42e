"""Atom feeds with absolute links, for a language, a kind or a topic."""

from __future__ import annotations

from . import sites


def write_atom(writer, context: dict, articles: list, path: str, title: str | None = None) -> None:
    """Write an Atom feed whose every link is absolute, even while SITEURL is relative."""
    lang = context["DEFAULT_LANG"]
    root = sites.absolute(context, sites.site_url(context, lang, "")).rstrip("/")
    feed_context = dict(context, SITEURL=root, FEED_DOMAIN=root)
    writer.write_feed(articles, feed_context, path, feed_title=title)

