"""OUTPUT_PATH and CACHE_PATH can never name the content, the project or someone's folder: the build replaces them."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from b2b_blog.build import clean_outputs
from b2b_blog.problems import BuildError
from conftest import build, site_settings


def tree(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def project(tiny_copy, tmp_path, monkeypatch) -> Path:
    """A project folder (content, a sibling folder of someone's) the build runs in."""
    (tmp_path / "sibling").mkdir()
    (tmp_path / "sibling" / "keep.txt").write_text("someone's file", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tiny_copy


@pytest.mark.parametrize(("setting", "value", "said"), [
    ("OUTPUT_PATH", ".", "holds the content folder"),
    ("OUTPUT_PATH", "content", "is the content folder"),
    ("OUTPUT_PATH", "content/fr", "is inside the content folder"),
    ("OUTPUT_PATH", "sibling", "a folder holding other files, not an earlier output"),
    ("OUTPUT_PATH", "..", "holds the content folder"),
    ("CACHE_PATH", "content", "is the content folder"),
    ("CACHE_PATH", "output", "is the output folder"),
    ("CACHE_PATH", "sibling/keep.txt", "is a file, not a folder"),
])
def test_a_folder_the_build_would_replace_or_fill_wrongly_is_refused(project, tmp_path, setting, value, said):
    before = {folder: tree(folder) for folder in (tmp_path, tmp_path.parent)}
    with pytest.raises(BuildError, match=setting) as refused:
        build(project, tmp_path, **{setting: str(tmp_path / value)})
    assert said in str(refused.value) and "Fix:" in str(refused.value)
    assert {folder: tree(folder) for folder in before} == before
    # `invoke clean` removes the output and the cache: refused the same way.
    with pytest.raises(BuildError, match=setting):
        clean_outputs(site_settings(project, tmp_path, **{setting: str(tmp_path / value)}))
    assert {folder: tree(folder) for folder in before} == before


def test_an_earlier_output_and_a_new_folder_are_accepted(project, tmp_path):
    built = build(project, tmp_path)
    assert (built.output / "index.html").is_file()
    (project / "fr" / "de-plus.md").write_text("Title: De plus\nDate: 2020-01-02\n\nTexte.\n", encoding="utf-8")
    assert (build(project, tmp_path).output / "de-plus" / "index.html").is_file()


def test_a_cache_entry_of_the_wrong_type_is_named_with_its_fix(project, tmp_path):
    build(project, tmp_path)
    before = tree(tmp_path / "output")
    shutil.rmtree(tmp_path / "cache" / "locale")
    (tmp_path / "cache" / "locale").write_text("not a folder", encoding="utf-8")
    (project / "fr" / "de-plus.md").write_text("Title: De plus\nDate: 2020-01-02\n\nTexte.\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"\[CACHE_PATH\] the cache entry .*locale.*invoke clean"):
        build(project, tmp_path)
    assert tree(tmp_path / "output") == before
