// worker.mjs: a module Web Worker. Starts Python (the self-hosted Pyodide) and answers calls to
// veiviser.core.bridge (JSON strings in and out, so no Python object crosses to the page).
//
// Two ways to start:
// - From the memory snapshot (pyodide/snapshot-<hash>.bin.gz; the build writes its name below)
//   when the browser has it cached: the feedback pages' service worker keeps it, or this worker
//   did on an earlier visit. Python is then restored with veiviser.core already imported, in a
//   fraction of a normal start (scripts/make-snapshot.mjs says how the snapshot is made).
// - Otherwise normally (a first visit on a phone): Pyodide starts Python and loads our wheel
//   through pyodide-lock.json. On a kiosk tablet and in «Min fremgang» the snapshot is fetched in
//   the background for next time: by the service worker (offline.js registers it there), or by
//   this worker when there is none. Other feedback pages keep nothing.
// The snapshot is 6 MB gzipped and 31 MB raw; unpacking it takes longer than reading the raw
// bytes from the cache (about 400 against 100 ms), so this worker keeps an unpacked copy in
// its own cache once it has one. A restore that fails (a damaged or stale cached copy) falls
// back to a normal start and drops the copies. Nothing is lost meanwhile: the page queues
// every answer in IndexedDB first.
const BRIDGE_FUNCTIONS = new Set(["check_definition", "score", "export", "summary", "comments", "trajectory",
  "check_service", "form_values", "propose_service", "verify_service", "report_problem",
  "device", "merge", "publish"]);
const indexURL = new URL("../../pyodide/", import.meta.url).href;
const SNAPSHOT = /* VV_SNAPSHOT */ null;
const SNAPSHOT_URL = SNAPSHOT ? indexURL + SNAPSHOT : null;
const RAW_URL = SNAPSHOT_URL && SNAPSHOT_URL + "?raw";   // the unpacked copy, in OWN_CACHE only
const OWN_CACHE = "vv-python-snapshot";   // not "veiviser-…": the service worker deletes those on update
let bridge = null;

// The page says whether the snapshot is to be kept for next time at all (only where the
// runtime is cached for offline use: a kiosk tablet, «Min fremgang») and whether a service
// worker will cache it ({type: "init", keep, serviceWorker}).
let page;
const pageInit = new Promise((resolve) => { page = resolve; });

const cacheable = () => SNAPSHOT_URL && typeof caches !== "undefined";

// The snapshot's bytes from the cache (unpacked copy first), or null when it has none.
async function cachedSnapshot() {
  if (!cacheable()) return null;
  let hit;
  try {
    hit = await caches.match(RAW_URL);
    if (hit) return { bytes: new Uint8Array(await hit.arrayBuffer()), packed: false };
    hit = await caches.match(SNAPSHOT_URL);
  } catch {
    return null;   // storage blocked (private mode): start normally
  }
  return hit ? { bytes: await unpack(hit), packed: true } : null;
}

async function unpack(response) {
  const raw = response.body.pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(raw).arrayBuffer());
}

async function keepUnpacked(bytes) {
  const cache = await caches.open(OWN_CACHE);
  await cache.put(RAW_URL, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
  await dropOlderCopies();
}

// An earlier release's snapshot is of no use (its name holds the hash of what it was made of).
async function dropOlderCopies() {
  if (!cacheable() || !(await caches.has(OWN_CACHE))) return;
  const cache = await caches.open(OWN_CACHE);
  for (const old of await cache.keys()) if (old.url !== RAW_URL) await cache.delete(old);
}

async function restore(snapshot) {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, _loadSnapshot: snapshot.bytes });
  // The snapshot froze random's state: every restore would draw the same numbers.
  pyodide.runPython("import random; random.seed()");
  const restored = pyodide.pyimport("veiviser.core.bridge");
  if (!("ok" in JSON.parse(restored.check_definition("{}")))) throw new Error("the restored bridge does not answer");
  // Pyodide copied the bytes into its memory (and checked the build they were made for).
  if (snapshot.packed) keepUnpacked(snapshot.bytes).catch((err) => console.warn("Veiviser: no unpacked snapshot kept", err));
  return restored;
}

async function startNormally() {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, packages: ["veiviser"] });
  return pyodide.pyimport("veiviser.core.bridge");
}

async function forgetSnapshot() {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    await cache.delete(RAW_URL);
    await cache.delete(SNAPSHOT_URL);
  }
}

// After a normal start, for next time: the service worker does it where there is one, except
// after a failed restore (it would not fetch the dropped copy again before the next release).
async function cacheForNextTime(afterFailure) {
  const { keep, serviceWorker } = await pageInit;
  if (!keep || (serviceWorker && !afterFailure) || !cacheable()) return;
  const response = await fetch(SNAPSHOT_URL);
  if (!response.ok) throw new Error(`${SNAPSHOT_URL}: HTTP ${response.status}`);
  await keepUnpacked(await unpack(response));
}

async function boot() {
  const cached = await cachedSnapshot().catch((err) => {
    console.warn("Veiviser: the cached Python snapshot could not be read", err);
    return { broken: true };
  });
  if (cached && !cached.broken) {
    try {
      bridge = await restore(cached);
      return "snapshot";
    } catch (err) {
      console.warn("Veiviser: the Python snapshot did not restore; starting normally", err);
    }
  }
  if (cached) await forgetSnapshot().catch(() => {});
  bridge = await startNormally();
  dropOlderCopies().catch(() => {});
  cacheForNextTime(Boolean(cached)).catch((err) => console.warn("Veiviser: the Python snapshot was not cached", err));
  return cached ? "fallback" : "normal";
}

self.onmessage = (ev) => {
  if (ev.data.type === "init") { page(ev.data); return; }
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
  (start) => self.postMessage({ type: "ready", start }),
  (err) => self.postMessage({ type: "failed", error: String((err && err.message) || err) }),
);
