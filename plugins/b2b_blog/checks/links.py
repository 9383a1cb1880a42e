"""Every internal link and asset of the built site resolves to a file."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


def internal_targets(page: Path, output: Path, origin: str) -> list[str]:
    """The internal URLs a page points to, as root-relative paths."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    base = "/" + page.relative_to(output).as_posix()
    urls = []
    for tag, attribute in LINK_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not value or value.startswith(("mailto:", "tel:", "#", "data:")):
                continue
            if value.startswith(origin):
                value = value[len(origin.rstrip("/")):] or "/"
            parts = urlsplit(urljoin(base, value))
            if parts.scheme or parts.netloc:
                continue
            urls.append(unquote(parts.path))
    return urls


def resolves(output: Path, url: str) -> bool:
    target = output / url.lstrip("/")
    if url.endswith("/"):
        return (target / "index.html").is_file()
    return target.is_file() or (target / "index.html").is_file()


def broken_links(output: Path, origin: str) -> list[tuple[str, str]]:
    """(page, target) for every internal link or asset that leads nowhere."""
    broken = []
    for page in sorted(output.rglob("*.html")):
        for url in internal_targets(page, output, origin):
            if not resolves(output, url):
                broken.append((page.relative_to(output).as_posix(), url))
    return broken


def broken_redirects(output: Path) -> list[str]:
    """Every rule of `_redirects` whose old path has no redirect page or whose new URL leads nowhere."""
    rules = output / "_redirects"
    if not rules.is_file():
        return []
    found = []
    for number, line in enumerate(rules.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if len(parts) != 3 or parts[0].startswith("#"):
            continue
        old, new = unquote(parts[0]), unquote(urlsplit(parts[1]).path)
        if not resolves(output, old):
            found.append(f"_redirects:{number}: no redirect page at {old}")
        if not resolves(output, new):
            found.append(f"_redirects:{number}: {old} leads to {new}, which does not exist")
    return found
