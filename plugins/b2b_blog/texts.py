"""What the build says to the author, written in English and said in the page's language from a catalog.

A message is written `Text("unknown field '{field}'", field=name)`: it is the English string
everywhere a string is expected (terminal, logs, JSON), and it keeps its template and values, so the
preview's error page can say it in French from `translations/fr/LC_MESSAGES/b2b_blog.po`, whose
msgids are the English templates. A template missing from a catalog, or whose translation names
other placeholders, is said in English.

Templates hold plain named placeholders only (`{field}`, no `!r` nor format spec): a translator
sees every value as a word to place. A value is a string, a number, another Text (said in the
same language), a Day (a date written out in that language), or a tuple of these, said as a list
separated by commas (`names=tuple(Text("'{name}'", name=n) for n in unknown)`).
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from pathlib import Path
from string import Formatter

from babel.core import UnknownLocaleError
from babel.dates import format_date
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).parent / "translations"
DOMAIN = "b2b_blog"
SOURCE_LANGUAGE = "en"


class Text(str):
    """An English message that remembers its template and values, to be said in another language."""

    template: str
    values: dict

    def __new__(cls, template: str, /, **values: object) -> Text:
        values = {name: _value(value) for name, value in values.items()}
        english = {name: said(value, SOURCE_LANGUAGE) for name, value in values.items()}
        self = super().__new__(cls, template.format(**english))
        self.template, self.values = template, values
        return self

    @classmethod
    def of(cls, template: str, values: dict) -> Text:
        """The Text of a template and its values (as a cache file keeps them)."""
        return cls(template, **values)

    def __reduce__(self):
        # copy, deepcopy (dataclasses.asdict) and pickle rebuild it from its template, not its text.
        return Text.of, (self.template, self.values)

    def in_language(self, lang: str) -> str:
        """This message in `lang`; values that are messages themselves are said in `lang` too."""
        template = _catalog(lang).get(self.template) or self.template
        values = {name: said(value, lang) for name, value in self.values.items()}
        try:
            # A translation naming other placeholders ('{field.__class__}', a typo) is not used.
            if template is self.template or _names(template) == _names(self.template):
                return template.format(**values)
        except ValueError:  # unbalanced braces in the translation
            pass
        return str(self)  # English rather than a broken sentence


class Day(str):
    """A date written out in the page's language: '3 November 2016', '3 novembre 2016'."""

    day: datetime.date
    pattern: str

    def __new__(cls, day: datetime.date | str, pattern: str = "d MMMM y") -> Day:
        day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
        self = super().__new__(cls, format_date(day, pattern, locale=SOURCE_LANGUAGE))
        self.day, self.pattern = day, pattern
        return self

    def __reduce__(self):
        return Day, (self.day.isoformat(), self.pattern)

    def in_language(self, lang: str) -> str:
        try:
            return format_date(self.day, self.pattern, locale=lang.replace("-", "_"))
        except (ValueError, LookupError, UnknownLocaleError):  # a language Babel does not know
            return str(self)


def _value(value: object) -> object:
    """What a Text keeps of a value: messages, dates, numbers and tuples of them; anything else as its text."""
    if isinstance(value, (Text, Day, int, float)):
        return value
    if isinstance(value, tuple):
        return tuple(_value(item) for item in value)
    return str(value)


def said(message: object, lang: str) -> str:
    """A message in `lang` when it is a Text (or a Day), else as it is (Pelican's own words, a file name)."""
    if isinstance(message, tuple):
        return ", ".join(said(item, lang) for item in message)
    return message.in_language(lang) if isinstance(message, (Text, Day)) else str(message)


def placeholders(template: str) -> set[str]:
    """The names a template's placeholders use; ValueError if its braces are unbalanced."""
    return set(_names(template))


@lru_cache(maxsize=1024)
def _names(template: str) -> frozenset[str]:
    return frozenset(name for _literal, name, _spec, _conversion in Formatter().parse(template) if name is not None)


def templates_of(message: object) -> list[str]:
    """The template of a Text and of every Text among its values, outermost first."""
    if not isinstance(message, Text):
        return []
    values = [item for value in message.values.values() for item in (value if isinstance(value, tuple) else (value,))]
    return [message.template, *(inner for value in values for inner in templates_of(value))]


def languages() -> list[str]:
    """English, then every language with a catalog of the plugin's messages."""
    found = sorted(path.name for path in CATALOGS.iterdir() if (path / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()) \
        if CATALOGS.is_dir() else []
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


def base_language(lang: str) -> str:
    """The language a catalog is named after: 'pt' for 'pt_BR' or 'pt-BR'."""
    return re.split(r"[_-]", lang, maxsplit=1)[0].lower()


def catalog(lang: str) -> dict[str, str]:
    """English template -> its translation in `lang` (empty for English or a language without catalog)."""
    return _catalog(lang)


def _catalog(lang: str) -> dict[str, str]:
    path = CATALOGS / base_language(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read_catalog(str(path), stamp)


@lru_cache(maxsize=8)
def _read_catalog(path: str, _stamp: int) -> dict[str, str]:
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    return {message.id: message.string for message in catalog if message.id and message.string
            and not message.fuzzy and isinstance(message.id, str)}
