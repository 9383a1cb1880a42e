"""Fixed wording of PDFs, README files and citations, per site language."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "kind": "Étude de cas",
        "colon": "\u00a0:",  # French puts a no-break space before a colon.
        "quotes": "«\u00a0%s\u00a0»",
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
