"""Theme mistakes named before the build renders a page: a language without its catalog, a catalog Babel cannot read."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po
from jinja2 import Environment, FileSystemLoader, TemplateError, nodes

from . import sites
from .localization import DOMAIN, catalogs_source
from .problems import Problem
from .texts import Text

logger = logging.getLogger(__name__)

# The catalogs the last check found missing for a language being added (warned of, not refused).
awaited: list[Problem] = []
# A line of a .po file: a keyword and a quoted text, a quoted text alone (continued), a comment or nothing.
# Babel forgives more (an unclosed quote loses the text's last letter without a word).
PO_LINE = re.compile(r'\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*|\s*(?:#.*)?')


PO_FIX = Text("each entry is a msgid line and a msgstr line, each text between straight double quotes")


def catalog_problems(settings: dict) -> list[Problem]:
    """Each language but the theme's own (I18N_TEMPLATES_LANG) has a readable `messages.po`.

    The site's main language without its catalog stops the build (its pages would all be in English);
    a language being added only gets a warning until its catalog is made (README, Languages).
    """
    source = catalogs_source(settings["THEME"])
    own = settings.get("I18N_TEMPLATES_LANG") or settings.get("DEFAULT_LANG")
    found = []
    awaited.clear()
    for lang in sites.languages(settings):
        if lang == own:
            continue
        po_path = next((path for path in _catalog_paths(source, lang) if path.is_file()), None)
        if po_path is None:
            # gettext falls back to the theme's English without a word, and the whole page is in English.
            missing = Problem(_shown(_catalog_paths(source, lang)[-1], settings), "catalog",
                              Text("the theme has no catalog for the language '{lang}': its pages would show "
                                   "the theme's labels in English", lang=lang),
                              Text("run 'invoke catalog-update --lang {lang}', then translate the new "
                                   "messages.po (or restore it from git)", lang=_gettext_name(lang)))
            if lang == settings.get("DEFAULT_LANG"):
                found.append(missing)
            else:
                logger.warning("%s", missing)
                awaited.append(missing)
            continue
        try:
            if (line := _unreadable_line(po_path)) is not None:
                found.append(Problem(_shown(po_path, settings), "catalog",
                                     Text("the catalog cannot be read: line {line} is not a msgid, msgstr or "
                                          "quoted text", line=line), PO_FIX, line))
                continue
            with po_path.open("rb") as handle:
                read_po(handle, locale=lang, abort_invalid=True)
        except PoFileError as error:
            found.append(Problem(_shown(po_path, settings), "catalog",
                                 Text("the catalog cannot be read: {reason}", reason=str(error).split(" on ")[0]),
                                 PO_FIX, getattr(error, "lineno", None)))
        except (OSError, UnicodeDecodeError) as error:
            found.append(Problem(_shown(po_path, settings), "catalog",
                                 Text("the catalog cannot be read: {reason}", reason=str(error)),
                                 Text("save it as UTF-8, or restore it from git")))
    return found


def template_blocks(settings: dict) -> list[Problem]:
    """A block a template fills but its parent does not have is dropped without a word (a post with no text)."""
    folder = Path(settings["THEME"]) / "templates"
    environment = Environment(loader=FileSystemLoader(str(folder)), extensions=["jinja2.ext.i18n"])
    found = []
    for path in sorted(folder.rglob("*.html")):
        name = path.relative_to(folder).as_posix()
        tree = _parsed(environment, name)
        parent = next((node.template.value for node in tree.find_all(nodes.Extends)
                       if isinstance(node.template, nodes.Const)), None) if tree else None
        if parent is None:
            continue
        offered = _blocks_of(environment, parent)
        if offered is None:
            continue  # a parent that cannot be read is reported by the build itself
        for block in (node for node in tree.body if isinstance(node, nodes.Block)):
            if block.name not in offered:
                found.append(Problem(_shown(path, settings), "template",
                                     Text("the block '{block}' is not in {parent}, which this template extends: "
                                          "what it holds would not be shown", block=block.name, parent=parent),
                                     Text("rename it to one of the blocks of {parent}: {blocks}", parent=parent,
                                          blocks=", ".join(sorted(offered))), block.lineno))
    return found


def _parsed(environment: Environment, name: str) -> nodes.Template | None:
    try:
        source = environment.loader.get_source(environment, name)[0]
        return environment.parse(source, name)
    except (TemplateError, OSError, UnicodeDecodeError):
        return None


def _blocks_of(environment: Environment, name: str, seen: frozenset = frozenset()) -> set[str] | None:
    """Every block `name` and the templates it extends define."""
    tree = _parsed(environment, name)
    if tree is None or name in seen:
        return None
    blocks = {block.name for block in tree.find_all(nodes.Block)}
    for node in tree.find_all(nodes.Extends):
        if isinstance(node.template, nodes.Const):
            blocks |= _blocks_of(environment, node.template.value, seen | {name}) or set()
    return blocks


def _gettext_name(lang: str) -> str:
    """The folder gettext looks for: the territory in capitals (`pt_br` -> `pt_BR`)."""
    language, _, territory = lang.partition("_")
    return f"{language}_{territory.upper()}" if territory else lang


def _catalog_paths(source: Path, lang: str) -> list[Path]:
    """Where gettext would find the catalog of `lang`, the likeliest last."""
    names = dict.fromkeys([lang, lang.partition("_")[0], _gettext_name(lang)])
    return [source / name / "LC_MESSAGES" / f"{DOMAIN}.po" for name in names]


def _unreadable_line(path: Path) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not PO_LINE.fullmatch(line):
            return number
    return None


def _shown(path: Path, settings: dict) -> str:
    """The catalog's path from the project (the theme folder's parent)."""
    try:
        return str(path.resolve().relative_to(Path(settings["THEME"]).resolve().parent))
    except ValueError:
        return str(path)
