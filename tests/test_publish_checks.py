"""The checks behind `invoke publish` pass on a good site and catch each planted defect."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from b2b_blog.checks import CHECKS, run_check
from conftest import ROOT, SITES, build, site_settings


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("checked")
    content = tmp / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    shutil.copytree(ROOT / "content" / "cases" / "alliance-nordsud", content / "cases" / "alliance-nordsud")
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    return build(content, tmp, settings_file="publishconf.py")


@pytest.fixture
def site_copy(good_site, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(good_site.output, output)
    return output, good_site.settings


def test_every_check_passes_on_a_good_site(good_site):
    for name in CHECKS:
        assert run_check(name, good_site.output, good_site.settings) == [], name


def plant(output, url, old, new):
    page = output / url.lstrip("/") / "index.html"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")


DEFECTS = {
    "links": (lambda o: plant(o, "/en/first-post/", "</main>", '<a href="/en/nowhere/">x</a></main>'),
              "broken link to /en/nowhere/"),
    "hreflang": (lambda o: plant(o, "/en/first-post/", 'hreflang="fr" href="https://', 'hreflang="fr" href="http://'),
                 "does not link back"),
    "html": (lambda o: plant(o, "/premier-billet/", "</main>", "<div><p>unclosed</main>"), "premier-billet"),
    "feeds": (lambda o: (o / "en/feeds/atom.xml").write_text("<feed><entry>", encoding="utf-8"), "en/feeds/atom.xml"),
    "security": (lambda o: plant(o, "/premier-billet/", "</main>", "<script>alert(1)</script></main>"),
                 "inline script"),
}


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_each_check_catches_its_defect(name, site_copy):
    output, settings = site_copy
    plant_defect, expected = DEFECTS[name]
    plant_defect(output)
    found = run_check(name, output, settings)
    assert found and any(expected in line for line in found), found


def test_security_wants_noopener_and_the_policy_file(site_copy):
    output, settings = site_copy
    plant(output, "/premier-billet/", "</main>", '<a href="https://example.org/">x</a></main>')
    (output / "_headers").unlink()
    found = run_check("security", output, settings)
    assert any('https://example.org/ without rel="noopener"' in line for line in found)
    assert any("_headers" in line for line in found)


def test_leaks_finds_a_draft_and_a_restricted_note(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    shutil.copytree(ROOT / "content" / "cases" / "alliance-nordsud", content / "cases" / "alliance-nordsud")
    (content / "fr" / "brouillon.md").write_text(
        "Title: Un brouillon\nDate: 2020-01-01\nSlug: brouillon-secret\nStatus: draft\n\n"
        "Ce paragraphe de brouillon ne doit jamais sortir de la machine de son auteur.\n", encoding="utf-8")
    settings = site_settings(content, tmp_path)
    # Writing drafts (the local settings) publishes them: the check must say so.
    local = build(content, tmp_path)
    assert any("brouillon" in line for line in run_check("leaks", local.output, settings))
    # A copied restricted note is caught by name and by content.
    note = content / "cases/alliance-nordsud/notes/teaching-note.fr.md"
    shutil.copyfile(note, local.output / "leaked.txt")
    found = run_check("leaks", local.output, settings)
    assert any(line.startswith("leaked.txt") for line in found)
    # The publishing settings write neither.
    published = build(content, tmp_path / "publish", settings_file="publishconf.py")
    assert run_check("leaks", published.output, settings) == []
    assert not (published.output / "drafts").exists()


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java")
def test_invoke_publish_refuses_a_site_with_a_broken_link(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        shutil.copy(ROOT / name, project / name)
    for folder in ("theme", "plugins"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(SITES / "tiny" / "content", project / "content")
    shutil.copytree(ROOT / "content" / "extra", project / "content" / "extra")
    target = tmp_path / "published"
    env = {"BLOG_PUBLISH_TARGET": str(target), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([sys.executable, "-m", "invoke", "publish"], cwd=project, env=env,
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert (target / "en" / "first-post" / "index.html").is_file()
    post = project / "content" / "en" / "first-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nSee [the lost page](/en/lost-page/).\n", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "invoke", "publish"], cwd=project, env=env,
                             capture_output=True, text=True, check=False)
    assert refused.returncode != 0
    assert "broken link to /en/lost-page/" in refused.stdout and "refused" in refused.stdout + refused.stderr
    assert "lost page" not in (target / "en" / "first-post" / "index.html").read_text(encoding="utf-8")
