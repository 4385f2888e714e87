// survey.js: the form pages (and the check-in forms in «Min fremgang").
// On submit the raw record is written to IndexedDB FIRST; «Takk» shows only after that write
// has committed. Scoring happens later in the worker (store.js: processQueue).
import { addRecord, thisMonth, getSetting, getWorker, processQueue, registerDefinition } from "./store.js";
import { vocabulary } from "./shared.js";

const page = document.querySelector(".vv-page");
if (page) init(page);

function init(page) {
  const root = page.dataset.root;
  const store = page.dataset.store;
  const surveys = Array.from(page.querySelectorAll(".vv-survey")).map(setUp);
  // Python starts in the background; the form is usable long before.
  getWorker(root);
  processQueue(root, store);
  // Nothing from the last respondent may survive back/forward navigation (bfcache).
  window.addEventListener("pagehide", () => surveys.forEach((s) => s.clear()));
  window.addEventListener("pageshow", (ev) => { if (ev.persisted) surveys.forEach((s) => s.clear()); });
  if (store === "responses") kiosk(surveys);

  function setUp(box) {
    const def = JSON.parse(box.querySelector(".vv-definition").textContent);
    registerDefinition(def);
    const form = box.querySelector("form");
    const done = box.querySelector(".vv-done");
    const again = box.querySelector(".vv-again");
    const submit = form.querySelector("button[type=submit]");
    const msg = box.dataset;
    const ranges = Array.from(form.querySelectorAll("input[type=range]"));

    function showValue(input) {
      const out = form.querySelector(`output[for="${input.id}"]`);
      const text = input.dataset.unset ? msg.msgUnset : `${input.value} ${msg.msgOf} ${input.max}`;
      out.textContent = text;
      input.setAttribute("aria-valuetext", text);
      input.setCustomValidity(input.dataset.required && input.dataset.unset ? msg.msgVasRequired : "");
    }
    function touch(ev) { delete ev.target.dataset.unset; showValue(ev.target); }
    for (const input of ranges) {
      for (const type of ["input", "change", "pointerup"]) input.addEventListener(type, touch);
      showValue(input);
    }

    function answers() {
      const out = {};
      for (const item of def.items) {
        const name = CSS.escape(item.id);
        if (item.type === "vas") {
          const input = form.querySelector(`input[name="${name}"]`);
          if (!input.dataset.unset) out[item.id] = Number(input.value);
        } else if (item.type === "text") {
          const value = form.querySelector(`textarea[name="${name}"]`).value.trim();
          if (value) out[item.id] = value;
        } else {
          const checked = form.querySelector(`input[name="${name}"]:checked`);
          if (checked) out[item.id] = checked.dataset.number ? Number(checked.value) : checked.value;
        }
      }
      return out;
    }

    function clear() {
      form.reset();
      for (const input of ranges) { input.dataset.unset = "1"; showValue(input); }
    }
    function newResponse() {
      clear();
      done.textContent = "";
      again.hidden = true;
      form.hidden = false;
      const first = form.querySelector("input, textarea");
      if (first) first.focus();
    }

    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      done.textContent = msg.msgSaving;
      const record = { survey: def.id, version: def.version, month: thisMonth(), answers: answers(), status: "queued" };
      try {
        await addRecord(store, record);   // committed before we say «Takk»
      } catch (err) {
        done.textContent = msg.msgFailed;
        submit.disabled = false;
        return;
      }
      clear();
      form.hidden = true;
      done.textContent = msg.msgThanks;
      again.hidden = false;
      submit.disabled = false;
      again.querySelector("button").focus();
      document.dispatchEvent(new CustomEvent("vv:stored", { detail: { store, survey: def.id } }));
      processQueue(root, store);
    });
    again.querySelector("button").addEventListener("click", newResponse);
    submit.disabled = false;   // enabled only now: without script a submit would put answers in the URL
    return { id: def.id, box, form, clear, newResponse };
  }
}

// Kiosk: a tablet set up for a service. After each answer, and after `idle` seconds without
// use (set on the set-up page; vocabulary.kiosk_idle_seconds by default), the form is emptied.
async function kiosk(surveys) {
  const setup = await getSetting("kiosk").catch(() => undefined);
  if (!setup || !surveys.some((s) => setup.surveys.includes(s.id))) return;
  document.documentElement.dataset.vvKiosk = "on";
  for (const link of document.querySelectorAll(".vv-kiosk-home")) link.hidden = false;
  const idleMs = Math.max(1, Number(setup.idle) || vocabulary.kiosk_idle_seconds) * 1000;
  let timer = null;
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      surveys.forEach((s) => s.newResponse());
      document.activeElement && document.activeElement.blur();
      document.dispatchEvent(new CustomEvent("vv:idle-reset"));
      restart();
    }, idleMs);
  };
  for (const type of ["input", "keydown", "pointerdown", "scroll"]) {
    document.addEventListener(type, restart, { passive: true, capture: true });
  }
  restart();
}
