"""The plugin's signal handlers: each one hands the work to the module that owns it."""

from __future__ import annotations

import copy

from jinja2 import pass_context
from pelican.plugins.i18n_subsites import i18n_subsites

from . import (
    aliases,
    confinement,
    content_links,
    fragments,
    localization,
    posts,
    reader,
    schedule,
    search,
    seo,
    sites,
    subsites,
    translations,
    unread,
    writer,
)
from . import settings as plugin_settings
from .cache_files import compiled_templates
from .cases import generator as case_generator
from .cases.downloads import human_size
from .cases.publish import background_pdfs
from .cases.texts import labels as case_labels
from .comments import pages as comment_pages
from .comments.form import comment_form
from .comments.store import store as comment_store
from .conversion_cache import conversion_fingerprint, conversions
from .csp import headers_problem, policy
from .listings import ListingsGenerator
from .preview import first_pages
from .problems import BuildError, problems
from .settings_check import setting_problems
from .sitemap import SitemapGenerator
from .topics import assign as topic_assignment
from .topics.related import link_related


def start_build(pelican_obj) -> None:
    """On the main site only: forget the last build and prepare the catalogs."""
    settings = pelican_obj.settings
    if not sites.remember_main_site(settings):
        return
    problems.clear()
    if mistakes := setting_problems(settings):
        raise BuildError(mistakes)
    for problem in [*confinement.symlink_problems(settings["PATH"]), *unread.unread_problems(settings)]:
        problems.add(problem)
    schedule.reset()
    search.stop_indexing()
    translations.registry.clear()
    topic_assignment.reset()
    case_generator.reset()
    fragments.reset()
    aliases.reset()
    # i18n_subsites keeps module state that a failed build would leave half-used,
    # and writes each subsite's paths into its overrides: give it this build's own copy.
    i18n_subsites._MAIN_SETTINGS = None
    settings["I18N_SUBSITES"] = copy.deepcopy(settings.get("I18N_SUBSITES", {}))
    subsites.forget_waiting_subsites()
    if plugin_settings.get(settings, "B2B_SPEEDUPS"):
        subsites.defer_subsites(settings)
    localization.prepare_catalogs(settings)
    if (mismatch := headers_problem(settings)) is not None:
        problems.add(mismatch)
    conversions.open(settings["CACHE_PATH"], conversion_fingerprint(settings),
                     enabled=plugin_settings.get(settings, "B2B_SPEEDUPS"))
    settings["PAGINATED_TEMPLATES"] = {**settings["PAGINATED_TEMPLATES"], "term": None}
    case_generator.start_pdf_rendering(settings)
    comment_store.open(settings)
    comment_pages.reset()


def add_reader(readers) -> None:
    reader.add_reader(readers)


def content_created(content) -> None:
    translations.pair_content(content)
    content_links.check_links(content)
    posts.enrich_post(content)
    topic_assignment.tag_post(content)


def drop_unlisted(generator) -> None:
    """When publishing, drafts and hidden content are not written at all."""
    if plugin_settings.get(generator.settings, "B2B_WRITE_UNLISTED"):
        return
    for name in ("drafts", "drafts_translations", "hidden_articles", "hidden_translations",
                 "hidden_pages", "draft_pages", "draft_translations"):
        if isinstance(getattr(generator, name, None), list):
            getattr(generator, name).clear()


def articles_read(generator) -> None:
    schedule.note_waiting(generator)
    drop_unlisted(generator)
    topic_assignment.learn_from_labelled(generator)
    for article in generator.articles:
        topic_assignment.agree_with_translations(article)
    link_related(generator.articles)
    posts.link_neighbours(generator.articles)
    posts.freeze_urls([*generator.articles, *generator.hidden_articles, *generator.drafts])
    translations.register_site_contents(generator)
    translations.register_site_listings(generator.settings)
    comment_pages.attach_comments(generator)


def pages_read(generator) -> None:
    drop_unlisted(generator)
    posts.freeze_urls([*generator.pages, *generator.hidden_pages, *generator.draft_pages])
    translations.register_site_contents(generator)


def stop_on_problems(generators) -> None:
    """Stop before anything is written if any file holds a mistake."""
    content_links.check_site_urls(generators)
    settings = generators[0].settings
    confinement.reserve_site_folders(settings)
    for problem in confinement.claim_contents(generators, settings):
        problems.add(problem)
    problems.raise_if_any()
    first_pages.site_read(generators)


def writer_for(pelican_obj):
    # i18n_subsites' own handler of this signal ran first: every site is read and interlinked.
    comment_pages.count_other_versions()
    first_pages.write_site_pages(pelican_obj.settings)  # only while previewing, for the pages just saved
    return writer.writer_class(pelican_obj)


def build_finished(pelican_obj) -> None:
    """Each site, once written, starts its search index; the main site then writes the subsites
    read meanwhile, and waits for every index."""
    writer.finish_writes()  # the search index reads the pages
    search.start_indexing(pelican_obj.settings)
    writer.write_later_pages()
    if sites.is_main(pelican_obj.settings):
        subsites.write_waiting_subsites()
        writer.finish_writes()
        topic_assignment.warn_untagged()
        if waiting := schedule.report():
            print(waiting)
        search.finish_indexing()
        conversions.save()
        comment_store.save()
        stop_background_work()


def stop_background_work() -> None:
    """Let the PDF workers go and the last files reach the disk: at the end of a build, or when it fails."""
    background_pdfs.stop()
    subsites.forget_waiting_subsites()
    writer.forget_later_pages()
    search.stop_indexing()
    writer.finish_writes(raise_errors=False)


def extra_generators(_pelican_obj):
    return [ListingsGenerator, case_generator.CasesGenerator, search.SearchPageGenerator, SitemapGenerator,
            aliases.AliasesGenerator]


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


@pass_context
def _learning_resource(context, entry):
    return seo.learning_resource(context, entry)


@pass_context
def _post_summary(context, article):
    return fragments.post_summary(context, article)


@pass_context
def _comment_form(context, article) -> dict:
    return comment_form(context, article)


@pass_context
def _file_size(context, size: int) -> str:
    return human_size(size, context["DEFAULT_LANG"])


@pass_context
def _level_label(context, level: str) -> str:
    return case_labels(context["DEFAULT_LANG"]).get(level, level)


def install_template_helpers(generator) -> None:
    """Give every template the plugin's helpers, and keep compiled templates between builds."""
    if plugin_settings.get(generator.settings, "B2B_SPEEDUPS"):
        generator.env.bytecode_cache = compiled_templates
    generator.env.globals.update(
        page_versions=translations.page_versions,
        language_switch=translations.language_switch,
        translate_in=_translate_in,
        language_name=localization.language_name,
        blog_posting=_blog_posting,
        post_summary=_post_summary,
        comment_form=_comment_form,
        learning_resource=_learning_resource,
        level_label=_level_label,
        site_url=_site_url,
        og_locale=_og_locale,
        b2b_content_security_policy=policy(generator.settings),
    )
    generator.env.filters.update(absolute=_absolute, long_date=_long_date, file_size=_file_size,
                                 bcp47=localization.bcp47)
