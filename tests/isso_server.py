"""A real Isso server on 127.0.0.1 for the comment tests: our configuration, a database in tmp_path."""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from b2b_blog.comments import config

ISSO = Path(sys.executable).with_name("isso")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    body: str
    headers: dict

    def json(self):
        return json.loads(self.body)


@dataclass
class IssoServer:
    url: str
    database: Path
    process: subprocess.Popen

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Answer:
        request = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return Answer(response.status, response.read().decode(), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(), dict(error.headers))

    def post(self, uri: str, comment: dict, reader: str = "10.0.0.1", **headers) -> Answer:
        """A comment as a browser sends it; `reader` is the address Isso sees (it trusts
        127.0.0.1 as a proxy, and limits the rate per /24 network)."""
        return self.request("POST", "/new?" + urllib.parse.urlencode({"uri": uri}), json.dumps(comment).encode(),
                            {"Content-Type": "application/json", "X-Forwarded-For": reader, **headers})


@contextlib.contextmanager
def running_isso(settings: dict, folder: Path, port: int | None = None) -> Iterator[IssoServer]:
    """Isso started as `isso -c FILE run` with the file our settings write; stopped afterwards."""
    port = port or free_port()
    database = config.database_path(settings)
    cfg = config.write_config(settings, folder / "isso.cfg", database, f"http://127.0.0.1:{port}/")
    log = (folder / "isso.log").open("wb")
    process = subprocess.Popen([str(ISSO), "-c", str(cfg), "run"], stdout=log, stderr=subprocess.STDOUT,
                               cwd=folder)
    server = IssoServer(f"http://127.0.0.1:{port}", database, process)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if server.request("GET", "/info").status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "isso.log").read_text(errors="replace"))
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
