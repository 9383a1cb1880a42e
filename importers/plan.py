"""The whole import decided before anything is written: files, languages, pairs, labels, redirects, images."""

from __future__ import annotations

import datetime
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from b2b_blog import settings as plugin_settings
from b2b_blog import sites
from pelican.urlwrappers import Tag
from pelican.utils import slugify

from . import pairing
from .comments import comments_file
from .html_cleanup import block_text, clean_html, to_markdown
from .labels import LabelMapping
from .languages import SURE, detect, post_languages
from .model import Blog, Item

REMOTE_IMAGE_HOSTS = ("blogger.googleusercontent.com", "bp.blogspot.com", "googleusercontent.com")
OLD_FEEDS = ("/feeds/posts/default", "/feeds/posts/summary", "/feeds/comments/default")
TITLE_SEPARATORS = re.compile(r"\s+(?:/|\||–|—|-)\s+")
REDIRECTS_FILE = "redirects.json"


@dataclass
class Unit:
    """One file to write: a post or page in one language."""

    item: Item
    lang: str
    blocks: list[str]
    title: str
    slug: str = ""
    key: str = ""
    aliases: list[str] = field(default_factory=list)
    with_comments: bool = False
    mixed: bool = False

    @property
    def folder(self) -> str:
        return f"{self.lang}/pages" if self.item.kind == "page" else self.lang

    @property
    def source(self) -> str:
        """The file's path inside the content folder."""
        return f"{self.folder}/{self.slug}.md"


@dataclass
class Image:
    post: str
    src: str
    status: str  # "copied to ...", "remote: ...", "missing"


@dataclass
class Plan:
    """Everything the import will do; printed whole by --dry-run, applied by the writer."""

    schema: str
    files: dict[str, str] = field(default_factory=dict)  # path under the project root -> text
    copies: dict[str, Path] = field(default_factory=dict)  # path under the project root -> local image
    languages: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    images: list[Image] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing, but maybe no problem: the exit code ignores them

    def report(self) -> str:
        lines = [f"Export schema: {self.schema}", f"Files ({len(self.files) + len(self.copies)}):"]
        lines += [f"  {path}" for path in sorted([*self.files, *self.copies])]
        sections = [("Languages", self.languages), ("Pairs written", self.pairs),
                    ("Possible pairs to confirm with --pair OLD_PATH=OLD_PATH", self.candidates),
                    ("Labels", [f"{label} -> {what}" for label, what in sorted(self.labels.items())]),
                    ("Redirects", [f"{old} -> {new}" for old, new in sorted(self.redirects.items())]),
                    ("Images", [f"{image.post}: {image.src} ({image.status})" for image in self.images]),
                    ("Left out", self.skipped), ("Problems", self.problems), ("Notes", self.notes)]
        for title, entries in sections:
            lines.append(f"{title} ({len(entries)}):")
            lines += [f"  {entry}" for entry in entries] or ["  none"]
        return "\n".join(lines)


def plan_blogger(blog: Blog, settings: dict, forced: list[tuple[str, str]] = (), images_dir: Path | None = None,
                 content: str = "content") -> Plan:
    """Decide every file of the import of a Blogger export."""
    languages = tuple(sites.languages({**settings, "B2B_MAIN_LANG": settings["DEFAULT_LANG"]}))
    plan = Plan(schema=blog.schema, problems=list(blog.problems))
    units: list[Unit] = []
    for item in blog.items:
        if item.status == "deleted":
            plan.skipped.append(f"{item.old_path or item.title}: deleted on Blogger")
            continue
        units += _language_units(item, languages, plan)
    _name_units(units)
    _pair_units(units, forced, plan)
    mapping = LabelMapping(plugin_settings.get(settings, "B2B_TOPICS"), plugin_settings.get(settings, "B2B_KINDS"))
    old_paths = {unit.item.old_path: unit for unit in units if unit.item.old_path and unit.aliases}
    image_files = _local_images(images_dir)
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    for unit in units:
        mapping.add_to_group(unit.key, unit.item.labels)
    for unit in units:
        by_lang = {u.lang: u for u in units if u.key == unit.key}
        body = to_markdown(unit.blocks, link=lambda href, unit=unit: _old_link(href, unit, old_paths, units),
                           image=lambda src, unit=unit: _image(src, unit, image_files, plan, content))
        plan.files[f"{content}/{unit.source}"] = _header(unit, mapping, zone, len(by_lang) > 1) + "\n" + body
        if unit.with_comments and unit.item.comments:
            stem = unit.source[: -len(".md")]
            plan.files[f"{content}/comments/{stem}.json"] = comments_file(
                unit.source, unit.item.comments)
    for label, (what, value) in sorted(mapping.seen.items()):
        plan.labels[label] = f"{what} {value}"
    _redirects(plan, units, mapping, settings, languages, content)
    return plan


def _language_units(item: Item, languages: tuple[str, ...], plan: Plan) -> list[Unit]:
    blocks = clean_html(item.html)
    main, per_lang = post_languages(blocks, languages)
    titles = _split_title(item.title, languages) if len(per_lang) > 1 else {}
    units = []
    for lang, lang_blocks in per_lang.items():
        unit = Unit(item, lang, lang_blocks, titles.get(lang, item.title), mixed=len(per_lang) > 1)
        if lang == main:
            unit.aliases = [item.old_path] if item.old_path else []
            unit.with_comments = True
        units.append(unit)
    where = item.old_path or item.title
    if len(per_lang) > 1:
        plan.languages.append(f"{where}: mixes {' and '.join(per_lang)}, split in {len(per_lang)} posts")
        if not titles:
            plan.problems.append(f"{where}: the title {item.title!r} is in one language only; both versions "
                                 "carry it (translate it in the file written for the other language)")
    else:
        text = " ".join(block_text(block) for block in blocks)
        sure = len(text.split()) >= 3 and detect(text, languages)[1] >= SURE
        plan.languages.append(f"{where}: {main}" + ("" if sure else " (too little text to tell; check it)"))
    return units


def _split_title(title: str, languages: tuple[str, ...]) -> dict[str, str]:
    """'Titre / Title' -> {'fr': 'Titre', 'en': 'Title'} when the halves are in two languages."""
    parts = TITLE_SEPARATORS.split(title, maxsplit=1)
    if len(parts) != 2:
        return {}
    found = {detect(part, languages)[0]: part.strip() for part in parts}
    return found if len(found) == 2 and None not in found else {}


def _name_units(units: list[Unit]) -> None:
    """Slugs from the old file names (the other language's from its own title); unique per folder."""
    taken: set[tuple[str, str]] = set()
    for unit in units:
        base = Path(urlsplit(unit.item.old_path).path).stem if unit.item.old_path else ""
        if not base or (unit.mixed and not unit.aliases and unit.title != unit.item.title):
            base = slugify(unit.title) or base
        base = re.sub(r"[^a-z0-9-]+", "-", slugify(base or "post")).strip("-") or "post"
        slug, number = base, 2
        while (unit.folder, slug) in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add((unit.folder, slug))
        unit.slug = slug
    for unit in units:  # a mixed post's versions share their key, the main version's slug
        main = next(u for u in units if u.item is unit.item and u.with_comments) if unit.mixed else unit
        unit.key = main.slug if unit.item.kind == "post" else f"page-{main.slug}"


def _pair_units(units: list[Unit], forced: list[tuple[str, str]], plan: Plan) -> None:
    single = [unit for unit in units if not unit.mixed]
    by_path = {unit.item.old_path: unit for unit in single if unit.item.old_path}
    wanted = []
    for first, second in forced:
        missing = [path for path in (first, second) if path not in by_path]
        if missing:
            plan.problems.append(f"--pair {first}={second}: no single-language post at {', '.join(missing)}")
        elif by_path[first].lang == by_path[second].lang:
            plan.problems.append(f"--pair {first}={second}: both posts are in {by_path[first].lang}")
        else:
            wanted.append((first, second))
    old_paths = set(by_path)
    evidence = [pairing.evidence_of(unit.item.old_path, unit.lang, unit.item.published,
                                    f"<p>{html.escape(unit.title)}</p>" + "".join(unit.blocks), old_paths)
                for unit in by_path.values() if unit.item.kind == "post"]
    chosen, candidates = pairing.choose_pairs(pairing.score_pairs(evidence), wanted)
    for pair in chosen:
        first, second = by_path[pair.first], by_path[pair.second]
        main = first if first.lang == units[0].lang else second
        first.key = second.key = main.slug
        plan.pairs.append(f"{pair.first} = {pair.second} (score {pair.score}: {'; '.join(pair.reasons)})")
    for pair in candidates:
        plan.candidates.append(f"--pair {pair.first}={pair.second} (score {pair.score}: {'; '.join(pair.reasons)})")


def _header(unit: Unit, mapping: LabelMapping, zone: ZoneInfo, translated: bool) -> str:
    item = unit.item
    topics, kind, tags = mapping.apply(item.labels, unit.key)
    date = (item.published or datetime.datetime.now(datetime.UTC)).astimezone(zone)
    fields = [("Title", " ".join(unit.title.split()) or unit.slug), ("Date", f"{date:%Y-%m-%d %H:%M}")]
    if item.updated and item.published and item.updated.astimezone(zone) > date + datetime.timedelta(days=1):
        fields.append(("Modified", f"{item.updated.astimezone(zone):%Y-%m-%d %H:%M}"))
    fields += [("Slug", unit.slug), ("Translation_key", unit.key)]
    if item.kind == "post":
        fields += [("Kind", kind), ("Topics", ", ".join(topics)), ("Tags", ", ".join(tags))]
    if item.status == "draft":
        fields.append(("Status", "draft"))
    fields.append(("Aliases", ", ".join(unit.aliases)))
    return "".join(f"{name}: {value}\n" for name, value in fields if value)


def _old_link(href: str, unit: Unit, old_paths: dict[str, Unit], units: list[Unit]) -> str:
    """A link to an old post becomes a {filename} link to its new file, in the same language if it has one."""
    path = urlsplit(href).path
    target = old_paths.get(path)
    if target is None:
        return href
    same_lang = next((u for u in units if u.key == target.key and u.lang == unit.lang
                      and u.item.kind == target.item.kind), target)
    fragment = f"#{urlsplit(href).fragment}" if urlsplit(href).fragment else ""
    return f"{{filename}}/{same_lang.source}{fragment}"


def _local_images(folder: Path | None) -> dict[str, list[Path]]:
    """The author's downloaded images by lowercase file name (several files may share one)."""
    found: dict[str, list[Path]] = {}
    for path in sorted(folder.rglob("*")) if folder is not None else []:
        if path.is_file():
            found.setdefault(path.name.lower(), []).append(path)
    return found


def _image(src: str, unit: Unit, files: dict[str, list[Path]], plan: Plan, content: str) -> str:
    """A local copy ({static} link) when the author's folder has the file; else the address, reported."""
    name = Path(urlsplit(src).path).name
    candidates = files.get(name.lower(), [])
    if len(candidates) > 1:
        # Same file name in several folders: the one whose folders appear in the image's address.
        parts = set(urlsplit(src).path.split("/"))
        candidates = [path for path in candidates if parts & set(path.parent.parts)] or candidates
    if len(candidates) == 1:
        target = f"images/{unit.slug}/{name}"
        plan.copies[f"{content}/{target}"] = candidates[0]
        plan.images.append(Image(unit.source, src, f"copied to {content}/{target}"))
        return f"{{static}}/{target}"
    if len(candidates) > 1:
        plan.images.append(Image(unit.source, src, "several local files have this name"))
        plan.problems.append(f"{unit.source}: several files of the images folder are named {name} "
                             f"({', '.join(str(p) for p in candidates)}); keep the right one only, or put it in "
                             "a folder named like a part of its address")
        return src
    host = urlsplit(src).netloc
    if not host:
        plan.images.append(Image(unit.source, src, "not found"))
        plan.problems.append(f"{unit.source}: the image {src} is not in the export; add it to the images folder")
    elif any(host == h or host.endswith("." + h) for h in REMOTE_IMAGE_HOSTS):
        plan.images.append(Image(unit.source, src, "left on Blogger's servers"))
        plan.problems.append(f"{unit.source}: the image {src} is still on Blogger's servers, which the site's "
                             "Content-Security-Policy blocks; download it and import again with --images DIR")
    else:
        plan.images.append(Image(unit.source, src, f"on another site ({host})"))
        plan.problems.append(f"{unit.source}: the image {src} is on another site ({host}), which the site's "
                             "Content-Security-Policy blocks; download it and import again with --images DIR")
    return src


def label_page(label: str, langs: list[str], mapping: LabelMapping, settings: dict,
               languages: tuple[str, ...]) -> str:
    """The new page of an old label: its topic, kind or tag page, in the main language if posts there use it."""
    main = languages[0]
    lang = main if main in langs else langs[0]
    what, value = mapping.map(label)
    if what == "tag":
        url = Tag(value, {**settings, "DEFAULT_LANG": lang}).url
    else:
        section = sites.section(settings, lang, "topics" if what == "topic" else "kinds")
        entries = plugin_settings.get(settings, "B2B_TOPICS" if what == "topic" else "B2B_KINDS")
        url = f"{section}/{entries[value][lang]['slug']}/"
    return ("/" if lang == main else f"/{lang}/") + url


def write_redirects(plan: Plan, targets: dict[str, str], content: str) -> None:
    """The redirects no post declares (old label pages, old feeds), for the build's aliases."""
    plan.redirects.update(targets)
    plan.files[f"{content}/{REDIRECTS_FILE}"] = json.dumps(targets, ensure_ascii=False, indent=2,
                                                            sort_keys=True) + "\n"


def _redirects(plan: Plan, units: list[Unit], mapping: LabelMapping, settings: dict,
               languages: tuple[str, ...], content: str) -> None:
    for unit in units:
        for alias in unit.aliases:
            plan.redirects[alias] = f"(Aliases of {content}/{unit.source})"
    published = [unit for unit in units if unit.item.status == "published" and unit.item.kind == "post"]
    labels = sorted({label for unit in published for label in unit.item.labels})
    targets = {f"/search/label/{label}": label_page(label, [u.lang for u in published if label in u.item.labels],
                                                    mapping, settings, languages) for label in labels}
    feed = plugin_settings.get(settings, "B2B_FEED_PATH")
    targets.update({old: f"/{feed}" for old in OLD_FEEDS})
    write_redirects(plan, targets, content)
