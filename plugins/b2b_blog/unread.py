"""Files in the post and page folders that look like posts but that no reader reads: each is reported,
never left out in silence."""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem
from .texts import Text

READ = ("md", "markdown", "mkd", "mdown")  # BlogMarkdownReader.file_extensions
# Extensions of text an author may mean as a post, whatever their case.
TEXT = {"md", "markdown", "mkd", "mdown", "rst", "rest", "txt", "text", "html", "htm", "adoc", "org", "textile"}
FIXES = {
    "rst": Text("convert it to Markdown and rename it to .md (e.g. pandoc -f rst -t markdown); reStructuredText is "
                "not read, as its header would escape the blog's checks"),
    "html": Text("rename it to .md (Markdown keeps HTML as it is), or move it to content/extra/ to publish it "
                 "unchanged"),
    "case": Text("rename it with a lower-case extension, .md"),
    "double": Text("rename it so that its name ends in .md, or move it out of content/"),
    "text": Text("rename it to .md if it is a post or a page, or move it out of content/"),
}


def unread_problems(settings: dict) -> list[Problem]:
    """One problem per post-like file of ARTICLE_PATHS and PAGE_PATHS that would not be read."""
    root = Path(settings["PATH"])
    skipped = [root / folder for folder in (*settings.get("STATIC_PATHS", []), settings.get("B2B_CASES_PATH", "cases"))]
    found = []
    seen: set[Path] = set()
    for folder in dict.fromkeys([*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]):
        for directory, _folders, files in os.walk(root / folder):
            for name in sorted(files):
                path = Path(directory) / name
                if path in seen or any(path.is_relative_to(other) for other in skipped if other != root):
                    continue
                seen.add(path)
                kind = _kind(name)
                if kind:
                    found.append(Problem(path.relative_to(root).as_posix(), "file",
                                         Text("looks like a post but is not read (only .md files are): it would "
                                              "be missing from the site"), FIXES[kind]))
    return found


def _kind(name: str) -> str | None:
    """Why a file name looks like an unread post, or None (read, hidden, an editor's backup, not text)."""
    if name.startswith(".") or name.endswith(("~", "#")) or "." not in name:
        return None
    stem, extension = name.rsplit(".", 1)
    lower = extension.lower()
    checks = (
        (extension in READ, None),
        (lower in READ, "case"),
        (any(part.lower() in READ for part in stem.split(".")[1:]), "double"),  # post.md.txt, post.md.bak
        (lower in ("rst", "rest"), "rst"),
        (lower in ("html", "htm"), "html"),
        (lower in TEXT, "text"),
    )
    return next((kind for matched, kind in checks if matched), None)
