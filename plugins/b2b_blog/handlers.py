"""The plugin's signal handlers: each one hands the work to the module that owns it."""

from __future__ import annotations

from jinja2 import pass_context
from pelican.plugins.i18n_subsites import i18n_subsites

from . import localization, posts, reader, seo, sites, translations
from .listings import ListingsGenerator
from .problems import problems
from .sitemap import SitemapGenerator


def start_build(pelican_obj) -> None:
    """On the main site only: forget the last build and prepare the catalogs."""
    settings = pelican_obj.settings
    if not sites.remember_main_site(settings):
        return
    problems.clear()
    translations.registry.clear()
    # i18n_subsites keeps module state that a failed build would leave half-used.
    i18n_subsites._MAIN_SETTINGS = None
    localization.prepare_catalogs(settings)
    settings["PAGINATED_TEMPLATES"] = {**settings["PAGINATED_TEMPLATES"], "term": None}


def add_reader(readers) -> None:
    reader.add_reader(readers)


def content_created(content) -> None:
    translations.pair_content(content)
    posts.enrich_post(content)


def articles_read(generator) -> None:
    translations.register_site_contents(generator)
    translations.register_site_listings(generator.settings)


def pages_read(generator) -> None:
    translations.register_site_contents(generator)


def stop_on_problems(_generators) -> None:
    """Stop before anything is written if any file holds a mistake."""
    problems.raise_if_any()


def extra_generators(_pelican_obj):
    return [ListingsGenerator, SitemapGenerator]


@pass_context
def _absolute(context, url: str) -> str:
    return sites.absolute(context, url)


@pass_context
def _site_url(context, url: str, lang: str | None = None) -> str:
    return sites.site_url(context, lang or context["DEFAULT_LANG"], url)


@pass_context
def _long_date(context, value, lang: str | None = None) -> str:
    return localization.long_date(context, value, lang or context["DEFAULT_LANG"])


@pass_context
def _translate_in(context, lang: str, message: str, **variables) -> str:
    return localization.translate_in(context, lang, message, **variables)


@pass_context
def _og_locale(context, lang: str) -> str:
    return localization.og_locale(context, lang)


@pass_context
def _blog_posting(context, article):
    return seo.blog_posting(context, article)


def install_template_helpers(generator) -> None:
    """Give every template the plugin's helpers."""
    generator.env.globals.update(
        page_versions=translations.page_versions,
        language_switch=translations.language_switch,
        translate_in=_translate_in,
        language_name=localization.language_name,
        blog_posting=_blog_posting,
        site_url=_site_url,
        og_locale=_og_locale,
    )
    generator.env.filters.update(absolute=_absolute, long_date=_long_date)
