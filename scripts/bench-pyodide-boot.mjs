// For `make bench`: Python's start in Node from the built site's own files (no browser, no
// network), both ways the worker starts it: normally (the runtime, then our wheel and
// veiviser.core.bridge) and restored from the site's memory snapshot. Prints one JSON line.
// CPU time shows what a start costs on an idle machine.
//   node scripts/bench-pyodide-boot.mjs build/bench/site-real
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";

const dir = resolve(process.argv[2] || "build/site") + "/pyodide/";
const { loadPyodide } = await import(dir + "pyodide.mjs");
const quiet = { stdout: () => {}, stderr: () => {} };
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };

let t0 = performance.now();
let c0 = cpu();
const pyodide = await loadPyodide({ indexURL: dir, ...quiet });
const runtime = { ms: performance.now() - t0, cpu: cpu() - c0 };
await pyodide.loadPackage("veiviser", { messageCallback: () => {} });
pyodide.pyimport("veiviser.core.bridge");
const normal = { ms: performance.now() - t0, cpu: cpu() - c0 };

const name = readdirSync(dir).find((f) => /^snapshot-[0-9a-f]{16}\.bin\.gz$/.test(f));
let restore = null;
if (name) {
  const packed = readFileSync(dir + name);
  t0 = performance.now();
  c0 = cpu();
  const restored = await loadPyodide({ indexURL: dir, _loadSnapshot: gunzipSync(packed), ...quiet });
  restored.runPython("import random; random.seed()");
  restored.pyimport("veiviser.core.bridge");
  restore = { ms: performance.now() - t0, cpu: cpu() - c0 };
}
console.log(JSON.stringify({ runtime_ms: runtime.ms, runtime_cpu_ms: runtime.cpu, ready_ms: normal.ms,
  ready_cpu_ms: normal.cpu, restore_ms: restore && restore.ms, restore_cpu_ms: restore && restore.cpu }));
