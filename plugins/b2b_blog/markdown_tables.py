"""A Markdown extension: a table column's alignment (`|:---:|`) becomes a class, not an inline style.

Python-Markdown writes `style="text-align: center;"` on each cell; the site refuses inline styles
(its Content-Security-Policy would block them), so the cells get `align-center` and the theme's
stylesheet aligns them.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

EXTENSION = "b2b_blog.markdown_tables:TableAlignmentExtension"
ALIGNMENT = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")


class TableAlignment(Treeprocessor):
    def run(self, root) -> None:
        for cell in (*root.iter("th"), *root.iter("td")):
            found = ALIGNMENT.fullmatch(cell.get("style") or "")
            if found:
                del cell.attrib["style"]
                cell.set("class", " ".join(filter(None, (cell.get("class"), f"align-{found[1]}"))))


class TableAlignmentExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(TableAlignment(md), "b2b_table_alignment", 5)


def makeExtension(**kwargs) -> TableAlignmentExtension:
    return TableAlignmentExtension(**kwargs)
