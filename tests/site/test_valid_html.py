"""Every built page is valid HTML: the Nu HTML Checker (npm vnu-jar) over the whole site in one
Java call reports zero errors. Warnings may stay (docs/utviklere/tilgjengelighet-tema.md)."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import pytest

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_has_zero_nu_html_checker_errors(site_dir):
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is missing: `make test` installs Debian's default-jre-headless")
    assert VNU.is_file(), "vnu.jar is missing: run `npm ci` (package.json has vnu-jar)"
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) > 100
    run = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                          str(site_dir)], capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    summary = Counter(m["message"] for m in errors).most_common(10)
    where = sorted({m.get("url", "?").rsplit(str(site_dir), 1)[-1] for m in errors})[:10]
    assert errors == [] and run.returncode == 0, f"{len(errors)} errors on {len(where)}+ pages {where}: {summary}"
