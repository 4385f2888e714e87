"""Browser assets written into the built site (a step of veiviser.site.build):

  pyodide/                 Pyodide core, copied from node_modules/pyodide (self-hosted, no CDN)
  pyodide/pyodide-lock.json  the npm package's lock plus our wheel
  pyodide/wheels/<hash>/veiviser-<version>-py3-none-any.whl
  pyodide/snapshot-<hash>.bin.gz  a memory snapshot of Pyodide with veiviser.core imported
  assets/vendor/           vega, vega-lite and vega-embed minified builds; qrcode-generator's module

Our wheel is pure Python, so a plain `python -m build --wheel --no-isolation` makes it;
`pyodide build` (network, cross-build environment) is only needed for compiled extensions.
The wheel holds only what the browser imports: veiviser/__init__.py, veiviser.core and the
JSON Schemas. It is built from a staged copy of those files, so veiviser.site (which needs
MkDocs, pandas and friends) never ships to the browser, and the build never touches the
project's own build/ folder. Wheels are cached by a hash of their inputs: an unchanged
src/veiviser/core costs nothing on the next build.

The snapshot (scripts/make-snapshot.mjs, run with Node on node_modules/pyodide) lets the
browser's worker skip Python's start: restoring it takes a fraction of the time. It is cached
in build/snapshot-cache/<hash>/ by a hash of the Pyodide files, our wheel and the script (a
snapshot fits only the exact Pyodide build and the code it imported), and its file name is
written into the published worker.mjs, which starts from it when the browser has it cached.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import atomic
from ..problems import BuildError

PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
VENDOR_FILES = {
    "vega/build/vega.min.js": "vega.min.js",
    "vega-lite/build/vega-lite.min.js": "vega-lite.min.js",
    "vega-embed/build/vega-embed.min.js": "vega-embed.min.js",
    "qrcode-generator/dist/qrcode.mjs": "qrcode.mjs",   # the handout's QR code (page.js)
}
PYODIDE_DIR = "pyodide"
VENDOR_DIR = "assets/vendor"
WHEEL_PACKAGE = "veiviser"   # the name loadPyodide({packages: [...]}) asks for
SNAPSHOT_SCRIPT = "scripts/make-snapshot.mjs"
SNAPSHOT_FILE = "python.bin.gz"
SNAPSHOTS_KEPT = 4           # in build/snapshot-cache/
WORKER = "assets/veiviser/worker.mjs"
WORKER_SNAPSHOT = "/* VV_SNAPSHOT */ null"   # in worker.mjs; the build writes the file name there


class AssetError(BuildError):
    what = "nettleserfilene"


def node_file(root: Path, rel: str) -> Path:
    path = root / "node_modules" / rel
    if not path.is_file():
        raise AssetError(f"{path} is missing: run `make setup` (it runs `npm ci`) first")
    return path


def copy_file(src: Path, dest: Path) -> None:
    atomic.write_bytes(dest, src.read_bytes())


# --- the wheel -----------------------------------------------------------------------------

def wheel_inputs(root: Path) -> list[tuple[str, Path]]:
    """(path in the staged project, source file) for everything the browser wheel needs."""
    pkg = root / "src" / "veiviser"
    files = [("pyproject.toml", root / "pyproject.toml"), ("README.md", root / "README.md"),
             ("src/veiviser/__init__.py", pkg / "__init__.py")]
    for sub in ("core", "schemas"):
        for f in sorted((pkg / sub).rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix in (".py", ".json"):
                files.append((f"src/veiviser/{f.relative_to(pkg).as_posix()}", f))
    return files


def inputs_hash(files: list[tuple[str, Path]]) -> str:
    h = hashlib.sha256()
    for rel, f in files:
        h.update(rel.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def build_wheel(root: Path) -> Path:
    """The browser wheel, from the cache (build/wheel-cache/<hash>/) or freshly built."""
    files = wheel_inputs(root)
    cache = root / "build" / "wheel-cache" / inputs_hash(files)
    found = sorted(cache.glob("*.whl")) if cache.is_dir() else []
    if found:
        return found[0]
    with tempfile.TemporaryDirectory(prefix="veiviser-wheel-") as tmp:
        stage = Path(tmp) / "project"
        for rel, src in files:
            (stage / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, stage / rel)
        out = Path(tmp) / "dist"
        result = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(stage)],
            capture_output=True, text=True)
        if result.returncode != 0:
            raise AssetError(f"building the browser wheel failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
        wheels = sorted(out.glob("*-py3-none-any.whl"))
        if len(wheels) != 1:
            raise AssetError(f"expected one pure-Python wheel in {out}, found {[w.name for w in wheels]}")
        cache.mkdir(parents=True, exist_ok=True)
        copy_file(wheels[0], cache / wheels[0].name)
        return cache / wheels[0].name


def write_lock(root: Path, site_dir: Path, wheel: Path) -> Path:
    """pyodide/pyodide-lock.json = the npm package's lock + our wheel (pyodide-lock's own API)."""
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    pyodide_dir = site_dir / PYODIDE_DIR
    # The wheel sits in a folder named by its hash, so a browser never reuses a stale copy.
    dest = pyodide_dir / "wheels" / wheel.parent.name / wheel.name
    copy_file(wheel, dest)
    spec = PyodideLockSpec.from_json(node_file(root, "pyodide/pyodide-lock.json"))
    spec = add_wheels_to_spec(spec, [dest], base_path=pyodide_dir)
    if WHEEL_PACKAGE not in spec.packages:
        raise AssetError(f"{wheel.name} did not end up in the lock as {WHEEL_PACKAGE!r}")
    with tempfile.TemporaryDirectory() as tmp:
        lock = Path(tmp) / "pyodide-lock.json"
        spec.to_json(lock)
        copy_file(lock, pyodide_dir / "pyodide-lock.json")
    return dest


# --- the memory snapshot ---------------------------------------------------------------------

def snapshot_key(root: Path, wheel: Path) -> str:
    """A hash of everything the snapshot depends on: the Pyodide build, our wheel, the script."""
    h = hashlib.sha256()
    for name in [*PYODIDE_FILES, "package.json"]:
        h.update(name.encode() + b"\0" + node_file(root, f"pyodide/{name}").read_bytes() + b"\0")
    h.update(wheel.name.encode() + b"\0" + wheel.read_bytes() + b"\0")
    h.update((root / SNAPSHOT_SCRIPT).read_bytes())
    return h.hexdigest()[:16]


def build_snapshot(root: Path, wheel: Path | None = None) -> Path:
    """The gzipped snapshot, from the cache (build/snapshot-cache/<hash>/) or made with Node."""
    wheel = wheel or build_wheel(root)
    cache = root / "build" / "snapshot-cache" / snapshot_key(root, wheel)
    out = cache / SNAPSHOT_FILE
    if out.is_file():
        return out
    cache.mkdir(parents=True, exist_ok=True)
    node = shutil.which("node")
    if not node:
        raise AssetError("Node.js is missing: the build makes Python's memory snapshot with it")
    result = subprocess.run([node, str(root / SNAPSHOT_SCRIPT), str(root / "node_modules" / "pyodide"),
                             str(wheel), str(out)], capture_output=True, text=True)
    if result.returncode != 0 or not out.is_file():
        raise AssetError(f"making Python's memory snapshot failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    atomic.write_text(cache / "info.json", result.stdout.strip().splitlines()[-1] + "\n")
    # Keep the few latest (31 MB each unpacked, 6 MB packed): switching branches reuses them.
    older = sorted((p for p in cache.parent.iterdir() if p != cache), key=lambda p: p.stat().st_mtime)
    for old in older[:-SNAPSHOTS_KEPT + 1]:
        shutil.rmtree(old, ignore_errors=True)
    return out


def snapshot_info(snapshot: Path) -> dict:
    """What make-snapshot.mjs said about it (Pyodide version, heap, sizes, modules)."""
    return json.loads((snapshot.parent / "info.json").read_text("utf-8"))


def publish_snapshot(root: Path, site_dir: Path, wheel: Path) -> str:
    """Copy the snapshot beside the runtime and name it in the published worker.mjs."""
    snapshot = build_snapshot(root, wheel)
    name = f"snapshot-{snapshot.parent.name}.bin.gz"
    copy_file(snapshot, site_dir / PYODIDE_DIR / name)
    worker = site_dir / WORKER
    text = worker.read_text("utf-8")
    if text.count(WORKER_SNAPSHOT) != 1:
        raise AssetError(f"{WORKER} must hold {WORKER_SNAPSHOT!r} once: the build writes the snapshot's name there")
    atomic.write_text(worker, text.replace(WORKER_SNAPSHOT, json.dumps(name)))
    return name


# --- the publish step ----------------------------------------------------------------------

def publish(root: Path, site_dir: Path) -> None:
    """Pyodide, the vendored chart libraries, our wheel with its lock file, and the snapshot."""
    for name in PYODIDE_FILES:
        copy_file(node_file(root, f"pyodide/{name}"), site_dir / PYODIDE_DIR / name)
    for rel, name in VENDOR_FILES.items():
        copy_file(node_file(root, rel), site_dir / VENDOR_DIR / name)
    wheel = build_wheel(root)
    write_lock(root, site_dir, wheel)
    publish_snapshot(root, site_dir, wheel)
