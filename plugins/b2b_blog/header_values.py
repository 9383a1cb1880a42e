"""Header values Pelican accepts but the site would show wrong: a tag with no address, a tag named twice,
a title that gives no address, a modification date still to come."""

from __future__ import annotations

import datetime

from pelican.utils import slugify

from .texts import Text


def _slug(text: str, settings: dict) -> str:
    return slugify(text, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))


def value_mistakes(metadata: dict, settings: dict) -> list[tuple[str, str, str]]:
    """(field, what is wrong, the fix) for each such value of one post or page."""
    found = []
    seen: dict[str, str] = {}
    for tag in metadata.get("tags") or []:
        name, slug = str(tag), getattr(tag, "slug", "") or ""
        if name.startswith("#"):  # the hashtag habit: '#a #b' is one tag, 'a-b'
            words = ", ".join(word.strip() for word in name.split("#") if word.strip())
            found.append(("tags", Text("the tag '{name}' starts with #", name=name),
                          Text("write the tags without #, separated by commas: 'Tags: {words}'", words=words)))
        elif not slug:
            found.append(("tags", Text("the tag '{tag}' gives no address (no letter or digit)", tag=name),
                          Text("write the tag in words, without HTML, e.g. 'Tags: leadership, confiance'")))
        elif slug in seen:
            found.append(("tags", Text("the tags '{first}' and '{second}' are one tag (both lead to tags/{slug}/)",
                                       first=seen[slug], second=name, slug=slug),
                          Text("keep one of them")))
        seen.setdefault(slug, name)
    title = str(metadata.get("title") or "")
    if title.strip() and not metadata.get("slug") and not metadata.get("save_as") and not _slug(title, settings):
        found.append(("title", Text("the title '{title}' gives no address (no letter or digit for the slug)",
                                    title=title),
                      Text("add a 'Slug:' line, e.g. 'Slug: mon-billet'")))
    date, modified = metadata.get("date"), metadata.get("modified")
    if isinstance(modified, datetime.datetime):
        # Read before Pelican applies TIMEZONE: naive dates are compared with the local time.
        now = datetime.datetime.now(datetime.UTC if modified.tzinfo else None)
        waits = isinstance(date, datetime.datetime) and bool(date.tzinfo) == bool(modified.tzinfo) and date > now
        if modified > now and not waits:
            found.append(("modified", Text("modified ({modified}) is in the future: feeds and the sitemap would "
                                           "announce an update still to come", modified=modified.strftime("%Y-%m-%d")),
                          Text("write the date of the last real change, at the latest today")))
    return found
