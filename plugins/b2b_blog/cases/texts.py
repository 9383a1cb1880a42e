"""Fixed wording of PDFs, README files and citations per language, and French spacing."""

from __future__ import annotations

import re

# French sets a no-break space inside « » and before ; : ! ? so that a line never
# starts with one of them; authors type ordinary spaces.
FRENCH_SPACE = re.compile(r"« | ([»;:!?])")
# In HTML, only text is respaced: tags and code are kept as they are.
HTML_PART = re.compile(r"<(pre|code)\b.*?</\1>|<[^>]*>|[^<]+", re.S)

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "kind": "Étude de cas",
        "colon": "\u00a0:",  # French puts a no-break space before a colon.
        "quotes": "« %s »",  # typeset() makes both spaces no-break.
        "reference": "Référence",
        "published": "Publication",
        "licence": "Licence",
        "level": "Niveau",
        "citation": "Citation suggérée",
        "exhibits": "Annexes",
        "exhibits_note": "Les annexes sont fournies avec l'étude de cas, dans son archive.",
        "page": "Page ",
        "of": " sur ",
        "files": "Fichiers de l'archive et empreintes SHA-256\u00a0:",
        "introductory": "débutant",
        "intermediate": "intermédiaire",
        "advanced": "avancé",
    },
    "en": {
        "kind": "Teaching case",
        "colon": ":",
        "quotes": "\u201c%s\u201d",
        "reference": "Reference",
        "published": "Published",
        "licence": "Licence",
        "level": "Level",
        "citation": "Suggested citation",
        "exhibits": "Exhibits",
        "exhibits_note": "The exhibits are provided with the case, in its download archive.",
        "page": "Page ",
        "of": " / ",
        "files": "Files in this archive and their SHA-256 checksums:",
        "introductory": "introductory",
        "intermediate": "intermediate",
        "advanced": "advanced",
    },
}


def labels(lang: str) -> dict[str, str]:
    """The wording for `lang`; English for a language not translated yet."""
    return LABELS.get(lang, LABELS["en"])


def typeset(text: str, lang: str) -> str:
    """Plain text with the language's no-break spaces."""
    if lang != "fr":
        return text
    return FRENCH_SPACE.sub(lambda m: f"\u00a0{m[1]}" if m[1] else "«\u00a0", text)


def typeset_html(html: str, lang: str) -> str:
    """HTML whose text nodes (not tags, not code) get the language's no-break spaces."""
    return HTML_PART.sub(lambda m: m[0] if m[0].startswith("<") else typeset(m[0], lang), html)
