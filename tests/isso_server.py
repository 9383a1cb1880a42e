"""A real Isso server on 127.0.0.1 for the comment tests: our configuration, a database in tmp_path."""

from __future__ import annotations

import contextlib
import email
import email.message
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

from b2b_blog.comments import config, server

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
    """Isso started as `isso -c FILE run` with the file `invoke comments-server` writes; stopped afterwards."""
    port = port or free_port()
    database = config.database_path(settings)
    cfg = server.prepare(settings, port)
    log = (folder / "isso.log").open("wb")
    process = subprocess.Popen([str(ISSO), "-c", str(cfg), "run"], stdout=log, stderr=subprocess.STDOUT,
                               cwd=folder)
    running = IssoServer(f"http://127.0.0.1:{port}", database, process)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if running.request("GET", "/info").status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((folder / "isso.log").read_text(errors="replace"))
            time.sleep(0.1)
        yield running
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


class MailSink:
    """A minimal SMTP server on 127.0.0.1 that keeps every message it is given (no TLS, no login)."""

    def __init__(self) -> None:
        import socketserver  # noqa: PLC0415
        import threading  # noqa: PLC0415

        self.messages: list[email.message.Message] = []
        sink = self

        class Session(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                self.wfile.write(b"220 sink ready\r\n")
                while line := self.rfile.readline():
                    command = line.strip().upper()
                    if command == b"DATA":
                        self.wfile.write(b"354 go ahead\r\n")
                        body = b""
                        while (part := self.rfile.readline()) not in (b".\r\n", b""):
                            body += part
                        sink.messages.append(email.message_from_bytes(body))
                        self.wfile.write(b"250 kept\r\n")
                    elif command == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout: float = 15) -> list[email.message.Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        return self.messages

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
