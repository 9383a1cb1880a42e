"""Pairing of translations, the language switcher and hreflang alternates."""

from __future__ import annotations

from collections import defaultdict

from jinja2 import pass_context
from pelican.contents import Article, Page

from . import sites
from .problems import Problem, problems
from .texts import Text


class VersionRegistry:
    """Every page of every site, by identity: `post:<key>` -> {lang: url}.

    All sites register while reading and templates are rendered after every
    site has read its content, so each page sees its versions in all languages.
    """

    def __init__(self) -> None:
        self._urls: dict[str, dict[str, str]] = defaultdict(dict)
        self._keys: dict[tuple[str, str, str], str] = {}

    def clear(self) -> None:
        self._urls.clear()
        self._keys.clear()

    def add(self, identity: str, lang: str, url: str) -> None:
        self._urls[identity][lang] = url

    def versions(self, identity: str | None, languages: list[str]) -> dict[str, str]:
        urls = self._urls.get(identity or "", {})
        return {lang: urls[lang] for lang in languages if lang in urls}

    def items(self):
        return self._urls.items()

    def claim_key(self, kind: str, lang: str, key: str, source: str) -> str | None:
        """Record which file holds a translation key; return the other file if taken."""
        holder = self._keys.setdefault((kind, lang, key), source)
        return None if holder == source else holder


registry = VersionRegistry()


def content_identity(content) -> str:
    kind = "post" if isinstance(content, Article) else "page"
    return f"{kind}:{content.translation_key}"


def pair_content(content) -> None:
    """Give every post and page a translation key and refuse one used twice in a language."""
    if not isinstance(content, (Article, Page)):
        return
    relative = content.get_relative_source_path()
    if not getattr(content, "translation_key", None):
        # No key: the file is its own group, never paired by accident.
        content.translation_key = f"{content.lang}:{relative}"
        content.metadata["translation_key"] = content.translation_key
        return
    kind = "post" if isinstance(content, Article) else "page"
    other = registry.claim_key(kind, content.lang, content.translation_key, relative)
    if other:
        problems.add(Problem(
            relative, "translation_key",
            Text("the key '{key}' is already used by {other} in the same language", key=content.translation_key,
                 other=other),
            Text("give each post its own key; a key is shared only with the translation in another language"),
        ))


def register_site_contents(generator) -> None:
    """Register the posts or pages written by the current site."""
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    contents = getattr(generator, "articles", None)
    if contents is None:
        contents = generator.pages
    for content in [*contents, *generator.translations]:
        if content.lang == lang:
            registry.add(content_identity(content), lang, sites.site_url(settings, lang, content.url))


def register_site_listings(settings: dict) -> None:
    """Register the pages every site has: home, archives, tags."""
    lang = settings["DEFAULT_LANG"]
    for identity, url in (("index", ""), ("archives", settings["ARCHIVES_SAVE_AS"]),
                          ("tags", settings["TAGS_SAVE_AS"])):
        if url is not None and (identity == "index" or url):
            registry.add(identity, lang, sites.site_url(settings, lang, sites.output_url(url)))


def page_identity(context) -> str | None:
    """What a rendered page is, the same in every language."""
    if context.get("b2b_identity"):
        return context["b2b_identity"]
    for name in ("article", "page"):
        content = context.get(name)
        if isinstance(content, (Article, Page)):
            return content_identity(content)
    # Pelican names its direct templates' pages after where they are saved.
    saved_as = {_without_html(context[f"{name.upper()}_SAVE_AS"]): name for name in ("archives", "tags")}
    saved_as["index"] = "index"
    return saved_as.get(context.get("page_name") or "")


def _without_html(save_as: str) -> str:
    return save_as.removesuffix(".html")


@pass_context
def page_versions(context) -> dict[str, str]:
    """This page's URL in every language that has it; empty unless this is that very page."""
    settings = context
    versions = registry.versions(page_identity(context), sites.languages(settings))
    lang = settings["DEFAULT_LANG"]
    here = sites.site_url(settings, lang, sites.output_url(context.get("output_file", "")))
    if versions.get(lang) != here:
        return {}
    return versions


@pass_context
def language_switch(context) -> list[dict]:
    """One link per other language: the same page there, else that language's home."""
    settings = context
    lang = settings["DEFAULT_LANG"]
    versions = registry.versions(page_identity(context), sites.languages(settings))
    links = []
    for other in sites.languages(settings):
        if other == lang:
            continue
        url = versions.get(other)
        links.append({
            "lang": other,
            "url": url or sites.site_url(settings, other, ""),
            "same_page": url is not None,
        })
    return links
