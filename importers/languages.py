"""The language of each post, paragraph and sentence (lingua, restricted to the site's languages)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup
from lingua import IsoCode639_1, LanguageDetectorBuilder

from .html_cleanup import block_text

# Below this confidence (or under three words) a sentence takes its neighbours' language.
SURE = 0.6
# A post is split in two when its second language holds at least this share of its text.
MIXED_SHARE = 0.2
SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«\"“A-ZÀ-ÖØ-Þ0-9])")
TAG = re.compile(r"(<[^>]+>)")


@functools.cache
def _detector(languages: tuple[str, ...]):
    codes = [getattr(IsoCode639_1, lang.upper()) for lang in languages]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()


def detect(text: str, languages: tuple[str, ...]) -> tuple[str | None, float]:
    """The most likely language of `text` and its confidence (None for a text with no words)."""
    if not re.search(r"[^\W\d_]{2,}", text):
        return None, 0.0
    values = _detector(languages).compute_language_confidence_values(text)
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), best.value


@dataclass
class Piece:
    """A sentence (or a whole block) and the language it was found in."""

    block: int
    html: str
    lang: str | None
    words: int
    paragraph: bool


def pieces(blocks: list[str], languages: tuple[str, ...]) -> list[Piece]:
    """Every paragraph cut into sentences, every other block whole, each with its language."""
    found: list[Piece] = []
    for index, block in enumerate(blocks):
        if block.startswith("<p>") and block.endswith("</p>"):
            parts = [(part, True) for part in _sentences(block[3:-4])]
        else:
            parts = [(block, False)]
        for html, paragraph in parts:
            text = block_text(html)
            lang, confidence = detect(text, languages)
            words = len(text.split())
            sure = lang if confidence >= SURE and words >= 3 else None
            found.append(Piece(index, html, sure, words, paragraph))
    _fill_unsure(found)
    return found


def _sentences(inner_html: str) -> list[str]:
    """A paragraph's sentences, cut only in text (never inside a tag), each re-balanced."""
    pieces_html, current = [], ""
    for token in TAG.split(inner_html):
        if token.startswith("<"):
            current += token
            continue
        parts = SENTENCE_END.split(token)
        current += parts[0]
        for part in parts[1:]:
            pieces_html.append(current)
            current = part
    pieces_html.append(current)
    balanced = [str(BeautifulSoup(piece, "html.parser")).strip() for piece in pieces_html]
    return [piece for piece in balanced if piece]


def _fill_unsure(found: list[Piece]) -> None:
    """An unsure sentence takes the language of the sentence before it in its paragraph (else after it);
    an unsure block, that of the block after it (a heading introduces its paragraph)."""
    for position, piece in enumerate(found):
        if piece.lang is not None or not piece.words:
            continue
        same_block = [p for p in found if p.block == piece.block and p.lang]
        before = [p for p in same_block if found.index(p) < position]
        if piece.paragraph and same_block:
            piece.lang = (before[-1] if before else same_block[0]).lang
            continue
        after = next((p.lang for p in found[position + 1:] if p.lang), None)
        piece.lang = after or next((p.lang for p in reversed(found[:position]) if p.lang), None)


def shares(found: list[Piece]) -> dict[str, float]:
    """Each language's share of the words."""
    total = sum(piece.words for piece in found) or 1
    result: dict[str, float] = {}
    for piece in found:
        if piece.lang:
            result[piece.lang] = result.get(piece.lang, 0) + piece.words / total
    return result


def split_by_language(found: list[Piece], languages: tuple[str, ...]) -> dict[str, list[str]]:
    """The blocks of each language, sentences of one paragraph joined again; wordless blocks go to all."""
    result: dict[str, list[str]] = {lang: [] for lang in languages}
    for lang in languages:
        last_block, sentences = None, []
        for piece in found:
            if piece.lang not in (lang, None):
                continue
            if piece.paragraph:
                if piece.block != last_block and sentences:
                    result[lang].append(f"<p>{' '.join(sentences)}</p>")
                    sentences = []
                sentences.append(piece.html)
                last_block = piece.block
            else:
                if sentences:
                    result[lang].append(f"<p>{' '.join(sentences)}</p>")
                    sentences = []
                result[lang].append(piece.html)
        if sentences:
            result[lang].append(f"<p>{' '.join(sentences)}</p>")
    return {lang: blocks for lang, blocks in result.items() if blocks}


def post_languages(blocks: list[str], languages: tuple[str, ...]) -> tuple[str, dict[str, list[str]]]:
    """The post's main language, and its blocks per language (one entry unless the post mixes languages)."""
    found = pieces(blocks, languages)
    share = shares(found)
    if not share:
        return languages[0], {languages[0]: blocks}
    main = max(share, key=share.get)
    mixed = [lang for lang, value in share.items() if lang != main and value >= MIXED_SHARE]
    if not mixed:
        return main, {main: blocks}
    split = split_by_language(found, languages)
    present = [lang for lang in languages if lang in (main, *mixed) and lang in split]
    if languages[0] in present:
        main = languages[0]  # a post written for both readers keeps its address in the main language
    return main, {lang: split[lang] for lang in present}
