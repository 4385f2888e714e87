// survey.js: the form pages (and the check-in forms in «Min fremgang").
//
// On «Send inn» the form first checks what core checks (shared.js answeredEnough mirrors
// veiviser.core.response.too_few; required items): if something is missing it says so next to
// «Send inn» and beside each unanswered required item, and stores nothing. Otherwise the raw
// record is written to IndexedDB FIRST; the closure screen shows only after that write has
// committed, and one filled-in form stores one record however often «Send inn» is pressed.
// Scoring happens later in the worker (store.js: processQueue).
//
// After each answer and after the idle time every form is emptied, on any device. On a kiosk
// tablet (<html data-vv-kiosk="on">, set by kiosk-guard.js) the closure screen and the idle
// time lead back to the kiosk start; elsewhere to an empty form.
import { addRecord, thisMonth, today, getSetting, getWorker, processQueue, registerDefinition, storageWorks } from "./store.js";
import { answeredEnough, vocabulary } from "./shared.js";

const html = document.documentElement;
const page = document.querySelector(".vv-page");
if (page) init(page);

function init(page) {
  const root = page.dataset.root;
  const store = page.dataset.store;
  const kiosk = html.dataset.vvKiosk === "on";
  if (store === "personal" && kiosk) return;     // «Min fremgang» is never used on a kiosk (personal.js)
  const surveys = Array.from(page.querySelectorAll(".vv-survey")).map((box) => setUp(box, root, store, kiosk));
  // Python (9–14 MB) starts in the background, but not with the page: a form is usable without
  // it (answers are stored raw and scored later: processQueue), and most visitors of a form page
  // on a phone would otherwise fetch the runtime without answering. It starts on the first answer
  // (the first focus, touch or change in a form), on a kiosk tablet when the page is idle, and in
  // «Min fremgang» at once (its charts need it).
  const startPython = () => { getWorker(root); processQueue(root, store); };
  if (store === "personal") startPython();
  else if (kiosk) whenIdle(startPython);
  else onFirstAnswer(surveys.map((s) => s.form), startPython);
  storageWorks().then((ok) => { if (!ok) surveys.forEach((s) => s.noStorage()); });
  // Nothing from the last respondent may survive back/forward navigation (bfcache).
  window.addEventListener("pagehide", () => surveys.forEach((s) => s.clear()));
  window.addEventListener("pageshow", (ev) => { if (ev.persisted) surveys.forEach((s) => s.reset()); });
  idleReset(surveys, kiosk);
  html.dataset.vvForm = "ready";
}

// Once, on the first focus, touch, key or change in any of the forms (Safari does not focus a
// radio button on a tap, hence pointerdown too).
function onFirstAnswer(forms, start) {
  const types = ["focusin", "pointerdown", "keydown", "input", "change"];
  const once = () => {
    for (const form of forms) for (const type of types) form.removeEventListener(type, once, true);
    start();
  };
  for (const form of forms) for (const type of types) form.addEventListener(type, once, true);
}

// After the page has loaded, when the browser is idle (a kiosk tablet has the runtime cached).
function whenIdle(start) {
  const idle = () => (window.requestIdleCallback ? requestIdleCallback(start, { timeout: 3000 }) : setTimeout(start, 200));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

// The kiosk start, from the page's «Tilbake til start» link.
function kioskStart() {
  const link = document.querySelector(".vv-kiosk-home a");
  return link ? link.href : null;
}

function setUp(box, root, store, kiosk) {
  const def = JSON.parse(box.querySelector(".vv-definition").textContent);
  registerDefinition(def);
  const form = box.querySelector("form");
  const done = box.querySelector(".vv-done");
  const again = box.querySelector(".vv-again");
  const submit = form.querySelector("button[type=submit]");
  const missingOut = form.querySelector(".vv-missing");
  const closure = box.querySelector(".vv-closure");
  const inline = closure.classList.contains("vv-closure--inline");
  const msg = box.dataset;
  let busy = false;          // a filled-in form is stored once: a double tap stores one record
  let tried = false;         // after a refused «Send inn», the messages follow every change
  let closureTimer = null;
  if (!inline) document.body.append(closure);    // a dialog over everything (the rest is made inert)

  const itemBox = (id) => form.querySelector(`.vv-item[data-item="${CSS.escape(id)}"]`);

  function answers() {
    const out = {};
    for (const item of def.items) {
      const name = CSS.escape(item.id);
      if (item.type === "text") {
        const value = form.querySelector(`textarea[name="${name}"]`).value.trim();
        if (value) out[item.id] = value;
      } else {
        const checked = form.querySelector(`input[name="${name}"]:checked`);
        if (checked) out[item.id] = checked.dataset.number ? Number(checked.value) : checked.value;
      }
    }
    return out;
  }

  const missingRequired = (given) => def.items.filter((i) => i.required && i.type !== "text" && !(i.id in given));

  // «Spørsmål 2, 4 og 7»: the numbers as the form shows them.
  function listOf(items) {
    const numbers = items.map((i) => String(def.items.indexOf(i) + 1));
    return numbers.length > 1 ? `${numbers.slice(0, -1).join(", ")} ${msg.msgAnd} ${numbers.at(-1)}` : numbers[0];
  }

  // What is missing, next to «Send inn» and beside each unanswered required item. "" = nothing.
  function showMissing() {
    const given = answers();
    const missing = missingRequired(given);
    for (const item of def.items.filter((i) => i.required)) {
      const note = itemBox(item.id) && itemBox(item.id).querySelector(".vv-item__missing");
      const absent = missing.includes(item);
      if (note) note.hidden = !absent;
      if (itemBox(item.id)) itemBox(item.id).classList.toggle("vv-item--missing", absent);
    }
    const enough = answeredEnough(def, given);
    const parts = [];
    if (missing.length) parts.push(msg.msgMissingRequired.replace("{list}", listOf(missing)));
    // Too few, unless answering the required items is all it takes (one message is enough).
    if (enough.answered + missing.length < enough.need) {
      parts.push(msg.msgTooFew.replace("{need}", enough.need).replace("{total}", enough.total)
        .replace("{answered}", enough.answered));
    } else if (!enough.ok && !missing.length) parts.push(msg.msgDontKnowOnly);
    const text = parts.join(" ");
    missingOut.textContent = text;
    form.dataset.missing = text ? "yes" : "no";
    return { text, missing };
  }
  form.addEventListener("change", () => { if (tried) showMissing(); });

  function clear() {
    form.reset();
    tried = false;
    missingOut.textContent = "";
    delete form.dataset.missing;
    for (const note of form.querySelectorAll(".vv-item__missing")) note.hidden = true;
    for (const item of form.querySelectorAll(".vv-item--missing")) item.classList.remove("vv-item--missing");
  }

  // Back to the start: on a kiosk the kiosk start page, elsewhere an empty form at the top.
  function reset() {
    endClosure(false);
    clear();
    busy = false;
    done.textContent = "";
    again.hidden = true;
    form.hidden = false;
  }
  function newResponse() {
    reset();
    const first = form.querySelector("input, textarea");
    if (first) first.focus();
  }

  // --- closure -------------------------------------------------------------------------------
  function isLow(given) {
    const band = vocabulary.low_band;
    if (!band.kinds.includes(def.kind)) return false;
    const low = (value, min, max) => value <= min + band.share * (max - min);
    for (const item of def.items) {
      const v = given[item.id];
      if (typeof v !== "number") continue;
      const values = item.type === "vas" ? [0, 10] : (Array.isArray(item.options) ? item.options : (def.option_sets || {})[item.options] || []).map((o) => o.value);
      if (values.length && low(v, Math.min(...values), Math.max(...values))) return true;
    }
    for (const scale of def.scales || []) {
      const values = scale.items.map((id) => given[id]).filter((v) => typeof v === "number");
      if (!values.length || (scale.method === "sum" && values.length < scale.items.length)) continue;
      const score = scale.method === "sum" ? values.reduce((a, b) => a + b, 0) : values.reduce((a, b) => a + b, 0) / values.length;
      if (low(score, scale.min, scale.max)) return true;
    }
    return false;
  }

  const others = () => Array.from(document.body.children).filter((el) => el !== closure && el.tagName !== "SCRIPT");

  function showClosure(low) {
    const help = closure.querySelector(".vv-closure__help");
    if (help) help.hidden = !low;
    closure.classList.toggle("vv-closure--help", low);
    closure.hidden = false;
    html.dataset.vvClosure = low ? "help" : "open";
    if (inline) {
      again.hidden = false;
      closure.querySelector(".vv-closure__title").focus();
      return;
    }
    for (const el of others()) el.inert = true;
    closure.querySelector(".vv-closure__title").focus();
    let left = low ? vocabulary.closure_help_seconds : vocabulary.closure_seconds;
    const timer = closure.querySelector(".vv-closure__timer");
    const tick = () => {
      timer.textContent = msg.msgClosureTimer.replace("{seconds}", left);
      if (left-- <= 0) endClosure(true);
    };
    tick();
    closureTimer = setInterval(tick, 1000);
  }

  function endClosure(goOn) {
    clearInterval(closureTimer);
    closureTimer = null;
    if (closure.hidden) return;
    closure.hidden = true;
    for (const el of others()) el.inert = false;
    html.dataset.vvClosure = "closed";
    if (!goOn || inline) return;
    if (kiosk && kioskStart()) { window.location.replace(kioskStart()); return; }
    reset();
    window.scrollTo(0, 0);
    const first = form.querySelector("input, textarea");
    if (first) first.focus({ preventScroll: true });
  }
  const closeButton = closure.querySelector(".vv-closure__close");
  if (closeButton) closeButton.addEventListener("click", () => endClosure(true));
  closure.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !inline) endClosure(true); });

  // --- «Send inn» ------------------------------------------------------------------------------
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (busy) return;
    const { text, missing } = showMissing();
    if (text) {
      tried = true;
      const first = missing.length ? itemBox(missing[0].id).querySelector("input") : null;
      if (first) first.focus(); else submit.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    done.textContent = msg.msgSaving;
    const given = answers();
    const record = { survey: def.id, version: def.version, month: thisMonth(), answers: given, status: "queued" };
    if (store === "personal") record.date = today();    // one's own chart has dates; never exported
    try {
      await addRecord(store, record);   // committed before we say «Takk»
    } catch (err) {
      done.textContent = msg.msgFailed;
      submit.disabled = false;
      busy = false;
      return;
    }
    const low = isLow(given);
    clear();
    form.hidden = true;
    done.textContent = inline ? "" : msg.msgThanks;
    submit.disabled = false;
    showClosure(low);
    document.dispatchEvent(new CustomEvent("vv:stored", { detail: { store, survey: def.id } }));
    processQueue(root, store);
  });
  again.querySelector("button").addEventListener("click", newResponse);
  submit.disabled = false;   // enabled only now: without script a submit would put answers in the URL

  function noStorage() {
    box.querySelector(".vv-notice--storage").hidden = false;
    submit.disabled = true;
    html.dataset.vvStorage = "none";
  }

  const touched = () => closureTimer !== null || Object.keys(answers()).length > 0;
  return { id: def.id, box, form, clear, reset, newResponse, noStorage, touched, endClosure };
}

// After the idle time without use, every form on the page is emptied (on any device; on a
// kiosk the set-up's idle seconds, and the tablet goes back to the kiosk start).
async function idleReset(surveys, kiosk) {
  const setup = kiosk ? await getSetting("kiosk").catch(() => undefined) : undefined;
  const idleMs = Math.max(1, Number(setup && setup.idle) || vocabulary.kiosk_idle_seconds) * 1000;
  let timer = null;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (kiosk && kioskStart()) { window.location.replace(kioskStart()); return; }
      for (const s of surveys) if (s.touched()) s.reset();
      if (document.activeElement) document.activeElement.blur();
      document.dispatchEvent(new CustomEvent("vv:idle-reset"));
      restart();
    }, idleMs);
  };
  for (const type of ["input", "change", "keydown", "pointerdown", "scroll"]) {
    document.addEventListener(type, restart, { passive: true, capture: true });
  }
  restart();
}
