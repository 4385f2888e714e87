"""veiviser.site.assets: the memory snapshot is named in the published worker.mjs, listed for
the service worker, and made again only when what it depends on changed."""
from __future__ import annotations

import json
import re

import pytest

from veiviser.site import assets, offline


def fake_snapshot(tmp_path, key="0123456789abcdef"):
    folder = tmp_path / "cache" / key
    folder.mkdir(parents=True)
    (folder / assets.SNAPSHOT_FILE).write_bytes(b"\x1f\x8b not really")
    (folder / "info.json").write_text('{"heap_bytes": 31457280}', "utf-8")
    return folder / assets.SNAPSHOT_FILE


def worker(site, text=None):
    path = site / assets.WORKER
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text is not None else f"const SNAPSHOT = {assets.WORKER_SNAPSHOT};\n", "utf-8")
    return path


def test_the_snapshot_is_published_beside_the_runtime_and_named_in_the_worker(tmp_path, monkeypatch):
    snapshot = fake_snapshot(tmp_path)
    monkeypatch.setattr(assets, "build_snapshot", lambda root, wheel: snapshot)
    site = tmp_path / "site"
    path = worker(site)
    name = assets.publish_snapshot(tmp_path, site, tmp_path / "x.whl")
    assert name == "snapshot-0123456789abcdef.bin.gz"
    assert (site / "pyodide" / name).read_bytes() == snapshot.read_bytes()
    assert path.read_text("utf-8") == f'const SNAPSHOT = "{name}";\n'
    assert assets.snapshot_info(snapshot) == {"heap_bytes": 31457280}


def test_a_worker_without_the_placeholder_stops_the_build(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "build_snapshot", lambda root, wheel: fake_snapshot(tmp_path))
    site = tmp_path / "site"
    worker(site, "const SNAPSHOT = null;\n")
    with pytest.raises(assets.AssetError, match="VV_SNAPSHOT"):
        assets.publish_snapshot(tmp_path, site, tmp_path / "x.whl")


def test_the_source_worker_holds_the_placeholder_once():
    text = (assets.Path(__file__).resolve().parents[2] / "docs" / assets.WORKER).read_text("utf-8")
    assert text.count(assets.WORKER_SNAPSHOT) == 1


def test_the_key_changes_with_the_wheel(tmp_path):
    root = assets.Path(__file__).resolve().parents[2]
    if not (root / "node_modules" / "pyodide" / "pyodide.asm.wasm").is_file():
        pytest.skip("node_modules is not installed")
    a, b = tmp_path / "a" / "veiviser-0.1.0-py3-none-any.whl", tmp_path / "b" / "veiviser-0.1.0-py3-none-any.whl"
    for path, data in ((a, b"one"), (b, b"two")):
        path.parent.mkdir()
        path.write_bytes(data)
    assert re.fullmatch(r"[0-9a-f]{16}", assets.snapshot_key(root, a))
    assert assets.snapshot_key(root, a) != assets.snapshot_key(root, b)
    assert assets.snapshot_key(root, a) == assets.snapshot_key(root, a)


def test_the_service_worker_precaches_the_snapshot(tmp_path):
    site = tmp_path
    (site / "tilbakemelding" / "x").mkdir(parents=True)
    (site / "tilbakemelding" / "x" / "index.html").write_text("<p>x</p>", "utf-8")
    (site / "pyodide" / "wheels" / "abc").mkdir(parents=True)
    for name in offline.PYODIDE_FILES:
        (site / "pyodide" / name).write_bytes(b"x")
    (site / "pyodide" / "wheels" / "abc" / "v.whl").write_bytes(b"w")
    (site / "pyodide" / "pyodide-lock.json").write_text(
        json.dumps({"packages": {"veiviser": {"file_name": "wheels/abc/v.whl"}}}), "utf-8")
    (site / "pyodide" / "snapshot-0123456789abcdef.bin.gz").write_bytes(b"s")
    assert "pyodide/snapshot-0123456789abcdef.bin.gz" in offline.precache_files(site)
