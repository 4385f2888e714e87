"""Shared fixtures: the built site, a loopback server on a free port, and Chromium.

The site is the one `make test` built into build/site (it runs `make build` first), or the
folder named by VEIVISER_SITE; when that is missing (e.g. pytest run by hand), a fresh copy
is built into a temporary folder.
"""
from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    built = Path(os.environ.get("VEIVISER_SITE", ROOT / "build" / "site")).resolve()
    if (built / "index.html").is_file():
        return built
    out = tmp_path_factory.mktemp("site") / "site"
    subprocess.run([sys.executable, "-m", "veiviser.cli", "build", "--quiet", "--out", str(out)],
                   cwd=ROOT, check=True)
    return out


@pytest.fixture(scope="session")
def site_url(site_dir) -> str:
    """Base URL of the built site, served on 127.0.0.1 on a free port (port 0)."""
    from veiviser.site.server import make_server
    server = make_server(site_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright: drive Debian's Chromium (test tools may not download browsers here)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package")
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


class PageWatch:
    """Everything a page asked for and complained about, to assert on afterwards."""

    def __init__(self, page, origin: str):
        self.origin = origin.rstrip("/")
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if not (u.startswith(self.origin + "/") or u.startswith("data:") or u.startswith("blob:"))]


@pytest.fixture
def watched_page(page, site_url):
    """A Playwright page whose requests and console errors are recorded."""
    watch = PageWatch(page, site_url)
    page.watch = watch
    return page
