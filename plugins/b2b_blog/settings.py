"""Every setting of the plugin, with its default; the user's value wins."""

from __future__ import annotations

from typing import Any

from .topics.vocabulary import DEFAULT_TOPICS

DEFAULTS: dict[str, Any] = {
    # Reading speed used for the reading time shown on posts.
    "B2B_WORDS_PER_MINUTE": 200,
    # Kind of a post that names none.
    "B2B_DEFAULT_KIND": "point-of-view",
    # Kinds of posts: key -> language -> label and slug.
    "B2B_KINDS": {
        "point-of-view": {
            "fr": {"label": "Point de vue", "slug": "point-de-vue"},
            "en": {"label": "Point of view", "slug": "point-of-view"},
        },
        "reading-notes": {
            "fr": {"label": "Notes de lecture", "slug": "notes-de-lecture"},
            "en": {"label": "Reading notes", "slug": "reading-notes"},
        },
        "testimony": {
            "fr": {"label": "Témoignage", "slug": "temoignage"},
            "en": {"label": "Testimony", "slug": "testimony"},
        },
        "news": {
            "fr": {"label": "Actualité", "slug": "actualite"},
            "en": {"label": "News", "slug": "news"},
        },
        "agenda": {
            "fr": {"label": "Agenda", "slug": "agenda"},
            "en": {"label": "Agenda", "slug": "agenda"},
        },
    },
    # Topics: key -> language -> label, slug, description and lexicon (see topics/vocabulary.py).
    "B2B_TOPICS": DEFAULT_TOPICS,
    # Per language: the folder name of each listing and of the feeds.
    "B2B_SECTIONS": {
        "fr": {"kinds": "rubriques", "topics": "themes", "cases": "formation/cas",
               "case_topics": "formation/cas/themes", "case_languages": "formation/cas/langues",
               "search": "recherche"},
        "en": {"kinds": "kinds", "topics": "topics", "cases": "training/cases",
               "case_topics": "training/cases/topics", "case_languages": "training/cases/languages",
               "search": "search"},
    },
    # Babel date pattern per language, else the locale's full date ('vendredi 25 novembre 2016').
    "B2B_DATE_PATTERNS": {"en": "EEEE d MMMM y"},
    # Locale with territory per language, for og:locale.
    "B2B_LOCALES": {"fr": "fr_FR", "en": "en_GB"},
    # Teaching cases: one folder per case under the content folder.
    "B2B_CASES_PATH": "cases",
    # Where trainers ask for a restricted teaching note.
    "B2B_CASES_CONTACT": "mailto:formation@relation-btob.example",
    # Index each language site with Pagefind (its search page needs it).
    "B2B_SEARCH_INDEX": True,
    # A post this long, with at least B2B_TOC_MIN_HEADINGS sections, gets a table of contents.
    "B2B_TOC_MIN_WORDS": 600,
    "B2B_TOC_MIN_HEADINGS": 3,
    "B2B_FEED_PATH": "feeds/atom.xml",
    # Warnings (e.g. a post with no topic) stop the build when true.
    "B2B_WARNINGS_ARE_ERRORS": False,
    # Keep the last output when nothing the build reads has changed.
    "B2B_SKIP_UNCHANGED": True,
    # Caches (conversions, pages, search indexes, PDFs), PDFs rendered in the background and
    # files written from a second thread; off, every build does all the work (tests compare both).
    "B2B_SPEEDUPS": True,
    # The Content-Security-Policy of every page, written as a <meta> (rsync targets and many hosts
    # ignore `_headers`); content/extra/_headers must say the same, and may add frame-ancestors.
    "B2B_CONTENT_SECURITY_POLICY": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                                   "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
                                   "base-uri 'self'; form-action 'self'",
    # Old paths -> new URLs (JSON, in the content folder) for redirects no post declares (label pages, feeds).
    "B2B_REDIRECTS_FILE": "redirects.json",
    # Comments (Isso): on, the reader's form and the approved comments are part of each post page.
    "B2B_COMMENTS": True,
    # Isso's SQLite database; a relative path is taken from the project (the content folder's parent).
    "B2B_COMMENTS_DATABASE": "comments/comments.db",
    # Where readers' browsers reach the comment server: a path on the site's own origin (proxied
    # to Isso), or an absolute URL (then the CSP's connect-src gains that origin).
    "B2B_COMMENTS_URL": "/comments/",
    # Other origins allowed to post, besides SITE_ORIGIN (the local preview while writing).
    "B2B_COMMENTS_EXTRA_ORIGINS": [],
    # Imported comments (content/comments/<lang>/<post-file-stem>.json), under the content folder.
    "B2B_COMMENTS_IMPORTED_PATH": "comments",
    # How to take part without JavaScript.
    "B2B_COMMENTS_CONTACT": "mailto:commentaires@relation-btob.example",
    # Reply and moderation e-mails: {"host", "port", "security", "username", "from", "to"}; the password
    # is read by the server from the environment variable B2B_COMMENTS_SMTP_PASSWORD. Empty: no e-mail.
    "B2B_COMMENTS_SMTP": {},
    # Write drafts and hidden posts (to preview them); publishing turns this off.
    "B2B_WRITE_UNLISTED": True,
    # Header fields the site uses beyond the plugin's own (e.g. ["Place", "Slides", "DOI"]); templates
    # read them as article.place. Any other field is refused as a likely typo.
    "B2B_EXTRA_FIELDS": [],
}


# Set by the plugin itself on the main site's settings (see sites.remember_main_site).
INTERNAL = {"B2B_MAIN_LANG", "B2B_SITE_ROOTS", "B2B_CACHE_ROOT"}


def get(settings: dict, name: str) -> Any:
    """The user's value of a plugin setting, else its default."""
    return settings.get(name, DEFAULTS[name])

