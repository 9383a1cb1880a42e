"""Header habits from other tools and keyboards, read or answered before the reader's own checks.

`Lang: FR` and `Status: Draft` are read as the site's `fr` and `draft`; Hugo's and Jekyll's own
fields (`draft`, `description`, `layout`...) and a status in French get the field to write here,
where a close spelling would mislead ('draft' is not a typo of 'Date'); an empty `Slug:` and a slug
with capitals or accents are answered with the slug meant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from pelican.utils import slugify

from .texts import Text

STATUSES = ("published", "draft", "hidden")
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
# French words for a status, and the status each means.
FRENCH_STATUSES = {"brouillon": "draft", "publie": "published", "publiee": "published", "cache": "hidden",
                   "cachee": "hidden", "masque": "hidden", "masquee": "hidden", "prive": "hidden"}
# Fields of Hugo and Jekyll headers, and what to write here instead.
OTHER_GENERATORS = {
    "draft": Text("write 'Status: draft' to keep the post unpublished, or remove the line to publish it"),
    "description": Text("write the text as 'Summary:'"),
    "excerpt": Text("write the text as 'Summary:'"),
    "keywords": Text("write them as 'Tags:'"),
    "layout": Text("remove the line: the theme lays out every post (or name one of theme/templates/ with "
                   "'Template:')"),
    "permalink": Text("write the last part of the address as 'Slug:', and the old address as 'Aliases:'"),
    "lastmod": Text("write the date as 'Modified:'"),
    "publishdate": Text("write the date as 'Date:'"),
}

Report = Callable[[str, str, str], None]


def read_habits(metadata: dict, header_lines: dict[str, int], languages: list[str], settings: dict,
                report: Report) -> None:
    """Normalise what is meant one way only; report, then set aside, what the reader would misname."""
    lang = metadata.get("lang")
    if isinstance(lang, str) and lang not in languages and (same := same_language(lang, languages)):
        metadata["lang"] = same  # 'FR', 'fr-FR', 'fr_FR' on a site whose language is 'fr'
    status = metadata.get("status")
    if isinstance(status, str) and status.lower() in STATUSES:
        metadata["status"] = status.lower()  # Pelican reads 'Draft' as draft too
    elif isinstance(status, str) and (meant := FRENCH_STATUSES.get(_folded(status))):
        report("status", Text("unknown status '{status}'", status=status),
               Text("write 'Status: {status}'", status=meant))
        del metadata["status"]
    slug = metadata.get("slug")
    if slug is not None and not isinstance(slug, str):  # Pelican's mark for an empty value
        report("slug", Text("the Slug line is empty"),
               Text("write the slug (e.g. 'Slug: diriger-sans-autorite') or remove the line"))
        del metadata["slug"]
    elif isinstance(slug, str) and not SLUG.match(slug):
        meant = slugify(slug, regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        if SLUG.match(meant):
            report("slug", Text("'{slug}' is not a valid slug", slug=slug),
                   Text("use lowercase letters, digits and hyphens only: 'Slug: {meant}'", meant=meant))
            del metadata["slug"]
    for field in [field for field in header_lines if field in OTHER_GENERATORS]:
        report(field, Text("unknown field '{field}'", field=field), OTHER_GENERATORS[field])
        del header_lines[field]


def same_language(lang: str, languages: list[str]) -> str | None:
    """The configured language `lang` names in another case or with a region ('FR', 'fr-FR')."""
    written = lang.strip().lower().replace("-", "_")
    for candidate in (written, written.split("_", maxsplit=1)[0]):
        if candidate in languages:
            return candidate
    return None


def not_utf8(raw: bytes, error: UnicodeDecodeError) -> Text:
    """Where the file stops being UTF-8, with the line as Windows-1252 would read it (Notepad's old default)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        return Text("the file is not UTF-8: it was saved as UTF-16 ('Unicode' in Windows Notepad)")
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    line_end = raw.find(b"\n", error.start)
    try:
        line = raw[line_start:line_end if line_end >= 0 else len(raw)].decode("cp1252").strip()
    except UnicodeDecodeError:
        return Text("the file is not valid UTF-8 (byte {byte})", byte=error.start)
    return Text("the file is not valid UTF-8 (byte {byte}, in '{line}'): it was likely saved as Windows-1252 "
                "or Latin-1", byte=error.start, line=line[:60])


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
