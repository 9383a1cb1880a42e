"""What the build would refuse in the imported files, found before they are written.

The importers keep an old post's own HTML (a demo's script, a style block, a form) when
they can't turn it into something the site allows; the build then stops on it. The plan
names each such place, with its line and the fix, so the author sees it at import time.
"""

from __future__ import annotations

from b2b_blog import settings as plugin_settings
from b2b_blog.header import parse_header
from b2b_blog.markdown_links import EXTENSION as EXTERNAL_LINKS
from b2b_blog.markdown_tables import EXTENSION as TABLE_ALIGNMENT
from b2b_blog.sanitizing import locate, refusals
from markdown import Markdown


def build_refusals(files: dict[str, str], settings: dict) -> list[str]:
    """One problem line per piece of HTML the build would refuse in a planned Markdown file."""
    options = dict(settings.get("MARKDOWN") or {})
    options["extensions"] = [*options.get("extensions", []), EXTERNAL_LINKS, TABLE_ALIGNMENT]
    found = []
    for path, text in sorted(files.items()):
        if not path.endswith(".md"):
            continue
        header = parse_header(text)
        first_line = len(text.splitlines()) - len(header.body.splitlines()) + 1
        html = Markdown(**options).convert(header.body)
        for refusal in refusals(html, settings.get("SITE_ORIGIN", "")):
            line = locate(header.body, refusal, first_line)
            where = f"{path}:{line}" if line else path
            found.append(f"{where}: the build will refuse {refusal.what}. Fix: {refusal.fix}")
    return found


def without_topics(files: dict[str, str], settings: dict) -> list[str]:
    """A note listing the published posts the import gives no topic (the publishing build stops on
    each the tagger can't place, as warnings are errors there)."""
    found = []
    for path, text in sorted(files.items()):
        if not path.endswith(".md") or "/pages/" in path:
            continue
        fields = parse_header(text).fields
        status = fields["status"].text.lower() if "status" in fields else ""
        if "topics" not in fields and status not in {"draft", "hidden"}:
            found.append(path)
    if not found:
        return []
    known = ", ".join(plugin_settings.get(settings, "B2B_TOPICS"))
    return [f"{len(found)} post(s) without a 'Topics:' line (their old labels matched no topic): the build "
            "guesses one from the text, and `invoke preview` and `invoke publish` stop on any it can't; name "
            f"them (known: {known}), `invoke topics FILE` explains the guess: {', '.join(found)}"]
