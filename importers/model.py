"""The neutral model every importer fills: posts, pages and their comments, whatever the source."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class Comment:
    """One reader comment, already sanitized; `parent` is the id of the comment it answers."""

    id: str
    parent: str | None
    author: str
    website: str
    created: datetime.datetime
    html: str


@dataclass
class Item:
    """A post or a page read from an old blog, before languages and pairs are decided."""

    id: str
    kind: str  # "post" or "page"
    status: str  # "published", "draft" or "deleted"
    title: str
    html: str
    published: datetime.datetime
    old_path: str  # the path readers know, e.g. /2016/11/slug.html ("" for a draft never published)
    labels: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    updated: datetime.datetime | None = None


@dataclass
class Blog:
    """What an export holds, and what could not be read in it."""

    title: str
    items: list[Item]
    source: str
    schema: str
    problems: list[str] = field(default_factory=list)
    old_origin: str = ""  # e.g. https://example.blogspot.com
