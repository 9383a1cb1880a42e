"""Another Pelican site (Markdown files and, if any, its pelicanconf.py) into this project's layout."""

from __future__ import annotations

import ast
import datetime
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from b2b_blog import settings as plugin_settings
from b2b_blog import sites
from b2b_blog.reader import KNOWN_FIELDS
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date, slugify

from .labels import LabelMapping
from .plan import Plan, label_page, write_redirects

LINK = re.compile(r"(\{(?:filename|static|attach)\}|\|(?:filename|static|attach)\|)([^)\s\"'>]+)")
ABSOLUTE_STATIC = re.compile(r"(?<=[(\s:\"'])/((?:images|img|static|files)/[^)\s\"'>]+)")
# Fields read here and not kept as such (`translation: true` is Pelican's mark of the non-original version).
CONSUMED = {"translation", "category", "lang", "translation_key", "status", "slug", "title", "date", "modified",
            "tags", "summary", "author", "authors", "template", "save_as", "url"}


def read_settings_file(path: Path) -> tuple[dict, list[str]]:
    """The literal settings of a pelicanconf.py, read with `ast` (never run); what could not be read."""
    values, skipped = {}, []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name = node.targets[0].id
            try:
                values[name] = ast.literal_eval(node.value)
            except ValueError:
                skipped.append(name)
    return values, skipped


@dataclass
class OldPost:
    path: Path  # inside the old content folder
    meta: dict[str, str]
    body: str
    lang: str
    kind: str
    slug: str
    group: str = ""
    key: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    old_url: str = ""  # the address the old site gave it, when it differs from the new one
    file_time: datetime.datetime | None = None  # the file's modification time (DEFAULT_DATE = 'fs')

    @property
    def source(self) -> str:
        return f"{self.lang}/pages/{self.slug}.md" if self.kind == "page" else f"{self.lang}/{self.slug}.md"


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Pelican's Markdown header (`Key: value` lines, indented continuations) and the body."""
    meta, lines = {}, text.lstrip("\ufeff").splitlines()
    last, index = None, 0
    for index, line in enumerate(lines):  # noqa: B007 - the index after the loop is where the body starts
        match = re.match(r"^([A-Za-z][\w-]*)\s*:\s*(.*)$", line)
        if match:
            last = match.group(1).lower()
            meta[last] = match.group(2).strip()
        elif line.startswith((" ", "\t")) and last and line.strip():
            meta[last] += " " + line.strip()
        else:
            break
    else:
        index = len(lines)
    body = "\n".join(lines[index:]).strip("\n")
    body = re.sub(r"^---\s*\n", "", body)  # some sites end their header with a rule
    return meta, body + "\n"


def plan_pelican(site: Path, settings: dict, content: str = "content") -> Plan:
    """Decide every file of the import of a Pelican site."""
    plan = Plan(schema="Pelican site")
    old: dict = {}
    conf = site / "pelicanconf.py"
    if conf.is_file():
        old, skipped = read_settings_file(conf)
        plan.problems += [f"pelicanconf.py: {name} is not a literal value, its default was used" for name in skipped]
    if (site / "publishconf.py").is_file():  # what the published site used (its feeds, its URLs) wins
        published, _skipped = read_settings_file(site / "publishconf.py")
        old.update({name: value for name, value in published.items() if name.isupper()})
    languages = tuple(sites.languages({**settings, "B2B_MAIN_LANG": settings["DEFAULT_LANG"]}))
    default_lang = old.get("DEFAULT_LANG", languages[0])
    old_content = site / old.get("PATH", "content")
    posts = _read_posts(old_content, old, languages, plan)
    _name_and_pair(posts, plan)
    statics = _static_files(old_content, old.get("STATIC_PATHS", ["images"]))
    mapping = LabelMapping(plugin_settings.get(settings, "B2B_TOPICS"), plugin_settings.get(settings, "B2B_KINDS"))
    by_old = {str(post.path): post for post in posts}
    zone = ZoneInfo(old.get("TIMEZONE") or settings.get("TIMEZONE") or "UTC")
    for post in posts:
        post.old_url = _old_url(post, old, default_lang, post.meta)
        mapping.add_to_group(post.key, [post.meta["category"]] if post.meta.get("category") else [])
    by_url = {_old_address(post, old, default_lang): post for post in posts}
    for post in posts:
        body = _rewrite_links(post, by_old, statics, plan)
        body = _rewrite_relative(body, _old_address(post, old, default_lang), by_url, statics)
        plan.problems += [f"{post.path}: the link {target!r} leads to {path} on the old site, which is none of "
                          "its posts, pages or files: give it the new address (a relative link breaks when the "
                          "post moves)" for target, path in _unresolved_relative(body, _old_address(post, old,
                                                                                                   default_lang))]
        header = _header(post, old, mapping, zone, default_lang, plan)
        plan.files[f"{content}/{post.source}"] = header + "\n" + _text_of(post, body, content, plan)
        plan.languages.append(f"{post.path}: {post.lang}")
    for old_path, new_path in statics.items():
        plan.copies[f"{content}/{new_path}"] = old_content / old_path
    for label, (what, value) in sorted(mapping.seen.items()):
        plan.labels[label] = f"{what} {value}"
    _site_redirects(plan, posts, old, mapping, settings, languages, content)
    extra_fields = sorted({name for post in posts for name in post.extra})
    if extra_fields:
        plan.problems.append(f"header fields of the old site kept as they are ({', '.join(extra_fields)}): "
                             f"add to pelicanconf.py the line B2B_EXTRA_FIELDS = {extra_fields!r}")
    return plan


def _site_redirects(plan: Plan, posts: list[OldPost], old: dict, mapping: LabelMapping, settings: dict,
                    languages: tuple[str, ...], content: str) -> None:
    """The old site's category, tag and feed addresses, to their new pages and feeds."""
    published = [post for post in posts if post.kind == "post" and post.meta.get("status", "published") == "published"]
    feed = "/" + plugin_settings.get(settings, "B2B_FEED_PATH")
    targets: dict[str, str] = {}

    def add(setting: str, default: str, target: str, **values) -> None:
        pattern = old.get(setting, default)  # None or "" when the old site did not write it
        if isinstance(pattern, str) and pattern:
            pattern = pattern.replace("%s", "{slug}" if "slug" in values else "{lang}")  # Pelican 3 wrote %s
            try:
                targets.setdefault("/" + pattern.format(**values).lstrip("/"), target)
            except (KeyError, IndexError, ValueError):
                plan.problems.append(f"pelicanconf.py: {setting} {pattern!r} could not be read; no redirect made")

    add("FEED_ALL_ATOM", "feeds/all.atom.xml", feed)
    for lang in languages:
        add("TRANSLATION_FEED_ATOM", "feeds/all-{lang}.atom.xml", feed if lang == languages[0] else f"/{lang}{feed}",
            lang=lang)
    for category in sorted({post.meta["category"] for post in published if post.meta.get("category")}):
        page = label_page(category, [p.lang for p in published if p.meta.get("category") == category],
                          mapping, settings, languages)
        add("CATEGORY_URL", "category/{slug}.html", page, slug=old_slug(category, old, "CATEGORY"))
        add("CATEGORY_FEED_ATOM", "feeds/{slug}.atom.xml", page, slug=old_slug(category, old, "CATEGORY"))
    for post in published:
        for tag in filter(None, (t.strip() for t in re.split(r"[,;]", post.meta.get("tags", "")))):
            add("TAG_URL", "tag/{slug}.html", label_page(tag, [post.lang], mapping, settings, languages),
                slug=old_slug(tag, old, "TAG"))
    write_redirects(plan, {path: url for path, url in targets.items() if path != url}, content)


def old_slug(label: str, old: dict, kind: str) -> str:
    """The slug the old site gave a category or tag: Pelican's slugify with the old site's own rules
    (its regex substitutions turn 'Au coin du feu' into 'au-coin-du-feu')."""
    subs = (old.get(f"{kind}_REGEX_SUBSTITUTIONS") or old.get("SLUG_REGEX_SUBSTITUTIONS")
            or DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    return slugify(label, regex_subs=subs, preserve_case=bool(old.get("SLUGIFY_PRESERVE_CASE", False)),
                   use_unicode=bool(old.get("SLUGIFY_USE_UNICODE", False)))


def _read_posts(old_content: Path, old: dict, languages: tuple[str, ...], plan: Plan) -> list[OldPost]:
    """Every Markdown file of the old site in a language that has a site here."""
    default_lang = old.get("DEFAULT_LANG", languages[0])
    defaults = {key.lower(): str(value) for key, value in old.get("DEFAULT_METADATA", {}).items()}
    page_dirs = [PurePosixPath(p) for p in old.get("PAGE_PATHS", ["pages"])]
    translation_id = old.get("ARTICLE_TRANSLATION_ID", "slug")
    for path in sorted(p for suffix in ("*.rst", "*.html", "*.htm") for p in old_content.rglob(suffix)):
        if not any(path.relative_to(old_content).as_posix().startswith(f"{static}/")
                   for static in old.get("STATIC_PATHS", ["images"])):
            plan.problems.append(f"{path.relative_to(old_content)}: only Markdown posts are imported; "
                                 "convert this file to Markdown (e.g. with pandoc) and import again")
    posts: list[OldPost] = []
    for path in sorted(old_content.rglob("*.md")):
        relative = PurePosixPath(path.relative_to(old_content).as_posix())
        meta, body = split_header(path.read_text(encoding="utf-8", errors="replace"))
        meta = {**defaults, **meta}
        lang = meta.get("lang", default_lang)
        if lang not in languages:
            plan.problems.append(f"{relative}: language {lang!r} has no site here (sites: {', '.join(languages)})")
            continue
        kind = "page" if any(relative.is_relative_to(d) for d in page_dirs) else "post"
        slug = re.sub(r"[^a-z0-9-]+", "-", slugify(meta.get("slug") or meta.get("title") or path.stem)).strip("-")
        post = OldPost(relative, meta, body, lang, kind, slug or path.stem.lower())
        post.group = meta.get(translation_id) or meta.get("slug") or post.slug
        post.file_time = datetime.datetime.fromtimestamp(path.stat().st_mtime)
        posts.append(post)
    return posts


def _text_of(post: OldPost, body: str, content: str, plan: Plan) -> str:
    """The post's text; a record that the old theme rendered from its fields (a talk, a paper) lists them."""
    if body.strip():
        return body
    if post.extra:
        plan.problems.append(f"{post.path}: no text, only fields; {content}/{post.source} lists them as its "
                             "text: rewrite it as you wish")
        return "".join(f"- **{name.replace('_', ' ').capitalize()}**: {_linked(value)}\n"
                       for name, value in post.extra.items())
    plan.problems.append(f"{post.path}: no text after its header (this blog refuses empty posts): write "
                         f"one in {content}/{post.source}, or delete that file")
    return body


def _name_and_pair(posts: list[OldPost], plan: Plan) -> None:
    """Unique slugs per folder; posts in different languages sharing a translation id share a key."""
    taken: set[str] = set()
    for post in posts:
        base, number = post.slug, 2
        while post.source in taken:
            post.slug, number = f"{base}-{number}", number + 1
        taken.add(post.source)
    groups: dict[tuple[str, str], list[OldPost]] = {}
    for post in posts:
        groups.setdefault((post.kind, post.group), []).append(post)
    for (_kind, group), members in groups.items():
        key = re.sub(r"[^a-z0-9-]+", "-", slugify(group)).strip("-") or members[0].slug
        langs = [m.lang for m in members]
        for member in members:
            member.key = key if len(set(langs)) == len(langs) else f"{key}-{member.slug}"
        if len(members) > 1 and len(set(langs)) == len(langs):
            plan.pairs.append(" = ".join(str(m.path) for m in members) + f" (same translation id {group!r})")
        elif len(members) > 1:
            plan.problems.append(f"{', '.join(str(m.path) for m in members)}: same translation id {group!r} "
                                 "in one language; left unpaired")


def _linked(value: str) -> str:
    """A web address as a Markdown link, anything else as it is."""
    return f"<{value}>" if re.fullmatch(r"https?://\S+", value) else value


def _static_files(old_content: Path, static_paths: list[str]) -> dict[str, str]:
    """Old static file (relative to the old content) -> its place under content/images/."""
    found = {}
    for static in static_paths:
        base = old_content / static
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else []
        for path in files:
            relative = path.relative_to(old_content).as_posix()
            if path.suffix != ".md":
                found[relative] = relative if relative.startswith("images/") else f"images/{relative}"
    return found


def _rewrite_links(post: OldPost, by_old: dict[str, OldPost], statics: dict[str, str], plan: Plan) -> str:
    def resolve(match: re.Match) -> str:
        target, _, anchor = match.group(2).partition("#")
        base = PurePosixPath("/") if target.startswith("/") else PurePosixPath("/") / post.path.parent
        relative = _normalise(base / target.lstrip("/"))
        anchor = f"#{anchor}" if anchor else ""
        if relative in by_old:
            return f"{{filename}}/{by_old[relative].source}{anchor}"
        if relative in statics:
            return f"{{static}}/{statics[relative]}{anchor}"
        plan.problems.append(f"{post.path}: the link {match.group(0)} leads to no file of the old site")
        return match.group(0)

    body = LINK.sub(resolve, post.body)
    return ABSOLUTE_STATIC.sub(lambda m: f"{{static}}/{statics[m.group(1)]}" if m.group(1) in statics
                               else m.group(0), body)


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts[1:]:
        if part == "..":
            if parts:
                parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _header(post: OldPost, old: dict, mapping: LabelMapping, zone: ZoneInfo, default_lang: str, plan: Plan) -> str:
    meta = post.meta
    labels = [meta["category"]] if meta.get("category") else []
    topics, kind, tags = mapping.apply(labels, post.key)
    tags += [tag.strip() for tag in re.split(r"[,;]", meta.get("tags", "")) if tag.strip() and tag.strip() not in tags]
    fields = [("Title", meta.get("title", post.slug))]
    for name in ("date", "modified"):
        if meta.get(name):
            try:
                when = get_date(meta[name])
                when = when.astimezone(zone) if when.tzinfo else when
                fields.append((name.capitalize(), f"{when:%Y-%m-%d %H:%M}"))
            except (ValueError, OverflowError):
                plan.problems.append(f"{post.path}: cannot read the {name} {meta[name]!r}; it was left out")
    if post.kind == "post" and not meta.get("date"):
        fields.append(("Date", _default_date(post, old, plan)))
    fields += [("Slug", post.slug), ("Translation_key", post.key)]
    if post.kind == "post":
        fields += [("Kind", kind or ""), ("Topics", ", ".join(topics)), ("Tags", ", ".join(tags))]
    status = meta.get("status", "published").lower()
    if status == "draft":
        fields.append(("Status", status))
    elif status == "hidden":  # Pelican publishes a hidden page or post (out of menus and lists); here hidden is private
        plan.notes.append(f"{post.path}: hidden on the old site (published, but out of its menu and lists); here "
                          "'hidden' means not published, so it is imported as a normal, listed "
                          f"{'page' if post.kind == 'page' else 'post'}")
    if meta.get("summary"):
        fields.append(("Summary", meta["summary"]))
    if post.old_url:
        fields.append(("Aliases", post.old_url))
    for name, value in meta.items():
        if name not in CONSUMED and name not in KNOWN_FIELDS:
            post.extra[name] = value
            fields.append((name.capitalize(), value))
    return "".join(f"{name}: {value}\n" for name, value in fields if value)


RELATIVE = re.compile(r"(\]\(|href=[\"'])([^)\s\"'#]+)(#[^)\s\"']*)?")


def _rewrite_relative(body: str, address: str, by_url: dict[str, OldPost], statics: dict[str, str]) -> str:
    """A plain link to another page of the old site (`pages/x.html`, `/x.html`) becomes a {filename} link."""

    def resolve(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^[{|]|^//", target, re.IGNORECASE):
            return match.group(0)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(address), target))
        anchor = match.group(3) or ""
        if path in by_url:
            return f"{match.group(1)}{{filename}}/{by_url[path].source}{anchor}"
        if path.lstrip("/") in statics:
            return f"{match.group(1)}{{static}}/{statics[path.lstrip('/')]}{anchor}"
        return match.group(0)

    return RELATIVE.sub(resolve, body)


def _unresolved_relative(body: str, address: str) -> list[tuple[str, str]]:
    """(link, old address) of each relative link to the old site that _rewrite_relative left as it was."""
    found = []
    for match in RELATIVE.finditer(body):
        target = match.group(2)
        if not re.match(r"^[a-z][a-z0-9+.-]*:|^[{|]|^/", target, re.IGNORECASE):
            found.append((target, posixpath.normpath(posixpath.join(posixpath.dirname(address), target))))
    return list(dict.fromkeys(found))


def _old_address(post: OldPost, old: dict, default_lang: str) -> str:
    """The post's address on the old site, whether or not it changes."""
    return post.old_url or _old_url(post, old, default_lang, post.meta, keep_same=True)


def _default_date(post: OldPost, old: dict, plan: Plan) -> str:
    """The date Pelican gave a post without one (DEFAULT_DATE: 'fs' or a tuple); else reported."""
    default = old.get("DEFAULT_DATE")
    if default == "fs" and post.file_time:
        return f"{post.file_time:%Y-%m-%d %H:%M}"
    if isinstance(default, (tuple, list)) and len(default) >= 3:
        return f"{datetime.datetime(*default[:5]):%Y-%m-%d %H:%M}"
    plan.problems.append(f"{post.path}: no Date, and the old site gives none (DEFAULT_DATE); Pelican would "
                         "leave the post out: add a 'Date:' line")
    return ""


def _old_url(post: OldPost, old: dict, default_lang: str, meta: dict, keep_same: bool = False) -> str:
    """The address the old site gave the post, when it differs from the new one."""
    page = post.kind == "page"
    if post.lang == default_lang:
        pattern = old.get("PAGE_URL" if page else "ARTICLE_URL", "pages/{slug}.html" if page else "{slug}.html")
    else:
        pattern = old.get("PAGE_LANG_URL" if page else "ARTICLE_LANG_URL",
                          "pages/{slug}-{lang}.html" if page else "{slug}-{lang}.html")
    try:
        date = get_date(meta["date"]) if meta.get("date") else datetime.datetime(1970, 1, 1)
        url = pattern.format(slug=meta.get("slug") or post.slug, lang=post.lang, date=date,
                             category=old_slug(meta.get("category", "misc"), old, "CATEGORY"))
    except (KeyError, ValueError, IndexError, AttributeError):
        return ""
    url = "/" + url.lstrip("/")
    new = f"/{post.slug}/" if post.lang == default_lang else f"/{post.lang}/{post.slug}/"
    return "" if url in (new, new.rstrip("/")) and not keep_same else url
