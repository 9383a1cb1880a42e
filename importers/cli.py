"""What `invoke import-blogger` and `invoke import-pelican` run: read, plan, print, write."""

from __future__ import annotations

from pathlib import Path

from . import writer
from .blogger import ExportError, read_export
from .plan import plan_blogger
from .precheck import build_refusals, without_topics


def parse_pairs(values: list[str]) -> list[tuple[str, str]]:
    """`--pair /2016/11/a.html=/2016/11/b.html` -> [("/2016/11/a.html", "/2016/11/b.html")]."""
    pairs = []
    for value in values:
        first, sep, second = value.partition("=")
        if not sep or not first.strip() or not second.strip():
            raise SystemExit(f"--pair {value!r}: write it as OLD_PATH=OLD_PATH, e.g. "
                             "--pair /2016/11/confiance.html=/2016/11/trust.html")
        pairs.append((first.strip(), second.strip()))
    return pairs


def import_blogger(path: str, root: Path, settings: dict, dry_run: bool = False, pairs: list[str] = (),
                   images: str | None = None) -> int:
    """Import a Blogger export into `root`'s content folder; 1 when problems remain for the author."""
    try:
        blog = read_export(Path(path))
    except ExportError as error:
        print(f"import-blogger: {error}")
        return 2
    images_dir = Path(images) if images else None
    if images_dir is not None and not images_dir.is_dir():
        print(f"import-blogger: --images {images}: no such folder")
        return 2
    content = Path(settings["PATH"]).resolve().relative_to(root.resolve()).as_posix()
    plan = plan_blogger(blog, settings, parse_pairs(list(pairs)), images_dir, content)
    return _carry_out(plan, root, content, settings, dry_run)


def import_pelican(site: str, root: Path, settings: dict, dry_run: bool = False) -> int:
    """Import another Pelican site's Markdown content into `root`'s content folder."""
    from .pelican import plan_pelican  # noqa: PLC0415

    folder = Path(site)
    if not folder.is_dir():
        print(f"import-pelican: {site}: no such folder (give the folder holding pelicanconf.py and content/)")
        return 2
    content = Path(settings["PATH"]).resolve().relative_to(root.resolve()).as_posix()
    plan = plan_pelican(folder, settings, content)
    return _carry_out(plan, root, content, settings, dry_run)


def _carry_out(plan, root: Path, content: str, settings: dict, dry_run: bool) -> int:
    """Print the plan, then write it (unless a dry run); 1 when a problem or a kept file needs the author."""
    # What the build would refuse, and what it would warn of, said before anything is written.
    plan.problems += build_refusals(plan.files, settings)
    plan.notes += without_topics(plan.files, settings)
    print(plan.report())
    if dry_run:
        print("dry run: nothing written")
        return 1 if plan.problems else 0
    outcome = writer.apply(plan.files, plan.copies, root, content)
    print(outcome.report())
    return 1 if plan.problems or outcome.kept else 0
