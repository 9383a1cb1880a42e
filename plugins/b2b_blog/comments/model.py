"""What a post page shows of its comments: sanitized, threaded, oldest first."""

from __future__ import annotations

import datetime
import html
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import nh3
from bs4 import BeautifulSoup

# The only markup a comment keeps (Isso's Markdown and the old blog's both fit in it).
ALLOWED_TAGS = {"p", "br", "a", "em", "strong", "blockquote", "code", "pre", "ul", "ol", "li", "del", "sup", "sub"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Deeper replies are shown at this depth: a thread stays readable on a phone.
MAX_DEPTH = 3


@dataclass(frozen=True)
class Comment:
    """One published comment and its replies; `text` is sanitized HTML, every other field plain text."""

    id: str
    author: str
    website: str
    created: datetime.datetime | None
    text: str
    replies: tuple[Comment, ...] = ()
    deleted: bool = False

    @property
    def server_id(self) -> int | None:
        """Isso's number of the comment, which a reply names; None for an imported comment."""
        return int(self.id.removeprefix("isso-")) if self.id.startswith("isso-") else None

    def count(self) -> int:
        """This comment (unless deleted) and all its replies."""
        return (0 if self.deleted else 1) + sum(reply.count() for reply in self.replies)


@dataclass(frozen=True)
class OtherVersion:
    """How many comments the post's version in another language has, and where."""

    lang: str
    url: str
    count: int


def clean_text(text: str) -> str:
    """Comment HTML down to the allowlist, and valid (a page that fails the HTML check cannot be
    published): links absolute, well formed, marked as user content that search engines do not follow."""
    cleaned = nh3.clean(text or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                        link_rel="nofollow ugc noopener noreferrer")
    if "<a" not in cleaned and "<li" not in cleaned:
        return cleaned.strip()
    soup = BeautifulSoup(cleaned, "html.parser")
    for link in soup.find_all("a"):
        href = link_target(link.get("href"))
        if href:
            link["href"] = href
        else:
            link.unwrap()  # a link to nowhere (or to a script) is its text
    for item in soup.find_all("li"):
        if item.parent is None or item.parent.name not in ("ul", "ol"):
            item.unwrap()
    return str(soup).strip()


def link_target(href: str | None) -> str | None:
    """An absolute http(s) or mailto address, with any character an address may not hold escaped."""
    parts = urlsplit((href or "").strip())
    if parts.scheme not in URL_SCHEMES or (parts.scheme != "mailto" and not parts.netloc):
        return None
    if any(character in parts.netloc for character in " <>\"\\`{}|^[]"):
        return None
    safe = "/?:@!$&'()*+,;=%~-._"
    return urlunsplit((parts.scheme, parts.netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe),
                       quote(parts.fragment, safe=safe + "#")))


def plain(value: str | None) -> str:
    """A name as text: Isso stores names HTML-escaped, the page escapes them once more itself."""
    return html.unescape(value or "").strip()


def safe_website(value: str | None) -> str:
    """An http(s) address, well formed, else nothing."""
    url = link_target(plain(value))
    return url if url and not url.startswith("mailto:") else ""


@dataclass
class Entry:
    """A comment as a source gives it, before threading."""

    id: str
    parent: str | None
    author: str
    website: str
    created: datetime.datetime | None
    text: str
    deleted: bool = False


def thread(entries: list[Entry]) -> tuple[Comment, ...]:
    """Nest the entries under their parents, oldest first at every level. A reply whose parent is
    missing (or which loops back to itself) stands on its own; a deleted comment is kept only as the
    parent of published replies; replies deeper than MAX_DEPTH are shown at that depth."""
    parents = _parents_without_loops(entries)
    children: dict[str | None, list[Entry]] = {}
    for entry in entries:
        children.setdefault(parents[entry.id], []).append(entry)

    def build(parent: str | None, depth: int) -> list[Comment]:
        built = []
        for entry in children.get(parent, []):
            replies = build(entry.id, depth + 1)
            if entry.deleted and not replies:
                continue
            nested = depth < MAX_DEPTH
            built.append(Comment(entry.id, entry.author, entry.website, entry.created, entry.text,
                                 tuple(replies) if nested else (), entry.deleted))
            if not nested:
                built.extend(replies)
        return sorted(built, key=_oldest_first)

    return tuple(build(None, 1))


def _oldest_first(comment: Comment) -> tuple:
    """Undated comments first, then by time (an offset-aware timestamp), then by id."""
    return (comment.created is not None, comment.created.timestamp() if comment.created else 0, comment.id)


def _parents_without_loops(entries: list[Entry]) -> dict[str, str | None]:
    known = {entry.id: entry.parent for entry in entries}
    parents: dict[str, str | None] = {}
    for entry in entries:
        seen, parent = {entry.id}, entry.parent
        while parent is not None and parent in known and parent not in seen:
            seen.add(parent)
            parent = known[parent]
        # Ends at a top-level comment: the parent is kept; at a loop or an unknown comment: none.
        parents[entry.id] = entry.parent if parent is None and entry.parent in known else None
    return parents
