"""hreflang sets: each version lists itself and every other, absolute and reciprocal."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup


def hreflang_sets(output: Path, origin: str) -> dict[str, dict[str, str]]:
    """Page URL (absolute) -> its hreflang map, for every page that declares one."""
    sets = {}
    for page in sorted(output.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = soup.select('link[rel="alternate"][hreflang]')
        if not links:
            continue
        relative = page.relative_to(output).as_posix()
        url = origin.rstrip("/") + "/" + relative.removesuffix("index.html")
        sets[url] = {link["hreflang"]: link["href"] for link in links}
    return sets


def hreflang_problems(output: Path, origin: str, main_lang: str) -> list[str]:
    problems = []
    sets = hreflang_sets(output, origin)
    for url, alternates in sets.items():
        if url not in alternates.values():
            problems.append(f"{url}: does not list itself")
        if alternates.get("x-default") != alternates.get(main_lang, alternates.get("x-default")):
            problems.append(f"{url}: x-default is not the {main_lang} version")
        for lang, href in alternates.items():
            if not urlsplit(href).scheme:
                problems.append(f"{url}: {lang} alternate {href} is not absolute")
            elif lang != "x-default" and sets.get(href) != alternates:
                problems.append(f"{url}: {lang} alternate {href} does not link back with the same set")
    return problems
