"""Full-text search with Pagefind: a search page per language and an index built after every build."""

from __future__ import annotations

import logging
import subprocess
import sys

from pelican.generators import Generator

from . import settings as plugin_settings
from . import sites
from .problems import BuildError, Problem
from .translations import registry

logger = logging.getLogger(__name__)


def search_path(settings: dict, lang: str) -> str:
    return sites.section(settings, lang, "search") + "/"


class SearchPageGenerator(Generator):
    """Writes this language's search page; the index covers every language at once."""

    def generate_context(self) -> None:
        lang = self.settings["DEFAULT_LANG"]
        url = sites.site_url(self.settings, lang, search_path(self.settings, lang))
        registry.add("search", lang, url)
        self.context["b2b_search_url"] = url
        self.context["b2b_pagefind_url"] = sites.site_url(self.settings, sites.main_lang(self.settings), "pagefind/")

    def generate_output(self, writer) -> None:
        lang = self.settings["DEFAULT_LANG"]
        writer.write_file(search_path(self.settings, lang) + "index.html", self.get_template("search"),
                          self.context, b2b_identity="search")


def index_site(settings: dict) -> None:
    """Run Pagefind on the whole output: each `<html lang>` gets its own index."""
    if not plugin_settings.get(settings, "B2B_SEARCH_INDEX"):
        return
    command = [sys.executable, "-m", "pagefind", "--site", settings["OUTPUT_PATH"], "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        result = subprocess.CompletedProcess(command, 1, "", str(error))
    if result.returncode != 0:
        raise BuildError([Problem("(search index)", "pagefind", (result.stderr or result.stdout).strip()
                                  or "Pagefind failed", "install the pinned requirements: "
                                  "pip install -r requirements.txt -c constraints.txt")])
