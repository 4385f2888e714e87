"""The test helpers that decide when build/site is stale (conftest's site_dir fixture)."""
from __future__ import annotations

import os

from helpers import newest_source_mtime, url_of


def test_a_changed_added_or_removed_source_is_newer(tmp_path):
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", "utf-8")
    module = tmp_path / "src" / "pkg" / "a.py"
    module.write_text("x = 1\n", "utf-8")
    for path in tmp_path.rglob("*"):
        os.utime(path, (1000, 1000))
    os.utime(tmp_path / "mkdocs.yml", (1000, 1000))
    assert newest_source_mtime(tmp_path) == 1000
    os.utime(module, (2000, 2000))
    assert newest_source_mtime(tmp_path) == 2000            # a changed file
    (tmp_path / "docs" / "new.md").write_text("# Ny\n", "utf-8")
    assert newest_source_mtime(tmp_path) > 2000             # an added file
    os.utime(tmp_path / "docs" / "new.md", (1000, 1000))
    os.utime(tmp_path / "docs", (1000, 1000))
    module.unlink()
    assert newest_source_mtime(tmp_path) > 2000             # a removed file (its folder changed)


def test_caches_do_not_count(tmp_path):
    (tmp_path / "src" / "__pycache__").mkdir(parents=True)
    os.utime(tmp_path / "src", (1000, 1000))
    (tmp_path / "src" / "__pycache__" / "a.pyc").write_bytes(b"")
    os.utime(tmp_path / "src" / "__pycache__", (1000, 1000))
    os.utime(tmp_path / "src", (1000, 1000))
    assert newest_source_mtime(tmp_path) == 1000


def test_url_of():
    assert url_of("index.md") == ""
    assert url_of("kommuner/klepp/index.md") == "kommuner/klepp/"
    assert url_of("kommuner/klepp/tilbud.md") == "kommuner/klepp/tilbud/"
    assert url_of("tilbakemelding/skjema/en.md") == "tilbakemelding/skjema/en/"
