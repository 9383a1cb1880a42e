"""`invoke livereload` in a real subprocess: open pages refresh after a save, show a failed build's
problems in their language, and come back once the file is fixed, under the site's strict CSP."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "sites" / "tiny" / "content"
# The policy every page carries (B2B_CONTENT_SECURITY_POLICY's default, as in content/extra/_headers).
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
LONG_TEXT = "\n\n".join(f"Paragraphe {number} : la relation entre un fournisseur et son client se construit "
                        "dans la durée, rendez-vous après rendez-vous." for number in range(60))

HOST = "127.0.0.1"
pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project (tasks, settings, theme, plugin) with the tiny site's content."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    shutil.copytree(ROOT / "theme", target / "theme", ignore=ignore)
    shutil.copytree(ROOT / "plugins", target / "plugins", ignore=ignore)
    shutil.copytree(TINY, target / "content")
    post = target / "content" / "fr" / "premier-billet.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n" + LONG_TEXT + "\n", encoding="utf-8")
    return target


@pytest.fixture
def livereload(project):
    """`invoke livereload --port N` running in the project copy; yields its base URL."""
    port = free_port()
    log = (project / "livereload.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "invoke", "livereload", "--port", str(port)], cwd=project,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://{HOST}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/", timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, (project / "livereload.log").read_text()
            time.sleep(0.2)
    else:
        pytest.fail("livereload did not start:\n" + (project / "livereload.log").read_text())
    yield base
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    log.close()


def with_policy(route):
    """Serve each page with the site's CSP as a header, as the host does."""
    if route.request.resource_type != "document":
        return route.continue_()
    try:
        response = route.fetch()
    except Exception:  # noqa: BLE001 - a tab of an ended test reloading once its server is gone
        return route.abort()
    return route.fulfill(response=response, headers={**response.headers, "content-security-policy": POLICY})


def open_page(browser, url: str, problems: list[str]):
    page = browser.new_page(viewport={"width": 800, "height": 400})
    page.route("**/*", with_policy)
    # The error page is served with status 500 (the page asked for is not there): Chromium says so.
    page.on("console", lambda message: message.type == "error" and "status of 500" not in message.text
            and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def until(page, expression: str, timeout: float = 15) -> None:
    """Wait until `expression` is true in the page, across reloads (polled from here: the page's CSP
    forbids the string evaluation Playwright's wait_for_function uses)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(f"() => Boolean({expression})"):
                return
        except Exception:  # noqa: BLE001 - the page is between two documents
            pass
        time.sleep(0.05)
    raise AssertionError(f"not true after {timeout} s: {expression}\n{page.content()[:2000]}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_page_follows_the_text_and_shows_the_problems(browser, project, livereload):
    post = project / "content" / "fr" / "premier-billet.md"
    problems: list[str] = []
    page = open_page(browser, livereload + "/premier-billet/", problems)
    english = open_page(browser, livereload + "/en/first-post/", problems)
    # The script is added while serving only: the built file is what a normal build writes.
    assert page.locator('script[src^="/_preview/reload.js"]').count() == 1
    assert "_preview" not in (project / "output" / "premier-billet" / "index.html").read_text(encoding="utf-8")
    page.evaluate("window.scrollTo(0, 900)")
    until(page, "window.scrollY >= 899")

    edit(post, "Title: Premier billet", "Title: Premier billet revu")
    until(page, "document.querySelector('h1').textContent.includes('revu')", 15)
    until(page, "Math.abs(window.scrollY - 900) <= 2", 5)

    edit(post, "Date: 2016-11-25 09:00", "Date: 03/11/2016")
    until(page, "document.title.includes('construction')", 15)
    listing = page.locator("ol.problems").inner_text()
    assert "fr/premier-billet.md" in listing and "ligne 2" in listing
    assert "peut se lire de deux façons" in listing and "2016-11-03" in listing
    assert page.locator("html").get_attribute("lang") == "fr"
    until(english, "document.title.includes('The build stopped')", 15)
    assert "line 2" in english.locator("ol.problems").inner_text()
    assert "can be read two ways" in english.locator("ol.problems").inner_text()
    # The last good site is still what output/ holds.
    assert "Premier billet revu" in (project / "output" / "premier-billet" / "index.html").read_text("utf-8")

    edit(post, "Date: 03/11/2016", "Date: 2016-11-03 09:00")
    until(page, "document.querySelector('h1') && "
          "document.querySelector('h1').textContent.includes('Premier billet revu')", 15)
    until(english, "!document.title.includes('The build stopped')", 15)
    assert page.locator("time").first.inner_text().startswith("jeudi 3 novembre 2016")
    assert problems == []  # no CSP violation, no script error


def test_a_change_to_the_plugin_is_used_without_a_restart(browser, project, livereload):
    problems: list[str] = []
    page = open_page(browser, livereload + "/premier-billet/", problems)
    assert "min" in page.locator("body").inner_text()
    posts = project / "plugins" / "b2b_blog" / "posts.py"
    # Reading time at 1 word per minute: the page must show many more minutes after the next build.
    edit(posts, 'content.reading_time = max(1, math.ceil(words / plugin_settings.get(settings, '
               '"B2B_WORDS_PER_MINUTE")))', "content.reading_time = 4242")
    until(page, "document.body.innerText.includes('4242')", 20)
    assert problems == []


def test_the_previewed_site_is_byte_for_byte_a_normal_build(project, livereload, tmp_path):
    import hashlib  # noqa: PLC0415

    from conftest import build  # noqa: PLC0415

    def snapshot(folder: Path) -> dict[str, str]:
        return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in sorted(folder.rglob("*")) if path.is_file()}

    normal = build(project / "content", tmp_path / "normal", THEME=str(project / "theme"))
    served = urllib.request.urlopen(livereload + "/premier-billet/", timeout=5).read()
    assert b"/_preview/reload.js" in served
    assert snapshot(project / "output") == snapshot(normal.output)


def test_ten_open_tabs_all_follow_through_one_event_stream(browser, project, livereload):
    problems: list[str] = []
    context = browser.new_context()
    tabs = []
    for _ in range(10):  # more than the six connections a browser opens to one host
        tab = context.new_page()
        tab.on("pageerror", lambda error: problems.append(str(error)))
        tab.goto(livereload + "/premier-billet/")
        tabs.append(tab)
    edit(project / "content" / "fr" / "premier-billet.md", "Title: Premier billet", "Title: Premier billet bis")
    for tab in tabs:
        until(tab, "document.querySelector('h1').textContent.includes('bis')", 20)
    # Every tab still loads a page at once: no connection is left waiting behind the event streams.
    started = time.monotonic()
    tabs[-1].goto(livereload + "/en/first-post/")
    assert time.monotonic() - started < 5
    assert problems == []
    context.close()


def problem_items(page) -> list[dict[str, str]]:
    """Each problem of the error page: its labels (dt) and what they say (dd)."""
    return page.evaluate("""() => [...document.querySelectorAll('ol.problems > li')].map(item => Object.fromEntries(
        [...item.querySelectorAll('dt')].map(term => [term.textContent.trim(),
                                                     term.nextElementSibling.textContent.trim()])))""")


def test_the_problems_are_said_in_french_under_the_root_and_in_english_under_en(browser, project, livereload):
    post = project / "content" / "fr" / "premier-billet.md"
    problems: list[str] = []
    french = open_page(browser, livereload + "/premier-billet/", problems)
    english = open_page(browser, livereload + "/en/first-post/", problems)
    edit(post, "Date: 2016-11-25 09:00\n", "Date: 03/11/2016\nLieu: Lyon\n")
    until(french, "document.title.includes('construction')", 20)
    until(english, "document.title.includes('The build stopped')", 20)
    said = {item["Champ"]: item for item in problem_items(french)}
    nbsp = "\u00a0"
    assert said["lieu"]["Fichier"] == "fr/premier-billet.md, ligne 3"
    assert said["lieu"]["Ce qui ne va pas"] == f"champ inconnu «{nbsp}lieu{nbsp}»"
    assert said["lieu"]["Correction"].startswith(f"utilisez l’un de ces champs{nbsp}: ")
    assert said["date"]["Ce qui ne va pas"] == (
        f"«{nbsp}03/11/2016{nbsp}» peut se lire de deux façons{nbsp}: 3 novembre 2016 (le jour d’abord, comme en "
        "français) ou 11 mars 2016 (le mois d’abord, comme en anglais américain)")
    assert said["date"]["Correction"] == (f"écrivez-la sous la forme ISO{nbsp}: 2016-11-03 pour le 3 novembre 2016, "
                                          "ou 2016-03-11 pour le 11 mars 2016")
    told = {item["Field"]: item for item in problem_items(english)}
    assert told["lieu"]["What is wrong"] == "unknown field 'lieu'"
    assert told["date"]["What is wrong"].startswith("'03/11/2016' can be read two ways: 3 November 2016 (day first")
    assert told["date"]["Fix"].startswith("write it in ISO form: 2016-11-03 for 3 November 2016")
    # The terminal stays English, each problem once.
    log = (project / "livereload.log").read_text(encoding="utf-8")
    assert log.count("unknown field 'lieu'") == 1 and "champ inconnu" not in log

    edit(post, "Date: 03/11/2016\nLieu: Lyon\n", "Date: 2016-11-03 09:00\n")
    until(french, "document.querySelector('h1') && document.querySelector('h1').textContent.includes('Premier')", 20)
    until(english, "!document.title.includes('The build stopped')", 20)
    assert problems == []
