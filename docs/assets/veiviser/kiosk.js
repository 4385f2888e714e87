// kiosk.js: the kiosk start page and its set-up page.
//
// Set-up (behind the staff PIN once one exists; pin.js): service, surveys, idle seconds and the
// PIN, stored on this device only (IndexedDB "settings"). It also writes localStorage
// "veiviser-kiosk" = {start, allowed}, the pages this tablet may show, which kiosk-guard.js
// reads in <head> of every page; asks the browser to keep the data (navigator.storage.persist)
// and shows the answer; and caches the forms and Python for offline use (offline.js).
// Turning kiosk mode off removes both (the PIN stays: it still guards the staff page while
// answers are stored here).
import { deleteSetting, getSetting, setSetting } from "./store.js";
import { hasPin, setPin, unlock, validPin, cryptoReady } from "./pin.js";
import { registerOffline } from "./offline.js";
import { vocabulary } from "./shared.js";

const KEY = "veiviser-kiosk";
const start = document.querySelector(".vv-kiosk");
const area = document.querySelector(".vv-kiosk-setup-area");
if (start) showStart(start);
if (area) setUp(area).catch((err) => {
  console.warn("Veiviser: kiosk set-up", err);
  area.querySelector(".vv-kiosk-setup__status").textContent = "Oppsettet kunne ikke lagres på dette nettbrettet.";
});

function writeGuard(pages, surveys) {
  const allowed = [pages.start, ...pages.always];
  for (const id of surveys) allowed.push(...(pages.surveys[id] || []));
  localStorage.setItem(KEY, JSON.stringify({ start: pages.start, allowed }));
}

async function showStart(box) {
  const setup = await getSetting("kiosk").catch(() => undefined);
  const chosen = (setup && setup.surveys) || [];
  for (const li of box.querySelectorAll("li[data-survey]")) li.hidden = !chosen.includes(li.dataset.survey);
  box.querySelector(".vv-kiosk__empty").hidden = chosen.length > 0;
  if (setup && setup.service) {
    const p = box.querySelector(".vv-kiosk__service");
    p.querySelector(".vv-kiosk__service-name").textContent = setup.serviceName || setup.service;
    p.querySelector(".vv-kiosk__municipality").textContent = setup.municipalityName || "";
    p.hidden = false;
  }
  document.documentElement.dataset.vvKioskStart = "ready";
}

async function setUp(area) {
  const form = area.querySelector(".vv-kiosk-setup");
  const gate = area.querySelector(".vv-pin");
  const status = form.querySelector(".vv-kiosk-setup__status");
  const storage = form.querySelector(".vv-kiosk-setup__storage");
  const clear = form.querySelector(".vv-kiosk-setup__clear");
  const pages = JSON.parse(area.querySelector(".vv-kiosk-pages").textContent);
  const root = area.dataset.root;
  const html = document.documentElement;

  await unlock(gate, form);          // at once when no PIN is set yet
  const pinExists = await hasPin();
  form.querySelector(".vv-kiosk-setup__pin-new").hidden = pinExists;
  form.querySelector(".vv-kiosk-setup__pin-change").hidden = !pinExists;
  const setup = await getSetting("kiosk");
  if (setup) {
    form.elements.service.value = setup.service || "";
    for (const box of form.querySelectorAll("input[name=surveys]")) box.checked = setup.surveys.includes(box.value);
    form.elements.idle.value = setup.idle || vocabulary.kiosk_idle_seconds;
  }
  clear.hidden = !setup;
  form.hidden = false;

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const surveys = Array.from(form.querySelectorAll("input[name=surveys]:checked"), (b) => b.value);
    const select = form.elements.service;
    const pin = form.elements.pin.value;
    const again = form.elements.pin_again.value;
    const problem = !select.value ? ["Velg tjeneste.", select]
      : !surveys.length ? ["Velg minst ett skjema.", form.querySelector("input[name=surveys]")]
      : !(Number(form.elements.idle.value) >= 1) ? ["Skriv et antall sekunder (minst 1).", form.elements.idle]
      : (!(await hasPin()) || pin || again) && !validPin(pin)
        ? [`Velg en PIN-kode på minst ${vocabulary.kiosk_pin.min_length} sifre (bare tall).`, form.elements.pin]
      : pin !== again ? ["PIN-kodene er ikke like. Skriv den samme to ganger.", form.elements.pin_again]
      : !cryptoReady() ? ["Denne nettleseren kan ikke lagre PIN-koden (siden må åpnes over https).", form.elements.pin]
      : null;
    if (problem) { status.textContent = problem[0]; problem[1].focus(); return; }
    const option = select.selectedOptions[0];
    if (pin) await setPin(pin);
    await setSetting("kiosk", {
      service: select.value, serviceName: option.textContent.trim(),
      municipalityName: option.parentElement.tagName === "OPTGROUP" ? option.parentElement.label : "",
      surveys, idle: Number(form.elements.idle.value),
    });
    writeGuard(pages, surveys);
    html.dataset.vvKiosk = "on";
    form.elements.pin.value = form.elements.pin_again.value = "";
    form.querySelector(".vv-kiosk-setup__pin-new").hidden = true;
    form.querySelector(".vv-kiosk-setup__pin-change").hidden = false;
    clear.hidden = false;
    status.textContent = "Oppsettet er lagret på dette nettbrettet. Kioskmodus er slått på.";
    await keepData(storage);
    registerOffline(root, storage);
  });

  clear.addEventListener("click", async () => {
    await deleteSetting("kiosk");
    localStorage.removeItem(KEY);
    delete html.dataset.vvKiosk;
    form.reset();
    clear.hidden = true;
    status.textContent = "Kioskmodus er slått av på dette nettbrettet. PIN-koden beholdes, så tallene fortsatt er beskyttet.";
  });
  html.dataset.vvKioskSetup = "ready";
}

// Ask the browser not to clear this site's data when space runs low, and say what it answered.
async function keepData(out) {
  if (!navigator.storage || !navigator.storage.persist) {
    out.textContent = "Denne nettleseren kan ikke love å ta vare på svarene. Eksporter ofte.";
    return;
  }
  const granted = await navigator.storage.persist().catch(() => false);
  out.dataset.persist = granted ? "granted" : "refused";
  out.textContent = granted
    ? "Nettleseren har lovet å ta vare på svarene på dette nettbrettet (varig lagring)."
    : "Nettleseren ga ikke varig lagring: den kan slette svarene hvis nettbrettet får lite plass. Eksporter ofte.";
}
