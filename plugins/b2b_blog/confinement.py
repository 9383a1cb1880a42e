"""Confinement: the build reads nothing from outside the content folder, and every file it writes lands
inside the output, claimed by one source only (a post never replaces the English home, nor the sitemap)."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican.writers import Writer

from . import sites
from .problems import BuildError, Problem
from .texts import Text

LINK_FIX = Text("copy the file into content/ instead of linking to it, or remove the link")


def symlink_problems(content_root: str | Path) -> list[Problem]:
    """Every symbolic link in the content folder that leads outside it, nowhere, or into a loop,
    and every entry that is no file at all (a named pipe, a socket, a device): reading one never ends."""
    root = Path(content_root).resolve()
    found = []
    for folder, folders, files in os.walk(root):  # links are listed, never followed
        for name in sorted([*folders, *files]):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if not path.is_symlink():
                if not path.is_dir() and not path.is_file():
                    found.append(Problem(relative, "file", Text("is a named pipe, a socket or a device, not a file"),
                                         Text("remove it, or replace it with a regular file")))
                continue
            if name.startswith(".#") and not path.exists():
                continue  # Emacs's lock of a file being edited: a dangling link by design, never read
            written, target = os.readlink(path), Path(os.path.realpath(path))
            if not target.is_relative_to(root):
                shown = written if Path(written) == target else f"{written} ({target})"
                found.append(Problem(relative, "symlink", Text("is a symbolic link to {target}, outside the content "
                                                               "folder", target=shown), LINK_FIX))
            elif not target.exists():
                found.append(Problem(relative, "symlink", Text("is a symbolic link to {target}, which does not exist",
                                                               target=written),
                                     Text("remove the link, or make it lead to a file of content/")))
            elif target.is_dir() and path.parent.resolve().is_relative_to(target):
                found.append(Problem(relative, "symlink", Text("is a symbolic link to {target}, a folder that holds "
                                                               "it: reading it would never end", target=written),
                                     Text("remove the link")))
    return found


@dataclass(frozen=True)
class Owner:
    """Who writes a file: a source (its path and the field that names the file) or a page of the site."""

    label: str
    site: str
    source: str | None = None
    field: str = "save_as"


class OutputClaims:
    """Each output file and reserved folder of one build, with its one owner.

    Paths are compared as normalised strings: a claim is made for every file written, and
    pathlib would cost a tenth of a millisecond each.
    """

    def __init__(self) -> None:
        self.root: str | None = None
        self._files: dict[str, Owner] = {}
        self._folders: dict[str, tuple[Owner, str | None]] = {}

    def reset(self, root: str | Path) -> None:
        self.root = os.path.abspath(root) + os.sep
        self._files.clear()
        self._folders.clear()

    def reserve_folder(self, folder: str | Path, owner: Owner, *, writers: str | None = None) -> None:
        """Only the site `writers` (nobody if None) may write files inside `folder`."""
        self._folders.setdefault(os.path.abspath(folder) + os.sep, (owner, writers))

    def problem(self, path: str | Path, owner: Owner) -> Problem | None:
        """Claim `path` for `owner`; the problem if it is outside the output or another's."""
        if self.root is None:
            return None
        path = os.path.abspath(path)
        if not path.startswith(self.root):
            return _problem(owner, Text("it would be written to {path}, outside the output folder", path=path),
                            Text("write a path inside the site, without '..', e.g. 'Slug: my-post'"))
        shown = path[len(self.root):].replace(os.sep, "/")
        for folder, (other, writers) in self._folders.items():
            if path.startswith(folder) and owner.site != writers and owner != other:
                where = folder[len(self.root):].replace(os.sep, "/")
                return _problem(owner, Text("its file {file} would be inside {folder}, which is {owner}", file=shown,
                                            folder=where, owner=other.label),
                                Text("give it another {field}: {folder} belongs to the site itself",
                                     field=_field_name(owner), folder=where))
        other = self._files.setdefault(path, owner)
        if other != owner:
            # The problem goes to the post or page whose header names the file: that is what an author changes.
            first, second = sorted((owner, other), key=lambda who: (who.source is None, who.field == "reference"))
            fix = Text("give one of them another {field}", field=_field_name(first)) if second.source else \
                Text("give it another {field}", field=_field_name(first))
            return _problem(first, Text("its file {file} is also written by {other}", file=shown, other=second.label),
                            fix)
        return None

    def claim(self, path: str | Path, owner: Owner) -> None:
        """Claim while writing: a collision stops the build at once."""
        found = self.problem(path, owner)
        if found is not None:
            raise BuildError([found])


claims = OutputClaims()


def _field_name(owner: Owner) -> str:
    return {"save_as": "Save_as", "slug": "Slug", "reference": "Reference",
            "aliases": Text("old path in Aliases")}.get(owner.field, Text("Slug or Save_as"))


def _problem(owner: Owner, message: str, fix: str) -> Problem:
    return Problem(owner.source or Text("(site)"), owner.field, message, fix)


def content_owner(content) -> Owner:
    """The owner of a post, page or static file's output file."""
    source = content.get_relative_source_path()
    metadata = getattr(content, "metadata", {}) or {}
    field = "save_as" if "save_as" in metadata else "slug" if "slug" in metadata else "file"
    return Owner(source, content.settings["DEFAULT_LANG"], source, field)


def page_owner(settings: dict, template_name: str) -> Owner:
    """The owner of a page the site writes from a template (home, listings, search page...)."""
    lang = settings["DEFAULT_LANG"]
    return Owner(Text("the {template} page of the '{lang}' site", template=template_name, lang=lang), lang, None,
                 "template")


def reserve_site_folders(settings: dict) -> None:
    """The folders a site fills itself: the other languages' sites, the theme's files, the search index."""
    lang, output = settings["DEFAULT_LANG"], settings["OUTPUT_PATH"]
    if sites.is_main(settings):
        claims.reset(output)
        for other in sites.languages(settings)[1:]:
            folder = settings.get("I18N_SUBSITES", {}).get(other, {}).get("OUTPUT_PATH") or os.path.join(output, other)
            claims.reserve_folder(folder, Owner(Text("the '{lang}' site's folder", lang=other), other), writers=other)
    claims.reserve_folder(os.path.join(output, settings["THEME_STATIC_DIR"]),
                          Owner(Text("the theme's static files"), lang))
    claims.reserve_folder(os.path.join(output, "pagefind"), Owner(Text("the '{lang}' search index", lang=lang), lang))


def claim_contents(generators, settings: dict) -> list[Problem]:
    """Before anything is written: each content's file, inside the output and nobody else's."""
    found = []
    lang, output = settings["DEFAULT_LANG"], settings["OUTPUT_PATH"]
    for generator in generators:
        for name in ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                     "hidden_translations", "pages", "hidden_pages", "draft_pages", "draft_translations",
                     "staticfiles"):
            for content in getattr(generator, name, None) or []:
                save_as = getattr(content, "save_as", "")
                if getattr(content, "lang", lang) != lang or not save_as:
                    continue
                owner = content_owner(content)
                for problem in (claims.problem(os.path.join(output, save_as), owner), _url_problem(content, owner)):
                    if problem is not None:
                        found.append(problem)
    return found


def _url_problem(content, owner: Owner) -> Problem | None:
    """A `Url:` is an address on this site: no other host, nothing above the site's root."""
    url = (getattr(content, "metadata", {}) or {}).get("url")
    if not url:
        return None
    parts = urlsplit(unquote(str(url)))  # a browser reads %2e%2e as a step up
    rest = str(url).lstrip("/")
    if str(url).startswith("/") and not str(url).startswith("//") and ".." not in parts.path.split("/"):
        # An old site's habit (Url: /billets/2013/...): after SITEURL's '/' it becomes //billets, another host.
        return Problem(owner.source or "(site)", "url",
                       Text("Url '{url}' starts with /: links would lead to //{rest}, another host", url=url,
                            rest=rest), Text("write it without the first /: 'Url: {rest}'", rest=rest))
    if parts.scheme or parts.netloc or posixpath.normpath("/" + parts.path).startswith("//") \
            or ".." in parts.path.split("/"):
        return Problem(owner.source or Text("(site)"), "url", Text("Url '{url}' leads outside the site", url=url),
                       Text("write the page's address on this site, e.g. 'Url: my-post/', or remove the line"))
    return None


class ConfinedWriter(Writer):
    """Pelican's writer, claiming each file it opens (used when the speed-ups are off)."""

    _owner: Owner | None = None

    def write_file(self, name, template, context, *args, **kwargs):
        self._owner = owner_of_write(self.settings, template.name, kwargs)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        self._owner = page_owner(self.settings, Text("feed {path}", path=path))
        return super().write_feed(elements, context, path, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        self._claim(filename)
        return super()._open_w(filename, encoding, override)

    def _claim(self, path: str) -> None:
        claims.claim(path, self._owner or page_owner(self.settings, "(unknown)"))


def owner_of_write(settings: dict, template_name: str, kwargs: dict) -> Owner:
    """Who a `write_file` call writes for: its post or page, else the template's page."""
    content = kwargs.get("article") or kwargs.get("page")
    return content_owner(content) if content is not None else page_owner(settings, template_name)
