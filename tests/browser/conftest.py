"""The shipped site served on 127.0.0.1 and Debian's Chromium, driven by Playwright for Python."""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Quiet on a closed network: no update checks, no sync, no component downloads.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
HOST = "127.0.0.1"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site (`/slug/` gives its index.html) without a log line per request."""

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def site_url(shipped_site) -> str:
    """The site built from the shipped content, served on a free port of 127.0.0.1."""
    handler = functools.partial(QuietHandler, directory=str(shipped_site.output))
    server = ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://{HOST}:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; the tests skip without it on a developer's machine and fail without it in CI."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install it (bash scripts/test.sh does)")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium, or run bash scripts/test.sh")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when Chromium is there

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Reader:
    """A browser tab that records every request and every error of the pages it visits."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def visit(self, path: str):
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, (path, response and response.status)
        return response

    def path(self) -> str:
        """The path of the page shown, with its query and fragment."""
        return self.page.url.removeprefix(self.base)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != HOST]

    def assert_clean(self) -> None:
        """Nothing left the machine and nothing went wrong in the console."""
        assert self.foreign_requests() == []
        assert self.errors == []


def open_reader(browser, base: str, viewport: dict = DESKTOP, **options) -> Reader:
    context = browser.new_context(viewport=viewport, accept_downloads=True, **options)
    page = context.new_page()
    reader = Reader(page, base)
    page.on("request", lambda request: reader.requests.append(request.url))
    page.on("console", lambda message: message.type == "error"
            and reader.errors.append(f"{page.url}: console: {message.text}"))
    page.on("pageerror", lambda error: reader.errors.append(f"{page.url}: {error}"))
    # Recorded above, then refused: a request to another host never waits on a network that is not there.
    context.route(lambda url: urlsplit(url).hostname not in (HOST, None), lambda route: route.abort())
    return reader


@pytest.fixture
def new_reader(browser, site_url):
    """Opens tabs on the local site (`new_reader(viewport=PHONE, color_scheme="dark")`), closed after the test."""
    readers = []

    def opener(viewport: dict = DESKTOP, **options) -> Reader:
        readers.append(open_reader(browser, site_url, viewport, **options))
        return readers[-1]

    yield opener
    for reader in readers:
        reader.page.context.close()


@pytest.fixture
def reader(new_reader) -> Reader:
    """A desktop-sized tab on the local site."""
    return new_reader()
