"""The service worker at the site root (the last publish step of veiviser.site.build).

sw.js = two generated lines + docs/assets/veiviser/sw.js (as MkDocs copied it):

  self.VV_VERSION   a hash of the path and bytes of every file below: any change to any of them
                    makes a new sw.js, so browsers install it and replace their cache
  self.VV_PRECACHE  what a kiosk needs offline: every page under tilbakemelding/, the local CSS,
                    scripts and images those pages link to, our own scripts, the survey
                    definitions, Pyodide, our wheel (from pyodide-lock.json) and Python's
                    memory snapshot (pyodide/snapshot-<hash>.bin.gz), so a kiosk or a phone
                    that opened «Min fremgang» starts Python from the snapshot, offline too

docs/assets/veiviser/offline.js registers it from the feedback pages only; other pages never
load Pyodide and are not cached.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .. import atomic
from .assets import PYODIDE_DIR, PYODIDE_FILES

SW_SOURCE = "assets/veiviser/sw.js"
SW_PATH = "sw.js"
PAGES_DIR = "tilbakemelding"
LINK = re.compile(r'(?:src|href)="([^"#?:]+)"')


def page_url(site_dir: Path, html: Path) -> str:
    """tilbakemelding/x/index.html -> tilbakemelding/x/ (directory URLs)."""
    rel = html.relative_to(site_dir).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def precache_files(site_dir: Path) -> dict[str, Path]:
    """URL path (relative to the site root) -> built file."""
    site_dir = Path(site_dir)
    out: dict[str, Path] = {}

    def add(rel: str) -> None:
        f = site_dir / rel
        if f.is_dir():
            f = f / "index.html"
        if f.is_file():
            out[rel] = f

    for html in sorted((site_dir / PAGES_DIR).rglob("index.html")):
        add(page_url(site_dir, html))
        for link in LINK.findall(html.read_text("utf-8")):
            target = (html.parent / link).resolve()
            try:
                rel = target.relative_to(site_dir.resolve()).as_posix()
            except ValueError:
                continue
            if target.is_file() and target.suffix != ".html":   # CSS, scripts, images; not other pages
                add(rel)
    for f in sorted((site_dir / "assets" / "veiviser").glob("*")):
        if f.suffix in (".js", ".mjs", ".css") and f.name != "sw.js":
            add(f.relative_to(site_dir).as_posix())
    for f in sorted((site_dir / "data" / "surveys").glob("*.json")):
        add(f.relative_to(site_dir).as_posix())
    for name in [*PYODIDE_FILES, "pyodide-lock.json"]:
        add(f"{PYODIDE_DIR}/{name}")
    lock = json.loads((site_dir / PYODIDE_DIR / "pyodide-lock.json").read_text("utf-8"))
    wheel = lock["packages"]["veiviser"]["file_name"]
    add(f"{PYODIDE_DIR}/{wheel}")
    for f in sorted((site_dir / PYODIDE_DIR).glob("snapshot-*.bin.gz")):
        add(f.relative_to(site_dir).as_posix())
    return out


def version(files: dict[str, Path]) -> str:
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + files[rel].read_bytes() + b"\0")
    return h.hexdigest()[:16]


def publish(site_dir: Path) -> None:
    site_dir = Path(site_dir)
    files = precache_files(site_dir)
    head = (f"self.VV_VERSION = {json.dumps(version(files))};\n"
            f"self.VV_PRECACHE = {json.dumps(sorted(files), ensure_ascii=False)};\n")
    atomic.write_text(site_dir / SW_PATH, head + (site_dir / SW_SOURCE).read_text("utf-8"))
