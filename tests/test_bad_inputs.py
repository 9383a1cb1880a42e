"""Every kind of author mistake in tests/bad_inputs/ stops the build with a clear message."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from b2b_blog.problems import BuildError
from b2b_blog.texts import Text, catalog, templates_of
from conftest import ROOT, SITES, build

BAD_INPUTS = Path(__file__).resolve().parent / "bad_inputs"
KINDS = sorted(path.name for path in BAD_INPUTS.iterdir() if path.is_dir())


def snapshot(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """One good build of the tiny site, copied for each mistake."""
    tmp = tmp_path_factory.mktemp("good")
    content = tmp / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    return build(content, tmp).output


def test_there_are_at_least_25_kinds():
    assert len(KINDS) >= 25


@pytest.mark.parametrize("kind", KINDS)
def test_mistake_is_reported_and_last_good_output_kept(kind, good_build, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    shutil.copytree(good_build, tmp_path / "output")
    before = snapshot(tmp_path / "output")
    mistake = BAD_INPUTS / kind
    if (mistake / "content").is_dir():
        shutil.copytree(mistake / "content", content, dirs_exist_ok=True)
    # A settings mistake: settings.json holds the overrides; a theme mistake: theme/ is laid over the theme.
    overrides = json.loads((mistake / "settings.json").read_text(encoding="utf-8")) \
        if (mistake / "settings.json").exists() else {}
    if (mistake / "theme").is_dir():
        shutil.copytree(ROOT / "theme", tmp_path / "theme")
        shutil.copytree(mistake / "theme", tmp_path / "theme", dirs_exist_ok=True)
        overrides["THEME"] = str(tmp_path / "theme")
    with pytest.raises(BuildError) as raised:
        build(content, tmp_path, **overrides)
    message = str(raised.value)
    for fragment in (BAD_INPUTS / kind / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert fragment in message, f"{kind}: {fragment!r} not in:\n{message}"
    assert "Fix:" in message
    # Said in French on the preview's page: every message and fix is a Text the French catalog translates.
    for problem in raised.value.problems:
        for words in (problem.message, problem.fix):
            assert isinstance(words, Text), f"{kind}: {words!r} is English only (not a Text)"
            untranslated = [template for template in templates_of(words) if not catalog("fr").get(template)]
            assert not untranslated, f"{kind}: no French for {untranslated}"
    assert snapshot(tmp_path / "output") == before
    assert not list(tmp_path.glob("output.building-*"))
