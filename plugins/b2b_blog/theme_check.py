"""Theme mistakes named before the build renders a page: a language without its catalog, a catalog Babel cannot read."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from . import sites
from .localization import catalogs_source
from .problems import Problem
from .texts import Text

DOMAIN = "messages"
# A line of a .po file: a keyword and a quoted text, a quoted text alone (continued), a comment or nothing.
# Babel forgives more (an unclosed quote loses the text's last letter without a word).
PO_LINE = re.compile(r'\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*|\s*(?:#.*)?')


PO_FIX = Text("each entry is a msgid line and a msgstr line, each text between straight double quotes")


def catalog_problems(settings: dict) -> list[Problem]:
    """Each language but the theme's own (I18N_TEMPLATES_LANG) has a readable `messages.po`."""
    source = catalogs_source(settings["THEME"])
    own = settings.get("I18N_TEMPLATES_LANG") or settings.get("DEFAULT_LANG")
    found = []
    for lang in sites.languages(settings):
        po_path = source / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if lang == own:
            continue
        if not po_path.is_file():
            # gettext falls back to the theme's English without a word, and the whole page is in English.
            found.append(Problem(_shown(po_path, settings), "catalog",
                                 Text("the theme has no catalog for the language '{lang}': its pages would show "
                                      "the theme's labels in English", lang=lang),
                                 Text("run 'invoke catalog-update --lang {lang}', then translate the new "
                                      "messages.po (or restore it from git)", lang=lang)))
            continue
        try:
            if (line := _unreadable_line(po_path)) is not None:
                found.append(Problem(_shown(po_path, settings), "catalog",
                                     Text("the catalog cannot be read: line {line} is not a msgid, msgstr or "
                                          "quoted text", line=line), PO_FIX, line))
                continue
            with po_path.open("rb") as handle:
                read_po(handle, locale=lang, abort_invalid=True)
        except PoFileError as error:
            found.append(Problem(_shown(po_path, settings), "catalog",
                                 Text("the catalog cannot be read: {reason}", reason=str(error).split(" on ")[0]),
                                 PO_FIX, getattr(error, "lineno", None)))
        except (OSError, UnicodeDecodeError) as error:
            found.append(Problem(_shown(po_path, settings), "catalog",
                                 Text("the catalog cannot be read: {reason}", reason=str(error)),
                                 Text("save it as UTF-8, or restore it from git")))
    return found


def _unreadable_line(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not PO_LINE.fullmatch(line):
            return number
    return None


def _shown(path: Path, settings: dict) -> str:
    """The catalog's path from the project (the theme folder's parent)."""
    try:
        return str(path.resolve().relative_to(Path(settings["THEME"]).resolve().parent))
    except ValueError:
        return str(path)
