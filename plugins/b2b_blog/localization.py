"""Dates, language names and theme catalogs, with Babel so no system locale is needed."""

from __future__ import annotations

import gettext
import logging
import struct
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.core import get_global
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import settings as plugin_settings
from .cache_files import note

logger = logging.getLogger(__name__)

DOMAIN = "messages"


def long_date(settings: dict, value: date, lang: str) -> str:
    """'vendredi 25 novembre 2016', 'Friday 25 November 2016'."""
    pattern = plugin_settings.get(settings, "B2B_DATE_PATTERNS").get(lang, "full")
    return _formatted_date(value.year, value.month, value.day, pattern, lang)


@lru_cache(maxsize=4096)
def _formatted_date(year: int, month: int, day: int, pattern: str, lang: str) -> str:
    # A post's date shows on its page and in every listing: format each day once.
    return format_date(date(year, month, day), pattern, locale=lang)


def language_name(lang: str, in_lang: str | None = None) -> str:
    """The name of `lang`, in `in_lang` (its own name by default): 'English', 'anglais'."""
    return Locale.parse(in_lang or lang).languages.get(lang, lang)


def bcp47(lang: str) -> str:
    """The BCP 47 tag HTML, hreflang and sitemaps want: pt_br -> pt-BR, zh_hant -> zh-Hant, fr -> fr."""
    parts = lang.replace("_", "-").split("-")
    tag = [parts[0].lower()]
    for part in parts[1:]:
        tag.append(part.title() if len(part) == 4 else part.upper() if len(part) in (2, 3) else part.lower())
    return "-".join(tag)


def og_locale(settings: dict, lang: str) -> str:
    """Open Graph wants language_TERRITORY: fr -> fr_FR, en -> en_GB, pt_br -> pt_BR (settings, else CLDR)."""
    configured = plugin_settings.get(settings, "B2B_LOCALES").get(lang)
    if configured:
        return configured
    tag = bcp47(lang).split("-")
    if len(tag) > 1 and len(tag[-1]) == 2:
        return f"{tag[0]}_{tag[-1]}"
    likely = get_global("likely_subtags").get(lang, lang)
    locale = Locale.parse(likely)
    return f"{locale.language}_{locale.territory}" if locale.territory else lang


def catalogs_source(theme: str) -> Path:
    return Path(theme) / "translations"


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile every `.po` under `source` into `target`, skipping those already up to date."""
    written = []
    for po_path in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        relative = po_path.relative_to(source).with_suffix(".mo")
        mo_path = target / relative
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime and _readable_catalog(mo_path):
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=relative.parts[0])
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo_path)
    return written


def _readable_catalog(mo_path: Path) -> bool:
    """Whether a compiled catalog of the cache can be read; an empty or damaged one is compiled again."""
    try:
        with mo_path.open("rb") as handle:
            gettext.GNUTranslations(handle)
    except (OSError, ValueError, UnicodeDecodeError, struct.error, IndexError) as error:
        note(f"the compiled catalog {mo_path} cannot be read ({error or type(error).__name__}); it is compiled again")
        return False
    return True


def prepare_catalogs(settings: dict) -> None:
    """Compile the theme's catalogs into the cache, where i18n_subsites will look."""
    if settings.get("I18N_GETTEXT_LOCALEDIR"):
        return
    target = Path(settings["CACHE_PATH"]) / "locale"
    compile_catalogs(catalogs_source(settings["THEME"]), target)
    settings["I18N_GETTEXT_LOCALEDIR"] = str(target)


@cache
def _translations(localedir: str, lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir, [lang], fallback=True)


def translate_in(settings: dict, lang: str, message: str, **variables) -> str:
    """A theme string in a language other than the page's (the switcher speaks the target's)."""
    localedir = settings.get("I18N_GETTEXT_LOCALEDIR", "")
    text = _translations(localedir, lang).gettext(message)
    return text % variables if variables else text

