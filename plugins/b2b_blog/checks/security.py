"""The site runs under a strict Content-Security-Policy: no inline script, safe external links."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

DATA_BLOCKS = {"application/ld+json", "application/json"}


def security_errors(output: Path, origin: str) -> list[str]:
    errors = []
    for page in sorted(output.rglob("*.html")):
        name = page.relative_to(output).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") not in DATA_BLOCKS:
                errors.append(f"{name}: inline script (move it to a file under theme/static/js/)")
        for element in soup.find_all(attrs={"style": True}):
            errors.append(f"{name}: inline style on <{element.name}> (use the stylesheet)")
        for attribute in ("onclick", "onload", "onerror", "onsubmit"):
            for element in soup.find_all(attrs={attribute: True}):
                errors.append(f"{name}: {attribute} handler on <{element.name}>")
        for link in soup.find_all("a", href=True):
            href = link["href"]
            external = href.startswith(("http://", "https://", "//")) and not href.startswith(origin)
            if external and "noopener" not in (link.get("rel") or []):
                errors.append(f"{name}: external link {href} without rel=\"noopener\"")
    headers = output / "_headers"
    if not headers.is_file() or "Content-Security-Policy" not in headers.read_text(encoding="utf-8"):
        errors.append("_headers with a Content-Security-Policy is missing (content/extra/_headers)")
    return errors
