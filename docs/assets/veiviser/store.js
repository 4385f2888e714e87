// store.js: IndexedDB helpers, the worker client and the queue. Nothing here leaves the device.
//
// Database "veiviser":
//   responses  raw records from the forms (kiosk or single form), read by the staff page
//   personal   «Min fremgang» check-ins; never exported, deleted with one button
//   settings   {name, value}: "device" (random id), "kiosk" ({service, serviceName,
//              municipalityName, surveys, idle}), "pin" (salted hash, pin.js), "pin-lock"
// A record is the contract's {survey, version, month, answers} plus status: "queued" until the
// worker has scored it (veiviser.core.bridge.score), then "processed" with valid and scales.
// A «Min fremgang» check-in also has its day ("date": YYYY-MM-DD), for the dates on one's own
// chart; it never leaves the phone.
//
// Versions. An upgrade only ever ADDS (stores, indexes): it never deletes or rewrites a store,
// so every stored and queued record survives (tests/browser/test_kiosk.py opens a version-1
// database with records).
//   1  the three stores
//   2  an index "survey" on both record stores (the staff page and «Min fremgang» read one
//      survey at a time)
import { definitionUrl } from "./shared.js";

const DB_NAME = "veiviser";
export const DB_VERSION = 2;
const RECORD_STORES = ["responses", "personal"];

export function openDb() {
  return new Promise((resolve, reject) => {
    let req;
    try {
      req = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (err) { reject(err); return; }    // no IndexedDB at all (some private modes)
    req.onupgradeneeded = () => {
      const db = req.result;
      const upgrade = req.transaction;
      for (const name of RECORD_STORES) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: "key", autoIncrement: true });
        const store = upgrade.objectStore(name);
        if (!store.indexNames.contains("survey")) store.createIndex("survey", "survey", { unique: false });
      }
      if (!db.objectStoreNames.contains("settings")) db.createObjectStore("settings", { keyPath: "name" });
    };
    req.onsuccess = () => {
      const db = req.result;
      db.onversionchange = () => db.close();   // a newer page wants to upgrade: let it
      resolve(db);
    };
    req.onerror = () => reject(req.error);
  });
}

// Whether this browser can store answers here at all (private modes may refuse IndexedDB).
export async function storageWorks() {
  try {
    (await openDb()).close();
    return true;
  } catch {
    return false;
  }
}

// One transaction; resolves only when it has COMMITTED (durability "strict": on disk, so a
// closed tab or a crash right after «Takk» loses nothing).
function run(storeName, mode, work) {
  return openDb().then((db) => new Promise((resolve, reject) => {
    const t = db.transaction(storeName, mode, { durability: mode === "readwrite" ? "strict" : "default" });
    const req = work(t.objectStore(storeName));
    t.oncomplete = () => { db.close(); resolve(req ? req.result : undefined); };
    t.onerror = t.onabort = () => { db.close(); reject(t.error || new Error("IndexedDB transaction failed")); };
  }));
}

export const addRecord = (store, record) => run(store, "readwrite", (s) => s.add(record));
export const allRecords = (store) => run(store, "readonly", (s) => s.getAll());
export const clearStore = (store) => run(store, "readwrite", (s) => s.clear());
export const getSetting = (name) => run("settings", "readonly", (s) => s.get(name)).then((r) => (r ? r.value : undefined));
export const setSetting = (name, value) => run("settings", "readwrite", (s) => s.put({ name, value }));
export const deleteSetting = (name) => run("settings", "readwrite", (s) => s.delete(name));

// Change a record only if it still exists (a «Slett alt» meanwhile must not be undone).
function updateRecord(store, key, changes) {
  return run(store, "readwrite", (s) => {
    const got = s.get(key);
    got.onsuccess = () => { if (got.result) s.put(Object.assign(got.result, changes)); };
  });
}

// The device's random id, made once (no link to a person or to the hardware).
export async function deviceId() {
  let id = await getSetting("device");
  if (!id) {
    const bytes = crypto.getRandomValues(new Uint8Array(8));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    await setSetting("device", id);
  }
  return id;
}

// Dates are coarsened to the month when the answer is stored: no day, no time.
export function thisMonth(date = new Date()) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}`;
}

// The day, for «Min fremgang» check-ins only (they stay on the phone): YYYY-MM-DD.
export function today(date = new Date()) {
  return `${thisMonth(date)}-${String(date.getDate()).padStart(2, "0")}`;
}

// Exactly the contract's record, for the bridge.
export function contractRecord(r) {
  return { survey: r.survey, version: r.version, month: r.month, answers: r.answers };
}

// --- the worker ---------------------------------------------------------------------------
// One module worker per page. The page never waits for it: answers are stored first and
// scored when (if) Python is ready. <html data-vv-worker="loading|ready|failed"> tells tests,
// and <html data-vv-python="snapshot|normal|fallback"> how Python started (worker.mjs).

let workerClient = null;

export function getWorker(root) {
  if (workerClient) return workerClient;
  const html = document.documentElement;
  html.dataset.vvWorker = "loading";
  const pending = new Map();
  let nextId = 1;
  let worker = null;
  const ready = new Promise((resolve, reject) => {
    try {
      worker = new Worker(new URL(root + "assets/veiviser/worker.mjs", document.baseURI), { type: "module" });
    } catch (err) { reject(err); return; }
    // Python's snapshot is kept for next time only where the runtime is cached for offline use:
    // on a kiosk tablet and in «Min fremgang» (offline.js; not on every visit to a feedback
    // page). There the service worker caches it, or, in a browser without one, the worker.
    const offline = html.dataset.vvKiosk === "on" || Boolean(document.querySelector("[data-offline]"));
    worker.postMessage({ type: "init", keep: offline, serviceWorker: "serviceWorker" in navigator });
    worker.onmessage = (ev) => {
      const m = ev.data;
      if (m.type === "ready") { html.dataset.vvPython = m.start; resolve(); }
      else if (m.type === "failed") reject(new Error(m.error));
      else if (m.type === "result") {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.error) p.reject(new Error(m.error)); else p.resolve(JSON.parse(m.result));
      }
    };
    worker.onerror = (ev) => { ev.preventDefault(); reject(new Error(ev.message || "the worker did not load")); };
  });
  ready.then(() => { html.dataset.vvWorker = "ready"; },
    (err) => { html.dataset.vvWorker = "failed"; console.warn("Veiviser: Python did not start; answers stay queued", err); });
  const call = (fn, ...args) => ready.then(() => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, fn, args });
  }));
  workerClient = { ready, call };
  return workerClient;
}

// Definitions the page does not embed are read where the site publishes them (definitionUrl).
const definitionCache = new Map();
export function registerDefinition(def) { definitionCache.set(`${def.id}@${def.version}`, def); }
async function definitionFor(root, survey, version) {
  const key = `${survey}@${version}`;
  if (!definitionCache.has(key)) {
    try {
      const res = await fetch(new URL(root + definitionUrl(survey, version), document.baseURI));
      definitionCache.set(key, res.ok ? await res.json() : null);
    } catch { return null; }   // offline: try again next time
  }
  return definitionCache.get(key);
}

// Score every queued record in a store. Serialised, so two calls never score twice at once.
let queueRun = Promise.resolve();
export function processQueue(root, store) {
  queueRun = queueRun.then(() => drain(root, store)).catch((err) => console.warn("Veiviser: queue", err));
  return queueRun;
}

async function drain(root, store) {
  const bridge = getWorker(root);
  await bridge.ready;
  for (const r of await allRecords(store)) {
    if (r.status !== "queued") continue;
    const def = await definitionFor(root, r.survey, r.version);
    if (!def) continue;   // unknown here: stays queued for a page that knows it
    const result = await bridge.call("score", JSON.stringify(def), JSON.stringify(r.answers));
    if (result.error) continue;
    await updateRecord(store, r.key, { status: "processed", valid: result.valid, scales: result.scales || {} });
  }
  const left = (await allRecords(store)).filter((r) => r.status === "queued").length;
  document.documentElement.dataset.vvQueue = String(left);
  document.dispatchEvent(new CustomEvent("vv:queue", { detail: { store, left } }));
}
