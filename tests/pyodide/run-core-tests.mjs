// The core test suite again, inside Pyodide under Node: the same Python the browser runs.
//
// 1. Load Pyodide from node_modules/pyodide (nothing is fetched: only the standard library
//    is used, and it ships in node_modules).
// 2. Copy src/veiviser (its __init__.py, core/ and the schemas) and tests/core/*.py into Pyodide's file system.
// 3. Run every test function of the tests/core modules marked `PYODIDE = True` (plain asserts,
//    no fixtures) with a tiny runner.
// 4. Compute tests/core/core_fixed.py in Pyodide and in CPython (.venv/bin/python) and compare
//    the two texts byte for byte.
// Prints "N passed, N failed" and exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const started = Date.now();
const { loadPyodide } = await import(join(root, "node_modules", "pyodide", "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL: join(root, "node_modules", "pyodide") + "/" });
const booted = Date.now();

function copyTree(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const name of readdirSync(from)) {
    const path = join(from, name);
    if (statSync(path).isDirectory()) {
      if (name !== "__pycache__") copyTree(path, `${to}/${name}`);
    } else if (name.endsWith(".py") || name.endsWith(".json")) {
      pyodide.FS.writeFile(`${to}/${name}`, readFileSync(path));
    }
  }
}

pyodide.FS.mkdirTree("/work/src/veiviser");
pyodide.FS.writeFile("/work/src/veiviser/__init__.py", readFileSync(join(root, "src/veiviser/__init__.py")));
copyTree(join(root, "src/veiviser/core"), "/work/src/veiviser/core");
copyTree(join(root, "src/veiviser/schemas"), "/work/src/veiviser/schemas");   // read by core as data, as in the wheel
copyTree(join(root, "tests/core"), "/work/tests/core");

const report = JSON.parse(await pyodide.runPythonAsync(`
import importlib, json, os, sys, traceback
sys.path[:0] = ["/work/src", "/work/tests/core"]
results = {"passed": 0, "failed": 0, "failures": [], "modules": []}
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
                results["passed"] += 1
            except Exception:
                results["failed"] += 1
                results["failures"].append(f"{name}::{attr}\\n{traceback.format_exc()}")
json.dumps(results)
`));

for (const failure of report.failures) console.error(`FAILED ${failure}`);
console.log(`Pyodide ${pyodide.version}: ran ${report.modules.join(", ")}`);

// Byte-for-byte: the same fixed computation in Pyodide and in CPython.
const inPyodide = await pyodide.runPythonAsync("import core_fixed; core_fixed.compute()");
const python = process.env.PYTHON || join(root, ".venv", "bin", "python");
const cpython = spawnSync(python, ["-m", "core_fixed"], {
  cwd: root,
  env: { ...process.env, PYTHONPATH: [join(root, "src"), join(root, "tests", "core")].join(":") },
  encoding: "utf-8",
});
let { passed, failed } = report;
if (cpython.status !== 0) {
  failed += 1;
  console.error(`FAILED core_fixed in CPython (${python}):\n${cpython.stderr}`);
} else if (cpython.stdout !== inPyodide) {
  failed += 1;
  const at = [...inPyodide].findIndex((ch, i) => ch !== cpython.stdout[i]);
  console.error(`FAILED core_fixed: Pyodide and CPython differ from character ${at}:\n` +
    `  Pyodide: ${JSON.stringify(inPyodide.slice(Math.max(0, at - 80), at + 80))}\n` +
    `  CPython: ${JSON.stringify(cpython.stdout.slice(Math.max(0, at - 80), at + 80))}`);
} else {
  passed += 1;
  console.log(`core_fixed: Pyodide and CPython agree byte for byte (${inPyodide.length} characters)`);
}
console.log(`Pyodide boot ${((booted - started) / 1000).toFixed(1)} s, total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
