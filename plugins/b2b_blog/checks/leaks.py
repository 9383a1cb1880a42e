"""Nothing private is published: no draft, no hidden post or page, no restricted teaching note."""

from __future__ import annotations

import gzip
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..authoring import read_header
from ..cases.model import load_case_library

# Long enough to be distinctive, short enough to survive Markdown turned into HTML.
FRAGMENT_LENGTH = 48


@dataclass(frozen=True)
class Secret:
    source: str
    marker: str


def _fragments(text: str, limit: int = 6) -> list[str]:
    """A few distinctive runs of plain words from a text's body."""
    body = text.split("\n\n", 1)[-1]
    runs = re.findall(rf"[^\n*_`#>|\[\](){{}}<>]{{{FRAGMENT_LENGTH},}}", body)
    return [run.strip()[:FRAGMENT_LENGTH] for run in runs if len(run.strip()) >= FRAGMENT_LENGTH][:limit]


def private_material(content: Path, languages: list[str], topics: set[str], cases_dir: str) -> list[Secret]:
    """What must never be published: unlisted posts and pages, restricted notes."""
    secrets = []
    for path in sorted(content.rglob("*.md")):
        relative = path.relative_to(content).as_posix()
        if relative.startswith(f"{cases_dir}/"):
            continue
        header = read_header(path)
        if header.get("status") in {"draft", "hidden"}:
            secrets += [Secret(relative, marker) for marker in _fragments(path.read_text(encoding="utf-8"))]
            if header.get("slug"):
                secrets.append(Secret(relative, f"/{header['slug']}/"))
    cases, _problems = load_case_library(content, cases_dir, languages, topics)
    for case in cases:
        for edition in case.editions.values():
            note = edition.teaching_note
            if note is not None and note.restricted:
                secrets.append(Secret(str(note.source), note.source.name))
                secrets += [Secret(str(note.source), marker)
                            for marker in _fragments(note.source.read_text(encoding="utf-8"))]
    return list(dict.fromkeys(secrets))


def _readable(path: Path) -> list[bytes]:
    """The file's bytes, and what it holds once uncompressed (search index, zips, PDFs)."""
    data = path.read_bytes()
    texts = [data]
    if path.suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts += [name.encode() for name in archive.namelist()]
            texts += [archive.read(name) for name in archive.namelist()]
    elif data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments are gzip streams
        try:
            texts.append(gzip.decompress(data))
        except (OSError, EOFError):
            pass
    elif path.suffix == ".pdf":
        from pypdf import PdfReader  # noqa: PLC0415

        texts.append(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).encode())
    return texts


def leaks(output: Path, secrets: list[Secret]) -> list[str]:
    found = []
    markers = [(secret, secret.marker.encode("utf-8")) for secret in secrets]
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(output).as_posix()
        for secret, marker in markers:
            if secret.marker in name or any(marker in text for text in _readable(path)):
                found.append(f"{name}: holds {secret.marker!r} from {secret.source}")
    return found
