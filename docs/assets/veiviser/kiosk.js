// kiosk.js: the kiosk start page and its set-up page. The set-up (service key, surveys, idle
// seconds) is stored on this device only (IndexedDB "settings"); survey.js applies it.
import { deleteSetting, getSetting, setSetting } from "./store.js";
import { vocabulary } from "./shared.js";

const start = document.querySelector(".vv-kiosk");
const setupForm = document.querySelector(".vv-kiosk-setup");
if (start) showStart(start);
if (setupForm) setUp(setupForm);

async function showStart(box) {
  const setup = await getSetting("kiosk");
  const chosen = (setup && setup.surveys) || [];
  for (const li of box.querySelectorAll("li[data-survey]")) li.hidden = !chosen.includes(li.dataset.survey);
  box.querySelector(".vv-kiosk__empty").hidden = chosen.length > 0;
  if (setup && setup.service) {
    const p = box.querySelector(".vv-kiosk__service");
    p.textContent = `Tjeneste: ${setup.service}`;
    p.hidden = false;
  }
  document.documentElement.dataset.vvKiosk = chosen.length ? "on" : "off";
}

async function setUp(form) {
  const status = document.querySelector(".vv-kiosk-setup__status");
  const setup = await getSetting("kiosk");
  if (setup) {
    form.elements.service.value = setup.service || "";
    for (const box of form.querySelectorAll("input[name=surveys]")) box.checked = setup.surveys.includes(box.value);
    form.elements.idle.value = setup.idle || vocabulary.kiosk_idle_seconds;
  }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const surveys = Array.from(form.querySelectorAll("input[name=surveys]:checked"), (b) => b.value);
    if (!surveys.length) { status.textContent = "Velg minst ett skjema."; return; }
    await setSetting("kiosk", { service: form.elements.service.value, surveys, idle: Number(form.elements.idle.value) });
    status.textContent = "Oppsettet er lagret på dette nettbrettet.";
  });
  form.querySelector(".vv-kiosk-setup__clear").addEventListener("click", async () => {
    await deleteSetting("kiosk");
    form.reset();
    status.textContent = "Kioskmodus er slått av på dette nettbrettet.";
  });
  document.documentElement.dataset.vvKioskSetup = "ready";
}
