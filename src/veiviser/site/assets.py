"""Browser assets written into the built site (a step of veiviser.site.build):

  pyodide/                 Pyodide core, copied from node_modules/pyodide (self-hosted, no CDN)
  pyodide/pyodide-lock.json  the npm package's lock plus our wheel
  pyodide/wheels/<hash>/veiviser-<version>-py3-none-any.whl
  assets/vendor/           vega, vega-lite and vega-embed minified builds; qrcode-generator's module

Our wheel is pure Python, so a plain `python -m build --wheel --no-isolation` makes it;
`pyodide build` (network, cross-build environment) is only needed for compiled extensions.
The wheel holds only what the browser imports: veiviser/__init__.py, veiviser.core and the
JSON Schemas. It is built from a staged copy of those files, so veiviser.site (which needs
MkDocs, pandas and friends) never ships to the browser, and the build never touches the
project's own build/ folder. Wheels are cached by a hash of their inputs: an unchanged
src/veiviser/core costs nothing on the next build.
"""
from __future__ import annotations

import hashlib
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


# --- the publish step ----------------------------------------------------------------------

def publish(root: Path, site_dir: Path) -> None:
    """Pyodide, the vendored chart libraries and our wheel with its lock file."""
    for name in PYODIDE_FILES:
        copy_file(node_file(root, f"pyodide/{name}"), site_dir / PYODIDE_DIR / name)
    for rel, name in VENDOR_FILES.items():
        copy_file(node_file(root, rel), site_dir / VENDOR_DIR / name)
    write_lock(root, site_dir, build_wheel(root))
