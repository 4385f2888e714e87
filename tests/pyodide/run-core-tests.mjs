// The core test suite again, inside Pyodide under Node: the same Python the browser runs,
// started both ways the browser's worker starts it.
//
// 1. Normal start: load Pyodide from node_modules/pyodide (nothing is fetched: only the
//    standard library is used, and it ships in node_modules), copy src/veiviser (its
//    __init__.py and core/) and tests/core/*.py into Pyodide's file system.
// 2. Restored start: the memory snapshot the build publishes (veiviser.site.assets makes it
//    with scripts/make-snapshot.mjs, or takes it from build/snapshot-cache/), restored as the
//    worker restores it; veiviser.core then comes from the snapshot's memory (no source is
//    copied), and only tests/core/*.py is written into the file system.
// 3. In each, run every test function of the tests/core modules marked `PYODIDE = True` (plain
//    asserts, no fixtures) with a tiny runner, and compute tests/core/core_fixed.py; compute it
//    in CPython (.venv/bin/python) too. The three texts must agree byte for byte, and both
//    interpreters must pass the same tests.
// 4. Two restores must draw different random numbers (the worker reseeds after restoring).
// Prints "N passed, N failed" and exits non-zero on any failure.
//   node tests/pyodide/run-core-tests.mjs              # both starts
//   node tests/pyodide/run-core-tests.mjs --normal     # the normal start only
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { restoreSnapshot } from "../../scripts/make-snapshot.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pyodideDir = join(root, "node_modules", "pyodide");
const python = process.env.PYTHON || join(root, ".venv", "bin", "python");
const pythonEnv = { ...process.env, PYTHONPATH: [join(root, "src"), join(root, "tests", "core")].join(":") };
const onlyNormal = process.argv.includes("--normal");
let passed = 0;
let failed = 0;
const fail = (message) => { failed += 1; console.error(`FAILED ${message}`); };

function copyTree(pyodide, from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__pycache__") copyTree(pyodide, path, `${to}/${name}`);
    } else if (name.endsWith(".py") || name.endsWith(".json")) {
      pyodide.FS.writeFile(`${to}/${name}`, readFileSync(path));
    }
  }
}

const RUN_TESTS = `
import importlib, json, os, sys, traceback
sys.path[:0] = ["/work/src", "/work/tests/core"]
results = {"passed": [], "failures": [], "modules": []}
for name in sorted(os.listdir("/work/tests/core")):
    if not (name.startswith("test_") and name.endswith(".py")):
        continue
    with open(f"/work/tests/core/{name}", encoding="utf-8") as fh:
        if "\\nPYODIDE = True" not in fh.read():
            continue          # needs pytest, hypothesis or files: CPython only
    module = importlib.import_module(name[:-3])
    results["modules"].append(name)
    for attr in sorted(vars(module)):
        fn = getattr(module, attr)
        if attr.startswith("test_") and callable(fn):
            try:
                fn()
                results["passed"].append(f"{name}::{attr}")
            except Exception:
                results["failures"].append(f"{name}::{attr}\\n{traceback.format_exc()}")
json.dumps(results)
`;

// The suite and core_fixed in one interpreter; with `source`, veiviser is copied in first.
async function runSuite(pyodide, label, { source }) {
  if (source) {
    pyodide.FS.mkdirTree("/work/src/veiviser");
    pyodide.FS.writeFile("/work/src/veiviser/__init__.py", readFileSync(join(root, "src/veiviser/__init__.py")));
    copyTree(pyodide, join(root, "src/veiviser/core"), "/work/src/veiviser/core");
  }
  copyTree(pyodide, join(root, "tests/core"), "/work/tests/core");
  const report = JSON.parse(await pyodide.runPythonAsync(RUN_TESTS));
  for (const failure of report.failures) fail(`[${label}] ${failure}`);
  passed += report.passed.length;
  const fixed = await pyodide.runPythonAsync("import core_fixed; core_fixed.compute()");
  const where = pyodide.runPython("import veiviser.core; veiviser.core.__file__");
  console.log(`${label}: Pyodide ${pyodide.version}, veiviser.core from ${where}; ran ${report.modules.join(", ")}: ` +
    `${report.passed.length} passed, ${report.failures.length} failed`);
  return { report, fixed, where };
}

function compareTexts(label, a, b, what) {
  if (a === b) {
    passed += 1;
    console.log(`core_fixed: ${label} agree byte for byte (${a.length} characters)`);
    return;
  }
  const at = [...a].findIndex((ch, i) => ch !== b[i]);
  fail(`core_fixed: ${label} differ from character ${at}:\n` +
    `  ${what[0]}: ${JSON.stringify(a.slice(Math.max(0, at - 80), at + 80))}\n` +
    `  ${what[1]}: ${JSON.stringify(b.slice(Math.max(0, at - 80), at + 80))}`);
}

// The snapshot the build publishes (made now if build/snapshot-cache/ does not have it yet).
function builtSnapshot() {
  const out = spawnSync(python, ["-c",
    "import sys; from pathlib import Path; from veiviser.site import assets; " +
    "print(assets.build_snapshot(Path(sys.argv[1])))", root], { cwd: root, env: pythonEnv, encoding: "utf-8" });
  if (out.status !== 0) throw new Error(`the snapshot could not be made:\n${out.stderr}`);
  return out.stdout.trim().split("\n").pop();
}

const started = Date.now();
const { loadPyodide } = await import(join(pyodideDir, "pyodide.mjs"));
const normal = await runSuite(await loadPyodide({ indexURL: pyodideDir + "/" }), "normal start", { source: true });
const normalDone = Date.now();

const cpython = spawnSync(python, ["-m", "core_fixed"], { cwd: root, env: pythonEnv, encoding: "utf-8" });
if (cpython.status !== 0) fail(`core_fixed in CPython (${python}):\n${cpython.stderr}`);
else compareTexts("normal start and CPython", normal.fixed, cpython.stdout, ["Pyodide", "CPython"]);

if (!onlyNormal) {
  const path = builtSnapshot();
  const bytes = gunzipSync(readFileSync(path));
  const t0 = Date.now();
  const pyodide = await restoreSnapshot(pyodideDir, bytes);
  console.log(`restored ${path} (${(bytes.length / 2 ** 20).toFixed(1)} MiB) in ${((Date.now() - t0) / 1000).toFixed(2)} s`);
  const restored = await runSuite(pyodide, "restored start", { source: false });
  if (!restored.where.includes("site-packages")) fail(`the restored interpreter imported veiviser.core from ${restored.where}`);
  const names = (r) => JSON.stringify([r.report.modules, r.report.passed, r.report.failures.map((f) => f.split("\n")[0])]);
  if (names(restored) !== names(normal)) fail("the restored and the normal start did not pass the same tests");
  compareTexts("restored and normal start", restored.fixed, normal.fixed, ["restored", "normal"]);
  // The worker reseeds random after a restore: two restores must not draw the same numbers.
  const draw = (py) => py.runPython("import random; random.random()");
  const [first, second] = [await restoreSnapshot(pyodideDir, bytes), await restoreSnapshot(pyodideDir, bytes)];
  if (draw(first) === draw(second)) fail("two restores drew the same random number: random was not reseeded");
  else passed += 1;
}
console.log(`normal start ${((normalDone - started) / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
