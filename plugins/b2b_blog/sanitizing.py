"""What an author's HTML may hold: ordinary markup yes, anything that runs code or loads another site no.

A post's body keeps the author's Markdown and HTML as written, so nothing is silently
changed: nh3 (the Ammonia sanitizer, an HTML5 parser like a browser's) cleans a copy
with the allowlist below, and whatever the clean copy lacks is refused at build time,
named, with the line where the author wrote it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from .texts import Text

# Ordinary HTML a post may use (Ammonia's default set and media, sections, an iframe of the site).
TAGS = {
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote",
    "br", "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "i", "iframe", "img", "ins", "kbd", "li", "map", "mark", "nav", "ol", "p", "picture", "pre", "q",
    "rp", "rt", "rtc", "ruby", "s", "samp", "section", "small", "source", "span", "strike", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul",
    "var", "video", "wbr",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "hidden", "translate"},
    "a": {"href", "hreflang", "rel", "target", "download", "type", "name"},
    "area": {"href", "alt", "shape", "coords", "rel", "target"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
    "time": {"datetime"}, "data": {"value"}, "map": {"name"}, "details": {"open"},
    "td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "col": {"span"}, "colgroup": {"span"}, "ol": {"start", "type", "reversed"}, "li": {"value"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "loop", "playsinline"},
    "audio": {"src", "controls", "preload", "muted", "loop"},
    "source": {"src", "srcset", "type", "media", "sizes", "width", "height"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "iframe": {"src", "width", "height", "loading", "referrerpolicy", "allowfullscreen"},
}
GENERIC_PREFIXES = {"data-", "aria-"}
SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "cite", "action", "formaction", "data", "xlink:href",
                  "background", "longdesc", "ping", "manifest", "codebase", "icon", "dynsrc", "lowsrc"}
# Elements that load another document into the page: allowed from the site itself only.
FRAMES = {"iframe"}
FIXES = {
    "script": Text("remove it: posts carry no script (the site's Content-Security-Policy would block it anyway)"),
    "style": Text("remove it and use the classes of the theme's stylesheet"),
    "iframe": Text("embed only pages of this site, or link to the other site instead"),
    "object": Text("link to the file instead (the Content-Security-Policy allows no plug-in)"),
    "embed": Text("link to the file instead (the Content-Security-Policy allows no plug-in)"),
    "svg": Text("save the drawing as an .svg file and show it with ![description](file.svg)"),
    "math": Text("write the formula as text or show it as an image"),
}
DEFAULT_FIX = Text("remove it, or write it in Markdown")


@dataclass(frozen=True)
class Refusal:
    """One piece of HTML the site refuses, how to find it in the source, and the fix."""

    what: str
    needle: str
    fix: str
    fallbacks: tuple[str, ...] = ()  # searched when the author hid the needle (entities, say)


def url_scheme(value: str) -> str | None:
    """The scheme a browser reads in a URL, once it has dropped spaces, tabs and line breaks."""
    cleaned = "".join(char for char in value if char > " " and char != "\x7f")
    head = cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return head.split(":", 1)[0].lower() if ":" in head else None


def other_host(value: str, origin: str) -> bool:
    """Whether a URL leads to another host than the site's (a relative URL does not)."""
    # Browsers read a backslash as a slash: "/\\evil.example" leads to another host.
    cleaned = "".join(char for char in value if char > " ").replace("\\", "/")
    try:
        parts = urlsplit(cleaned)
    except ValueError:  # a host urllib cannot read ("[attacker]"): never the site's own
        return True
    if not parts.netloc:
        return False
    return parts.netloc.lower() != urlsplit(origin).netloc.lower()


def unsafe_url(value: str) -> bool:
    scheme = url_scheme(value)
    return scheme is not None and scheme not in SCHEMES


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


class _Filter:
    """nh3's attribute filter: drops what Ammonia lets through but the site refuses."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def __call__(self, element: str, attribute: str, value: str) -> str | None:
        urls = _srcset_urls(value) if attribute == "srcset" else [value] if attribute in URL_ATTRIBUTES else []
        if any(unsafe_url(url) for url in urls):
            return None
        if element in FRAMES and attribute == "src" and other_host(value, self.origin):
            return None
        return value


def clean(html: str, origin: str = "") -> str:
    """The HTML as the site allows it (what the browser would get if nothing were refused)."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_Filter(origin),
                     strip_comments=False, link_rel=None, generic_attribute_prefixes=GENERIC_PREFIXES,
                     url_schemes=SCHEMES)


class BrowserLikeParser(HTMLParser):
    """html.parser, reading the content of these elements as a browser does: as text up to their end tag.

    Python's parser does so for script and style only; a browser also for these, so that
    `<noscript><p title="</noscript><img onerror=…>` holds a real <img> with a handler.
    """

    CDATA_CONTENT_ELEMENTS = ("script", "style", "noscript", "noembed", "noframes", "xmp", "iframe",
                              "textarea", "title", "plaintext")


class _Outline(BrowserLikeParser):
    """Elements (name and attributes, in order) and text of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data) -> None:
        self.text.append(data)


def refusals(html: str, origin: str = "") -> list[Refusal]:
    """Every element and attribute of `html` the sanitizer would remove, named."""
    cleaned = clean(html, origin)
    if cleaned == html:
        return []
    try:
        before, after = _Outline(html), _Outline(cleaned)
    except AssertionError:  # html.parser gives up on some broken declarations ("<![>")
        return [_malformed(html)]
    found: list[Refusal] = []
    kept = Counter(tag for tag, _attrs in after.elements)
    seen: Counter[str] = Counter()
    by_tag: dict[str, list[dict[str, str]]] = {}
    for tag, attrs in after.elements:
        by_tag.setdefault(tag, []).append(attrs)
    for tag, attrs in before.elements:
        seen[tag] += 1
        if seen[tag] > kept[tag]:
            found.append(_element_refusal(tag, attrs, origin))
            continue
        clean_attrs = by_tag[tag][seen[tag] - 1]
        for name, value in attrs.items():
            if clean_attrs.get(name) != value:
                found.append(_attribute_refusal(tag, name, value, origin))
    if not found and "".join("".join(before.text).split()) != "".join("".join(after.text).split()):
        # The two parsers disagree on this markup: malformed HTML a browser might read otherwise.
        found.append(_malformed(html))
    return list(dict.fromkeys(found))


def _malformed(html: str) -> Refusal:
    snippet = " ".join(html.split())[:60]
    return Refusal(Text("malformed HTML that a browser would read differently ({snippet})", snippet=repr(snippet)),
                   snippet[:20], Text("close every tag, quote every attribute and write a literal < as &lt;"))


def _element_refusal(tag: str, attrs: dict[str, str], origin: str) -> Refusal:
    if tag in FRAMES and other_host(attrs.get("src", ""), origin):
        return Refusal(Text("an <{tag}> showing another site ({src})", tag=tag, src=attrs.get("src")), f"<{tag}",
                       FIXES[tag])
    if tag in FIXES:
        return Refusal(Text("a <{tag}> element", tag=tag), f"<{tag}", FIXES[tag])
    return Refusal(Text("a <{tag}> element", tag=tag), f"<{tag}", DEFAULT_FIX)


def _attribute_refusal(tag: str, name: str, value: str, origin: str) -> Refusal:
    if name.startswith("on"):
        return Refusal(Text("an event handler '{name}' on <{tag}>", name=name, tag=tag), name,
                       Text("remove it: posts carry no script (the Content-Security-Policy would block it anyway)"))
    if name == "style":
        return Refusal(Text("an inline style on <{tag}>", tag=tag), "style=",
                       Text("use a class of the theme's stylesheet (the Content-Security-Policy blocks inline "
                            "styles)"))
    urls = _srcset_urls(value) if name == "srcset" else [value] if name in URL_ATTRIBUTES else []
    schemes = sorted({url_scheme(url) for url in urls if unsafe_url(url)} - {None})
    if schemes:
        tails = tuple(url.split(":", 1)[-1].strip()[:20] for url in urls if unsafe_url(url))
        return Refusal(Text("a {scheme}: URL in '{name}' on <{tag}>", scheme=schemes[0], name=name, tag=tag),
                       f"{schemes[0]}:", Text("link to an http(s) page or a file of the site instead"),
                       (f"{name}=", *tails))
    if tag in FRAMES and name == "src":
        return Refusal(Text("an <{tag}> showing another site ({src})", tag=tag, src=value), value[:40] or f"<{tag}",
                       FIXES[tag])
    return Refusal(Text("the attribute '{name}' on <{tag}>", name=name, tag=tag), name,
                   Text("remove the attribute"))


def locate(text: str, refusal: Refusal, first_line: int = 1) -> int | None:
    """The line (counted in `text`, starting at `first_line`) where the author wrote what is refused."""
    lines = text.lower().splitlines()
    for needle in filter(None, (refusal.needle, *refusal.fallbacks)):
        for number, line in enumerate(lines, start=first_line):
            if needle.lower() in line:
                return number
    return None
