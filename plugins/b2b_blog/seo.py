"""Structured data for search engines: JSON-LD of a post and its translations."""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from . import sites
from .localization import bcp47


def _is_original(article, translations) -> bool:
    """The earliest version is the original; on the same day, the main language's."""
    main = sites.main_lang(article.settings)
    def rank(item):
        return (item.date, item.lang != main)
    return all(rank(article) <= rank(other) for other in translations)


def _post_url(context, article) -> str:
    return sites.absolute(context, sites.site_url(context, article.lang, article.url))


def _translation_url(context, translation) -> str:
    # i18n_subsites rewrote the translation's URL relative to this site.
    here = sites.site_url(context, context["DEFAULT_LANG"], translation.url)
    return sites.absolute(context, here)


def blog_posting(context, article) -> Markup:
    """The JSON-LD `BlogPosting` of a post, linked to its translations."""
    translations = [t for t in getattr(article, "translations", []) if t.lang != article.lang]
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": Markup(article.title).striptags(),
        "inLanguage": bcp47(article.lang),
        "url": _post_url(context, article),
        "datePublished": article.date.isoformat(),
        "author": {"@type": "Organization", "name": context.get("AUTHOR") or context["SITENAME"]},
        "publisher": {"@type": "Organization", "name": context["SITENAME"]},
        "wordCount": getattr(article, "word_count", None),
    }
    if getattr(article, "comment_count", None) is not None:
        data["commentCount"] = article.comment_count  # the comments are on the page (comments/)
    if getattr(article, "modified", None):
        data["dateModified"] = article.modified.isoformat()
    if getattr(article, "summary", None):
        data["description"] = Markup(article.summary).striptags()
    if translations:
        links = [{"@type": "BlogPosting", "url": _translation_url(context, t), "inLanguage": bcp47(t.lang)}
                 for t in translations]
        if _is_original(article, translations):
            data["workTranslation"] = links
        else:
            originals = [t for t in translations if _is_original(t, [article, *translations])]
            data["translationOfWork"] = [link for link, t in zip(links, translations, strict=True) if t in originals]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    # Keep a post's text from closing the script element.
    return Markup(text.replace("<", "\\u003c"))  # no "</script>" nor "<!--" can end the block early


def _licence_url(licence: str) -> str | None:
    """A Creative Commons licence name as its deed URL, which schema.org prefers."""
    match = re.fullmatch(r"CC ((?:BY|NC|SA|ND)(?:-(?:BY|NC|SA|ND))*) (\d\.\d)", licence.strip())
    if not match:
        return None
    return f"https://creativecommons.org/licenses/{match.group(1).lower()}/{match.group(2)}/"


def learning_resource(context, entry) -> Markup:
    """The JSON-LD `LearningResource` of a case edition, its PDF as `encoding`."""
    edition, shown = entry.edition, entry.published
    data = {
        "@context": "https://schema.org",
        "@type": "LearningResource",
        "learningResourceType": "case study",
        "name": edition.title,
        "description": edition.abstract,
        "inLanguage": bcp47(edition.lang),
        "url": sites.absolute(context, shown.url),
        "author": [{"@type": "Person", "name": name} for name in edition.authors],
        "datePublished": edition.date.isoformat(),
        "educationalLevel": edition.level,
        "audience": {"@type": "EducationalAudience", "educationalRole": edition.audience},
        "teaches": list(edition.objectives),
        "about": [topic.label for topic in entry.topics],
        "identifier": edition.reference,
        "license": _licence_url(edition.licence) or edition.licence,
        "encoding": {
            "@type": "MediaObject",
            "contentUrl": sites.absolute(context, shown.download_url(shown.pdf)),
            "encodingFormat": "application/pdf",
            "contentSize": f"{shown.pdf.size_bytes} B",
            "sha256": shown.pdf.sha256,
            "numberOfPages": shown.pages,
        },
    }
    others = [(lang, version) for lang, version in entry.versions() if lang != edition.lang]
    if others:
        data["workTranslation" if edition.lang == sites.main_lang(context) else "translationOfWork"] = [
            {"@type": "LearningResource", "url": sites.absolute(context, version.url), "inLanguage": bcp47(lang)}
            for lang, version in others]
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return Markup(text.replace("<", "\\u003c"))  # no "</script>" nor "<!--" can end the block early
