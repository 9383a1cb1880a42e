"""The benchmark corpus: deterministic, the requested size, realistic posts, and it builds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate  # noqa: E402

POST_FIELDS = ("Title", "Date", "Slug", "Translation_key", "Kind", "Tags", "Summary")
CASE_FIELDS = ("Title", "Lang", "Authors", "Abstract", "Objectives", "Topics", "Industry", "Country", "Year",
               "Audience", "Level", "Date", "Reference", "Licence")
VENV = ROOT / ".venv" / "bin"
PYTHON = str(VENV / "python") if (VENV / "python").exists() else sys.executable


def _digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _header(path: Path) -> dict[str, str]:
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    return {line.split(":", 1)[0]: line.split(":", 1)[1].strip()
            for line in header.splitlines() if not line.startswith(" ")}


def _body_words(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").split("\n\n", 1)[1].split())


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("corpus"), pairs=10, cases=2, seed=3)


def test_same_seed_same_bytes_other_seed_other_text(tmp_path):
    first = generate(tmp_path / "a", pairs=12, cases=2, seed=7)
    second = generate(tmp_path / "b", pairs=12, cases=2, seed=7)
    other = generate(tmp_path / "c", pairs=12, cases=2, seed=8)
    assert _digest(first.root) == _digest(second.root)
    assert _digest(first.root) != _digest(other.root)


def test_regenerating_replaces_only_its_own_corpus(tmp_path):
    generate(tmp_path, pairs=20, cases=1)
    smaller = generate(tmp_path, pairs=10, cases=1)
    # 10 pairs and one single, in French: nothing is left of the larger corpus.
    assert len(list((smaller.root / "fr").glob("*.md"))) == 11
    assert len(list((smaller.root / "en").glob("*.md"))) == 10
    foreign = tmp_path / "foreign"
    (foreign / "content").mkdir(parents=True)
    with pytest.raises(FileExistsError):
        generate(foreign, pairs=1, cases=0)


def test_counts_of_pairs_singles_and_cases(tmp_path):
    corpus = generate(tmp_path, pairs=40, cases=5)
    french = list((corpus.root / "fr").glob("*.md"))
    english = list((corpus.root / "en").glob("*.md"))
    keys = {lang: [_header(path)["Translation_key"] for path in files]
            for lang, files in (("fr", french), ("en", english))}
    shared = set(keys["fr"]) & set(keys["en"])
    assert len(shared) == 40
    assert corpus.singles == 4
    assert len(french) + len(english) == 2 * 40 + 4
    # Keys are unique within a language; a pair keeps one key and two different slugs.
    assert all(len(set(values)) == len(values) for values in keys.values())
    slugs = {_header(path)["Translation_key"]: _header(path)["Slug"] for path in french}
    assert all(slugs[key] != _header(path)["Slug"] for path in english
               if (key := _header(path)["Translation_key"]) in shared)
    cases = sorted((corpus.root / "cases").iterdir())
    assert len(cases) == 5
    assert all((case / "case.fr.md").exists() for case in cases)
    assert corpus.case_editions == len(list((corpus.root / "cases").glob("*/case.*.md")))
    for lang in ("fr", "en"):
        pages = {path.name: _header(path) for path in (corpus.root / lang / "pages").glob("*.md")}
        assert len(pages) == 2
        assert [page.get("Template") for page in pages.values()].count("training") == 1


def test_posts_look_like_the_shipped_ones(small_corpus):
    posts = sorted(small_corpus.root.glob("[fe][rn]/*.md"))
    kinds = {"point-of-view", "reading-notes", "testimony", "news", "agenda"}
    for path in posts:
        header = _header(path)
        assert tuple(header) == POST_FIELDS, path
        assert "Lang" not in header and header["Kind"] in kinds
        assert header["Slug"] == path.stem
        assert 300 <= _body_words(path) <= 1000, path
    text = "\n".join(path.read_text(encoding="utf-8") for path in posts)
    for structure in ("\n## ", "\n- ", "\n> ", "]({filename}/"):
        assert structure in text
    french = " ".join(path.read_text(encoding="utf-8") for path in posts if path.parent.name == "fr")
    assert any(term in french for term in ("plan de compte", "grands comptes", "partenariat", "alliance"))


def test_cases_have_every_required_field_and_unique_references(tmp_path):
    corpus = generate(tmp_path, pairs=2, cases=8)
    references = []
    for edition in sorted(corpus.root.glob("cases/*/case.*.md")):
        header = _header(edition)
        assert set(CASE_FIELDS) <= set(header), edition
        assert header["Lang"] == edition.suffixes[0].lstrip(".")
        assert _body_words(edition) >= 850
        references.append(header["Reference"])
    assert len(references) == len(set(references))


def _run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False, **kwargs)


def test_small_corpus_builds_with_our_build_and_with_vanilla_pelican(small_corpus, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    ours = _run([PYTHON, "-m", "b2b_blog", "--settings", "pelicanconf.py", "--content", str(small_corpus.root),
                 "--output", str(tmp_path / "ours"), "--cache", str(tmp_path / "cache")], env=env)
    assert ours.returncode == 0, ours.stdout + ours.stderr
    french_post = small_corpus.french_paired()[0].stem
    assert (tmp_path / "ours" / french_post / "index.html").exists()
    assert len(list((tmp_path / "ours").rglob("*.pdf"))) == small_corpus.case_editions

    vanilla = _run([PYTHON, "-m", "pelican", str(small_corpus.root), "-s", "benchmarks/vanilla/pelicanconf.py",
                    "-o", str(tmp_path / "vanilla"), "--cache-path", str(tmp_path / "vanilla-cache")])
    assert vanilla.returncode == 0, vanilla.stdout + vanilla.stderr
    assert (tmp_path / "vanilla" / f"{french_post}.html").exists()
    english = [path for path in (tmp_path / "vanilla" / "en").glob("*.html")]
    assert len(english) > 10  # the English subsite got its own posts, from the folder's language
