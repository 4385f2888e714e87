// For `make bench`: how long Pyodide takes to start in Node, from the built site's own files
// (no browser, no network): the Python runtime alone, then our wheel and veiviser.core.bridge.
// Prints one JSON line. CPU time shows what the start costs on an idle machine.
//   node scripts/bench-pyodide-boot.mjs build/bench/site-real
import { resolve } from "node:path";

const dir = resolve(process.argv[2] || "build/site") + "/pyodide/";
const t0 = performance.now();
const c0 = process.cpuUsage();
const cpuMs = () => { const c = process.cpuUsage(c0); return (c.user + c.system) / 1000; };
const { loadPyodide } = await import(dir + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: dir, stdout: () => {}, stderr: () => {} });
const runtime = { ms: performance.now() - t0, cpu: cpuMs() };
await pyodide.loadPackage("veiviser", { messageCallback: () => {} });
pyodide.pyimport("veiviser.core.bridge");
console.log(JSON.stringify({ runtime_ms: runtime.ms, runtime_cpu_ms: runtime.cpu,
  ready_ms: performance.now() - t0, ready_cpu_ms: cpuMs() }));
