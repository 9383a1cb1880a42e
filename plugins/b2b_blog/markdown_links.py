"""A Markdown extension: links to other sites get rel="noopener", as a strict security policy wants."""

from __future__ import annotations

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

EXTENSION = "b2b_blog.markdown_links:ExternalLinksExtension"


class ExternalLinks(Treeprocessor):
    def run(self, root) -> None:
        for link in root.iter("a"):
            if link.get("href", "").startswith(("http://", "https://", "//")):
                rel = set((link.get("rel") or "").split()) | {"noopener"}
                link.set("rel", " ".join(sorted(rel)))


class ExternalLinksExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(ExternalLinks(md), "b2b_external_links", 5)


def makeExtension(**kwargs) -> ExternalLinksExtension:
    return ExternalLinksExtension(**kwargs)
