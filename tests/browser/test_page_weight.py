"""Reading pages weigh little: HTML and CSS under 25 KB compressed, no JavaScript but the comment form's
on posts, no fonts from elsewhere."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

from conftest import ROOT

BUDGET = 25 * 1024
SEARCH_PAGES = {"/recherche/", "/en/search/"}


def post_urls() -> list[str]:
    """Every shipped post's page, from the slugs of content/<lang>/*.md."""
    from b2b_blog.authoring import read_header  # noqa: PLC0415

    urls = []
    for lang, prefix in (("fr", "/"), ("en", "/en/")):
        for path in sorted((ROOT / "content" / lang).glob("*.md")):
            header = read_header(path)
            if header.get("status", "published") == "published":
                urls.append(f"{prefix}{header['slug']}/")
    return urls


def stylesheets(soup) -> list[str]:
    return [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')]


def test_post_pages_weigh_under_25_kb_compressed(shipped_site):
    urls = post_urls()
    assert len(urls) >= 18
    for url in urls:
        html = shipped_site.path(url).read_bytes()
        css = b""
        for href in stylesheets(shipped_site.soup(url)):
            assert urlsplit(href).netloc in ("", "127.0.0.1"), (url, href)
            css += shipped_site.path(urlsplit(href).path).read_bytes()
        weight = len(gzip.compress(html, 9)) + (len(gzip.compress(css, 9)) if css else 0)
        assert weight < BUDGET, f"{url}: {weight} bytes of HTML and CSS, gzipped"


def test_no_web_fonts_from_other_hosts(shipped_site):
    for css in shipped_site.output.rglob("*.css"):
        if "pagefind" in css.parts:
            continue
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text, css
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), css
    for page in shipped_site.html_pages():
        soup = shipped_site.soup(shipped_site.url_of(page))
        for link in soup.select("link[href]"):
            rels = set(link.get("rel", []))
            if rels & {"stylesheet", "preload", "preconnect", "dns-prefetch"}:
                assert urlsplit(link["href"]).netloc == "", (shipped_site.url_of(page), link)


COMMENT_SCRIPT = "/theme/js/comments.js"


def test_reading_pages_carry_no_javascript(shipped_site):
    """Only a post page loads a script: the comment form's, external and deferred; the comments are HTML."""
    pages = [shipped_site.url_of(page) for page in shipped_site.html_pages()]
    posts = set(post_urls())
    checked = 0
    for url in pages:
        if url in SEARCH_PAGES or "/pagefind/" in url:  # any language's search bundle
            continue
        soup = shipped_site.soup(url)
        scripts = [script for script in soup.find_all("script") if script.get("type") != "application/ld+json"]
        if url in posts:
            assert [(script.get("src"), script.has_attr("defer"), script.string) for script in scripts] == [
                (COMMENT_SCRIPT, True, None)], url
            assert soup.select_one("#comments .comment-form[hidden]") and soup.select_one("#comments noscript a[href]")
        else:
            assert scripts == [], url
        handlers = [tag.name for tag in soup.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
        assert handlers == [], url
        assert not soup.select('a[href^="javascript:"]'), url
        checked += 1
    assert checked > 50
    for url in SEARCH_PAGES:
        assert shipped_site.soup(url).select_one('script[type="module"]'), url
