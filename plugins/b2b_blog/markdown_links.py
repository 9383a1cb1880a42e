"""A Markdown extension: links to other sites get rel="noopener", as a strict security policy wants."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

EXTENSION = "b2b_blog.markdown_links:ExternalLinksExtension"


def _external(href: str | None) -> bool:
    return (href or "").strip().lower().startswith(("http://", "https://", "//"))


def _with_noopener(rel: str | None) -> str:
    return " ".join(sorted(set((rel or "").split()) | {"noopener"}))


class ExternalLinks(Treeprocessor):
    def run(self, root) -> None:
        for link in root.iter("a"):
            if _external(link.get("href")):
                link.set("rel", _with_noopener(link.get("rel")))


class _RawLinks(HTMLParser):
    """The start tags of external links written as HTML, with where each starts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0]
        for line in text.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.found: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        values = dict(attrs)
        if tag == "a" and _external(values.get("href")) and "noopener" not in (values.get("rel") or "").split():
            line, column = self.getpos()
            self.found.append((self.line_starts[line - 1] + column, self.get_starttag_text() or "", attrs))


class RawHtmlLinks(Postprocessor):
    """Links the author wrote as HTML (Markdown leaves them as they are) get rel="noopener" too."""

    def run(self, text: str) -> str:
        for start, original, attrs in reversed(_RawLinks(text).found):
            if text[start:start + len(original)] != original:
                continue
            kept = [(name, value) for name, value in attrs if name != "rel"]
            rel = _with_noopener(next((value for name, value in attrs if name == "rel"), None))
            written = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in kept)
            closing = "/>" if original.endswith("/>") else ">"
            text = f'{text[:start]}<a{written} rel="{rel}"{closing}{text[start + len(original):]}'
        return text


class ExternalLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(ExternalLinks(md), "b2b_external_links", 5)
        # After raw_html (30) has put the author's HTML back in the text.
        md.postprocessors.register(RawHtmlLinks(md), "b2b_raw_html_links", 5)


def makeExtension(**kwargs) -> ExternalLinksExtension:
    return ExternalLinksExtension(**kwargs)
