"""The Content-Security-Policy: one setting, written as a <meta> in every page and kept equal to `_headers`."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from . import settings as plugin_settings
from .problems import Problem
from .texts import Text

# Directives a browser reads only from a response header, never from a <meta>.
HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})
HEADER_NAME = "content-security-policy:"
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def directives(policy: str) -> dict[str, frozenset[str]]:
    """Directive name -> its sources, so that order and spacing do not count."""
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0].lower()] = frozenset(words[1:])
    return found


def meta_policy(policy: str) -> str:
    """The policy as a <meta> can carry it: without the header-only directives."""
    parts = [" ".join(part.split()) for part in policy.split(";") if part.split()]
    return "; ".join(part for part in parts if part.split()[0].lower() not in HEADER_ONLY)


def headers_policy(text: str) -> str | None:
    """The Content-Security-Policy of a `_headers` file (Netlify, Cloudflare Pages), if it has one."""
    for line in text.splitlines():
        if line.strip().lower().startswith(HEADER_NAME):
            return line.strip()[len(HEADER_NAME):].strip()
    return None


def policy(settings: dict) -> str:
    """The policy of every page: the setting's, with the comment server's origin in connect-src when it has one."""
    return meta_policy(with_comment_server(plugin_settings.get(settings, "B2B_CONTENT_SECURITY_POLICY"), settings))


def published_policy(settings: dict) -> str:
    """What `_headers` must say (besides header-only directives): the policy, less a comment server on this machine."""
    return meta_policy(with_comment_server(plugin_settings.get(settings, "B2B_CONTENT_SECURITY_POLICY"), settings,
                                           published_only=True))


def with_comment_server(text: str, settings: dict, *, published_only: bool = False) -> str:
    """`text` whose connect-src also names the comment server's origin, if it is not the site's.

    `published_only` leaves out a server on this machine (the one `invoke comments-server` runs while
    writing): `_headers` describes the published site, whose comments are served from its own origin.
    """
    from .comments.config import connect_src_origin  # noqa: PLC0415 - comments reads the settings module too

    origin = connect_src_origin(settings) if plugin_settings.get(settings, "B2B_COMMENTS") else None
    if origin is None or (published_only and urlsplit(origin).hostname in LOOPBACK):
        return text
    parts = [" ".join(part.split()) for part in text.split(";") if part.split()]
    for index, part in enumerate(parts):
        if part.split()[0].lower() == "connect-src":
            if origin not in part.split()[1:]:
                parts[index] = f"{part} {origin}"
            break
    else:
        parts.append(f"connect-src 'self' {origin}")
    return "; ".join(parts)


def headers_problem(settings: dict) -> Problem | None:
    """A `_headers` file among the static files whose policy is not the setting's."""
    for source, meta in settings.get("EXTRA_PATH_METADATA", {}).items():
        if meta.get("path") != "_headers":
            continue
        path = Path(settings["PATH"]) / source
        found = headers_policy(path.read_text(encoding="utf-8")) if path.is_file() else None
        if found is None:
            continue
        shared = {key: value for key, value in directives(found).items() if key not in HEADER_ONLY}
        if shared != directives(published_policy(settings)):
            return Problem(source, "Content-Security-Policy",
                           Text("the policy differs from the setting B2B_CONTENT_SECURITY_POLICY, written in every "
                                "page"),
                           Text("make both the same, the comment server's origin in connect-src included when it is "
                                "not the site's (the file may add {directives})",
                                directives=", ".join(sorted(HEADER_ONLY))))
    return None
