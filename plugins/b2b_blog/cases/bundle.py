"""Reproducible ZIP download of a case edition: PDF, exhibits, README."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

from ..cache_files import checked_entry, copy_entry, keep_entry
from ..files import write_atomically
from .model import Edition
from .texts import labels, typeset

# Bump when the way a bundle is made changes: cached bundles are then made again.
FORMAT = 1
# Fixed metadata so that the same inputs always give the same bytes.
FILE_MODE = 0o644 << 16
COMPRESSION = zipfile.ZIP_DEFLATED
LEVEL = 9


def readme_intro(edition: Edition, citation: str) -> str:
    """README opening in the edition's language: title, reference, licence, citation."""
    words, title = labels(edition.lang), typeset(edition.title, edition.lang)
    return "\n".join([
        title,
        "=" * len(title),
        "",
        f"{words['reference']}{words['colon']} {edition.reference}",
        f"{words['licence']}{words['colon']} {edition.licence}",
        "",
        f"{words['citation']}{words['colon']}",
        citation,
    ])


def bundle_files(edition: Edition, pdf: Path) -> dict[str, Path]:
    """Archive name -> file: the PDF, exhibits, and the teaching note only if public."""
    files = {pdf.name: pdf}
    files |= {f"exhibits/{exhibit.name}": exhibit.source for exhibit in edition.exhibits}
    note = edition.teaching_note
    if note is not None and not note.restricted:
        files[f"notes/{note.source.name}"] = note.source
    return files


def build_bundle(edition: Edition, pdf: Path, output: Path, readme_text: str, cache_dir: Path | None = None) -> Path:
    """Write the ZIP to `output`; README.txt is `readme_text` plus the checksummed file list.

    With a `cache_dir`, a bundle made earlier from the same files and README is copied instead
    (once its size and digest are checked): compressing every bundle again took a tenth of each rebuild.
    """
    files = {name: path.read_bytes() for name, path in bundle_files(edition, pdf).items()}
    # "hash  name" lines, the format `sha256sum -c README.txt` can check.
    listing = [f"{hashlib.sha256(data).hexdigest()}  {name}" for name, data in sorted(files.items())]
    readme = f"{readme_text.rstrip()}\n\n{labels(edition.lang)['files']}\n" + "\n".join(listing)
    files["README.txt"] = (readme + "\n").encode()
    # Zip timestamps cannot predate 1980.
    stamp = (max(edition.date.year, 1980), edition.date.month, edition.date.day, 0, 0, 0)
    cached = None
    if cache_dir is not None:
        key = hashlib.sha256(json.dumps([FORMAT, FILE_MODE, COMPRESSION, LEVEL, stamp, readme]).encode())
        cached, record = cache_dir / f"{key.hexdigest()}.zip", cache_dir / f"{key.hexdigest()}.json"
        if checked_entry(cached, record, "the cached bundle") is not None:
            copy_entry(cached, output)
            return output
    archive_bytes = io.BytesIO()
    with zipfile.ZipFile(archive_bytes, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = FILE_MODE
            info.create_system = 3  # Unix, so the mode above is read on every platform.
            info.compress_type = COMPRESSION
            archive.writestr(info, files[name], compresslevel=LEVEL)
    if cached is not None:
        keep_entry(cached, archive_bytes.getvalue(), record)
    write_atomically(output, archive_bytes.getvalue())
    return output
