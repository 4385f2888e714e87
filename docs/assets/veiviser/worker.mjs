// worker.mjs: a module Web Worker. Boots the self-hosted Pyodide, loads our wheel through
// pyodide/pyodide-lock.json and answers calls to veiviser.core.bridge (JSON strings in and
// out, so no Python object crosses to the page).
const BRIDGE_FUNCTIONS = new Set(["check_definition", "score", "export", "summary", "comments", "trajectory",
  "check_service", "form_values", "propose_service", "verify_service", "report_problem",
  "device", "merge", "publish"]);
const indexURL = new URL("../../pyodide/", import.meta.url).href;
let bridge = null;

async function boot() {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, packages: ["veiviser"] });
  bridge = pyodide.pyimport("veiviser.core.bridge");
}

self.onmessage = (ev) => {
  const { id, fn, args } = ev.data;
  try {
    if (!BRIDGE_FUNCTIONS.has(fn)) throw new Error(`unknown bridge function ${fn}`);
    // JS null would arrive as jsnull, not None; undefined arrives as None.
    const result = bridge[fn](...args.map((a) => (a === null ? undefined : a)));
    self.postMessage({ type: "result", id, result });
  } catch (err) {
    self.postMessage({ type: "result", id, error: String((err && err.message) || err) });
  }
};

boot().then(
  () => self.postMessage({ type: "ready" }),
  (err) => self.postMessage({ type: "failed", error: String((err && err.message) || err) }),
);
