"""A small static file server for the built site (stdlib only): correct MIME types for
Pyodide's .mjs and .wasm files, loopback only by default.

Caching: files whose path names their content (our wheel under pyodide/wheels/<hash>/, the
Python snapshot pyodide/snapshot-<hash>.bin.gz, Material's hashed bundles) may be kept for a
year unchanged; everything else is "no-cache":
the browser keeps it but asks again each time (If-Modified-Since -> 304 Not Modified), so a
new release is seen at once. The feedback pages' service worker (sw.js) adds offline use.
"""
from __future__ import annotations

import functools
import re
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

IMMUTABLE = re.compile(r"^/(pyodide/wheels/[0-9a-f]{16}/[^/]+\.whl|pyodide/snapshot-[0-9a-f]{16}\.bin\.gz"
                       r"|assets/(javascripts|stylesheets)/(workers/)?[a-z]+\.[0-9a-f]{8}\.min\.(js|css))$")


def cache_control(path: str) -> str:
    if IMMUTABLE.match(urlsplit(path).path):
        return "public, max-age=31536000, immutable"
    return "no-cache"


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def end_headers(self):
        self.send_header("Cache-Control", cache_control(self.path))
        super().end_headers()

    def log_message(self, format, *args):  # quiet: one line per request is noise in tests
        pass


def make_server(site_dir: Path | str, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    handler = functools.partial(SiteHandler, directory=str(site_dir))
    return ThreadingHTTPServer((host, port), handler)


def serve(site_dir: Path | str, host: str = "127.0.0.1", port: int = 8000) -> None:
    server = make_server(site_dir, host, port)
    print(f"Veiviser: http://{host}:{server.server_address[1]}/  (Ctrl+C stopper)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
