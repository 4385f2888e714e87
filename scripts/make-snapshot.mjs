// A memory snapshot of Pyodide with veiviser.core imported, so the browser's worker (and the
// restored-interpreter test run) can skip Python's start: restoring takes a fraction of it.
//
//   node scripts/make-snapshot.mjs <pyodide dir> <veiviser wheel> <out .bin.gz>
//
// Run by the build (veiviser.site.assets), which caches the result by a hash of the Pyodide
// files, the wheel and this script. Prints one JSON line about the snapshot.
//
// How, and why so (measured with Pyodide 314.0.7):
// - Our wheel is written into the file system with FS.writeFile and unzipped from Python, and
//   every veiviser.core module is imported. Loading it with `packages: [...]` or loadPackage()
//   instead makes makeMemorySnapshot() throw «Unexpected hiwire entry at index 6» (pyodide#5195).
// - The heap must stay at the size Pyodide starts with (30 MiB): a larger snapshot does not
//   restore (pyodide#6254). This script fails when the imports grew it.
// - Files written before the snapshot are gone after a restore (the file system is not in the
//   snapshot); only what was imported stays. veiviser.core reads its one data file
//   (vocabulary.json) at import, so nothing is read later.
// - `random` and hash() start from the same state after every restore: the worker reseeds
//   random after restoring (SystemRandom and os.urandom stay random).
// - The snapshot fits only the exact Pyodide build it was made with; made in Node, it restores
//   in Chromium (one made in Chromium does not restore in Node).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const WHEEL_IN_FS = "/tmp/veiviser.whl";

// Unzip our wheel into site-packages, import every veiviser.core module, and say what is loaded.
const PREPARE = `
import importlib, json, pkgutil, sys, sysconfig, zipfile
with zipfile.ZipFile(${JSON.stringify(WHEEL_IN_FS)}) as whl:
    whl.extractall(sysconfig.get_paths()["purelib"])
import veiviser.core
for info in pkgutil.walk_packages(veiviser.core.__path__, "veiviser.core."):
    importlib.import_module(info.name)
import veiviser.core.bridge
json.dumps(sorted(name for name in sys.modules if name.startswith("veiviser")))
`;

export async function loadPyodideFrom(pyodideDir) {
  const indexURL = resolve(pyodideDir) + "/";
  const { loadPyodide } = await import(pathToFileURL(indexURL + "pyodide.mjs").href);
  return { indexURL, loadPyodide };
}

// Start Pyodide, import veiviser.core from the wheel, and take the snapshot (raw bytes).
export async function makeSnapshot(pyodideDir, wheelBytes) {
  const { indexURL, loadPyodide } = await loadPyodideFrom(pyodideDir);
  const t0 = performance.now();
  const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true, stdout: () => {}, stderr: () => {} });
  const bootMs = performance.now() - t0;
  const heapAtStart = pyodide._module.HEAP8.length;
  pyodide.FS.writeFile(WHEEL_IN_FS, wheelBytes);
  const modules = JSON.parse(pyodide.runPython(PREPARE));
  pyodide.FS.unlink(WHEEL_IN_FS);
  const heap = pyodide._module.HEAP8.length;
  if (heap !== heapAtStart) {
    throw new Error(`the heap grew from ${heapAtStart} to ${heap} bytes while importing veiviser.core; ` +
      "a snapshot larger than Pyodide's default heap does not restore (pyodide#6254)");
  }
  const loaded = Object.keys(pyodide.loadedPackages);
  if (loaded.length) throw new Error(`packages were loaded before the snapshot (${loaded}); see pyodide#5195`);
  const snapshot = pyodide.makeMemorySnapshot();
  return { snapshot, info: { pyodide: pyodide.version, heap_bytes: heap, modules, boot_ms: Math.round(bootMs) } };
}

// A restored interpreter, as the worker makes it: random reseeded, veiviser.core ready.
export async function restoreSnapshot(pyodideDir, snapshot, options = {}) {
  const { indexURL, loadPyodide } = await loadPyodideFrom(pyodideDir);
  const pyodide = await loadPyodide({ indexURL, _loadSnapshot: snapshot, ...options });
  pyodide.runPython("import random; random.seed()");
  return pyodide;
}

async function main(argv) {
  const [pyodideDir, wheel, out] = argv;
  if (!out) {
    console.error("usage: node scripts/make-snapshot.mjs <pyodide dir> <veiviser wheel> <out .bin.gz>");
    process.exit(2);
  }
  const t0 = performance.now();
  const { snapshot, info } = await makeSnapshot(pyodideDir, readFileSync(wheel));
  // Check it before publishing it: a restore must give a working bridge.
  const restored = await restoreSnapshot(pyodideDir, snapshot);
  const check = restored.runPython(
    "import json, veiviser.core.bridge as b\njson.loads(b.check_definition('{}'))['ok'] is False and 'ok'");
  if (check !== "ok") throw new Error(`the restored interpreter's bridge answered ${check}`);
  const packed = gzipSync(snapshot, { level: 6 });
  writeFileSync(out + ".part", packed);
  renameSync(out + ".part", out);
  console.log(JSON.stringify({ ...info, raw_bytes: snapshot.length, gzip_bytes: packed.length,
    ms: Math.round(performance.now() - t0) }));
}

if (import.meta.url === pathToFileURL(process.argv[1] || "").href) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`make-snapshot: ${(err && err.stack) || err}`);
    process.exit(1);
  });
}
