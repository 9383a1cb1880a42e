"""The preview server: the built site, a reload script injected into each page, build events, the error page.

The script is added to the HTML as it is served, so the files in output/ stay exactly what a
normal build writes. It is a same-origin file and the events are same-origin server-sent events
(`EventSource`), so the site's strict CSP (script-src 'self', connect-src 'self') allows both.
"""

from __future__ import annotations

import contextlib
import gettext
import re
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pelican.server import ComplexHTTPRequestHandler

from ..localization import DOMAIN, catalogs_source, compile_catalogs
from ..texts import base_language
from .state import BuildState

STATIC = Path(__file__).parent / "static"
PREFIX = "/_preview/"
HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
# A quiet connection is kept alive with a comment line this often (seconds).
HEARTBEAT = 15.0


class PreviewSite:
    """What the handler needs: the output folder, the theme, the site languages and the build state."""

    def __init__(self, output: str, theme: str, cache: str, languages: list[str], state: BuildState):
        self.output, self.languages, self.state = output, languages, state
        self.locale_dir = Path(cache) / "locale"
        self._theme = theme

    def page_lang(self, path: str) -> str:
        """French under /, English under /en/ (a subsite's language is its first path segment)."""
        first = path.lstrip("/").split("/", 1)[0]
        return first if first in self.languages[1:] else self.languages[0]

    def _catalog(self, lang: str) -> gettext.NullTranslations:
        """The theme's compiled catalog for `lang`, read from disk on each request: gettext.translation
        would keep the first one it read, and an edit of the .po would wait for a restart."""
        found = gettext.find(DOMAIN, str(self.locale_dir), [lang])
        if found:
            with contextlib.suppress(OSError, ValueError), open(found, "rb") as handle:
                return gettext.GNUTranslations(handle)
        return gettext.NullTranslations()

    def error_page(self, path: str) -> bytes:
        """The last build's problems, in the language of the page asked for."""
        lang = self.page_lang(path)
        # The theme's catalogs, compiled as a build does (a failed build may not have reached it);
        # one environment per request: requests in two languages are served at the same time.
        with contextlib.suppress(OSError):
            compile_catalogs(catalogs_source(self._theme), self.locale_dir)
        env = Environment(loader=FileSystemLoader(str(Path(self._theme) / "templates")),
                          extensions=["jinja2.ext.i18n"], autoescape=select_autoescape(default=True),
                          trim_blocks=True, lstrip_blocks=True)
        env.install_gettext_translations(self._catalog(lang), newstyle=True)
        template = env.get_template("preview_errors.html")
        return template.render(lang=lang, problems=said_in(self.state.problems, lang), build=self.state.number).encode()

    def missing_page(self, path: str) -> bytes:
        """A page the last build did not write, said in the page's language."""
        lang = self.page_lang(path)
        title, text = MISSING.get(lang, MISSING["en"])
        return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
                f'<link rel="stylesheet" href="{PREFIX}preview.css"></head>'
                f"<body><h1>{title}</h1><p>{text}</p></body></html>").encode()


def said_in(problems: list[dict], lang: str) -> list[dict]:
    """Each problem's file, field, message and fix in `lang` when the report says them so, else in English."""
    return [{**problem, **(problem.get("said") or {}).get(base_language(lang), {})}
            for problem in problems]


# The preview's page for an address the site does not have (yet): it reloads when a build writes it.
MISSING = {
    "fr": ("Page introuvable", "Le site tel qu’il vient d’être construit n’a pas de page à cette adresse. "
                               "Si vous l’écrivez, elle s’affichera ici dès la fin de la construction."),
    "en": ("Page not found", "The site as just built has no page at this address. "
                             "If you are writing it, it will show here as soon as the build is done."),
}


class PreviewHandler(ComplexHTTPRequestHandler):
    """Pelican's handler (`/slug/` serves its index.html) plus the preview's own paths."""

    site: PreviewSite

    def do_GET(self):  # noqa: PLR0911 - one answer per kind of path
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == f"{PREFIX}events":
            return self._events()
        if path.startswith(PREFIX):
            return self._static(path[len(PREFIX):])
        first = _first_page(self.site.state.pages, path)
        if first is not None:  # the page of a file just saved, before the rest of the build lands
            with contextlib.suppress(OSError):  # gone: that build has landed meanwhile
                return self._send(200, "text/html; charset=utf-8", self._inject(first.read_bytes()))
        if self.site.state.failed and _is_page(path):
            return self._send(500, "text/html; charset=utf-8", self.site.error_page(path))
        found = self.get_path_that_exists(path)
        if found is None and _is_page(path):
            # Pelican's handler would close the connection without a word: the tab could not come
            # back on its own when the page is written again (a post renamed back, say).
            return self._send(404, "text/html; charset=utf-8", self._inject(self.site.missing_page(path)))
        if (found and _is_page(found)) or (found and found.endswith(".html")):
            target = Path(self.translate_path(found))
            if target.is_dir():
                target = target / "index.html"
            if target.is_file() and target.suffix == ".html":
                return self._send(200, "text/html; charset=utf-8", self._inject(target.read_bytes()))
        return super().do_GET()

    def _inject(self, html: bytes) -> bytes:
        tag = f'<script src="{PREFIX}reload.js?build={self.site.state.number}" defer></script>'.encode()
        match = HEAD_END.search(html)
        return html[: match.start()] + tag + html[match.start():] if match else html + tag

    def _static(self, name: str) -> None:
        types = {"reload.js": "text/javascript; charset=utf-8", "preview.css": "text/css; charset=utf-8"}
        if name not in types:
            return self.send_error(404)
        return self._send(200, types[name], (STATIC / name).read_bytes())

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the number of the last build now, then after each build (with the pages
        written first, while a build runs: `7 /slug/ /en/slug/`)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.site.state
        event = state.event()
        number = int(event.split(" ", 1)[0])
        with contextlib.suppress(OSError):
            self.wfile.write(f"retry: 300\nevent: build\ndata: {event}\n\n".encode())
            self.wfile.flush()
            while True:
                message = ": still here\n\n"
                if state.wait_after(number, HEARTBEAT) != number:
                    event = state.event()
                    number = int(event.split(" ", 1)[0])
                    message = f"event: build\ndata: {event}\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()

    def log_message(self, msg_format, *args):
        pass  # the terminal is for build messages


def _first_page(pages: dict[str, Path], path: str) -> Path | None:
    """The file written first for this URL path (`/slug/`, `/slug`, `/slug/index.html`), if any."""
    if not pages:
        return None
    path = unquote(path)
    for candidate in (path, path.removesuffix("index.html"), path + "/"):
        if candidate in pages:
            return pages[candidate]
    return None


def _is_page(path: str) -> bool:
    """A page rather than an asset: `/`, `/slug/`, `/x.html`, or a path without a file extension."""
    last = path.rsplit("/", 1)[-1]
    return path.endswith("/") or last.endswith(".html") or "." not in last


def make_server(site: PreviewSite, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("BoundPreviewHandler", (PreviewHandler,), {"site": site, "base_path": site.output})
    ThreadingHTTPServer.allow_reuse_address = True
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
