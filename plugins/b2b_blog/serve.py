"""A local web server for the built site, with Pelican's handler (`/slug/` serves its index.html)."""

from __future__ import annotations

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer


def serve_forever(output_path: str, host: str, port: int) -> None:
    RootedHTTPServer.allow_reuse_address = True
    server = RootedHTTPServer(output_path, (host, port), ComplexHTTPRequestHandler)
    print(f"Serving the blog on http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()
