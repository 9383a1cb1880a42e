"""A reader's paths through the site in Chromium: languages, topics, search, downloads, keyboard."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

# Pages of every kind, in both languages: what a reader opens first.
PAGES = {
    "fr": ["/", "/le-kam-diplomate-interne/", "/themes/grands-comptes/", "/formation/",
           "/formation/cas/verrerie-durand-kam/", "/recherche/"],
    "en": ["/en/", "/en/the-kam-as-internal-diplomat/", "/en/topics/key-account-management/", "/en/training/",
           "/en/training/cases/verrerie-durand-kam/", "/en/search/"],
}


def test_french_post_to_english_topic_and_back_to_the_french_topic(reader):
    reader.visit("/")
    reader.page.click('.post-summary .post-title a[href="/le-kam-diplomate-interne/"]')
    assert reader.path() == "/le-kam-diplomate-interne/"
    assert reader.page.get_attribute("html", "lang") == "fr"

    reader.page.click('nav.language-switch a[hreflang="en"]')
    assert reader.path() == "/en/the-kam-as-internal-diplomat/"
    assert reader.page.get_attribute("html", "lang") == "en"

    reader.page.click('.post-topics a.topic[href="/en/topics/key-account-management/"]')
    assert reader.path() == "/en/topics/key-account-management/"
    assert reader.page.inner_text("h1") == "Key Account Management"

    reader.page.click('nav.language-switch a[hreflang="fr"]')
    assert reader.path() == "/themes/grands-comptes/"
    assert reader.page.get_attribute("html", "lang") == "fr"
    assert reader.page.inner_text("h1") == "Gestion des grands comptes"
    reader.assert_clean()


def search(reader, page: str, query: str) -> list[str]:
    """Type a query and submit it as a reader would; the paths of the results."""
    reader.visit(page)
    reader.page.fill("#search-query", query)
    reader.page.press("#search-query", "Enter")
    reader.page.wait_for_selector("#search-results li a")
    assert query in reader.page.inner_text("#search-status")
    return [urlsplit(href).path for href in
            reader.page.eval_on_selector_all("#search-results li h2 a", "links => links.map(a => a.href)")]


def bundle_folders(reader) -> set[str]:
    """The folders of the Pagefind files (script, WebAssembly, index) the tab fetched."""
    paths = [urlsplit(url).path for url in reader.requests]
    return {path[: path.index("/pagefind/") + len("/pagefind/")] for path in paths if "/pagefind/" in path}


@pytest.mark.parametrize("query", ["plan de compte", "grands comptes"])
def test_french_search_finds_the_french_posts_about_key_accounts(reader, query):
    found = search(reader, "/recherche/", query)
    assert [url for url in found if url.startswith("/en/")] == []
    assert {"/notes-de-lecture-le-plan-de-compte/", "/atelier-premier-plan-grands-comptes/"} <= set(found), found
    marked = {text.lower() for text in reader.page.locator("#search-results mark").all_inner_texts()}
    assert marked & set(query.split()), marked
    assert bundle_folders(reader) == {"/pagefind/"}  # the French index only
    reader.assert_clean()


def test_english_search_finds_the_english_posts_about_key_accounts(reader):
    found = search(reader, "/en/search/", "key account")
    assert [url for url in found if not url.startswith("/en/")] == []
    assert {"/en/reading-notes-the-account-plan/", "/en/workshop-first-key-account-plan/",
            "/en/the-kam-as-internal-diplomat/"} <= set(found), found
    assert bundle_folders(reader) == {"/en/pagefind/"}  # the English index only
    reader.assert_clean()


def test_a_search_link_with_a_query_shows_its_results(reader):
    reader.visit("/en/search/?q=alliances")
    reader.page.wait_for_selector("#search-results li a")
    assert reader.page.input_value("#search-query") == "alliances"
    reader.assert_clean()


@pytest.mark.parametrize("training", ["/formation/", "/en/training/"])
def test_a_trainer_downloads_a_case_pdf(reader, training):
    reader.visit(training)
    link = reader.page.locator('ul.downloads a[type="application/pdf"]').first
    with reader.page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(data))
    assert len(pdf.pages) >= 1
    assert pdf.pages[0].extract_text().strip()
    reader.assert_clean()


@pytest.mark.parametrize("page", ["/", "/en/the-kam-as-internal-diplomat/"])
def test_the_keyboard_reaches_the_content_through_the_skip_link(reader, page):
    reader.visit(page)
    reader.page.keyboard.press("Tab")
    skip = reader.page.locator("a.skip-link")
    assert reader.page.evaluate("document.activeElement.matches('a.skip-link')")
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0 and box["x"] >= 0 and box["width"] > 0, box
    assert skip.is_visible()
    reader.page.keyboard.press("Enter")
    assert urlsplit(reader.page.url).fragment == "main"
    assert reader.page.evaluate("document.activeElement.closest('#main') !== null")
    reader.assert_clean()


def test_no_page_calls_another_host_or_logs_an_error(reader, shipped_site):
    """Every page of the site, and a search in each language: only 127.0.0.1, and a quiet console."""
    pages = [shipped_site.url_of(path) for path in shipped_site.html_pages()]
    assert len(pages) > 50
    for page in [*pages, "/recherche/?q=partenariat", "/en/search/?q=partnership"]:
        reader.visit(page)
        if "?q=" in page:
            reader.page.wait_for_selector("#search-results li a")
    assert len(reader.requests) > len(pages)
    reader.assert_clean()
