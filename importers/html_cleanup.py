"""Blogger's HTML made plain (no wrapper divs, inline styles or empty spans), then Markdown."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import markdownify

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "pre", "hr", "figure"}
DROPPED = {"script", "style", "iframe", "object", "embed", "form", "noscript"}
UNWRAPPED = {"span", "font", "div", "center", "section", "article", "o:p"}
KEPT_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"colspan", "rowspan"},
                   "th": {"colspan", "rowspan"}}
RENAMED = {"b": "strong", "i": "em"}
SAFE_ADDRESS = re.compile(r"^(?:https?://|mailto:|/|#|\.{0,2}/|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)
# Text at the start of a line that Markdown would read as a heading, a list or a quote.
MARKDOWN_LINE_START = re.compile(r"^(\s*)(#|\d+[.)](?=\s)|[-+*](?=\s)|>)")
IMAGE_FILE = re.compile(r"(?i)\.(?:jpe?g|png|gif|webp)(?:\?.*)?$|googleusercontent\.com|bp\.blogspot\.com")


def clean_html(source: str) -> list[str]:
    """The post's top-level blocks (paragraphs, headings, lists...) as clean HTML strings."""
    soup = BeautifulSoup(source, "html.parser")
    for frame in soup.find_all("iframe", src=True):  # an embedded video becomes a link to it
        if SAFE_ADDRESS.match(frame["src"]) and frame["src"].startswith(("https://", "http://", "//")):
            link = soup.new_tag("a", href=urljoin("https:", frame["src"]))
            link.string = urljoin("https:", frame["src"])
            frame.replace_with(link)
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    for tag in soup.find_all(True):
        tag.attrs = {name: value for name, value in tag.attrs.items()
                     if name in KEPT_ATTRIBUTES.get(tag.name, ())}
        tag.name = RENAMED.get(tag.name, tag.name)
    _unwrap_blocks(soup)
    _keep_safe_addresses(soup)
    for img in soup.find_all("img"):
        img["alt"] = img.get("alt") or img.get("title") or _name_of(img.get("src", ""))
    for tag in soup.find_all(["strong", "em", "a", "u"]):
        if not tag.get_text(strip=True) and not tag.find("img"):
            tag.unwrap()
    return _paragraphs(soup)


def _unwrap_blocks(soup: BeautifulSoup) -> None:
    """Wrapper divs and spans go; each div still ends a paragraph."""
    for br in soup.find_all("br"):
        if br.parent is not None and br.parent.name in ("ul", "ol", "table", "tbody", "thead", "tr"):
            br.decompose()  # Blogger's editor puts line breaks between list items
    for tag in soup.find_all(["div", "center", "section", "article"]):
        tag.append(soup.new_tag("br"))
        tag.append(soup.new_tag("br"))
    for tag in soup.find_all(UNWRAPPED):
        tag.unwrap()
    for anchor in soup.find_all("a", href=True):
        if anchor.find("img") and not anchor.get_text(strip=True) and IMAGE_FILE.search(anchor["href"]):
            anchor.unwrap()  # Blogger links each image to its larger copy: the image is enough


def _keep_safe_addresses(soup: BeautifulSoup) -> None:
    """Links and images keep web, mail and relative addresses only (no javascript:, data:...)."""
    for tag, attribute in (("a", "href"), ("img", "src")):
        for element in soup.find_all(tag):
            if not SAFE_ADDRESS.match(element.get(attribute, "").strip()):
                element.attrs.pop(attribute, None)
    for anchor in soup.find_all("a"):
        if not anchor.get("href"):
            anchor.unwrap()
    for img in soup.find_all("img"):
        if not img.get("src"):
            img.decompose()


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
        elif isinstance(node, NavigableString):
            inline.append(html.escape(str(node), quote=False))  # text stays text, never becomes a tag
        else:
            inline.append(str(node))
    flush()
    return blocks


def _escape_text(soup: BeautifulSoup) -> None:
    """Text that Markdown would read as HTML or as structure (`<b>`, `# `, `1. `, `- ` at a line start)."""
    for text in soup.find_all(string=True):
        value = str(text).replace("<", "&lt;")
        previous = text.find_previous(string=True) if text.previous_element is not None else None
        starts_line = previous is None or text.previous_sibling is None or \
            getattr(text.previous_sibling, "name", "") == "br"
        if starts_line and text.parent is not None and text.parent.name in ("p", "[document]", "li", "td", "th"):
            value = MARKDOWN_LINE_START.sub(_escaped_start, value)
        if value != str(text):
            text.replace_with(NavigableString(value))


def _escaped_start(match: re.Match) -> str:
    mark = match.group(2)
    return match.group(1) + (f"{mark[:-1]}\\{mark[-1]}" if mark[0].isdigit() else f"\\{mark}")


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
    _escape_text(soup)
    text = markdownify(str(soup), heading_style="ATX", bullets="-", escape_underscores=False,
                       escape_misc=False)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
