"""Publishing one edition: its PDF, exhibits, public teaching note and bundle, each described."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..confinement import Owner, claims
from ..leftovers import die_with_parent
from ..texts import Text
from .bundle import build_bundle, readme_intro
from .citation import suggested_citation
from .downloads import Download, describe
from .model import Edition


@dataclass
class PublishedEdition:
    """What the site offers for one edition: URLs are relative to the edition's folder URL."""

    edition: Edition
    url: str  # the case page, in its own language's site
    citation: str
    pages: int
    rendered: bool
    pdf: Download
    bundle: Download
    exhibits: list[tuple[str, Download]] = field(default_factory=list)  # (title, download)
    note: Download | None = None

    def download_url(self, download: Download, subfolder: str = "") -> str:
        return f"{self.url}{subfolder}{download.url_name}"


def _render_into_cache(edition: Edition, site_name: str, citation: str, cache_dir: Path, fonts: Path) -> bool:
    from .pdf import cached_pdf  # noqa: PLC0415

    return cached_pdf(edition, site_name=site_name, citation=citation, cache_dir=cache_dir, fonts=fonts)[2]


class BackgroundPdfs:
    """Renders the PDFs missing from the cache in worker processes while Pelican reads and writes.

    WeasyPrint is the slowest part of a cold build and Pelican works on one core:
    started before the posts are read, the workers use the other cores, and a
    case page waits only for its own edition's PDF.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._futures: dict[tuple[str, str], Future] = {}

    def start(self, jobs: dict[tuple[str, str], tuple[Edition, str, str]], cache_dir: Path, fonts: Path) -> None:
        """Queue every job whose PDF the cache lacks; jobs map a key to (edition, site name, citation)."""
        from .pdf import is_cached  # noqa: PLC0415

        self.stop()
        missing = {key: job for key, job in jobs.items()
                   if not is_cached(job[0], site_name=job[1], citation=job[2], cache_dir=cache_dir, fonts=fonts)}
        # One core stays with Pelican; two workers at most, each holds a WeasyPrint in memory.
        workers = min(len(missing), (os.cpu_count() or 1) - 1, 2)
        if workers < 1:
            return  # nothing to render, or a single core: each PDF renders when its page needs it
        # Each worker dies with the build, even one killed by `kill -9`.
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                         initializer=die_with_parent, initargs=(os.getpid(),))
        self._futures = {key: self._pool.submit(_render_into_cache, edition, name, citation, cache_dir, fonts)
                         for key, (edition, name, citation) in missing.items()}

    def wait(self, key: tuple[str, str]) -> bool:
        """Wait for the edition's PDF if it is queued; true if a worker rendered it."""
        future = self._futures.pop(key, None)
        return future.result() if future is not None else False

    def stop(self) -> None:
        """Drop what is still queued (a failed build) and let the workers go."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool, self._futures = None, {}


background_pdfs = BackgroundPdfs()


def publish_edition(edition: Edition, folder: Path, *, url: str, absolute_url: str, site_name: str,
                    cache_dir: Path, fonts: Path) -> PublishedEdition:
    """Write the edition's files into `folder` (its page's folder) and describe them."""
    from .pdf import render_pdf  # noqa: PLC0415

    citation = suggested_citation(edition, absolute_url, site_name)
    stem = edition.reference.lower()
    owner = Owner(Text("the downloads of case '{case}' ({lang})", case=edition.case_id, lang=edition.lang),
                  edition.lang,
                  edition.source.relative_to(edition.source.parents[2]).as_posix(), "reference")
    for name in (f"{stem}.pdf", f"{stem}.zip", *(f"exhibits/{exhibit.name}" for exhibit in edition.exhibits)):
        claims.claim(folder / name, owner)
    pdf = render_pdf(edition, site_name=site_name, citation=citation, cache_dir=cache_dir,
                     output=folder / f"{stem}.pdf", fonts=fonts)
    exhibits = []
    for exhibit in edition.exhibits:
        target = folder / "exhibits" / exhibit.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(exhibit.source, target)
        exhibits.append((exhibit.title, describe(target)))
    note = None
    if edition.teaching_note is not None and not edition.teaching_note.restricted:
        target = folder / "notes" / edition.teaching_note.source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(edition.teaching_note.source, target)
        note = describe(target)
    bundle = build_bundle(edition, pdf.path, folder / f"{stem}.zip", readme_intro(edition, citation),
                          cache_dir=cache_dir.with_name("case-bundles"))
    return PublishedEdition(edition=edition, url=url, citation=citation, pages=pdf.pages, rendered=pdf.rendered,
                            pdf=describe(pdf.path), bundle=describe(bundle), exhibits=exhibits, note=note)
