"""The hosting guide's nginx configuration (docs/utviklere/nginx-veiviser.conf) and `veiviser serve`
send the same headers: security headers, cache lifetimes, gzip for text, MIME types for Pyodide.
nginx (Debian's package; `make test` installs it) is started on 127.0.0.1 on a free port with the
guide's file as it is, only `listen` and `root` replaced."""
from __future__ import annotations

import gzip
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from veiviser.site import csp

from helpers import ROOT

CONF = ROOT / "docs" / "utviklere" / "nginx-veiviser.conf"
GUIDE = ROOT / "docs" / "utviklere" / "drift.md"
HASHED_CSS = re.compile(r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css")
CSP = csp.SERVED_HEADER


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **headers})
    try:
        with urllib.request.urlopen(request, timeout=20) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx_url(site_dir, tmp_path_factory):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not nginx:
        pytest.fail("nginx is missing: `make test` installs Debian's nginx package")
    work = tmp_path_factory.mktemp("nginx")
    port = free_port()
    server = CONF.read_text("utf-8")
    assert "listen 80;" in server and "root /var/www/veiviser;" in server
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace(
        "root /var/www/veiviser;", f"root {site_dir};")
    (work / "server.conf").write_text(server, "utf-8")
    temp = work / "tmp"
    temp.mkdir()
    (work / "nginx.conf").write_text(f"""daemon off;
master_process off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {temp}; proxy_temp_path {temp}; fastcgi_temp_path {temp};
    uwsgi_temp_path {temp}; scgi_temp_path {temp};
    include {work}/server.conf;
}}
""", "utf-8")
    proc = subprocess.Popen([nginx, "-c", str(work / "nginx.conf"), "-p", str(work)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx did not start: {proc.stdout.read().decode()} "
                            f"{(work / 'error.log').read_text() if (work / 'error.log').exists() else ''}")
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def serve_url(site_dir):
    from veiviser.site.server import make_server
    server = make_server(site_dir, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_guide_shows_the_tested_configuration():
    guide = GUIDE.read_text("utf-8")
    block = re.search(r"```nginx\n(.*?)```", guide, re.S)
    assert block and block.group(1) == CONF.read_text("utf-8"), "drift.md must show nginx-veiviser.conf as it is"


@pytest.mark.parametrize("server", ["nginx", "veiviser serve"])
def test_headers(server, request, site_dir):
    base = request.getfixturevalue("nginx_url" if server == "nginx" else "serve_url")
    css = HASHED_CSS.search((site_dir / "index.html").read_text("utf-8")).group(0)
    wasm = next((site_dir / "pyodide").glob("*.wasm")).relative_to(site_dir)
    mjs = next((site_dir / "pyodide").glob("*.mjs")).relative_to(site_dir)
    cases = {
        "": ("text/html", True, "no-cache"),
        "search/search_index.json": ("application/json", True, "no-cache"),
        "assets/veiviser/veiviser.css": ("text/css", True, "no-cache"),
        css: ("text/css", True, "public, max-age=31536000, immutable"),
        str(wasm): ("application/wasm", True, "no-cache"),
        str(mjs): ("text/javascript", True, "no-cache"),
    }
    for path, (ctype, compressed, cache) in cases.items():
        status, headers, body = fetch(base + path)
        assert status == 200, (server, path, status)
        assert headers["content-type"].split(";")[0] == ctype, (server, path, headers["content-type"])
        assert headers.get("cache-control") == cache, (server, path, headers.get("cache-control"))
        assert headers.get("x-content-type-options") == "nosniff", (server, path)
        assert headers.get("referrer-policy") == "no-referrer", (server, path)
        assert headers.get("content-security-policy") == CSP, (server, path)
        if compressed:
            assert headers.get("content-encoding") == "gzip", (server, path)
            assert "accept-encoding" in headers.get("vary", "").lower(), (server, path)
            plain = gzip.decompress(body)
            assert plain == (site_dir / (path or "index.html")).read_bytes(), (server, path)
    # a missing page: 404 with the same security headers
    status, headers, _ = fetch(base + "finnes-ikke/")
    assert status == 404 and headers.get("x-content-type-options") == "nosniff", server
    # unchanged since last time: 304
    _, headers, _ = fetch(base + "search/search_index.json")
    status, _, _ = fetch(base + "search/search_index.json", **{"If-Modified-Since": headers["last-modified"]})
    assert status == 304, server
    # no gzip for a client that does not ask for it
    request_plain = urllib.request.Request(base + "search/search_index.json", headers={"Accept-Encoding": "identity"})
    with urllib.request.urlopen(request_plain, timeout=20) as r:
        assert r.headers.get("Content-Encoding") in (None, "identity")
        assert r.read() == (site_dir / "search" / "search_index.json").read_bytes()
