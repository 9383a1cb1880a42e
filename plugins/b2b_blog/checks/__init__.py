"""Checks of the built output, each an invoke task (`invoke check-*`), all run before publishing."""

from __future__ import annotations

from pathlib import Path

from .. import csp, sites
from .. import settings as plugin_settings
from .alternates import hreflang_problems
from .feeds import feed_errors
from .html import html_errors
from .leaks import leaks, private_material, public_runs, published_runs
from .links import broken_links, broken_redirects
from .security import security_errors


def draft_folders(settings: dict) -> tuple[str, ...]:
    """Where a local build writes drafts for their author to read (none with the publishing settings)."""
    if not settings.get("DRAFT_SAVE_AS"):  # the publishing settings: a file there is a leak
        return ()
    folders = {value.split("{")[0] for name in ("DRAFT_SAVE_AS", "DRAFT_PAGE_SAVE_AS", "DRAFT_LANG_SAVE_AS")
               if (value := settings.get(name)) and "/" in value.split("{")[0]}
    prefixes = [f"{lang}/{folder}" for folder in folders for lang in sites.languages(settings)
                if lang != sites.main_lang(settings)]
    return tuple(sorted({*folders, *prefixes}))


def run_check(name: str, output: Path, settings: dict) -> list[str]:
    """The problems one check finds in a built site (an empty list when it passes). A draft page that a
    local build writes links to its own tags, which have no page: no broken link (the leak check still
    reports that drafts are in this output)."""
    found = _problems(name, output, settings)
    drafts = draft_folders(settings)
    if name == "links" and drafts:
        return [line for line in found if not line.startswith(drafts)]
    return found


def _problems(name: str, output: Path, settings: dict) -> list[str]:
    origin = settings["SITE_ORIGIN"]
    if name == "links":
        return [f"{page}: broken link to {target}" for page, target in broken_links(output, origin)] + \
            broken_redirects(output)
    if name == "hreflang":
        return hreflang_problems(output, origin, settings["DEFAULT_LANG"])
    if name == "html":
        return html_errors(output)
    if name == "feeds":
        return feed_errors(output)
    if name == "security":
        return security_errors(output, origin, csp.policy(settings), csp.published_policy(settings))
    if name == "leaks":
        languages = sites.languages(settings)
        topics = set(plugin_settings.get(settings, "B2B_TOPICS"))
        cases = plugin_settings.get(settings, "B2B_CASES_PATH")
        secrets = private_material(Path(settings["PATH"]), languages, topics, cases)
        content = Path(settings["PATH"])
        return leaks(output, secrets, public_runs(content, cases), published_runs(content, cases))
    raise ValueError(f"unknown check {name!r}")


CHECKS = ("links", "hreflang", "html", "feeds", "security", "leaks")
