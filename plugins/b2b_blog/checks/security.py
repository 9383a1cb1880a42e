"""The site runs under a strict Content-Security-Policy and carries nothing that runs code or loads another site.

Every page is read whole (theme and content): no inline script, no event handler, no
javascript:/vbscript:/data: URL where a browser would follow it, no frame, plug-in or
base from elsewhere, no refresh to another host, the policy in a <meta> of every page
and the same policy in `_headers`.
"""

from __future__ import annotations

from pathlib import Path

from ..csp import HEADER_ONLY, directives, headers_policy
from ..sanitizing import SCHEMES, URL_ATTRIBUTES, BrowserLikeParser, other_host, url_scheme

DATA_BLOCKS = {"application/ld+json", "application/json"}
DANGEROUS_SCHEMES = {"javascript", "vbscript", "data"}
# Attributes of SVG animation elements that can write a URL into another attribute.
ANIMATION_VALUES = {"to", "from", "values", "by"}
PLUGINS = {"object", "embed", "applet"}
FRAMES = {"iframe", "frame", "frameset"}
# http-equiv values that set cookies, load stylesheets or change how the page is decoded.
FORBIDDEN_HTTP_EQUIV = {"set-cookie", "link", "content-type"}


class _Elements(BrowserLikeParser):
    """Every element of a page: (name, attributes), attribute names in lowercase."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def _url_errors(name: str, tag: str, attrs: dict[str, str]) -> list[str]:
    errors = []
    for attribute, value in attrs.items():
        lowered = attribute.lower()
        if lowered.startswith("on"):
            errors.append(f"{name}: event handler {attribute} on <{tag}>")
            continue
        checked = lowered in URL_ATTRIBUTES or lowered.endswith(":href") or (
            tag in {"animate", "set"} and lowered in ANIMATION_VALUES)
        if not checked:
            continue
        urls = [part.split()[0] for part in value.split(",") if part.split()] if lowered == "srcset" else [value]
        for url in urls:
            scheme = url_scheme(url)
            # data: images are harmless (the policy allows them); a data: document is not.
            image = tag in {"img", "source"} and lowered in {"src", "srcset"}
            if scheme in DANGEROUS_SCHEMES and not (scheme == "data" and image):
                errors.append(f"{name}: {scheme}: URL in {attribute} on <{tag}>")
    return errors


def _element_errors(name: str, tag: str, attrs: dict[str, str], origin: str) -> list[str]:  # noqa: PLR0911
    src = attrs.get("src", "")
    if tag == "script" and not src and attrs.get("type") not in DATA_BLOCKS:
        return [f"{name}: inline script (move it to a file under theme/static/js/)"]
    if tag == "script" and other_host(src, origin):
        return [f"{name}: script from another host ({src})"]
    if tag == "style":
        return [f"{name}: inline <style> element (use the stylesheet)"]
    if tag in PLUGINS:
        return [f"{name}: <{tag}> element (plug-ins are not allowed)"]
    if tag in FRAMES and ("srcdoc" in attrs or other_host(src, origin) or url_scheme(src) not in {None, *SCHEMES}):
        return [f"{name}: <{tag}> showing another site ({src or 'srcdoc'})"]
    if tag == "base":
        return [f"{name}: <base> element (it changes where every link of the page leads)"]
    equiv = attrs.get("http-equiv", "").lower()
    if tag == "meta" and equiv in FORBIDDEN_HTTP_EQUIV:
        return [f"{name}: <meta http-equiv=\"{equiv}\"> (the site sets no cookie and is UTF-8 only)"]
    if tag == "meta" and equiv == "refresh":
        target = attrs.get("content", "").partition(";")[2].strip()
        target = target.split("=", 1)[1].strip(" '\"") if target.lower().startswith("url") and "=" in target \
            else target
        if url_scheme(target) in DANGEROUS_SCHEMES or other_host(target, origin):
            return [f"{name}: refresh to another site ({target})"]
    return []


def page_errors(name: str, html: str, origin: str, policy: str | None = None) -> list[str]:
    """What is unsafe in one page."""
    errors = []
    try:
        elements = _Elements(html).found
    except AssertionError as error:  # html.parser gives up on some broken declarations ("<![>")
        return [f"{name}: the HTML cannot be read ({error})"]
    for tag, attrs in elements:
        errors += _element_errors(name, tag, attrs, origin)
        errors += _url_errors(name, tag, attrs)
        if "style" in attrs:
            errors.append(f"{name}: inline style on <{tag}> (use the stylesheet)")
        href = attrs.get("href", "")
        external = href.startswith(("http://", "https://", "//")) and not href.startswith(origin)
        if tag == "a" and external and "noopener" not in attrs.get("rel", "").split():
            errors.append(f"{name}: external link {href} without rel=\"noopener\"")
    if policy is not None and name.endswith(".html"):
        metas = [attrs for tag, attrs in elements
                 if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"]
        if not metas:
            errors.append(f"{name}: no Content-Security-Policy <meta> (theme/templates/base.html)")
        elif any(directives(meta.get("content", "")) != directives(policy) for meta in metas):
            errors.append(f"{name}: its Content-Security-Policy <meta> is not B2B_CONTENT_SECURITY_POLICY")
    return errors


def security_errors(output: Path, origin: str, policy: str | None = None,
                    headers_expected: str | None = None) -> list[str]:
    """Every unsafe thing in the pages; `headers_expected` is what `_headers` must say (default: `policy`)."""
    errors = []
    for page in sorted(output.rglob("*.html")):
        name = page.relative_to(output).as_posix()
        errors += page_errors(name, page.read_text(encoding="utf-8"), origin, policy)
    headers = output / "_headers"
    header_policy = headers_policy(headers.read_text(encoding="utf-8")) if headers.is_file() else None
    if header_policy is None:
        errors.append("_headers with a Content-Security-Policy is missing (content/extra/_headers)")
    elif policy is not None:
        shared = {key: value for key, value in directives(header_policy).items() if key not in HEADER_ONLY}
        if shared != directives(headers_expected or policy):
            errors.append("_headers: its Content-Security-Policy differs from B2B_CONTENT_SECURITY_POLICY "
                          f"(besides {', '.join(sorted(HEADER_ONLY))})")
    return errors
