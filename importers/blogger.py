"""Blogger exports, both schemas (Takeout's feed.atom of 2018 and the older "Export blog" XML), into a Blog."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from .comments import clean_comment
from .model import Blog, Comment, Item

ATOM = "{http://www.w3.org/2005/Atom}"
BLOGGER_2018 = "{http://schemas.google.com/blogger/2018}"
APP = "{http://purl.org/atom/app#}"
THREAD = "{http://purl.org/syndication/thread/1.0}"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
KIND_PREFIX = "http://schemas.google.com/blogger/2008/kind#"
KNOWN_PREFIXES = {"app": "http://purl.org/atom/app#", "thr": "http://purl.org/syndication/thread/1.0",
                  "gd": "http://schemas.google.com/g/2005", "blogger": "http://schemas.google.com/blogger/2018"}
STATUSES = {"LIVE": "published", "DRAFT": "draft", "DELETED": "deleted", "SOFT_TRASHED": "deleted"}


class ExportError(Exception):
    """The export cannot be read; the message says which file and why."""


def find_export(path: Path) -> Path:
    """The export file itself, or the one feed.atom below a Takeout folder."""
    if path.is_file():
        return path
    if not path.is_dir():
        raise ExportError(f"{path}: no such file or folder (give a Takeout folder, a feed.atom or an export XML)")
    feeds = sorted(path.rglob("feed.atom"))
    if not feeds:
        raise ExportError(f"{path}: no feed.atom below this folder (Takeout puts it in Blogger/Blogs/<blog>/)")
    if len(feeds) > 1:
        listed = ", ".join(str(feed) for feed in feeds)
        raise ExportError(f"{path}: several blogs in this Takeout ({listed}); give the feed.atom of one")
    return feeds[0]


def read_export(path: Path) -> Blog:
    """Parse an export (no DTD, no external entity) and return its posts, pages and comments."""
    source = find_export(path)
    data = source.read_bytes()
    try:
        root = _parse(data, source)
    except ElementTree.ParseError as error:
        if "unbound prefix" not in str(error):
            raise ExportError(f"{source}: not well-formed XML ({error})") from None
        # Some exports use Blogger's usual prefixes (app:, thr:...) without declaring them.
        try:
            root = _parse(_declare_prefixes(data), source)
        except ElementTree.ParseError as again:
            raise ExportError(f"{source}: not well-formed XML ({again})") from None
    if root.tag != f"{ATOM}feed":
        raise ExportError(f"{source}: not an Atom feed (root element {root.tag})")
    entries = root.findall(f"{ATOM}entry")
    title = _text(root, f"{ATOM}title")
    if any(entry.find(f"{BLOGGER_2018}type") is not None for entry in entries):
        blog = _read_2018(entries, title, str(source))
    else:
        blog = _read_classic(entries, title, str(source))
    for item in blog.items:
        item.comments.sort(key=lambda comment: (comment.created, comment.id))
    return blog


def _declare_prefixes(data: bytes) -> bytes:
    """Declare on the root element the usual prefixes it does not declare."""
    start = data.find(b"<feed")
    end = data.find(b">", start)
    tag = data[start:end]
    missing = b"".join(f" xmlns:{prefix}='{uri}'".encode() for prefix, uri in KNOWN_PREFIXES.items()
                       if f"xmlns:{prefix}=".encode() not in tag)
    return data[:end] + missing + data[end:]


def _parse(data: bytes, source: Path):
    try:
        return ElementTree.fromstring(data)
    except DefusedXmlException as error:
        raise ExportError(f"{source}: refused, the file declares entities or a DTD ({error})") from None


def _read_2018(entries, title: str, source: str) -> Blog:
    blog = Blog(title=title, items=[], source=source, schema="2018 (Takeout feed.atom)")
    by_id: dict[str, Item] = {}
    comments = []
    for entry in entries:
        kind = _text(entry, f"{BLOGGER_2018}type").upper()
        status = STATUSES.get(_text(entry, f"{BLOGGER_2018}status").upper(), "published")
        if _text(entry, f"{BLOGGER_2018}trashed"):  # Takeout writes an empty <blogger:trashed/> on live posts
            status = "deleted"
        if kind == "COMMENT":
            if status == "published":
                comments.append(entry)
            continue
        if kind not in ("POST", "PAGE"):
            continue
        item = Item(
            id=_text(entry, f"{ATOM}id"), kind=kind.lower(), status=status,
            title=_text(entry, f"{ATOM}title"), html=_text(entry, f"{ATOM}content"),
            published=_date(entry, f"{ATOM}published") or _date(entry, f"{BLOGGER_2018}created"),
            updated=_date(entry, f"{ATOM}updated"),
            old_path=_text(entry, f"{BLOGGER_2018}filename"),
            labels=[c.get("term", "").strip() for c in entry.findall(f"{ATOM}category") if c.get("term")],
        )
        by_id[item.id] = item
        blog.items.append(item)
    for entry in comments:
        parent_post = _text(entry, f"{BLOGGER_2018}parent") or _post_of_comment(_text(entry, f"{ATOM}id"))
        item = by_id.get(parent_post)
        if item is None:
            blog.problems.append(f"comment {_text(entry, f'{ATOM}id')}: its post {parent_post!r} is not in the export")
            continue
        reply_to = _text(entry, f"{BLOGGER_2018}inReplyTo")
        item.comments.append(_comment(entry, reply_to or None))
    return blog


def _read_classic(entries, title: str, source: str) -> Blog:
    blog = Blog(title=title, items=[], source=source, schema="classic (Export blog XML)")
    by_id: dict[str, Item] = {}
    comments = []
    for entry in entries:
        kind = _classic_kind(entry)
        if kind == "comment":
            comments.append(entry)
            continue
        if kind not in ("post", "page"):
            continue
        draft = _text(entry, f"{APP}control/{APP}draft").lower() == "yes"
        alternate = next((link.get("href", "") for link in entry.findall(f"{ATOM}link")
                          if link.get("rel") == "alternate"), "")
        item = Item(
            id=_text(entry, f"{ATOM}id"), kind=kind, status="draft" if draft else "published",
            title=_text(entry, f"{ATOM}title"), html=_text(entry, f"{ATOM}content"),
            published=_date(entry, f"{ATOM}published"), updated=_date(entry, f"{ATOM}updated"),
            old_path=urlsplit(alternate).path if alternate else "",
            labels=[c.get("term", "").strip() for c in entry.findall(f"{ATOM}category")
                    if c.get("scheme") != KIND_SCHEME and c.get("term")],
        )
        if alternate and not blog.old_origin:
            parts = urlsplit(alternate)
            blog.old_origin = f"{parts.scheme}://{parts.netloc}"
        by_id[item.id] = item
        blog.items.append(item)
    for entry in comments:
        reply = entry.find(f"{THREAD}in-reply-to")
        item = by_id.get(reply.get("ref", "") if reply is not None else _post_of_comment(_text(entry, f"{ATOM}id")))
        if item is None:
            blog.problems.append(f"comment {_text(entry, f'{ATOM}id')}: its post is not in the export")
            continue
        # A reply names the comment it answers in a "related" link ending with that comment's number.
        related = next((link.get("href", "") for link in entry.findall(f"{ATOM}link")
                        if link.get("rel") == "related"), "")
        item.comments.append(_comment(entry, related.rstrip("/").rsplit("/", 1)[-1] if related else None))
    return blog


def _post_of_comment(comment_id: str) -> str:
    """`tag:blogger.com,1999:blog-9.post-21.comment-5` -> `tag:blogger.com,1999:blog-9.post-21` (some exports
    name a comment's post only in its id)."""
    return comment_id.rsplit(".comment-", 1)[0] if ".comment-" in comment_id else ""


def _classic_kind(entry) -> str:
    for category in entry.findall(f"{ATOM}category"):
        if category.get("scheme") == KIND_SCHEME and category.get("term", "").startswith(KIND_PREFIX):
            return category.get("term")[len(KIND_PREFIX):]
    return ""


def _comment(entry, parent: str | None) -> Comment:
    """A comment with its author's name and website, never the e-mail address the export may hold."""
    website = _text(entry, f"{ATOM}author/{ATOM}uri")
    if not website.startswith(("https://", "http://")) or "blogger.com/profile" in website:
        website = ""  # a Blogger profile is no website of the author's
    return Comment(
        id=comment_id(_text(entry, f"{ATOM}id")),
        parent=comment_id(parent) if parent else None,
        author=_text(entry, f"{ATOM}author/{ATOM}name").replace("Anonymous", "").strip(),
        website=website,
        created=_date(entry, f"{ATOM}published"),
        html=clean_comment(_text(entry, f"{ATOM}content")),
    )


def comment_id(raw: str) -> str:
    """`tag:blogger.com,1999:blog-1.post-42` (or a bare 42) -> `blogger-42`."""
    numbers = re.findall(r"\d+", raw)
    return f"blogger-{numbers[-1] if numbers else raw}"


def _text(entry, path: str) -> str:
    element = entry.find(path)
    return (element.text or "").strip() if element is not None else ""


def _date(entry, path: str) -> datetime.datetime | None:
    value = _text(entry, path)
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
