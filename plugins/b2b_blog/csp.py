"""The Content-Security-Policy: one setting, written as a <meta> in every page and kept equal to `_headers`."""

from __future__ import annotations

from pathlib import Path

from . import settings as plugin_settings
from .problems import Problem

# Directives a browser reads only from a response header, never from a <meta>.
HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})
HEADER_NAME = "content-security-policy:"


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
    return meta_policy(plugin_settings.get(settings, "B2B_CONTENT_SECURITY_POLICY"))


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
        if shared != directives(policy(settings)):
            return Problem(source, "Content-Security-Policy",
                           "the policy differs from the setting B2B_CONTENT_SECURITY_POLICY, written in every page",
                           f"make both the same (the file may add {', '.join(sorted(HEADER_ONLY))})")
    return None
