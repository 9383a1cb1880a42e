"""The dates authors write in a header, read one way only: a date that could be read two ways is refused.

Read: ISO (`2016-11-10`, `2016-11-10 09:00`, `2016-11-10T09:00+01:00`), year first with slashes or dots
(`2016/11/10`), month names in the site's languages (`10 novembre 2016`, `1er novembre 2016`,
`November 10, 2016`, `vendredi 25 novembre 2016 à 9h30`), and numeric dates that have one reading only
(`25/11/2016`: there is no month 25). Refused: `03/11/2016` (3 November or 11 March?), and a date
without its day or month (`novembre 2016`, `2016`), which dateutil would complete with today's.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

from babel.dates import get_day_names, get_month_names
from pelican.utils import SafeDatetime

from .texts import Day, Text

ISO_FORM = Text("write it in ISO form, YYYY-MM-DD (with HH:MM if you like), e.g. 2016-11-25 09:00")
YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T]+(.+))?")
# An ISO-looking date whose numbers fromisoformat refused: checked, so that month 13 is said as such.
ISO_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2})(?::(\d{2}))?\b.*)?")
ISO_DAY_AT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2}),? (?:à|a|at) (.+)")  # 2016-11-10 à 9h30
YEAR_LAST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]+(.+))?")
# French typography spaces the hour: `9 h 30`, `14 h`.
SPACED_HOUR = re.compile(r"\b(\d{1,2}) ?h ?(\d{2})?\b")
AT = re.compile(r"^(?:à|a|at),? ")  # '25/11/2016 à 9h30'
TIME = re.compile(r"(\d{1,2})(?::(\d{2})(?::(\d{2}))?|h(\d{2})?)")
TOKEN = re.compile(r"\d{1,2}(?::\d{2}(?::\d{2})?|h(?:\d{2})?)(?![\w:])|\d+|[^\W\d_]+")
# Words around a written date that say nothing about it ('le 1er novembre', 'the 3rd of May', 'à 9h').
FILLERS = {"le", "the", "a", "at", "er", "eme", "st", "nd", "rd", "th", "de", "du", "of", "on", "am", "um",
           "den", "el", "em", "il", "op", "h"}


class DateError(ValueError):
    """A date the build will not guess: the message says why, the fix how to write it."""

    def __init__(self, message: str, fix: str = ISO_FORM):
        super().__init__(message)
        self.message, self.fix = message, fix


def parse_date(text: str, languages: tuple[str, ...] = ("fr", "en")) -> SafeDatetime | None:
    """The date written in `text`, None when it is in none of the forms above (Pelican's parser may try)."""
    value = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    if not value:
        raise DateError(Text("the date is empty"), Text("write the date (e.g. 2016-11-25 09:00), or remove the line"))
    value = SPACED_HOUR.sub(lambda hour: f"{hour[1]}h{hour[2] or ''}", value)
    with _invalid_as_error(value):
        try:
            return _safe(datetime.datetime.fromisoformat(value))
        except ValueError:
            if shape := ISO_SHAPE.fullmatch(value):  # 2016-13-10, 2016-11-10 25:00: which number is wrong
                datetime.datetime(*(int(number or 0) for number in shape.groups()))
        if match := YEAR_FIRST.fullmatch(value) or ISO_DAY_AT.fullmatch(value):
            year, month, day, clock = match.groups()
            return _combine(value, int(year), int(month), int(day), clock)
        if match := YEAR_LAST.fullmatch(value):
            return _numeric_day_and_month(value, match)
        return _written_out(value, tuple(dict.fromkeys((*languages, "fr", "en")))) or _incomplete(value)


def _incomplete(value: str) -> None:
    """Refuse what dateutil reads only by filling a part in from today (`2016`, `Nov 2016`); else None."""
    from dateutil.parser import ParserError, parse  # noqa: PLC0415 - Pelican's own date parser

    try:
        readings = [parse(value, default=datetime.datetime(2000, 1, 1)),
                    parse(value, default=datetime.datetime(2001, 2, 2))]
    except (ParserError, ValueError, OverflowError):
        return None
    if any(getattr(readings[0], part) != getattr(readings[1], part) for part in ("year", "month", "day")):
        raise DateError(Text("'{value}' is not a whole date (a day, a month and a year): it would be completed "
                             "with today's", value=value), ISO_FORM)
    return None


class _invalid_as_error:
    """Turns an impossible date (31 February) into a DateError naming the value."""

    def __init__(self, value: str):
        self.value = value

    def __enter__(self):
        return self

    def __exit__(self, kind, error, _traceback):
        if kind is ValueError and not isinstance(error, DateError):
            raise DateError(Text("'{value}' is not a date that exists ({error})", value=self.value, error=error)) \
                from None
        return False


def _safe(value: datetime.datetime) -> SafeDatetime:
    return SafeDatetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                        tzinfo=value.tzinfo)


def _combine(value: str, year: int, month: int, day: int, clock: str | None) -> SafeDatetime:
    hour = minute = second = 0
    if clock:
        match = TIME.fullmatch(AT.sub("", clock.strip()))
        if not match:
            raise DateError(Text("cannot read the time in '{value}'", value=value))
        hour, minute, second = int(match[1]), int(match[2] or match[4] or 0), int(match[3] or 0)
    return SafeDatetime(year, month, day, hour, minute, second)


def _numeric_day_and_month(value: str, match: re.Match) -> SafeDatetime:
    first, _separator, second, year, clock = match.groups()
    if len(year) == 2:
        raise DateError(Text("'{value}' has a two-digit year, and its day and month may be read either way",
                             value=value))
    first, second, year = int(first), int(second), int(year)
    if first <= 12 and second <= 12 and first != second:
        day_first = datetime.date(year, second, first)
        month_first = datetime.date(year, first, second)
        raise DateError(
            Text("'{value}' can be read two ways: {day_first} (day first, as in French) or {month_first} "
                 "(month first, as in American English)", value=value, day_first=Day(day_first),
                 month_first=Day(month_first)),
            Text("write it in ISO form: {day_first_iso} for {day_first}, or {month_first_iso} for {month_first}",
                 day_first_iso=day_first.isoformat(), day_first=Day(day_first),
                 month_first_iso=month_first.isoformat(), month_first=Day(month_first)))
    # One reading only: the number above 12 is the day (25/11/2016, or 11/25/2016 month first).
    day, month = (second, first) if first <= 12 < second else (first, second)
    return _combine(value, year, month, day, clock)


def _written_out(value: str, languages: tuple[str, ...]) -> SafeDatetime | None:
    months, weekdays = _names(languages)
    day = year = weekday = month = None
    clock = None
    for token in TOKEN.findall(_fold(value)):
        if token.isdigit() and len(token) == 4 and year is None:
            year = int(token)
        elif token.isdigit() and len(token) <= 2 and day is None:
            day = int(token)
        elif token[0].isdigit() and clock is None:
            clock = token
        elif token in months and month is None:
            month = months[token]
        elif token in weekdays and weekday is None:
            weekday = weekdays[token]
        elif token not in FILLERS:
            return None  # not a written-out date: leave it to Pelican's parser
    if year is None and day is not None and month is not None and clock and clock.isdigit():
        raise DateError(Text("'{value}' has a two-digit year", value=value), ISO_FORM)  # '10 novembre 16'
    if month is not None and year is not None and day is None:
        raise DateError(Text("'{value}' has no day", value=value), ISO_FORM)
    if None in (day, month, year):
        return None
    when = _combine(value, year, month, day, clock)
    if weekday is not None and when.weekday() != weekday:
        raise DateError(Text("'{value}' names the wrong day of the week: that day is a {weekday}", value=value,
                             weekday=Day(when.date(), "EEEE")),
                        Text("correct the day or the weekday, or write the date in ISO form, YYYY-MM-DD"))
    return when


@lru_cache(maxsize=8)
def _names(languages: tuple[str, ...]) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (wide and abbreviated, accents folded) in every language, from Babel's CLDR."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for lang in languages:
        try:
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for number, name in get_month_names(width, context, locale=lang).items():
                        months.setdefault(_fold(name).strip("."), number)
            for width in ("wide", "abbreviated"):
                for number, name in get_day_names(width, locale=lang).items():
                    weekdays.setdefault(_fold(name).strip("."), number)
        except (ValueError, LookupError):
            continue  # a language Babel does not know has no names to offer
    return months, weekdays


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def read_date(text: str, languages: tuple[str, ...] = ("fr", "en")) -> datetime.datetime:
    """Every date the build accepts: ours above, else Pelican's parser (as the reader does); DateError if none."""
    from pelican.utils import get_date  # noqa: PLC0415

    when = parse_date(text, languages)
    if when is not None:
        return when
    try:
        return get_date(text.replace("_", " "))
    except ValueError as error:
        raise DateError(Text("cannot read the date '{text}' ({error})", text=text, error=error)) from None
