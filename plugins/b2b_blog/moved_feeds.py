"""An old feed address gets a feed, not a web page: one entry saying where the feed went.

A feed reader does not follow a page's meta refresh, and an HTML page served as XML breaks it;
hosts that read `_redirects` send it on with a 301, and every other host serves this small
Atom feed, which readers show as one entry linking to the new address.
"""

from __future__ import annotations

import posixpath
from xml.sax.saxutils import escape, quoteattr

from . import sites

FEED_SUFFIXES = (".xml", ".atom", ".rss")
MOVED_FEED = {"fr": "Ce fil a déménagé : {url}", "en": "This feed has moved: {url}"}


def is_feed_address(path: str) -> bool:
    """True for an old path a feed reader subscribed to (`/feeds/all.atom.xml`)."""
    return posixpath.basename(path).lower().endswith(FEED_SUFFIXES)


def moved_feed(path: str, target: str, lang: str, settings: dict, updated: str) -> str:
    """A valid Atom feed at the old address whose one entry links to the new one."""
    new = sites.absolute(settings, target)
    message = escape(MOVED_FEED.get(lang, MOVED_FEED["en"]).format(url=new))
    link = f"<link rel=\"alternate\" href={quoteattr(new)}/>"
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>\n'
            f"<title>{message}</title>\n<id>{escape(sites.absolute(settings, path))}</id>\n"
            f"<updated>{updated}</updated>\n{link}\n"
            f"<entry>\n<title>{message}</title>\n<id>{escape(new)}</id>\n<updated>{updated}</updated>\n"
            f"{link}\n<summary>{message}</summary>\n</entry>\n</feed>\n")
