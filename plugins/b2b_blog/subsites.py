"""When the language subsites are written: after the main site, so its search index overlaps them.

i18n_subsites builds each subsite whole inside the main site's `get_writer`: the English site
is read and written, then the French site is written and its Pagefind run, started last, is
waited for alone. With the speed-ups, a subsite is read at that same moment (the main site
needs its translations) but written once the main site is: the main site's Pagefind run then
uses the second core while the subsite's pages are written. Every site is read before any is
written, so the pages are the same in either order.
"""

from __future__ import annotations

import locale
import os

from pelican import Pelican, signals
from pelican.plugins.i18n_subsites import i18n_subsites
from pelican.utils import clean_output_dir

# Subsites read and waiting for the main site to be written.
_waiting: list[DeferredSubsite] = []


def defer_subsites(settings: dict) -> None:
    """Make i18n_subsites build this build's subsites with `DeferredSubsite`."""
    for overrides in settings.get("I18N_SUBSITES", {}).values():
        overrides["PELICAN_CLASS"] = DeferredSubsite


class DeferredSubsite(Pelican):
    """A subsite whose `run` reads its content and keeps the writing for `write_waiting_subsites`."""

    def run(self) -> None:
        # Pelican.run (4.12) up to its writer; `_write` is the rest.
        context = self.settings.copy()
        context["generated_content"] = {}
        context["static_links"] = set()
        context["static_content"] = {}
        context["localsiteurl"] = self.settings["SITEURL"]
        self._generators = [
            cls(context=context, settings=self.settings, path=self.path, theme=self.theme,
                output_path=self.output_path)
            for cls in self._get_generator_classes()
        ]
        if self.delete_outputdir and not _contains(self.output_path, self.path):
            clean_output_dir(self.output_path, self.output_retention)
        for generator in self._generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        signals.all_generators_finalized.send(self._generators)
        for generator in self._generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        self._writer = self._get_writer()
        # i18n_subsites puts the main site's locale back once `run` returns.
        self._locale = locale.setlocale(locale.LC_ALL)
        _waiting.append(self)

    def _write(self) -> None:
        with i18n_subsites.temporary_locale(self._locale):
            for generator in self._generators:
                if hasattr(generator, "generate_output"):
                    generator.generate_output(self._writer)
            signals.finalized.send(self)


def _contains(folder: str, inner: str) -> bool:
    folder, inner = os.path.realpath(folder), os.path.realpath(inner)
    return os.path.commonpath([folder, inner]) == folder


def write_waiting_subsites() -> None:
    """Once the main site is written: write the subsites read meanwhile, in the order they were read."""
    while _waiting:
        _waiting.pop(0)._write()


def forget_waiting_subsites() -> None:
    """A failed build writes none of them."""
    _waiting.clear()
