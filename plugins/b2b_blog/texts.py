"""What the build says to the author, written in English and said in the page's language from a catalog.

A message is written `Text("unknown field '{field}'", field=name)`: it is the English string
everywhere a string is expected (terminal, logs, JSON), and it keeps its template and values, so the
preview's error page can say it in French from `translations/fr/LC_MESSAGES/b2b_blog.po`, whose
msgids are the English templates. A template missing from a catalog is said in English.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

CATALOGS = Path(__file__).parent / "translations"
DOMAIN = "b2b_blog"


class Text(str):
    """An English message that remembers its template and values, to be said in another language."""

    template: str
    values: dict

    def __new__(cls, template: str, /, **values: object) -> Text:
        self = super().__new__(cls, template.format(**values))
        self.template, self.values = template, values
        return self

    def __reduce__(self):
        # copy, deepcopy (dataclasses.asdict) and pickle rebuild it from its template, not its text.
        return _rebuilt, (self.template, self.values)

    def in_language(self, lang: str) -> str:
        """This message in `lang`; values that are messages themselves are said in `lang` too."""
        template = _catalog(lang).get(self.template) or self.template
        values = {name: said(value, lang) for name, value in self.values.items()}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that names another placeholder
            return str(self)


def _rebuilt(template: str, values: dict) -> Text:
    return Text(template, **values)


def said(message: object, lang: str) -> str:
    """A message in `lang` when it is a Text, else as it is (Pelican's own words, a file name)."""
    return message.in_language(lang) if isinstance(message, Text) else str(message)


def _catalog(lang: str) -> dict[str, str]:
    path = CATALOGS / lang.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0] / "LC_MESSAGES" / f"{DOMAIN}.po"
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
