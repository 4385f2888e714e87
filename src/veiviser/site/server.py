"""A small static file server for the built site (stdlib only): correct MIME types for
Pyodide's .mjs and .wasm files, loopback only by default, and the same response headers as the
hosting guide's web server configuration (docs/utviklere/drift.md):

- Cache-Control: files whose path names their content (our wheel under pyodide/wheels/<hash>/,
  the Python snapshot pyodide/snapshot-<hash>.bin.gz, Material's hashed bundles) may be kept for a year unchanged; everything else is "no-cache":
  the browser keeps it but asks again each time (If-Modified-Since -> 304 Not Modified), so a
  new release is seen at once. The feedback pages' service worker (sw.js) adds offline use.
- X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer, and a Content-Security-Policy
  header (csp.SERVED_HEADER) with what a <meta> policy cannot say (frame-ancestors: no page may
  be framed) and the directives of the pages' own policy that hold for every page.
- gzip for text files (HTML, CSS, JavaScript, JSON, SVG, CSV, Turtle) and WebAssembly when the
  browser accepts it: the search index alone is 874 KB as it is, about a sixth of that gzipped.
"""
from __future__ import annotations

import email.utils
import functools
import gzip
import io
import os
import re
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from . import csp

IMMUTABLE = re.compile(r"^/(pyodide/wheels/[0-9a-f]{16}/[^/]+\.whl|pyodide/snapshot-[0-9a-f]{16}\.bin\.gz"
                       r"|assets/(javascripts|stylesheets)/(workers/)?[a-z]+\.[0-9a-f]{8}\.min\.(js|css))$")

# Sent with every response (the guide's nginx configuration sends the same).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": csp.SERVED_HEADER,
}

COMPRESSIBLE = re.compile(r"^(text/|application/(json|javascript|wasm|xml|ld\+json|geo\+json|manifest\+json)|image/svg\+xml)")
MIN_GZIP_BYTES = 1024


def cache_control(path: str) -> str:
    if IMMUTABLE.match(urlsplit(path).path):
        return "public, max-age=31536000, immutable"
    return "no-cache"


@functools.lru_cache(maxsize=256)
def gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file gzipped, remembered while it is unchanged (mtime and size are the key)."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".jsonld": "application/ld+json",
        ".ttl": "text/turtle; charset=utf-8",
        ".csv": "text/csv; charset=utf-8",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def end_headers(self):
        self.send_header("Cache-Control", cache_control(self.path))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        """As the standard library's, but a compressible file goes out gzipped when the browser
        accepts gzip (directories, redirects and errors are left to the standard handler)."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not (os.path.isfile(path) and COMPRESSIBLE.match(ctype) and self.accepts_gzip()):
            return super().send_head()
        stat = os.stat(path)
        if stat.st_size < MIN_GZIP_BYTES:
            return super().send_head()
        if self.not_modified(stat.st_mtime):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            return None
        body = gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(stat.st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def accepts_gzip(self) -> bool:
        codings = [c.split(";")[0].strip().lower() for c in self.headers.get("Accept-Encoding", "").split(",")]
        return "gzip" in codings

    def not_modified(self, mtime: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since or self.headers.get("If-None-Match"):
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        return int(mtime) <= when.timestamp()

    def log_message(self, format, *args):  # quiet: one line per request is noise in tests
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing page gets the site's own 404 page (Norwegian, with links home and the help
        lines), as a web host would send it; status 404 all the same."""
        page = Path(self.directory) / "404.html"
        if code == 404 and self.command in ("GET", "HEAD") and page.is_file():
            body = page.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


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
