"""Imported comments: sanitized text, and the data file per post that the comments package reads."""

from __future__ import annotations

import html
import json
import re

import nh3

from .model import Comment

ALLOWED_TAGS = {"p", "br", "a", "em", "strong", "blockquote", "code"}
# What Blogger's comment editor writes, in the tags the shared format allows.
RENAMED_TAGS = {"b": "strong", "i": "em", "tt": "code"}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HIDDEN_EMAIL = "[…]"


def clean_comment(html: str) -> str:
    """A comment's HTML reduced to the shared format's tags, links made safe, e-mail addresses removed."""
    for old, new in RENAMED_TAGS.items():
        html = re.sub(rf"<(/?){old}(\s[^>]*)?>", rf"<\1{new}>", html, flags=re.IGNORECASE)
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href"}},
                        url_schemes={"http", "https"}, link_rel=None)
    cleaned = re.sub(r"<a>(.*?)</a>", r"\1", cleaned, flags=re.DOTALL)  # a link whose address was unsafe
    cleaned = EMAIL.sub(HIDDEN_EMAIL, cleaned).strip()
    return cleaned if cleaned.startswith("<p>") else f"<p>{cleaned}</p>"


def clean_name(name: str) -> str:
    """An author's name as plain text, never an e-mail address typed in the name field."""
    text = html.unescape(nh3.clean(name, tags=set()))
    return " ".join(EMAIL.sub(HIDDEN_EMAIL, text).split())


def comments_file(post: str, comments: list[Comment]) -> str:
    """The JSON data file of a post's comments (format 1, oldest first, see the README)."""
    known = {comment.id for comment in comments}
    data = {"format": 1, "post": post, "comments": [
        {"id": comment.id, "parent": comment.parent if comment.parent in known else None,
         "author": clean_name(comment.author), "website": comment.website,
         "created": comment.created.isoformat(timespec="seconds") if comment.created else "",
         "text": comment.html}
        for comment in sorted(comments, key=lambda c: (c.created.isoformat() if c.created else "", c.id))]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
