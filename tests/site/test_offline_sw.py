"""veiviser.site.offline: what the service worker caches, and a new version for any change."""
import json

from veiviser.site import offline


def tiny_site(root):
    (root / "tilbakemelding" / "skjema").mkdir(parents=True)
    (root / "tilbakemelding" / "skjema" / "index.html").write_text(
        '<link href="../../assets/veiviser/forms.css"><a href="../../kommuner/">x</a>'
        '<script src="../../assets/veiviser/survey.js"></script>', "utf-8")
    (root / "kommuner").mkdir()
    (root / "kommuner" / "index.html").write_text("<p>kommuner</p>", "utf-8")
    (root / "assets" / "veiviser").mkdir(parents=True)
    for name in ("forms.css", "survey.js", "worker.mjs"):
        (root / "assets" / "veiviser" / name).write_text(f"/* {name} */", "utf-8")
    (root / "assets" / "veiviser" / "sw.js").write_text("const CACHE = `veiviser-${self.VV_VERSION}`;\n", "utf-8")
    (root / "pyodide" / "wheels" / "abc").mkdir(parents=True)
    for name in offline.PYODIDE_FILES:
        (root / "pyodide" / name).write_bytes(b"x")
    (root / "pyodide" / "wheels" / "abc" / "veiviser-0.1.0-py3-none-any.whl").write_bytes(b"wheel")
    (root / "pyodide" / "pyodide-lock.json").write_text(json.dumps(
        {"packages": {"veiviser": {"file_name": "wheels/abc/veiviser-0.1.0-py3-none-any.whl"}}}), "utf-8")


def test_precache_holds_the_feedback_pages_their_assets_and_python(tmp_path):
    tiny_site(tmp_path)
    files = offline.precache_files(tmp_path)
    assert "tilbakemelding/skjema/" in files and "assets/veiviser/forms.css" in files
    assert "assets/veiviser/worker.mjs" in files and "pyodide/pyodide.asm.wasm" in files
    assert "pyodide/wheels/abc/veiviser-0.1.0-py3-none-any.whl" in files
    assert not any(f.startswith("kommuner") for f in files)     # other pages stay uncached
    assert "assets/veiviser/sw.js" not in files


def test_any_changed_file_gives_a_new_sw_js(tmp_path):
    tiny_site(tmp_path)
    offline.publish(tmp_path)
    first = (tmp_path / "sw.js").read_text("utf-8")
    offline.publish(tmp_path)
    assert (tmp_path / "sw.js").read_text("utf-8") == first      # same files, same worker
    (tmp_path / "pyodide" / "pyodide.asm.wasm").write_bytes(b"new release")
    offline.publish(tmp_path)
    second = (tmp_path / "sw.js").read_text("utf-8")
    assert second != first and second.endswith("const CACHE = `veiviser-${self.VV_VERSION}`;\n")
