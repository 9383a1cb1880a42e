"""Checks across files, before anything is written: links between sources, URLs used twice."""

from __future__ import annotations

import os
import posixpath
from urllib.parse import unquote, urlparse

from pelican.contents import Article, Content, Page

from . import sites
from .problems import Problem, problems
from .texts import Text

FIXES = {
    "filename": Text("link to an existing post or page, e.g. {{filename}}/fr/mon-billet.md or a path relative to "
                     "this file"),
    "static": Text("put the file in content/images/ (or another STATIC_PATHS folder) and link it with {{static}}"),
    "attach": Text("put the file in content/images/ (or another STATIC_PATHS folder) and link it with {{attach}}"),
}


def _line_of(source: str, needle: str) -> int | None:
    try:
        with open(source, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if needle in line:
                    return number
    except OSError:
        return None
    return None


def check_links(content: Content) -> None:
    """Every {filename}, {static} or {attach} link must lead to a file of the content folder.

    Run as each file is read by the main site, which reads every language's files.
    """
    if not isinstance(content, (Article, Page)) or not sites.is_main(content.settings):
        return
    content_root = content.settings["PATH"]
    source = content.source_path
    relative_dir = os.path.dirname(content.get_relative_source_path())
    for match in content._get_intrasite_link_regex().finditer(content._content or ""):
        what, value = match.group("what"), unquote(urlparse(match.group("value")).path)
        if what not in FIXES:
            continue
        target = value[1:] if value.startswith("/") else posixpath.normpath(posixpath.join(relative_dir, value))
        if not os.path.isfile(os.path.join(content_root, target)):
            problems.add(Problem(
                content.get_relative_source_path(), "link",
                Text("{link} leads to no file (looked for {target})", link=f"{{{what}}}{value}", target=target),
                FIXES[what], _line_of(source, value)))


def check_urls(contents: list[Content]) -> None:
    """Two contents of one site must not be saved at the same place."""
    seen: dict[str, Content] = {}
    for content in contents:
        save_as = getattr(content, "save_as", "")
        if not save_as:
            continue
        other = seen.setdefault(save_as, content)
        if other is not content and other.source_path != content.source_path:
            problems.add(Problem(
                content.get_relative_source_path(), "slug",
                Text("its URL {url} is already the URL of {other}", url=content.url,
                     other=other.get_relative_source_path()),
                Text("give one of them another Slug")))


def check_site_urls(generators) -> None:
    """URLs used twice among the contents of the site being built."""
    contents: list[Content] = []
    for generator in generators:
        for name in ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                     "hidden_translations", "pages", "hidden_pages", "draft_pages"):
            contents.extend(getattr(generator, name, []) or [])
    if not contents:
        return
    lang = contents[0].settings["DEFAULT_LANG"]
    check_urls([content for content in contents if content.lang == lang])
