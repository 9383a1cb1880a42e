"""The case library on the site: a page per edition, its downloads, and the catalogue."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pelican.generators import Generator

from .. import settings as plugin_settings
from .. import sites
from ..problems import Problem, problems
from ..texts import Text
from ..translations import registry
from .citation import suggested_citation
from .fonts import describe, missing_files, missing_glyphs
from .model import Case, Edition, in_case, load_case_library
from .pdf import document_html, footer_text
from .publish import PublishedEdition, background_pdfs, publish_edition

logger = logging.getLogger(__name__)

# Every site publishes its own editions; catalogues also list the other languages' ones.
published: dict[tuple[str, str], PublishedEdition] = {}
# Editions a site has read but not yet published: each is published (PDF, bundle, downloads)
# the first time a page shows it, so the PDFs have rendered in the background meanwhile.
_unpublished: dict[tuple[str, str], Callable[[], PublishedEdition]] = {}
# The library as the main site read it: every language's site lists the same cases.
_library: list = []


def reset() -> None:
    background_pdfs.stop()
    published.clear()
    _unpublished.clear()
    _library.clear()


def publication(key: tuple[str, str]) -> PublishedEdition | None:
    """The published edition (case id, language), published now if it has not been yet."""
    if key in _unpublished:
        rendered_in_background = background_pdfs.wait(key)
        item = _unpublished.pop(key)()
        item.rendered = item.rendered or rendered_in_background
        published[key] = item
    return published.get(key)


def start_pdf_rendering(settings: dict) -> None:
    """On the main site, before any post is read: queue the PDFs of every language's editions."""
    if not plugin_settings.get(settings, "B2B_SPEEDUPS"):
        return
    cases = read_library(settings)
    if problems.any():
        return
    jobs = {}
    for case in cases:
        for lang, edition in case.editions.items():
            url = sites.site_url(settings, lang, case_folder(settings, lang, case.case_id))
            name = sites.site_name(settings, lang)
            citation = suggested_citation(edition, sites.absolute(settings, url), name)
            jobs[(case.case_id, lang)] = (edition, name, citation)
    background_pdfs.start(jobs, pdf_cache(settings), pdf_fonts(settings))


def read_library(settings: dict) -> list[Case]:
    """Read the case folders once per build (the main site runs first)."""
    if not _library:
        topics = plugin_settings.get(settings, "B2B_TOPICS")
        cases, found = load_case_library(Path(settings["PATH"]), plugin_settings.get(settings, "B2B_CASES_PATH"),
                                         sites.languages(settings), set(topics))
        for problem in [*found, *font_problems(settings, cases)]:
            problems.add(problem)
        _library.append(cases)
    return _library[0]


def font_problems(settings: dict, cases: list[Case]) -> list[Problem]:
    """A problem for each edition that prints a character the shipped fonts lack (or if fonts are missing)."""
    fonts = pdf_fonts(settings)
    absent = missing_files(fonts)
    if absent:
        return [Problem(str(path), "font", Text("the font file is missing"),
                        Text("restore it from git (theme/fonts/ holds every font the PDFs use)")) for path in absent]
    found = []
    for case in cases:
        for lang, edition in case.editions.items():
            url = sites.site_url(settings, lang, case_folder(settings, lang, case.case_id))
            name = sites.site_name(settings, lang)
            citation = suggested_citation(edition, sites.absolute(settings, url), name)
            chars = missing_glyphs(document_html(edition, name, citation), footer_text(lang), fonts)
            if chars:
                text = edition.source.read_text(encoding="utf-8-sig")
                line = next((number for number, row in enumerate(text.splitlines(), 1)
                             if any(char in row for char in chars)), None)
                rel = edition.source.relative_to(Path(settings["PATH"])).as_posix()
                found.append(Problem(rel, "text", Text("the PDF fonts have no glyph for {characters}",
                                                       characters=describe(chars)),
                                     in_case(case.case_id, Text("replace these characters, or add a font that has "
                                                                "them to {fonts} and to FONT_FACES in cases/fonts.py",
                                                                fonts=fonts)), line))
    return found


@dataclass
class CaseEntry:
    """A case as one language's catalogue shows it."""

    case: Case
    edition: Edition  # the reader's language if the case has it, else the first edition
    native: bool
    topics: list  # listing Terms of the reader's language

    @property
    def published(self) -> PublishedEdition | None:
        # Filled by the site that publishes the edition; every site has run before any page is written.
        return publication((self.case.case_id, self.edition.lang))

    def versions(self) -> list[tuple[str, PublishedEdition]]:
        found = [(lang, publication((self.case.case_id, lang))) for lang in self.case.languages]
        return [(lang, item) for lang, item in found if item is not None]


def case_folder(settings: dict, lang: str, case_id: str) -> str:
    return f"{sites.section(settings, lang, 'cases')}/{case_id}/"


def pdf_fonts(settings: dict) -> Path:
    """The theme's fonts folder: every PDF is set in these files only."""
    return Path(settings["THEME"]) / "fonts"


def pdf_cache(settings: dict) -> Path:
    # The main site's cache folder: subsites have their own CACHE_PATH.
    return Path(settings["B2B_CACHE_ROOT"]) / "case-pdfs"


class CasesGenerator(Generator):
    """Reads the case library, publishes this language's editions and lists every case."""

    def generate_context(self) -> None:
        lang = self.settings["DEFAULT_LANG"]
        languages = sites.languages(self.settings)
        cases = read_library(self.settings)
        topic_terms = {term.key: term for term in self.context.get("b2b_topics", [])}
        self.entries = []
        for case in cases:
            native = lang in case.editions
            edition = case.editions[lang] if native else next(iter(case.editions.values()))
            entry = CaseEntry(case, edition, native, [topic_terms[t] for t in edition.topics if t in topic_terms])
            self.entries.append(entry)
            if native:
                folder = case_folder(self.settings, lang, case.case_id)
                registry.add(f"case:{case.case_id}", lang, sites.site_url(self.settings, lang, folder))
        if not problems.any():
            self._register_editions(lang)
        self.context["b2b_cases"] = self.entries
        self.context["b2b_cases_contact"] = plugin_settings.get(self.settings, "B2B_CASES_CONTACT")
        self.context["b2b_case_filters"] = self._filters(lang, languages, topic_terms)

    def _register_editions(self, lang: str) -> None:
        for entry in self.entries:
            if not entry.native:
                continue
            folder = case_folder(self.settings, lang, entry.case.case_id)
            url = sites.site_url(self.settings, lang, folder)
            _unpublished[(entry.case.case_id, lang)] = partial(
                publish_edition, entry.edition, Path(self.output_path) / folder, url=url,
                absolute_url=sites.absolute(self.settings, url), site_name=sites.site_name(self.settings, lang),
                cache_dir=pdf_cache(self.settings), fonts=pdf_fonts(self.settings))

    def _filters(self, lang: str, languages: list[str], topic_terms: dict) -> dict:
        """Static pages that browse the catalogue by topic and by language: no JavaScript needed."""
        by_topic = []
        for key, term in topic_terms.items():
            path = f"{sites.section(self.settings, lang, 'case_topics')}/{term.slug}/"
            entries = [entry for entry in self.entries
                       if any(key in edition.topics for edition in entry.case.editions.values())]
            by_topic.append({"identity": f"case-topic:{key}", "label": term.label, "path": path,
                             "url": sites.site_url(self.settings, lang, path), "entries": entries})
        by_language = []
        for other in languages:
            path = f"{sites.section(self.settings, lang, 'case_languages')}/{other}/"
            entries = [entry for entry in self.entries if other in entry.case.editions]
            by_language.append({"identity": f"case-language:{other}", "lang": other, "path": path,
                                "url": sites.site_url(self.settings, lang, path), "entries": entries})
        for page in (*by_topic, *by_language):
            registry.add(page["identity"], lang, page["url"])
        return {"topics": by_topic, "languages": by_language}

    def generate_output(self, writer) -> None:
        if problems.any():
            return
        lang = self.settings["DEFAULT_LANG"]
        for entry in self.entries:
            if entry.native:
                publication((entry.case.case_id, lang))
                writer.write_file(case_folder(self.settings, lang, entry.case.case_id) + "index.html",
                                  self.get_template("case"), self.context, entry=entry,
                                  b2b_identity=f"case:{entry.case.case_id}")
        filters = self.context["b2b_case_filters"]
        for kind in ("topics", "languages"):
            for page in filters[kind]:
                writer.write_file(page["path"] + "index.html", self.get_template("cases"), self.context,
                                  selection=page, entries=page["entries"], b2b_identity=page["identity"])
        count = sum(1 for (_case, edition_lang), item in published.items() if edition_lang == lang and item.rendered)
        logger.info("b2b_blog: %d case PDF(s) rendered for '%s'", count, lang)
