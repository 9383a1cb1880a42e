"""Downloads are reproducible: the same sources give the same PDF and zip bytes whatever fonts the machine has."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from b2b_blog.cases.fonts import font_files
from b2b_blog.cases.model import load_case_library
from b2b_blog.cases.pdf import DEFAULT_FONTS, cache_entry, cached_pdf
from b2b_blog.problems import BuildError
from conftest import ROOT, build
from pypdf import PdfReader

CONTENT = ROOT / "content"
TOPICS = {"kam", "leadership", "partnerships"}
# Renders the first shipped case's French edition into a cache folder; prints the PDF's path.
RENDER = """
import os
import sys
from pathlib import Path
sys.path.insert(0, {plugins!r})
if os.environ.get("WITHOUT_HARFBUZZ_SUBSET"):  # as on a machine without libharfbuzz-subset0
    import weasyprint.pdf.fonts, weasyprint.text.ffi
    weasyprint.text.ffi.harfbuzz_subset = weasyprint.pdf.fonts.harfbuzz_subset = None
from b2b_blog.cases.model import load_case_library
from b2b_blog.cases.pdf import cached_pdf
cases, _ = load_case_library(Path({content!r}), "cases", ["fr", "en"], {topics!r})
print(cached_pdf(cases[0].editions["fr"], site_name="Site", citation="Citation", cache_dir=Path(sys.argv[1]))[0])
"""


def render_in_subprocess(cache: Path, fontconfig: Path | None, *, harfbuzz_subset: bool = True) -> bytes:
    """Render in a fresh process, under another fontconfig setup when `fontconfig` is given."""
    env = {**os.environ, "WITHOUT_HARFBUZZ_SUBSET": "" if harfbuzz_subset else "1"}
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig)
    script = RENDER.format(plugins=str(ROOT / "plugins"), content=str(CONTENT), topics=TOPICS)
    result = subprocess.run([sys.executable, "-c", script, str(cache)], env=env, capture_output=True, text=True,
                            check=True)
    return Path(result.stdout.strip()).read_bytes()


def fonts_conf(folder: Path, font_dirs: list[str]) -> Path:
    dirs = "".join(f"<dir>{path}</dir>" for path in font_dirs)
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>{dirs}'
                    f"<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    return conf


def embedded_fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_same_bytes_under_any_system_font_configuration(tmp_path):
    cases, _problems = load_case_library(CONTENT, "cases", ["fr", "en"], TOPICS)
    path = cached_pdf(cases[0].editions["fr"], site_name="Site", citation="Citation", cache_dir=tmp_path / "normal")[0]
    normal = path.read_bytes()
    assert embedded_fonts(normal) <= {"B2B-Serif", "B2B-Serif-Bold", "B2B-Serif-Italic", "B2B-Serif-BoldItalic",
                                      "B2B-Sans", "B2B-Sans-Bold", "B2B-Mono"}
    # No system font at all, and no HarfBuzz-Subset library (WeasyPrint would then cut fonts otherwise).
    no_fonts = render_in_subprocess(tmp_path / "none", fonts_conf(tmp_path / "none", []), harfbuzz_subset=False)
    assert no_fonts == normal
    others = [folder for folder in ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2")
              if Path(folder).is_dir()]
    if others:  # only another family: Liberation, as Chromium's install brings it
        assert render_in_subprocess(tmp_path / "other", fonts_conf(tmp_path / "other", others)) == normal


def test_the_cache_key_follows_the_font_files(tmp_path):
    cases, _problems = load_case_library(CONTENT, "cases", ["fr", "en"], TOPICS)
    edition = cases[0].editions["fr"]
    fonts = tmp_path / "fonts"
    shutil.copytree(DEFAULT_FONTS, fonts)
    before = cache_entry(edition, "Site", "Citation", tmp_path, fonts)[2]
    assert cache_entry(edition, "Site", "Citation", tmp_path, fonts)[2] == before
    with font_files(fonts)[0].open("ab") as handle:  # same name, same place, other bytes
        handle.write(b"\0")
    assert cache_entry(edition, "Site", "Citation", tmp_path, fonts)[2] != before


def test_a_rendered_pdf_is_taken_from_the_cache(tmp_path):
    cases, _problems = load_case_library(CONTENT, "cases", ["fr", "en"], TOPICS)
    edition = next(iter(cases[0].editions.values()))
    first = cached_pdf(edition, site_name="Site", citation="C", cache_dir=tmp_path)
    again = cached_pdf(edition, site_name="Site", citation="C", cache_dir=tmp_path)
    assert first[2] is True and again[2] is False and again[:2] == first[:2]


def downloads(output: Path) -> dict[str, str]:
    return {path.relative_to(output).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(output.rglob("*")) if path.suffix in {".pdf", ".zip"}}


def test_two_clean_builds_give_the_same_downloads_and_checksums(shipped_site, tmp_path):
    first = shipped_site  # built by the session, most likely in another process's state
    second = build(CONTENT, tmp_path / "two")
    assert downloads(first.output) == downloads(second.output)
    assert len(downloads(first.output)) >= 4
    page = "formation/cas/verrerie-durand-kam/index.html"
    assert (first.output / page).read_bytes() == (second.output / page).read_bytes()  # the SHA-256s shown


def test_a_missing_font_file_stops_the_build(tiny_copy, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "fonts" / "NotoSans-Bold.ttf").unlink()
    shutil.copytree(CONTENT / "cases", tiny_copy / "cases")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path, THEME=str(theme))
    assert "NotoSans-Bold.ttf: [font] the font file is missing" in str(raised.value)
