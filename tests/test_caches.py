"""Caches can't corrupt the site: a damaged cache file is discarded with a note, an entry is checked before reuse,
nothing in the cache is run as code, and the output never shares a file with the cache."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SITES, build

MINI_CASE = ROOT / "tests" / "bad_inputs" / "case-bad-level" / "content" / "cases" / "mini-cas" / "case.fr.md"


def digests(output: Path) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The tiny site and one case, built once: the folder holds content/, output/ and cache/."""
    folder = tmp_path_factory.mktemp("built")
    content = folder / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    case = content / "cases" / "mini-cas"
    case.mkdir(parents=True)
    (case / "case.fr.md").write_text(MINI_CASE.read_text(encoding="utf-8").replace("Level: expert",
                                                                                     "Level: introductory"))
    build(content, folder)
    return folder


@pytest.fixture
def site(built, tmp_path) -> Path:
    """A copy of the built site, built again where it now is (the PDF comes from the copied cache)."""
    folder = tmp_path / "site"
    shutil.copytree(built, folder, symlinks=True)
    rebuild(folder)
    return folder


def rebuild(folder: Path, **overrides):
    return build(folder / "content", folder, **overrides)


class Payload:
    """Unpickling this runs code: it writes a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "pickle ran"))


DAMAGES = {
    "emptied": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: b"\x00\xff garbage \x13" * 40,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("name", ["b2b-last-build.json", "b2b-conversions.json", "b2b-rendered-pages.json"])
def test_a_damaged_cache_file_is_discarded_with_a_note(site, name, damage, capfd):
    before = digests(site / "output")
    cache_file = site / "cache" / name
    cache_file.write_bytes(DAMAGES[damage](cache_file.read_bytes()))
    (site / "content" / "en" / "first-post.md").touch()  # something to build
    capfd.readouterr()
    rebuild(site)
    notes = capfd.readouterr().err
    assert f"{cache_file}" in notes and "discarded" in notes
    assert digests(site / "output") == before
    rebuild(site)  # and the next build finds a good file again
    assert "discarded" not in capfd.readouterr().err


def test_a_crafted_pickle_never_runs(site, capfd):
    marker = site / "pickle-ran"
    crafted = pickle.dumps(Payload(marker))
    (site / "cache" / "b2b-conversions.pickle").write_bytes(crafted)  # the old cache's name
    (site / "cache" / "b2b-conversions.json").write_bytes(crafted)
    digest = hashlib.sha256(crafted).hexdigest().encode()
    (site / "cache" / "b2b-rendered-pages.json").write_bytes(digest + b"\n" + crafted)
    for stamp in (site / "cache" / "case-pdfs").glob("*.json"):
        stamp.write_bytes(crafted)
    (site / "content" / "en" / "first-post.md").touch()
    rebuild(site)
    assert not marker.exists()


def test_a_cache_naming_an_unknown_class_is_refused(site, capfd):
    cache_file = site / "cache" / "b2b-conversions.json"
    fingerprint = json.loads(cache_file.read_bytes().partition(b"\n")[2])["fingerprint"]
    payload = json.dumps({"fingerprint": fingerprint,
                          "entries": [[{"class": "os.system", "fields": ["touch /tmp/x"]}, 1]]}).encode()
    cache_file.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    (site / "content" / "en" / "first-post.md").touch()
    capfd.readouterr()
    rebuild(site)
    assert "does not hold cache entries" in capfd.readouterr().err


def test_no_compiled_template_is_kept_on_disk(site):
    assert not list((site / "cache").rglob("*.cache"))
    assert not (site / "cache" / "jinja").exists()


def test_the_output_shares_no_file_with_the_cache(site):
    cache_inodes = {path.stat().st_ino for path in (site / "cache").rglob("*") if path.is_file()}
    output_inodes = {path.stat().st_ino for path in (site / "output").rglob("*") if path.is_file()}
    assert cache_inodes.isdisjoint(output_inodes)


@pytest.mark.parametrize("folder, suffix", [("case-pdfs", ".pdf"), ("case-bundles", ".zip")])
def test_a_cache_entry_changed_in_place_is_not_reused(site, folder, suffix, capfd):
    before = digests(site / "output")
    (entry,) = (site / "cache" / folder).glob(f"*{suffix}")
    with entry.open("r+b") as handle:  # in place: same inode, same size
        handle.seek(200)
        handle.write(b"XXXX")
    assert digests(site / "output") == before  # the published copy did not change with it
    (site / "content" / "en" / "first-post.md").touch()
    capfd.readouterr()
    rebuild(site)
    assert f"{entry}" in capfd.readouterr().err
    assert digests(site / "output") == before


def test_a_cached_search_index_changed_in_place_is_made_again(site, capfd):
    before = digests(site / "output")
    bundle = site / "cache" / "pagefind" / "fr" / "bundle"
    entry = next(path for path in sorted(bundle.rglob("*")) if path.is_file() and path.suffix != ".json")
    entry.write_bytes(b"changed")
    assert digests(site / "output") == before
    capfd.readouterr()
    rebuild(site, B2B_SKIP_UNCHANGED=False)
    assert "does not match its manifest" in capfd.readouterr().err
    assert digests(site / "output") == before


def test_a_damaged_compiled_catalog_is_compiled_again(site, capfd):
    (catalog,) = (site / "cache" / "locale").rglob("*.mo")
    catalog.write_bytes(b"not a catalog")
    (site / "content" / "en" / "first-post.md").touch()
    before = digests(site / "output")
    capfd.readouterr()
    rebuild(site)
    assert f"{catalog}" in capfd.readouterr().err
    assert digests(site / "output") == before
