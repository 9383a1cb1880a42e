"""Every feed parses, with absolute links, and the sitemap is well-formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser


def feed_errors(output: Path) -> list[str]:
    errors = []
    feeds = [path for path in sorted(output.rglob("*.xml")) if path.name != "sitemap.xml"]
    if not feeds:
        errors.append("no feed in the output")
    for path in feeds:
        name = path.relative_to(output).as_posix()
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            errors.append(f"{name}: {parsed.bozo_exception}")
        for entry in parsed.entries:
            if not entry.get("link", "").startswith(("http://", "https://")):
                errors.append(f"{name}: entry {entry.get('title')!r} has a relative link {entry.get('link')!r}")
    sitemap = output / "sitemap.xml"
    try:
        urls = ET.parse(sitemap).getroot().findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
        if not urls:
            errors.append("sitemap.xml lists no URL")
    except (OSError, ET.ParseError) as error:
        errors.append(f"sitemap.xml: {error}")
    return errors
