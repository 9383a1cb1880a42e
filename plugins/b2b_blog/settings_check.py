"""Settings mistakes named before anything is read: unknown `B2B_` names, a language left without labels."""

from __future__ import annotations

import difflib
import importlib.util
import os
import pkgutil
import re
import sys
import zoneinfo

from . import settings as plugin_settings
from . import sites
from .problems import Problem
from .texts import Text
from .theme_check import catalog_problems, template_blocks

WHERE = Text("(settings)")
FIELD_NAME = re.compile(r"[A-Za-z0-9_-]+")


def setting_problems(settings: dict) -> list[Problem]:
    """Every mistake in the plugin's settings, for the main site (subsites copy its settings)."""
    wrong_types = [*setting_types(settings), *pelican_lists(settings)]
    if wrong_types:  # the checks below read these settings
        return [*unknown_names(settings), *wrong_types]
    return [*unknown_names(settings), *pelican_typos(settings), *time_zone(settings),
            *missing_for_languages(settings), *label_keys(settings), *extra_fields(settings),
            *default_kind(settings), *catalog_problems(settings), *template_blocks(settings)]


# What the type of each default is called in a message.
TYPE_NAMES = {bool: Text("True or False"), int: Text("a whole number"), str: Text("a text in quotes"),
              list: Text("a list [...]"), dict: Text("a dict {{...}}")}


def setting_types(settings: dict) -> list[Problem]:
    """A plugin setting of another type than its default ("200" for 200) fails far from where it is set."""
    found = []
    for name, default in plugin_settings.DEFAULTS.items():
        if name not in settings or name == "B2B_EXTRA_FIELDS":  # extra_fields() names its own mistakes
            continue
        value, expected = settings[name], type(default)
        if expected is tuple:
            expected = list
        fits = isinstance(value, (list, tuple)) if expected is list else \
            isinstance(value, int) and not isinstance(value, bool) if expected is int else isinstance(value, expected)
        if not fits:
            shown = repr(default) if len(repr(default)) <= 60 else "see plugins/b2b_blog/settings.py"
            found.append(Problem(WHERE, name, Text("{name} is {value}, where {expected} is expected", name=name,
                                                   value=_short(value), expected=TYPE_NAMES.get(expected, expected)),
                                 Text("write {expected}, like the default ({default})",
                                      expected=TYPE_NAMES.get(expected, expected), default=shown)))
    return found


def pelican_lists(settings: dict) -> list[Problem]:
    """A Pelican list setting written as one text (ARTICLE_PATHS = "fr") is read letter by letter."""
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415

    return [Problem(WHERE, name, Text("{name} is the text {value}, where a list is expected", name=name,
                                      value=_short(settings[name])),
                    Text("write it as a list: {name} = [{value}]", name=name, value=_short(settings[name])))
            for name, default in DEFAULT_CONFIG.items()
            if isinstance(default, (list, tuple)) and name != "LOCALE" and isinstance(settings.get(name), str)]


def _short(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else f"{shown[:57]}..."


def plugins(settings: dict) -> list[Problem]:
    """Every plugin of PLUGINS can be imported; Pelican only logs the one it cannot, and the theme then fails.

    Checked on the settings as read (settings_file.py): Pelican drops the plugin from PLUGINS once it fails.
    """
    paths = [str(path) for path in settings.get("PLUGIN_PATHS") or []]
    known = [f"pelican.plugins.{module.name}" for module in _namespace_plugins()]
    known += [module.name for module in pkgutil.iter_modules(paths)]
    found = []
    sys.path[:0] = paths
    try:
        for name in settings.get("PLUGINS") or []:
            if isinstance(name, str) and not (_importable(name) or _importable(f"pelican.plugins.{name}")):
                guess = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
                found.append(Problem(WHERE, "PLUGINS", Text("the plugin '{name}' cannot be imported", name=name),
                                     Text("did you mean '{guess}'?", guess=guess[0]) if guess else
                                     Text("install it (pip install, then add it to requirements.txt) or "
                                          "correct its name")))
    finally:
        del sys.path[:len(paths)]
    return found


def _namespace_plugins():
    try:
        import pelican.plugins  # noqa: PLC0415

        return list(pkgutil.iter_modules(pelican.plugins.__path__))
    except ImportError:
        return []


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def default_kind(settings: dict) -> list[Problem]:
    """B2B_DEFAULT_KIND is one of B2B_KINDS: a post naming no kind gets it."""
    kind, kinds = plugin_settings.get(settings, "B2B_DEFAULT_KIND"), plugin_settings.get(settings, "B2B_KINDS")
    if kind in kinds:
        return []
    guess = difflib.get_close_matches(str(kind), list(kinds), n=1, cutoff=0.6)
    return [Problem(WHERE, "B2B_DEFAULT_KIND", Text("B2B_DEFAULT_KIND '{kind}' is not one of B2B_KINDS", kind=kind),
                    Text("did you mean '{guess}'?", guess=guess[0]) if guess else
                    Text("use one of: {kinds}", kinds=", ".join(kinds)))]


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


def label_keys(settings: dict) -> list[Problem]:
    """Each language's entry of B2B_KINDS and B2B_TOPICS has a label and a slug, and B2B_SECTIONS every folder."""
    found = []
    for setting in ("B2B_KINDS", "B2B_TOPICS"):
        for key, labels in plugin_settings.get(settings, setting).items():
            for lang, entry in labels.items() if isinstance(labels, dict) else []:
                lacking = [name for name in ("label", "slug") if not isinstance(entry, dict) or name not in entry]
                if lacking:
                    found.append(Problem(WHERE, setting, Text("{setting}['{key}']['{lang}'] has no {names}",
                                                              setting=setting, key=key, lang=lang,
                                                              names=", ".join(lacking)),
                                         Text("give it a label and a slug, e.g. {{'label': 'Point de vue', "
                                              "'slug': 'point-de-vue'}}")))
    expected = plugin_settings.DEFAULTS["B2B_SECTIONS"]["en"]
    for lang, folders in plugin_settings.get(settings, "B2B_SECTIONS").items():
        lacking = [name for name in expected if not isinstance(folders, dict) or name not in folders]
        if lacking:
            found.append(Problem(WHERE, "B2B_SECTIONS", Text("B2B_SECTIONS['{lang}'] has no folder name for {names}",
                                                             lang=lang, names=", ".join(lacking)),
                                 Text("add them (the default for 'en': {default})",
                                      default=", ".join(f"{name}: {expected[name]}" for name in lacking))))
    return found
