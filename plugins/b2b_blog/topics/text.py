"""Text normalisation: case and accent folding, tokenising, stemming, stopwords, language detection."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import NamedTuple

import snowballstemmer

log = logging.getLogger(__name__)

# Language code -> Snowball algorithm name. A new language needs one entry here
# (and optionally a stopword list below); unknown codes fall back to no stemming.
STEMMERS: dict[str, str] = {
    "fr": "french", "en": "english", "de": "german", "es": "spanish",
    "it": "italian", "nl": "dutch", "pt": "portuguese",
}

# Function words: used for language detection and as one-word wildcards inside
# lexicon phrases ("plan de compte" also matches "plans des comptes").
STOPWORDS: dict[str, frozenset[str]] = {
    "fr": frozenset("""
        a à afin ai aie aient ainsi alors au aucun aussi autre aux avaient avais avait avant avec avez avoir
        avons ayant c ça car ce ceci cela celle celles celui cependant ces cet cette ceux chaque chez ci comme
        comment d dans de depuis des dès deux dont du elle elles en encore entre es est et étaient était été
        être eu eux fait faut font ici il ils j je jusqu l la là le les leur leurs lors lorsqu lorsque lui m
        ma mais me même mes moi moins mon n ne ni nos notre nous on ont ou où par parce pas pendant peu peut
        plus pour pourquoi qu quand que quel quelle quelles quels qui s sa sans se selon ses si sien soi soit
        son sont sous sur t ta te tes toi ton toujours tous tout toute toutes très tu un une unes uns vers
        vos votre vous y
    """.split()),
    "en": frozenset("""
        a about above after again against all also am an and any are aren as at be because been before being
        below between both but by can cannot could couldn did didn do does doesn doing don down during each
        few for from further had hadn has hasn have haven having he her here hers herself him himself his how
        i if in into is isn it its itself just let ll me more most much must my myself no nor not of off on
        once only or other our ours ourselves out over own re s same she should so some such t than that the
        their theirs them themselves then there these they this those through to too under until up ve very
        was wasn we were weren what when where which while who whom why will with won would you your yours
        yourself yourselves
    """.split()),
}


class Token(NamedTuple):
    """One normalised word: its folded stem, whether it is a stopword, its folded spelling."""

    stem: str
    stop: bool
    word: str = ""


# None marks a punctuation boundary: phrases never match across one.
Stream = list[Token | None]

_TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s'’\-‐]")
# URLs and HTML tags in Markdown carry no prose ("/partners/" in a link is not evidence).
_NOISE_RE = re.compile(r"https?://\S+|www\.\S+|<[^>\n]+>")


def fold(text: str) -> str:
    """Lowercase and strip accents (NFKD, drop combining marks)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def get_stemmer(lang: str) -> Callable[[str], str]:
    """Return a word -> stem function for a language code (identity if Snowball lacks it)."""
    name = STEMMERS.get(lang)
    if name is None or name not in snowballstemmer.algorithms():
        log.warning("topics: no Snowball stemmer for language %r; matching without stemming", lang)
        return lambda word: word
    return snowballstemmer.stemmer(name).stemWord


@cache
def _normaliser(lang: str) -> Callable[[str], str]:
    """Cached word -> folded stem for one language (stemming dominates tagging time)."""
    stem = get_stemmer(lang)
    return lru_cache(maxsize=200_000)(lambda word: fold(stem(word)))


def words(text: str) -> list[str]:
    """Lowercased word tokens; apostrophes and hyphens split words ("l'équipe" -> l, équipe)."""
    return [t for t in _TOKEN_RE.findall(text.lower()) if t[0].isalnum()]


def stem_variants(word: str, lang: str) -> set[str]:
    """Folded stems of a lowercased word written with and without accents.

    Snowball is accent-aware, so "créée" and "creee" stem differently; lexicon
    terms register both so texts typed without accents still match.
    """
    stem = get_stemmer(lang)
    return {fold(stem(word)), fold(stem(fold(word)))}


def tokenize(text: str, lang: str) -> Stream:
    """Normalise text to a stream of stemmed tokens with None at punctuation boundaries."""
    token = _token_maker(lang)
    stream: Stream = []
    for raw in _TOKEN_RE.findall(_NOISE_RE.sub(" . ", text).lower()):
        if not raw[0].isalnum():
            if stream and stream[-1] is not None:
                stream.append(None)
            continue
        stream.append(token(raw))
    return stream


@cache
def _token_maker(lang: str) -> Callable[[str], Token]:
    """Cached lowercased word -> Token for one language: a corpus repeats the same words."""
    normalise = _normaliser(lang)
    stops = STOPWORDS.get(lang, frozenset())

    @lru_cache(maxsize=200_000)
    def token(raw: str) -> Token:
        folded = fold(raw)
        if raw in stops:  # stopwords only act as phrase wildcards: no need to stem them
            return Token(folded, True, folded)
        return Token(normalise(raw), folded in stops, folded)

    return token


def word_count(stream: Iterable[Token | None]) -> int:
    """Number of words in a token stream (boundaries excluded)."""
    return sum(1 for t in stream if t is not None)


def detect_language(text: str, languages: Iterable[str]) -> str:
    """Pick the language whose stopwords are most frequent in text (first language on a tie)."""
    langs = list(languages)
    if not langs:
        raise ValueError("detect_language needs at least one candidate language")
    tokens = [fold(w) for w in words(text)]
    best, best_hits = langs[0], -1
    for lang in langs:
        stops = {fold(s) for s in STOPWORDS.get(lang, ())}
        hits = sum(1 for t in tokens if t in stops)
        if hits > best_hits:
            best, best_hits = lang, hits
    return best
