"""Shared fixtures: the built site, a loopback server on a free port, and Chromium.

The site is build/site, rebuilt first when it is missing or when any source (src/, docs/,
data/, surveys/, mkdocs.yml) changed after it was built, so a test never reads a stale site.
VEIVISER_SITE names another built site to test as it is (no rebuild; built once if it has no
index.html yet). Plain functions and constants are in helpers.py.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import threading
from pathlib import Path

import pytest

from helpers import CHROMIUM_ARGS, ROOT, build_site, newest_source_mtime

SITE = ROOT / "build" / "site"


@pytest.fixture(scope="session")
def site_dir() -> Path:
    named = os.environ.get("VEIVISER_SITE")
    site = Path(named).resolve() if named else SITE
    site.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time, also across pytest processes started side by side.
    with open(site.with_name(site.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        index = site / "index.html"
        if not index.is_file() or (not named and newest_source_mtime() > index.stat().st_mtime):
            build_site(site)
    return site


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
