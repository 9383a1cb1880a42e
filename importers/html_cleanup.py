"""Blogger's HTML made plain (no wrapper divs, inline styles or empty spans), then Markdown."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import markdownify

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "pre", "hr", "figure"}
DROPPED = {"script", "style", "iframe", "object", "embed", "form", "noscript"}
UNWRAPPED = {"span", "font", "div", "center", "section", "article", "o:p"}
KEPT_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"colspan", "rowspan"},
                   "th": {"colspan", "rowspan"}}
RENAMED = {"b": "strong", "i": "em"}
IMAGE_FILE = re.compile(r"(?i)\.(?:jpe?g|png|gif|webp)(?:\?.*)?$|googleusercontent\.com|bp\.blogspot\.com")


def clean_html(html: str) -> list[str]:
    """The post's top-level blocks (paragraphs, headings, lists...) as clean HTML strings."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    for tag in soup.find_all(True):
        tag.attrs = {name: value for name, value in tag.attrs.items()
                     if name in KEPT_ATTRIBUTES.get(tag.name, ())}
        if tag.name in RENAMED:
            tag.name = RENAMED[tag.name]
    # A wrapper div ends a paragraph: mark its end before unwrapping it.
    for tag in soup.find_all(["div", "center", "section", "article"]):
        tag.append(soup.new_tag("br"))
        tag.append(soup.new_tag("br"))
    for tag in soup.find_all(UNWRAPPED):
        tag.unwrap()
    for anchor in soup.find_all("a", href=True):
        if anchor.find("img") and not anchor.get_text(strip=True) and IMAGE_FILE.search(anchor["href"]):
            anchor.unwrap()  # Blogger links each image to its larger copy: the image is enough
    for img in soup.find_all("img"):
        img["alt"] = img.get("alt") or img.get("title") or _name_of(img.get("src", ""))
    for tag in soup.find_all(["strong", "em", "a", "u"]):
        if not tag.get_text(strip=True) and not tag.find("img"):
            tag.unwrap()
    return _paragraphs(soup)


def _paragraphs(soup: BeautifulSoup) -> list[str]:
    """Group loose text and inline tags into paragraphs; two line breaks in a row end one."""
    blocks: list[str] = []
    inline: list[str] = []
    breaks = 0

    def flush() -> None:
        text = "".join(inline).strip()
        text = re.sub(r"^(?:<br/>\s*)+|(?:\s*<br/>)+$", "", text)
        if BeautifulSoup(text, "html.parser").get_text(strip=True) or "<img" in text:
            blocks.append(f"<p>{text}</p>")
        inline.clear()

    for node in list(soup.children):
        if isinstance(node, Tag) and node.name == "br":
            breaks += 1
            if breaks >= 2:
                flush()
            else:
                inline.append("<br/>")
            continue
        if isinstance(node, NavigableString) and not node.strip():
            inline.append(" " if inline else "")
            continue
        breaks = 0
        if isinstance(node, Tag) and node.name in BLOCKS:
            flush()
            if node.name == "p":
                blocks.extend(_paragraphs(BeautifulSoup(node.decode_contents(), "html.parser")))
            elif node.get_text(strip=True) or node.find("img") or node.name == "hr":
                blocks.append(str(node))
        else:
            inline.append(str(node))
    flush()
    return blocks


def _name_of(src: str) -> str:
    """`.../poignee-de-main.jpg` -> `poignee de main`: an alt text when the image has none."""
    stem = urlsplit(src).path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[-_+]+", " ", unquote(stem)).strip()


def block_text(block: str) -> str:
    return BeautifulSoup(block, "html.parser").get_text(" ", strip=True)


def to_markdown(blocks: list[str], link: Callable[[str], str] = str, image: Callable[[str], str] = str) -> str:
    """Markdown of clean blocks; `link` and `image` rewrite each address (old posts, local images)."""
    soup = BeautifulSoup("".join(blocks), "html.parser")
    for anchor in soup.find_all("a", href=True):
        anchor["href"] = link(anchor["href"])
    for img in soup.find_all("img", src=True):
        img["src"] = image(img["src"])
    text = markdownify(str(soup), heading_style="ATX", bullets="-", escape_underscores=False,
                       escape_misc=False)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
