"""Full-text search with Pagefind: a search page and a search index per language.

Each language site gets its own bundle (`/pagefind/`, `/en/pagefind/`), so a reader loads only
their language's index. Pagefind starts in the background as soon as a site's indexed pages are
written, and the end of the main site's build waits for every run. With the speed-ups on, the
English site is written after the French one (see `subsites`) and a site's listings and feeds
after its index has started (see `writer`), so each run overlaps other writing; a language whose
pages are byte-identical to the last build takes its bundle from the cache instead.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO

from pelican.generators import Generator

from . import settings as plugin_settings
from . import sites
from .cache_files import file_digest, note, read_json
from .leftovers import die_with_parent, remove_dead_leftovers
from .problems import BuildError, Problem
from .texts import Text
from .translations import registry

logger = logging.getLogger(__name__)

PAGEFIND = [sys.executable, "-m", "pagefind"]
FIX = Text("install the pinned requirements: pip install -r requirements.txt -c constraints.txt")
WHERE = Text("(search index)")
BUNDLE = "pagefind"
# Characters that Pagefind's glob syntax (wax) reads as syntax unless escaped.
GLOB_SPECIALS = set("\\,{}()[]<>*?$:")


def search_path(settings: dict, lang: str) -> str:
    return sites.section(settings, lang, "search") + "/"


class SearchPageGenerator(Generator):
    """Writes this language's search page, which loads this language's bundle."""

    def generate_context(self) -> None:
        lang = self.settings["DEFAULT_LANG"]
        url = sites.site_url(self.settings, lang, search_path(self.settings, lang))
        registry.add("search", lang, url)
        self.context["b2b_search_url"] = url
        self.context["b2b_pagefind_url"] = sites.site_url(self.settings, lang, BUNDLE + "/")

    def generate_output(self, writer) -> None:
        lang = self.settings["DEFAULT_LANG"]
        writer.write_file(search_path(self.settings, lang) + "index.html", self.get_template("search"),
                          self.context, b2b_identity="search")


@dataclass
class IndexRun:
    """One language's Pagefind process, writing into a work folder of the cache."""

    lang: str
    process: subprocess.Popen
    log: IO[bytes]
    work: Path  # holds `bundle/`, and `fingerprint` once cached
    target: Path  # <site output>/pagefind
    fingerprint: str | None  # None: speed-ups off, the bundle is not kept


_runs: list[IndexRun] = []


def start_indexing(settings: dict) -> None:
    """When a language site is written: reuse its cached bundle, or start Pagefind on its pages."""
    if not plugin_settings.get(settings, "B2B_SEARCH_INDEX"):
        return
    lang = settings["DEFAULT_LANG"]
    site, glob, pages = indexed_pages(*site_pages(settings))
    cache = Path(settings["B2B_CACHE_ROOT"]) / "pagefind"
    fingerprint = None
    if plugin_settings.get(settings, "B2B_SPEEDUPS"):
        fingerprint = pages_fingerprint(pages, glob)
        stamp = cache / lang / "fingerprint"
        if _read_stamp(stamp) == fingerprint and bundle_intact(cache / lang):
            install(cache / lang / "bundle", site / BUNDLE)
            logger.debug("b2b_blog: the %s search index is unchanged, taken from the cache", lang)
            return
    # Pagefind writes outside the output: a build that fails meanwhile deletes its staging
    # folder, and a run still going must not write a stray bundle back into it.
    work = cache / f"{lang}.building-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    remove_dead_leftovers(cache, f"{lang}.building-")  # a killed build's run
    work.mkdir(parents=True)
    # A file, not a pipe: nobody reads the output until the run ends, and a full pipe would block it.
    log = tempfile.TemporaryFile()
    command = [*PAGEFIND, "--site", str(site), "--glob", glob, "--output-path", str(work / "bundle"), "--silent"]
    try:
        # Killed with the build, even by `kill -9`: no Pagefind goes on writing into the cache. The function
        # only calls prctl, through a symbol the parent resolved: nothing a lock of another thread guards.
        dies_with_us = functools.partial(die_with_parent, os.getpid())
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=dies_with_us)  # noqa: PLW1509
    except OSError as error:
        log.close()
        # The system's words (English) are kept; the page says they come from starting Pagefind.
        raise BuildError([Problem(WHERE, f"pagefind, {lang}", Text("{pagefind_error}", pagefind_error=error),
                                  FIX)]) from error
    _runs.append(IndexRun(lang, process, log, work, site / BUNDLE, fingerprint))


def finish_indexing() -> None:
    """At the end of the build: wait for every language's run and put each bundle in place."""
    try:
        failed = []
        for run in _runs:
            if run.process.wait() != 0:
                run.log.seek(0)
                output = run.log.read().decode("utf-8", "replace").strip()
                said = Text("{pagefind_output}", pagefind_output=output) if output else Text("Pagefind failed")
                failed.append(Problem(WHERE, f"pagefind, {run.lang}", said, FIX))
        if failed:
            raise BuildError(failed)
        for run in _runs:
            install(run.work / "bundle", run.target)
            if run.fingerprint is not None:
                keep_in_cache(run.work, run.work.with_name(run.lang), run.fingerprint)
    finally:
        stop_indexing()


def stop_indexing() -> None:
    """Stop the runs still going (a build failed before waiting for them) and forget them all."""
    for run in _runs:
        if run.process.poll() is None:
            run.process.kill()
        run.process.wait()
        run.log.close()
        shutil.rmtree(run.work, ignore_errors=True)
    _runs.clear()


# A failed build that ends the program leaves no Pagefind running behind it.
atexit.register(stop_indexing)


def install(bundle: Path, target: Path) -> None:
    """Put a bundle into a site, replacing any left there by an earlier build into the same folder.

    Copies, never hard links: a cached bundle changed later must not change a published site
    (a few milliseconds for the shipped site's 59 files).
    """
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(bundle, target, copy_function=shutil.copyfile)


def _read_stamp(stamp: Path) -> str | None:
    try:
        return stamp.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _manifest(bundle: Path) -> dict[str, list]:
    """Every file of a bundle: [size, SHA-256]."""
    return {path.relative_to(bundle).as_posix(): [path.stat().st_size, file_digest(path)]
            for path in sorted(bundle.rglob("*")) if path.is_file()}


def bundle_intact(cached: Path) -> bool:
    """Whether a cached bundle still holds exactly the files it was kept with; if not, it is discarded."""
    recorded = read_json(cached / "manifest.json", "the cached search index's manifest")
    if recorded is not None and recorded == _manifest(cached / "bundle"):
        return True
    note(f"the cached search index {cached} does not match its manifest; Pagefind runs again")
    shutil.rmtree(cached, ignore_errors=True)
    return False


def keep_in_cache(work: Path, cached: Path, fingerprint: str) -> None:
    """Make a finished run its language's cached bundle; only the latest is kept."""
    # The manifest and fingerprint are written first and the folder renamed whole: a half-kept
    # bundle never matches.
    (work / "manifest.json").write_text(json.dumps(_manifest(work / "bundle")), encoding="utf-8")
    (work / "fingerprint").write_text(fingerprint, encoding="utf-8")
    shutil.rmtree(cached, ignore_errors=True)
    try:
        work.rename(cached)
    except OSError:  # another build put its own bundle there first: keep that one
        shutil.rmtree(work, ignore_errors=True)


def site_pages(settings: dict) -> tuple[Path, str, list[str]]:
    """This site's folder, the Pagefind glob of its pages, and those pages (relative, sorted).

    Each site is indexed from its own folder: Pagefind's script prefixes result URLs with the
    bundle's parent folder (`/en/`). The main site's folder holds the subsites' folders, which
    Pagefind's globs cannot exclude (no negation): its glob lists the entries it keeps instead.
    """
    site = Path(settings["OUTPUT_PATH"]).resolve()
    subsites = set()
    if sites.is_main(settings):
        for lang in sites.languages(settings)[1:]:
            overrides = settings.get("I18N_SUBSITES", {}).get(lang, {})
            subsites.add(Path(overrides.get("OUTPUT_PATH") or site / lang).resolve())
    if not any(site in folder.parents for folder in subsites):
        pages = [page.relative_to(site).as_posix() for page in site.rglob("*.html") if page.is_file()]
        return site, "**/*.html", sorted(pages)
    patterns, pages = _kept_entries(site, site, subsites | {site / BUNDLE})
    return site, "{" + ",".join(patterns) + "}", sorted(pages)


def indexed_pages(site: Path, glob: str, pages: list[str]) -> tuple[Path, str, dict[str, bytes]]:
    """Only the pages that mark what Pagefind indexes (`data-pagefind-body`), named one by one,
    with their bytes (read once: the fingerprint hashes them).

    Once one page has the mark, Pagefind indexes no page without it: listings need not be read,
    which saves a quarter of its time.
    """
    read = {page: (site / page).read_bytes() for page in pages}
    marked = {page: data for page, data in read.items() if b"data-pagefind-body" in data}
    if not marked:
        return site, glob, read
    return site, "{" + ",".join(_escape(page) for page in marked) + "}", marked


def _kept_entries(root: Path, folder: Path, skipped: set[Path]) -> tuple[list[str], list[str]]:
    """Glob patterns for the HTML of `folder` outside the skipped folders, and the pages they match."""
    patterns: list[str] = []
    pages: list[str] = []
    for entry in sorted(folder.iterdir()):
        name = entry.relative_to(root).as_posix()
        if entry in skipped:
            continue
        if entry.is_dir() and any(entry in path.parents for path in skipped):
            inner_patterns, inner_pages = _kept_entries(root, entry, skipped)
            patterns += inner_patterns
            pages += inner_pages
        elif entry.is_dir():
            found = [page.relative_to(root).as_posix() for page in entry.rglob("*.html") if page.is_file()]
            if found:
                patterns.append(_escape(name) + "/**/*.html")
                pages += found
        elif entry.suffix == ".html":
            patterns.append(_escape(name))
            pages.append(name)
    return patterns, pages


def _escape(path: str) -> str:
    return "".join("\\" + char if char in GLOB_SPECIALS else char for char in path)


@functools.cache
def pagefind_version() -> str:
    """The installed Pagefind packages (and binary override) that write the bundles.

    Read from the packages' metadata: asking the binary would start Python once more per build.
    """
    found = [os.environ.get("PAGEFIND_BINARY_PATH", "")]
    for name in ("pagefind", "pagefind_bin", "pagefind_bin_extended"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(found)


def pages_fingerprint(pages: dict[str, bytes], glob: str) -> str:
    """A digest of what Pagefind reads: its version, the glob, and each page's path and bytes."""
    digest = hashlib.sha256(f"{pagefind_version()}\0{glob}\0".encode())
    for page, data in pages.items():
        digest.update(f"{page}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()
