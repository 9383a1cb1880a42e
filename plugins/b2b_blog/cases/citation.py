"""Suggested citation of a case edition, as plain text in the edition's language."""

from __future__ import annotations

from babel.lists import format_list

from .model import Edition
from .texts import labels, typeset


def suggested_citation(edition: Edition, url: str, site_name: str) -> str:
    """Authors (publication year). "Title". Teaching case REF, site. URL"""
    words = labels(edition.lang)
    # Names stay as written: cutting "Jean-Marc de La Tour" into initials goes wrong.
    authors = format_list(list(edition.authors), locale=edition.lang)
    title = words["quotes"] % edition.title
    # A title ending in "?" or "!" already closes its sentence.
    stop = "" if edition.title.endswith(("?", "!", ".")) else "."
    citation = (f"{authors} ({edition.date.year}). {title}{stop} {words['kind']} "
                f"{edition.reference}, {site_name}. {url}")
    return typeset(citation, edition.lang)
