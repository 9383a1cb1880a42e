"""The preview server without a browser: the reload script added while serving, the error page escaped
and in the page's language, the build events."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest
from b2b_blog.preview.server import PreviewSite, make_server
from b2b_blog.preview.state import BuildState
from conftest import ROOT


@pytest.fixture
def preview(tmp_path):
    output = tmp_path / "output"
    (output / "billet").mkdir(parents=True)
    (output / "billet" / "index.html").write_bytes(
        b"<!DOCTYPE html><html><head><title>x</title></HEAD><body></body></html>")
    (output / "style.css").write_bytes(b"body { color: red; } </head>")
    state = BuildState()
    state.finished(False, [])
    site = PreviewSite(str(output), str(ROOT / "theme"), str(tmp_path / "cache"), ["fr", "en"], state)
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", state, output
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_pages_get_the_script_while_the_files_and_other_assets_stay_as_built(preview):
    base, _state, output = preview
    status, kind, body = fetch(base + "/billet/")
    assert status == 200 and kind.startswith("text/html")
    assert body.count(b'<script src="/_preview/reload.js?build=1" defer></script></HEAD>') == 1
    assert b"_preview" not in (output / "billet" / "index.html").read_bytes()
    assert fetch(base + "/style.css")[2] == b"body { color: red; } </head>"
    status, kind, script = fetch(base + "/_preview/reload.js")
    assert status == 200 and kind.startswith("text/javascript") and b"EventSource" in script
    assert fetch(base + "/_preview/../../etc/passwd")[0] == 404


def test_the_error_page_speaks_the_page_language_and_escapes_what_the_files_say(preview):
    base, state, _output = preview
    state.finished(True, [{"path": "fr/x.md", "field": "<script>alert(1)</script>", "line": 3,
                           "message": "unknown field '<img src=x onerror=alert(1)>'", "fix": "remove it"}])
    status, _kind, french = fetch(base + "/billet/")
    assert status == 500
    page = french.decode()
    assert '<html lang="fr">' in page and "Fichier" in page and "ligne 3" in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<img" not in page
    assert page.count("<script") == 1  # only the same-origin reload script: nothing inline
    english = fetch(base + "/en/first-post/")[2].decode()
    assert '<html lang="en">' in english and "The build stopped: 1 problem(s) to fix" in english
    # Assets are still served from the last good site.
    assert fetch(base + "/style.css")[0] == 200


def test_the_event_stream_announces_each_build(preview):
    base, state, _output = preview
    with urllib.request.urlopen(base + "/_preview/events", timeout=5) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        lines = [stream.readline() for _ in range(4)]
        assert lines[1:3] == [b"event: build\n", b"data: 1\n"]
        state.finished(False, [])
        lines = [stream.readline() for _ in range(3)]
        assert lines[:2] == [b"event: build\n", b"data: 2\n"]


def test_the_error_page_says_each_problem_in_the_language_of_the_page(preview):
    from b2b_blog.problems import Problem, problem_data  # noqa: PLC0415
    from b2b_blog.texts import Text  # noqa: PLC0415

    base, state, _output = preview
    said = problem_data(Problem("fr/x.md", "lieu", Text("unknown field '{field}'", field="lieu"),
                                Text("did you mean '{guess}'?", guess="Lang"), 3))
    plain = {"path": "(old report)", "field": "x", "line": None, "message": "an older report", "fix": "build again"}
    state.finished(True, [said, plain])
    french = fetch(base + "/billet/")[2].decode()
    assert "champ inconnu «\u00a0lieu\u00a0»" in french and "vouliez-vous dire «\u00a0Lang\u00a0»\u00a0?" in french
    assert "unknown field" not in french and "an older report" in french  # a report without translations: English
    english = fetch(base + "/en/billet/")[2].decode()
    assert "unknown field &#39;lieu&#39;" in english and "champ inconnu" not in english
