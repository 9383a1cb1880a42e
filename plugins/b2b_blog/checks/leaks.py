"""Nothing private is published: no draft, no hidden post or page, no restricted teaching note, however quoted.

Every private text is cut into overlapping runs of eight words (case, accents, spacing and
punctuation folded), and so is the text of every output file: pages (text and attributes),
feeds, sitemap, search index and fragments, PDFs, and the members of every zip, zips and PDFs
within included. A run found in an output file is a leak. Runs that the site's chrome shares
(menu, footer, what is outside <main> on most pages) and runs of the public case texts are not
private, so they never refuse a publish.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown

from ..authoring import read_header
from ..cases.model import load_case_library
from ..header import split_header

COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
WORD = re.compile(r"[^\W_]+")
RUN = 8  # words per run: long enough to be distinctive, short enough to catch a quoted sentence
# Elements that end a word: text on both sides is never one word.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
          "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}
SHARED_SHARE = 0.5  # a run outside <main> on at least half of the pages is the site's chrome
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".txt", ".md", ".js", ".css", ".csv", ".svg", ".atom", ".rss"}
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Secret:
    """Something private: its source, a marker that must not appear in output names, and its words."""

    source: str
    marker: str = ""
    words: tuple[str, ...] = field(default=(), compare=False)
    unreadable: str = ""  # why its text can't be read: the check fails rather than pass blind
    draft: bool = field(default=False, compare=False)  # a draft or hidden post, not a restricted note


class Unreadable(Exception):
    """A private file whose text can't be read: the check says so instead of passing blind."""


def fold(text: str) -> list[str]:
    """Words without case, accents or punctuation: "L’Équipe, «dit»" -> ["l", "equipe", "dit"]."""
    plain = COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return WORD.findall(plain.casefold())


def runs(words: list[str] | tuple[str, ...]) -> dict[int, int]:
    """Hash of each run of RUN words -> where it starts (a text shorter than a run is one run)."""
    count = max(1, len(words) - RUN + 1) if words else 0
    found: dict[int, int] = {}
    for start in range(count):
        found.setdefault(hash(tuple(words[start:start + RUN])), start)
    return found


class _Text(HTMLParser):
    """The text of HTML (and of attribute values), with a break at every element that is not inline."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.chrome: list[str] = []  # outside <main>
        self._main = 0
        self.feed(html)
        self.close()

    def _add(self, text: str) -> None:
        self.parts.append(text)
        if not self._main:
            self.chrome.append(text)

    def handle_starttag(self, tag, attrs) -> None:
        self._main += tag == "main"
        if tag not in INLINE:
            self._add(" ")
        for _name, value in attrs:
            if value:
                self._add(f" {value} ")

    def handle_endtag(self, tag) -> None:
        self._main -= tag == "main" and self._main > 0
        if tag not in INLINE:
            self._add(" ")

    def handle_data(self, data) -> None:
        self._add(data)


def html_text(html: str) -> tuple[str, str]:
    """(all text, text outside <main>) of an HTML page or fragment."""
    try:
        parsed = _Text(html)
    except AssertionError:  # html.parser gives up on some broken declarations: read it as plain text
        return html, ""
    return "".join(parsed.parts), "".join(parsed.chrome)


def _json_strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


def document_text(name: str, data: bytes) -> str:
    """The readable text of a private document: Markdown or text, PDF, DOCX or ODT."""
    suffix = Path(name).suffix.lower()
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader  # noqa: PLC0415

            return pdf_text(PdfReader(io.BytesIO(data)))
        if suffix in {".docx", ".odt"}:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                member = "word/document.xml" if suffix == ".docx" else "content.xml"
                return _paragraphs(archive.read(member), suffix)
        text = data.decode("utf-8-sig")
    except Exception as error:
        raise Unreadable(f"its text can't be read as {suffix or 'text'} ({type(error).__name__}: {error})") from error
    _fields, body = split_header(text) if suffix == ".md" else ({}, text)
    return html_text(markdown.markdown(body, extensions=["extra"]))[0] if suffix == ".md" else text


def _paragraphs(xml: bytes, suffix: str) -> str:
    """The paragraphs of a DOCX (w:p of w:t runs) or ODT (text:p, text:h) body, one per line."""
    root = ET.fromstring(xml)
    if suffix == ".docx":
        return "\n".join("".join(node.text or "" for node in paragraph.iter(f"{{{WORD_NS}}}t"))
                         for paragraph in root.iter(f"{{{WORD_NS}}}p"))
    return "\n".join(_odf_text(paragraph) for paragraph in root.iter()
                     if paragraph.tag in (f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"))


def _odf_text(element) -> str:
    """An ODT element's text: <text:s/> is a space, <text:tab/> and <text:line-break/> too."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{{{ODF_TEXT}}}s", f"{{{ODF_TEXT}}}tab", f"{{{ODF_TEXT}}}line-break"):
            parts.append(" ")
        elif child.tag not in (f"{{{ODF_TEXT}}}p", f"{{{ODF_TEXT}}}h"):  # nested paragraphs come on their own
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def pdf_text(reader) -> str:
    """A PDF's text; a word broken by a hyphen at a line's end is read both whole and in two."""
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text + "\n" + text.replace("-\n", "")


@functools.lru_cache(maxsize=64)
def _output_pdf_text(data: bytes) -> str:
    """A PDF of the output; a bundle holds the same bytes as its page's download: read once."""
    from pypdf import PdfReader  # noqa: PLC0415

    try:
        return pdf_text(PdfReader(io.BytesIO(data)))
    except Exception:  # noqa: BLE001 - a PDF pypdf can't read holds no text it could show
        return data.decode("latin-1")


def output_texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """(member name, text) of an output file, and of every file inside it (zips, gzip streams)."""
    suffix = Path(name).suffix.lower()
    if data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments are gzip streams
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return
        start = data.find(b"{")
        try:
            yield name, " ".join(_json_strings(json.loads(data[start:].decode("utf-8")))) if start >= 0 else ""
        except ValueError:
            yield name, data.decode("utf-8", "ignore")
        return
    if suffix == ".zip" or data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    yield f"{name}!{member}", member
                    yield from output_texts(f"{name}!{member}", archive.read(member))
        except (zipfile.BadZipFile, OSError, ValueError):
            pass
        return
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        yield name, _output_pdf_text(data)
        return
    if suffix in TEXT_SUFFIXES or suffix.startswith(".pf_"):
        text = data.decode("utf-8", "ignore")
        once = html_text(text)[0]
        # Feeds hold their posts' HTML escaped: read what the first pass unescaped once more.
        yield name, once + "\n" + html_text(once)[0] if "<" in once else once


def private_material(content: Path, languages: list[str], topics: set[str], cases_dir: str) -> list[Secret]:
    """What must never be published: unlisted posts and pages, restricted notes (a note that can't be
    read is a secret whose words are unknown: `leaks` reports it)."""
    secrets = []
    published = {_slug(path, header) for path, header in _posts(content, cases_dir) if not _unlisted(header)}
    for path, header in _posts(content, cases_dir):
        if _unlisted(header):
            words = tuple(fold(document_text(path.name, path.read_bytes())))
            # A draft sharing its slug with a published translation: its address names nothing private.
            marker = f"/{header['slug']}/" if header.get("slug") and header["slug"] not in published else ""
            secrets.append(Secret(path.relative_to(content).as_posix(), marker, words, draft=True))
    cases, _problems = load_case_library(content, cases_dir, languages, topics)
    for case in cases:
        for edition in case.editions.values():
            note = edition.teaching_note
            if note is not None and note.restricted:
                try:
                    words = tuple(fold(document_text(note.source.name, note.source.read_bytes())))
                except Unreadable as error:
                    secrets.append(Secret(str(note.source), note.source.name, unreadable=str(error)))
                    continue
                secrets.append(Secret(str(note.source), note.source.name, words))
    return list(dict.fromkeys(secrets))


def public_runs(content: Path, cases_dir: str) -> set[int]:
    """Runs of the case editions' own text: public by design, so a note quoting its case is no leak."""
    found: set[int] = set()
    for path in sorted((content / cases_dir).glob("*/*.md")):
        found |= set(runs(fold(document_text(path.name, path.read_bytes()))))
    return found


def _posts(content: Path, cases_dir: str) -> Iterator[tuple[Path, dict]]:
    """(path, header) of every post and page of the site, the case library left out."""
    for path in sorted(content.rglob("*.md")):
        if not path.relative_to(content).as_posix().startswith(f"{cases_dir}/"):
            yield path, read_header(path)


def _unlisted(header: dict) -> bool:
    return header.get("status", "").strip().lower() in {"draft", "hidden"}  # 'Status: Draft' too


def _slug(path: Path, header: dict) -> str:
    return header.get("slug") or path.stem


def published_runs(content: Path, cases_dir: str) -> set[int]:
    """Runs of the published posts and pages: a draft citing what its author already published
    (the same link, the same code, its published translation's quotes) leaks nothing. Restricted
    notes get no such pass: a published post quoting one is the leak the check is for."""
    found: set[int] = set()
    for path, header in _posts(content, cases_dir):
        if not _unlisted(header):
            found |= set(runs(fold(document_text(path.name, path.read_bytes()))))
    return found


def leaks(output: Path, secrets: list[Secret], public: set[int] | None = None,
          published: set[int] | None = None) -> list[str]:
    """One line per output file (or member) holding a private name or a run of private words."""
    files = [path for path in sorted(output.rglob("*")) if path.is_file()]
    texts: dict[str, str] = {}
    chrome_counts: Counter[int] = Counter()
    pages = 0
    for path in files:
        name = path.relative_to(output).as_posix()
        data = path.read_bytes()
        for member, text in output_texts(name, data):
            texts[member] = texts.get(member, "") + "\n" + text
        if path.suffix == ".html":
            pages += 1
            chrome_counts.update(set(runs(fold(html_text(data.decode("utf-8", "ignore"))[1]))))
    shared = {run for run, count in chrome_counts.items() if count >= max(2, pages * SHARED_SHARE)}
    excluded = shared | (public or set())
    found = [f"{secret.source}: the leak check can't read this restricted note: {secret.unreadable}. Fix: save it "
             "as Markdown, text, PDF, DOCX or ODT that opens, so that its text can be looked for"
             for secret in secrets if secret.unreadable]
    published = published or set()
    private = [(secret, {run: start for run, start in runs(secret.words).items()
                         if run not in excluded and not (secret.draft and run in published)})
               for secret in secrets if secret.words]
    for member, text in texts.items():
        names = [secret for secret in secrets if secret.marker and secret.marker in "/" + member.split("!")[-1]]
        found += [f"{member}: holds {secret.marker!r} from {secret.source}" for secret in names]
        slug_markers = [secret for secret in secrets if secret.marker.startswith("/") and secret.marker in text]
        found += [f"{member}: links to {secret.marker!r} from {secret.source}" for secret in slug_markers]
        words = fold(text)
        own = runs(words)
        for secret, private_runs in private:
            common = [run for run in private_runs if run in own]
            if common:
                start = private_runs[common[0]]
                passage = " ".join(secret.words[start:start + RUN])
                found.append(f"{member}: quotes {secret.source} ({len(common)} run(s) of {RUN} words, "
                             f"e.g. '{passage}')")
    return list(dict.fromkeys(found))
