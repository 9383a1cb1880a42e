"""While previewing: the pages of the files just saved, written first, beside the build.

Hugo's server re-renders the pages being edited before the rest ("fast render"). Here the
build itself does it, with its own objects: once every site is read, interlinked and checked
(Pelican's `get_writer`), each site renders the pages of the saved posts and of their
translations with the template and context its writer is about to use, into a folder of the
cache that the preview server shows over output/. The open page follows the text while the
rest of the site is written; the atomic build then lands and replaces it. A published build
never asks for it, and output/ is never written here.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.utils import get_relative_path, path_to_url, sanitised_join

from .. import sites

logger = logging.getLogger(__name__)


@dataclass
class Request:
    """The saved files, where their pages go, and whom to tell (URL path -> file written)."""

    sources: set[str]
    folder: Path
    notify: Callable[[dict[str, str]], None]
    written: dict[str, str] = field(default_factory=dict)
    main_output: str | None = None
    sites: dict[str, list] = field(default_factory=dict)  # each site's generators, by its output folder


_request: Request | None = None


def request(sources: list[str], folder: str | Path, notify: Callable[[dict[str, str]], None]) -> None:
    """Ask the next build (in this process) to write the pages of `sources` first, into `folder`."""
    global _request  # one build per preview worker
    _request = Request({os.path.abspath(source) for source in sources}, Path(folder), notify)


def site_read(generators: list) -> None:
    """A site is read and checked: keep its generators; its translations of a saved post are wanted too."""
    if _request is None or not generators:
        return
    settings = generators[0].settings
    if sites.is_main(settings):
        _request.main_output = settings["OUTPUT_PATH"]
    _request.sites[settings["OUTPUT_PATH"]] = generators
    for content in _contents(generators):
        if content.source_path in _request.sources:
            _request.sources |= {other.source_path for other in getattr(content, "translations", [])}


def write_site_pages(settings: dict) -> None:
    """Every site is read: write this site's wanted pages; the main site, last, tells the preview."""
    global _request
    if _request is None or _request.main_output is None:
        return
    generators = _request.sites.pop(settings["OUTPUT_PATH"], None)
    try:
        if generators is not None:
            _write_pages(_request, generators, settings)
    except Exception as error:  # noqa: BLE001 - only the full build, which follows, reports problems
        logger.debug("b2b_blog: the first pages are left to the full build (%s)", error)
        _request.written.clear()
        _request.main_output = None
        return
    if sites.is_main(settings):
        if _request.written:
            _request.notify(_request.written)
        _request = None


def _write_pages(wanted: Request, generators: list, settings: dict) -> None:
    prefix = os.path.relpath(settings["OUTPUT_PATH"], wanted.main_output)
    target = wanted.folder / prefix
    for generator in generators:
        for kind, content in _writes(generator):
            if content.source_path not in wanted.sources or not content.save_as:
                continue
            html = _render(generator, kind, content)
            path = Path(sanitised_join(str(target), content.save_as))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
            url = sites.output_url(os.path.normpath(os.path.join(prefix, content.save_as)).replace(os.sep, "/"))
            wanted.written["/" + url.lstrip("/")] = str(path)


def _contents(generators: list):
    for generator in generators:
        for _kind, content in _writes(generator):
            yield content


def _writes(generator):
    """What the generator writes one page for, in Pelican's order (`generate_articles`,
    `generate_drafts`, `PagesGenerator.generate_output`)."""
    if isinstance(generator, ArticlesGenerator):
        for content in chain(generator.translations, generator.articles, generator.hidden_translations,
                             generator.hidden_articles):
            yield "article", content
        for content in chain(generator.drafts_translations, generator.drafts):
            yield "draft", content
    elif isinstance(generator, PagesGenerator):
        for content in chain(generator.translations, generator.pages, generator.hidden_translations,
                             generator.hidden_pages, generator.draft_translations, generator.draft_pages):
            yield "page", content


def _render(generator, kind: str, content) -> str:
    """The page as Pelican's writer renders it (`Writer.write_file`, without pagination)."""
    if kind == "page":
        values = {"page": content}
    else:
        values = {"article": content, "category": getattr(content, "category", None), "blog": True}
        if kind == "draft":
            values["all_articles"] = generator.articles
    context = generator.context
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    if generator.settings["RELATIVE_URLS"]:
        relative = path_to_url(get_relative_path(content.save_as))
        local["SITEURL"] = local["localsiteurl"] = relative
    local["output_file"] = content.save_as
    local.update(values)
    return generator.get_template(content.template).render(local)
