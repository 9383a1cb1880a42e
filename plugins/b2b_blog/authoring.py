"""The author's tools: scaffold a post (and its translation), report missing or stale translations."""

from __future__ import annotations

import contextlib
import datetime
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pelican.utils import slugify

from . import settings as plugin_settings
from . import sites
from .dates import DateError, read_date
from .header import split_header

HEADER_FIELDS = ("Title", "Date", "Slug", "Translation_key", "Kind", "Tags", "Summary", "Status")


def read_header(path: Path) -> dict[str, str]:
    """The `Key: value` lines at the top of a Markdown file, keys lowercased."""
    fields, _body = split_header(path.read_text(encoding="utf-8"))
    return {key: field.text for key, field in fields.items()}


def _post_text(title: str, when: datetime.datetime, slug: str, key: str, kind: str) -> str:
    values = {"Title": title, "Date": when.strftime("%Y-%m-%d %H:%M"), "Slug": slug,
              "Translation_key": key, "Kind": kind, "Tags": "", "Summary": "",
              # A new post stays a draft until its author removes this line.
              "Status": "draft"}
    header = "\n".join(f"{field}: {values[field]}".rstrip() for field in HEADER_FIELDS)
    return f"{header}\n\nWrite the post here.\n"


def scaffold_post(settings: dict, *, title: str, lang: str, kind: str, key: str | None,
                  translation_title: str | None, when: datetime.datetime) -> list[Path]:
    """Create the post (and its translation's stub in the next language); never overwrite."""
    languages = sites.languages(settings)
    if lang not in languages:
        raise SystemExit(f"new-post: unknown language '{lang}'; use one of {', '.join(languages)}")
    kinds = plugin_settings.get(settings, "B2B_KINDS")
    if kind not in kinds:
        raise SystemExit(f"new-post: unknown kind '{kind}'; use one of {', '.join(kinds)}")
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    key = key or slug
    posts = [(lang, title, slug)]
    if translation_title:
        other = next(candidate for candidate in languages if candidate != lang)
        posts.append((other, translation_title,
                      slugify(translation_title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])))
    paths = [Path(settings["PATH"]) / post_lang / f"{post_slug}.md" for post_lang, _, post_slug in posts]
    for path in paths:
        if path.exists():
            raise SystemExit(f"new-post: {path} already exists; choose another title or edit that file")
    for path, (_, post_title, post_slug) in zip(paths, posts, strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_post_text(post_title, when, post_slug, key, kind), encoding="utf-8")
    return paths


@dataclass
class Version:
    path: Path
    lang: str
    key: str
    changed: datetime.datetime
    changed_from: str  # 'Modified', 'git' or 'file'


def _last_change(path: Path, header: dict, languages: tuple[str, ...] = ("fr", "en")) -> tuple[datetime.datetime, str]:
    """When a file last changed: its Modified field, else its last commit, else its mtime."""
    if header.get("modified"):
        # Read as the build reads it; a value the build refuses falls back to the commit's date.
        with contextlib.suppress(DateError):
            return read_date(header["modified"], languages).replace(tzinfo=None), "Modified"
    try:
        stamp = subprocess.run(["git", "log", "-1", "--format=%cI", "--", path.name],
                               cwd=path.parent, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        stamp = ""
    if stamp:
        return datetime.datetime.fromisoformat(stamp).replace(tzinfo=None), "git"
    return datetime.datetime.fromtimestamp(path.stat().st_mtime), "file"


def collect_versions(settings: dict) -> dict[str, list[Version]]:
    """Every post and page, grouped by `kind:key`."""
    groups: dict[str, list[Version]] = defaultdict(list)
    content = Path(settings["PATH"])
    for lang in sites.languages(settings):
        for path in sorted((content / lang).rglob("*.md")):
            header = read_header(path)
            kind = "page" if "pages" in path.relative_to(content / lang).parts else "post"
            key = header.get("translation_key") or f"{lang}:{path.name}"
            changed, source = _last_change(path, header, tuple(sites.languages(settings)))
            groups[f"{kind}:{key}"].append(Version(path.relative_to(content), lang, key, changed, source))
    return groups


def translation_report(settings: dict) -> str:
    languages = sites.languages(settings)
    missing: dict[str, list[str]] = defaultdict(list)
    stale: dict[str, list[str]] = defaultdict(list)
    for versions in collect_versions(settings).values():
        present = {version.lang for version in versions}
        for version in versions:
            for lang in languages:
                if lang not in present:
                    missing[version.lang].append(f"{version.path} has no {lang} translation")
        newest = max(versions, key=lambda version: version.changed)
        for version in versions:
            # Same-day edits count as one change: a commit of both files moments apart is not drift.
            if version.changed.date() < newest.changed.date():
                stale[version.lang].append(
                    f"{version.path} ({version.changed:%Y-%m-%d}, {version.changed_from}) is older than "
                    f"the change of {newest.path} ({newest.changed:%Y-%m-%d}, {newest.changed_from})")
    lines = []
    for lang in languages:
        lines.append(f"[{lang}] without translation: {len(missing[lang])}")
        lines += [f"  - {entry}" for entry in missing[lang]]
        lines.append(f"[{lang}] translations older than their original: {len(stale[lang])}")
        lines += [f"  - {entry}" for entry in stale[lang]]
    return "\n".join(lines)
