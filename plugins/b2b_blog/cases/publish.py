"""Publishing one edition: its PDF, exhibits, public teaching note and bundle, each described."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

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


def _render_into_cache(edition: Edition, site_name: str, citation: str, cache_dir: Path) -> bool:
    from .pdf import cached_pdf  # noqa: PLC0415

    return cached_pdf(edition, site_name=site_name, citation=citation, cache_dir=cache_dir)[2]


def prerender(jobs: dict[tuple[str, str], tuple[Edition, str, str]], cache_dir: Path) -> set[tuple[str, str]]:
    """Render the PDFs missing from the cache on every core; return the keys rendered now.

    Pelican works on one core; WeasyPrint is the slowest part of a cold build,
    so the editions of every language are rendered side by side first.
    """
    from .pdf import is_cached  # noqa: PLC0415

    jobs = {key: job for key, job in jobs.items()
            if not is_cached(job[0], site_name=job[1], citation=job[2], cache_dir=cache_dir)}
    if not jobs:
        return set()
    # Two workers at most: each holds a WeasyPrint of its own in memory.
    workers = min(len(jobs), os.cpu_count() or 1, 2)
    if workers == 1:
        return {key for key, (edition, name, citation) in jobs.items()
                if _render_into_cache(edition, name, citation, cache_dir)}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {key: pool.submit(_render_into_cache, edition, name, citation, cache_dir)
                   for key, (edition, name, citation) in jobs.items()}
        return {key for key, future in futures.items() if future.result()}


def publish_edition(edition: Edition, folder: Path, *, url: str, absolute_url: str, site_name: str,
                    cache_dir: Path) -> PublishedEdition:
    """Write the edition's files into `folder` (its page's folder) and describe them."""
    from .pdf import render_pdf  # noqa: PLC0415

    citation = suggested_citation(edition, absolute_url, site_name)
    stem = edition.reference.lower()
    pdf = render_pdf(edition, site_name=site_name, citation=citation, cache_dir=cache_dir,
                     output=folder / f"{stem}.pdf")
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
    bundle = build_bundle(edition, pdf.path, folder / f"{stem}.zip", readme_intro(edition, citation))
    return PublishedEdition(edition=edition, url=url, citation=citation, pages=pdf.pages, rendered=pdf.rendered,
                            pdf=describe(pdf.path), bundle=describe(bundle), exhibits=exhibits, note=note)
