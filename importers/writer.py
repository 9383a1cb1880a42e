"""Writes a plan's files, remembering what it wrote: a second import changes nothing, an edited file is kept."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = ".import-manifest.json"  # in the content folder


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited by the author since the last import, or not ours

    def report(self) -> str:
        lines = [f"written: {len(self.written)}, unchanged: {len(self.unchanged)}, kept: {len(self.kept)}"]
        lines += [f"  wrote {path}" for path in self.written]
        lines += [f"  KEPT {path}" for path in self.kept]
        return "\n".join(lines)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def apply(files: dict[str, str], copies: dict[str, Path], root: Path, content: str = "content") -> Outcome:
    """Write every file under `root` unless the author changed it since the import that wrote it."""
    manifest_path = root / content / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    outcome = Outcome()
    wanted = {path: text.encode("utf-8") for path, text in files.items()}
    wanted.update({path: source.read_bytes() for path, source in copies.items()})
    for path, data in sorted(wanted.items()):
        target = root / path
        if not target.resolve().is_relative_to(root.resolve()):
            raise ValueError(f"{path}: outside the project, refused")
        if target.is_file():
            current = _digest(target.read_bytes())
            if current == _digest(data):
                outcome.unchanged.append(path)
                manifest[path] = current
                continue
            if manifest.get(path) != current:
                why = "changed since the last import" if path in manifest else "not written by an import"
                outcome.kept.append(f"{path} ({why}; delete it to import it again)")
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.importing")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        manifest[path] = _digest(data)
        outcome.written.append(path)
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return outcome
