"""The sites of the blog (one per language) and the URLs between them."""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from . import settings as plugin_settings


def remember_main_site(settings: dict) -> bool:
    """Record the main site's language and every site's root; true for the main site.

    Subsites copy the main settings, so what is recorded here reaches them too.
    """
    if "B2B_MAIN_LANG" in settings:
        return False
    main_lang = settings["DEFAULT_LANG"]
    main_root = settings["SITEURL"].rstrip("/")
    roots = {main_lang: main_root}
    for lang, overrides in settings.get("I18N_SUBSITES", {}).items():
        roots[lang] = overrides.get("SITEURL") or posixpath.join(main_root or "/", lang)
    settings["B2B_MAIN_LANG"] = main_lang
    settings["B2B_SITE_ROOTS"] = roots
    settings["B2B_CACHE_ROOT"] = settings["CACHE_PATH"]
    return True


def main_lang(settings: dict) -> str:
    return settings.get("B2B_MAIN_LANG", settings["DEFAULT_LANG"])


def languages(settings: dict) -> list[str]:
    """Every language with a site, the main one first."""
    main = main_lang(settings)
    return [main, *[lang for lang in settings.get("I18N_SUBSITES", {}) if lang != main]]


def section(settings: dict, lang: str, name: str) -> str:
    """The folder of a section (kinds, topics, cases, search...) in `lang`'s site."""
    return plugin_settings.get(settings, "B2B_SECTIONS")[lang][name]


def site_name(settings: dict, lang: str) -> str:
    """The blog's name in `lang`: the main SITENAME, or the subsite's own."""
    if lang == main_lang(settings):
        return settings["SITENAME"]
    return settings.get("I18N_SUBSITES", {}).get(lang, {}).get("SITENAME", settings["SITENAME"])


def site_url(settings: dict, lang: str, url: str = "") -> str:
    """The root-relative (or, when publishing, absolute) URL of `url` in `lang`'s site."""
    root = settings["B2B_SITE_ROOTS"][lang]
    joined = f"{root}/{url.lstrip('/')}"
    return normalise(joined)


def normalise(url: str) -> str:
    """Collapse `/en/../slug/` into `/slug/`, keeping a trailing slash."""
    parts = urlsplit(url)
    path = parts.path or "/"
    clean = posixpath.normpath(path)
    if path.endswith("/") and not clean.endswith("/"):
        clean += "/"
    if clean.startswith("//"):
        clean = clean[1:]
    prefix = f"{parts.scheme}://{parts.netloc}" if parts.scheme else ""
    return prefix + clean


def absolute(settings: dict, url: str) -> str:
    """An absolute URL, as search engines and feed readers need."""
    if urlsplit(url).scheme:
        return url
    return settings["SITE_ORIGIN"].rstrip("/") + "/" + url.lstrip("/")


def output_url(output_file: str) -> str:
    """The URL of a written file: `slug/index.html` -> `slug/`."""
    if output_file.endswith("index.html"):
        return output_file[: -len("index.html")]
    return output_file


def is_main(settings: dict) -> bool:
    return settings["DEFAULT_LANG"] == main_lang(settings)


