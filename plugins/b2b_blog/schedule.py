"""Posts dated in the future wait: left out of every page, feed, sitemap and index until their date.

Pelican does the holding back itself with `WITH_FUTURE_DATES = False` (a future post becomes a
draft); this module tells the author which posts wait and until when, and gives the build the
first of those dates, so that a build on or after it is never skipped as "nothing changed".
"""

from __future__ import annotations

import datetime

# Source path -> the date its post waits for, over every site of the current build.
_waiting: dict[str, datetime.datetime] = {}


def reset() -> None:
    _waiting.clear()


def note_waiting(generator) -> None:
    """Remember the drafts Pelican made of posts whose header did not say `Status: draft`."""
    if generator.settings.get("WITH_FUTURE_DATES", True):
        return
    now = datetime.datetime.now(datetime.UTC)
    for article in [*generator.drafts, *getattr(generator, "drafts_translations", [])]:
        date = getattr(article, "date", None)
        declared = str(article.metadata.get("status", "published")).lower()
        if declared != "draft" and date is not None and date.tzinfo is not None and date > now:
            _waiting[article.relative_source_path.replace("\\", "/")] = date


def next_release() -> datetime.datetime | None:
    """The first date a waiting post waits for."""
    return min(_waiting.values(), default=None)


def report() -> str | None:
    """One line per waiting post, for the terminal; None when no post waits."""
    if not _waiting:
        return None
    lines = [f"b2b_blog: {len(_waiting)} post(s) dated in the future wait, left out of every page, "
             "feed, sitemap and search index until a build on or after their date:"]
    lines += [f"  - {path}: until {date:%Y-%m-%d %H:%M} ({date.tzname()})"
              for path, date in sorted(_waiting.items(), key=lambda item: (item[1], item[0]))]
    return "\n".join(lines)


def release_due(release: str | None) -> bool:
    """True when a post that waited at the last build has reached its date."""
    return bool(release) and datetime.datetime.now(datetime.UTC) >= datetime.datetime.fromisoformat(release)
