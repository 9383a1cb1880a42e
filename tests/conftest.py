"""Real Pelican builds of small sites (and the shipped one), parsed with BeautifulSoup."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from b2b_blog.build import build_site  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

SITES = Path(__file__).resolve().parent / "sites"


class BuiltSite:
    """The output folder of one build, with helpers to read its pages."""

    def __init__(self, output: Path, settings: dict):
        self.output = output
        self.settings = settings

    def path(self, url: str) -> Path:
        relative = url.lstrip("/")
        target = self.output / relative
        return target / "index.html" if relative == "" or relative.endswith("/") else target

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.path(url).read_text(encoding="utf-8"), "html.parser")

    def html_pages(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))

    def url_of(self, page: Path) -> str:
        relative = page.relative_to(self.output).as_posix()
        return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def site_settings(content: Path, tmp_path: Path, settings_file: str = "pelicanconf.py", **overrides) -> dict:
    return read_settings(str(ROOT / settings_file), override={
        "PATH": str(content),
        "OUTPUT_PATH": str(tmp_path / "output"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "THEME": str(ROOT / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
        **overrides,
    })


def build(content: Path, tmp_path: Path, settings_file: str = "pelicanconf.py", **overrides) -> BuiltSite:
    settings = site_settings(content, tmp_path, settings_file, **overrides)
    return BuiltSite(build_site(settings), settings)


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> BuiltSite:
    return build(SITES / "tiny" / "content", tmp_path_factory.mktemp("tiny"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> BuiltSite:
    return build(ROOT / "content", tmp_path_factory.mktemp("shipped"))


@pytest.fixture
def tiny_copy(tmp_path) -> Path:
    """A copy of the tiny site's content that a test may break."""
    import shutil  # noqa: PLC0415

    target = tmp_path / "content"
    shutil.copytree(SITES / "tiny" / "content", target)
    return target
