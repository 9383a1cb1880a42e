"""Atomic builds: the new site replaces the last good one only once it is complete."""

from __future__ import annotations

import shutil
from pathlib import Path

from pelican import Pelican


def build_site(settings: dict) -> Path:
    """Build into a staging folder, then swap it in; a failed build leaves the output untouched."""
    output = Path(settings["OUTPUT_PATH"]).resolve()
    staging = output.with_name(output.name + ".building")
    previous = output.with_name(output.name + ".previous")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        Pelican({**settings, "OUTPUT_PATH": str(staging)}).run()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    return output


def clean_outputs(settings: dict) -> list[Path]:
    """Remove the output, the cache and any half-built leftovers; nothing else."""
    output = Path(settings["OUTPUT_PATH"]).resolve()
    made = [output, output.with_name(output.name + ".building"),
            output.with_name(output.name + ".previous"), Path(settings["CACHE_PATH"]).resolve()]
    removed = []
    for path in made:
        if path.exists():
            shutil.rmtree(path)
            removed.append(path)
    return removed
