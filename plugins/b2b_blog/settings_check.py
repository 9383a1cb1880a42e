"""Settings mistakes named before anything is read: unknown `B2B_` names, a language left without labels."""

from __future__ import annotations

import difflib
import os
import re
import zoneinfo

from . import settings as plugin_settings
from . import sites
from .problems import Problem
from .texts import Text

WHERE = Text("(settings)")
FIELD_NAME = re.compile(r"[A-Za-z0-9_-]+")


def setting_problems(settings: dict) -> list[Problem]:
    """Every mistake in the plugin's settings, for the main site (subsites copy its settings)."""
    return [*unknown_names(settings), *pelican_typos(settings), *time_zone(settings),
            *missing_for_languages(settings), *extra_fields(settings)]


def time_zone(settings: dict) -> list[Problem]:
    """TIMEZONE names a zone of the IANA database; Pelican would fail on every post without saying why."""
    name = settings.get("TIMEZONE")
    if not name:
        return []
    try:
        zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        guess = difflib.get_close_matches(str(name), sorted(zoneinfo.available_timezones()), n=1, cutoff=0.6)
        fix = Text("did you mean {guess}?", guess=guess[0]) if guess else \
            Text("use a zone name such as Europe/Paris or America/Montreal")
        return [Problem(WHERE, "TIMEZONE", Text("unknown time zone '{name}'", name=name), fix)]
    return []


def pelican_typos(settings: dict) -> list[Problem]:
    """A setting one letter away from one of Pelican's (DEFAULT_PAGINATON) is a typo Pelican would ignore.

    Only a near miss is reported: names of other plugins and of the theme are no typo.
    """
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415 - Pelican loads this module's plugin

    pages = [name.upper() for name in settings.get("DIRECT_TEMPLATES") or []]
    known = {*DEFAULT_CONFIG, *(f"{page}_{what}" for page in pages for what in ("SAVE_AS", "URL"))}
    found = []
    for name in sorted(name for name in settings if name.isupper() and not name.startswith("B2B_")):
        guess = None if name in known else next(iter(difflib.get_close_matches(name, known, n=1, cutoff=0.9)), None)
        if guess:
            found.append(Problem(WHERE, name, Text("unknown setting {name} (Pelican would ignore it)", name=name),
                                 Text("did you mean {guess}?", guess=guess)))
    return found


def extra_fields(settings: dict) -> list[Problem]:
    """B2B_EXTRA_FIELDS is a list of field names, each in the header grammar."""
    value = plugin_settings.get(settings, "B2B_EXTRA_FIELDS")
    if isinstance(value, (list, tuple, set)) and all(isinstance(name, str) and FIELD_NAME.fullmatch(name)
                                                     for name in value):
        return []
    return [Problem(WHERE, "B2B_EXTRA_FIELDS", Text("not a list of field names: {value}", value=repr(value)),
                    Text('write a list of names made of letters, digits, - and _, e.g. ["Place", "Slides", "DOI"]'))]


def unknown_names(settings: dict) -> list[Problem]:
    """A `B2B_` setting the plugin does not know is a typo: it would be ignored without a word."""
    known = sorted({*plugin_settings.DEFAULTS, *plugin_settings.INTERNAL})
    names = set(settings)
    for overrides in settings.get("I18N_SUBSITES", {}).values():
        names.update(overrides)
    found = []
    for name in sorted(name for name in names if name.startswith("B2B_") and name not in known):
        guess = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
        fix = Text("did you mean {guess}?", guess=guess[0]) if guess else \
            Text("use one of: {choices}", choices=", ".join(plugin_settings.DEFAULTS))
        found.append(Problem(WHERE, name, Text("unknown setting {name} (it would be ignored)", name=name), fix))
    return found


def missing_for_languages(settings: dict) -> list[Problem]:
    """Every language needs its labels in B2B_KINDS, B2B_TOPICS and B2B_SECTIONS, and its posts folder read."""
    found = []
    for lang in sites.languages(settings):
        sections = plugin_settings.get(settings, "B2B_SECTIONS")
        if lang not in sections:
            example = next(iter(sections.values()), {})
            found.append(Problem(WHERE, "B2B_SECTIONS", Text("no folder names for the language '{lang}'", lang=lang),
                                 Text("add B2B_SECTIONS['{lang}'] with the keys {keys} (copy the 'en' entry and "
                                      "translate each folder name)", lang=lang, keys=", ".join(example))))
        for setting, what in (("B2B_KINDS", Text("label and slug")),
                              ("B2B_TOPICS", Text("label, slug, description and lexicon"))):
            lacking = [key for key, labels in plugin_settings.get(settings, setting).items() if lang not in labels]
            if lacking:
                found.append(Problem(WHERE, setting, Text("no '{lang}' entry for {keys}", lang=lang,
                                                          keys=", ".join(lacking)),
                                     Text("give each of them a '{lang}' entry with its {what} (e.g. "
                                          "{setting}['{key}']['{lang}'] = {{...}}, as for 'en')", lang=lang,
                                          what=what, setting=setting, key=lacking[0])))
        folder = os.path.join(settings["PATH"], lang)
        paths = settings.get("ARTICLE_PATHS") or []
        if os.path.isdir(folder) and paths and lang not in paths and "" not in paths:
            found.append(Problem(WHERE, "ARTICLE_PATHS", Text("the posts of content/{lang}/ are not read", lang=lang),
                                 Text("add '{lang}' to ARTICLE_PATHS (and '{lang}/pages' to PAGE_PATHS and "
                                      "ARTICLE_EXCLUDES if it has pages)", lang=lang)))
    return found
