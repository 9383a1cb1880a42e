"""The comment form in Chromium: it posts to a real Isso server, says the comment waits, and once the
author approves it, the rebuilt page shows it to a reader without JavaScript; axe finds nothing wrong."""

from __future__ import annotations

import functools
import re
import shutil
import threading
from http.server import ThreadingHTTPServer

import pytest
from b2b_blog.comments import cli, config
from b2b_blog.comments.moderation import Moderation
from conftest import ROOT, SITES, build
from isso_server import free_port, running_isso

from .conftest import HOST, QuietHandler, open_reader
from .test_accessibility import AXE_TAGS, describe

pytestmark = pytest.mark.browser

PAGES = {"fr": "/premier-billet/", "en": "/en/first-post/"}
WAITING = {"fr": "attend la relecture de l'auteur", "en": "waits for the author’s approval"}
COMMENTS = {"fr": "Un commentaire écrit dans Chromium <script>alert(1)</script>",
            "en": "A comment typed in Chromium, with <b onclick='x()'>markup</b>"}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def site_policy(extra_origin: str | None) -> str:
    """The site's CSP (content/extra/_headers), connect-src widened by exactly the comment server's origin."""
    line = next(line for line in (ROOT / "content" / "extra" / "_headers").read_text().splitlines()
                if "Content-Security-Policy:" in line)
    # A <meta> policy ignores frame-ancestors (a header only).
    policy = line.split(":", 1)[1].strip().replace("; frame-ancestors 'none'", "")
    return policy.replace("connect-src 'self'", f"connect-src 'self' {extra_origin}") if extra_origin else policy


class Site:
    def __init__(self, folder, content, overrides, settings, base):
        self.folder, self.content, self.overrides, self.settings, self.base = folder, content, overrides, settings, base

    def build(self):
        return build(self.content, self.folder, **self.overrides)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The tiny site served on one port of 127.0.0.1, Isso on another, allowed for that origin only."""
    folder = tmp_path_factory.mktemp("comment-form")
    content = folder / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    web = ThreadingHTTPServer((HOST, 0), functools.partial(QuietHandler, directory=str(folder / "output")))
    web.daemon_threads = True
    threading.Thread(target=web.serve_forever, daemon=True).start()
    base = f"http://{HOST}:{web.server_address[1]}"
    port = free_port()
    overrides = {"B2B_COMMENTS_URL": f"http://{HOST}:{port}/", "B2B_COMMENTS_EXTRA_ORIGINS": [base],
                 "B2B_COMMENTS_DATABASE": str(folder / "comments" / "comments.db")}
    built = build(content, folder, **overrides)
    with running_isso(built.settings, folder, port):
        yield Site(folder, content, overrides, built.settings, base)
    web.shutdown()
    web.server_close()


def reader_for(browser, site, policy: str | None = None, **options):
    """A tab on the site; with `policy`, the post pages carry it as a <meta> (as every page will)."""
    for url in PAGES.values():
        page = site.folder / "output" / url.strip("/") / "index.html"
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page.read_text(encoding="utf-8"))
        if policy:
            meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            html = html.replace("<head>", f"<head>\n  {meta}", 1)
        page.write_text(html, encoding="utf-8")
    reader = open_reader(browser, site.base, **options)
    # Each tab is another reader for Isso (it trusts 127.0.0.1 as a proxy): its rate limit is per reader.
    address = f"10.{len(_readers) // 200}.{len(_readers) % 200}.1"
    _readers.append(address)
    reader.page.context.route(f"{site.overrides['B2B_COMMENTS_URL']}**", lambda route: route.continue_(
        headers={**route.request.headers, "x-forwarded-for": address}))
    return reader


_readers: list[str] = []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_form_sends_the_comment_and_says_it_waits(browser, site, lang):
    settings = {**site.settings, "SITE_ORIGIN": "https://relation-btob.example"}
    reader = reader_for(browser, site, site_policy(config.connect_src_origin(settings)))
    try:
        reader.visit(PAGES[lang])
        form = reader.page.locator("#comment-form")
        assert form.is_visible()
        reader.page.fill("#comment-text", COMMENTS[lang])
        reader.page.fill("#comment-author", f"Lecteur {lang}")
        reader.page.fill("#comment-email", f"{lang}@private.example")
        reader.page.click("#comment-form button[type=submit]")
        status = reader.page.locator(".comment-status")
        status.wait_for(state="visible")
        reader.page.wait_for_function("() => document.querySelector('.comment-status').textContent.length > 20")
        assert WAITING[lang] in status.inner_text(), reader.errors
        assert reader.page.input_value("#comment-text") == ""
        reader.assert_clean()
    finally:
        reader.page.context.close()
    waiting = [item for item in Moderation(site.settings).pending() if item.post == PAGES[lang]]
    assert [item.author for item in waiting] == [f"Lecteur {lang}"]


def test_without_the_widened_policy_the_browser_refuses_to_post(browser, site):
    reader = reader_for(browser, site, site_policy(None))
    try:
        reader.visit(PAGES["en"])
        reader.page.fill("#comment-text", "This one is blocked by the page's own policy.")
        reader.page.click("#comment-form button[type=submit]")
        reader.page.wait_for_function("() => document.querySelector('.comment-status').textContent.length > 20")
        assert "could not be sent" in reader.page.inner_text(".comment-status")
    finally:
        reader.page.context.close()


def test_an_approved_comment_is_read_without_javascript(browser, site):
    for item in Moderation(site.settings).pending():
        assert cli.moderate(site.settings, approve=item.id) == 0
    site.build()
    reader = reader_for(browser, site, java_script_enabled=False)
    try:
        reader.visit(PAGES["fr"])
        comment = reader.page.locator(".comment-list .comment").first
        assert "Un commentaire écrit dans Chromium <script>alert(1)</script>" in comment.inner_text()
        assert "Lecteur fr" in comment.inner_text()
        assert not reader.page.locator("#comment-form").is_visible()
        assert reader.page.locator("noscript a[href^='mailto:']").count() == 1
        assert "private.example" not in reader.page.content()
        reader.visit(PAGES["en"])
        assert "<b onclick='x()'>markup</b>" in reader.page.locator(".comment-list").inner_text()
        assert "The French version has 1 comment" in reader.page.inner_text(".comments-elsewhere")
        reader.assert_clean()
    finally:
        reader.page.context.close()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_comments(browser, site, lang, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (bash scripts/test.sh does)")
    reader = reader_for(browser, site, color_scheme=scheme)
    try:
        reader.visit(PAGES[lang])
        assert reader.page.locator("#comment-form").is_visible()
        reader.page.add_script_tag(path=str(AXE))
        results = reader.page.evaluate(
            "tags => axe.run('#comments', {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
        assert describe(results["violations"], f"{lang}, {scheme}") == []
    finally:
        reader.page.context.close()


def test_a_reply_names_its_comment(browser, site):
    settings = {**site.settings, "SITE_ORIGIN": "https://relation-btob.example"}
    reader = reader_for(browser, site, site_policy(config.connect_src_origin(settings)))
    try:
        reader.visit(PAGES["fr"])
        first = reader.page.locator(".comment-list > .comment").first
        parent = int(first.get_attribute("id").removeprefix("comment-isso-"))
        first.locator(".comment-reply").click()
        assert reader.page.inner_text(".comment-replying span") == "Votre réponse à Lecteur fr"
        assert reader.page.evaluate("document.activeElement.id") == "comment-text"
        reader.page.fill("#comment-text", "Une réponse au premier commentaire.")
        reader.page.click("#comment-form button[type=submit]")
        reader.page.wait_for_function("() => document.querySelector('.comment-status').textContent.length > 20")
        assert WAITING["fr"] in reader.page.inner_text(".comment-status"), reader.errors
        assert not reader.page.locator(".comment-replying").is_visible()
        reader.assert_clean()
    finally:
        reader.page.context.close()
    waiting = Moderation(site.settings).pending()
    assert [item.text for item in waiting] == ["Une réponse au premier commentaire."]
    assert cli.moderate(site.settings, approve=waiting[0].id) == 0
    site.build()
    replies = site_page(site, PAGES["fr"]).select(f"#comment-isso-{parent} .comment-replies .comment-text")
    assert [reply.get_text(strip=True) for reply in replies] == ["Une réponse au premier commentaire."]


def site_page(site, url):
    from bs4 import BeautifulSoup  # noqa: PLC0415

    return BeautifulSoup((site.folder / "output" / url.strip("/") / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
