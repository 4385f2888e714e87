// pin.js: the staff PIN of a kiosk tablet. Chosen at kiosk set-up (kiosk.js); kept ONLY as a
// salted hash (PBKDF2-SHA-256 through WebCrypto) in IndexedDB, settings "pin" = {salt, hash,
// iterations}; the PIN itself is never stored, and nothing in "settings" is ever exported.
// Wrong PINs are counted in settings "pin-lock" = {failures, until}: after
// vocabulary.kiosk_pin.attempts wrong PINs in a row it is locked for lock_seconds (the set-up
// page and the staff page share the count). What the PIN protects: the kiosk set-up (change,
// turn off), the staff page and its exports.
import { deleteSetting, getSetting, setSetting } from "./store.js";
import { vocabulary } from "./shared.js";

const rules = vocabulary.kiosk_pin;
const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const b64 = (arr) => btoa(String.fromCharCode(...arr));

export const cryptoReady = () => Boolean(globalThis.crypto && crypto.subtle);

async function derive(pin, salt, iterations) {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export const validPin = (pin) => typeof pin === "string" && pin.length >= rules.min_length && /^\d+$/.test(pin);
export const hasPin = async () => Boolean(await getSetting("pin"));

export async function setPin(pin) {
  if (!validPin(pin)) throw new Error("PIN too short");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, rules.iterations);
  await setSetting("pin", { algorithm: "PBKDF2-SHA-256", iterations: rules.iterations, salt: b64(salt), hash: b64(hash) });
  await deleteSetting("pin-lock");
}

// {locked: false} or {locked: true, until: Date}.
export async function lockState(now = Date.now()) {
  const lock = (await getSetting("pin-lock")) || {};
  return lock.until && lock.until > now ? { locked: true, until: new Date(lock.until) } : { locked: false };
}

// {ok} | {ok: false, locked, until, left}: a wrong PIN counts; the fifth locks.
export async function checkPin(pin) {
  const state = await lockState();
  if (state.locked) return { ok: false, ...state };
  const stored = await getSetting("pin");
  if (!stored) return { ok: true };
  const hash = await derive(String(pin), bytes(stored.salt), stored.iterations);
  const want = bytes(stored.hash);
  let diff = hash.length ^ want.length;
  for (let i = 0; i < Math.min(hash.length, want.length); i++) diff |= hash[i] ^ want[i];
  if (!diff) { await deleteSetting("pin-lock"); return { ok: true }; }
  const lock = (await getSetting("pin-lock")) || { failures: 0 };
  const failures = (lock.until ? 0 : lock.failures || 0) + 1;
  if (failures >= rules.attempts) {
    const until = Date.now() + rules.lock_seconds * 1000;
    await setSetting("pin-lock", { failures: 0, until });
    return { ok: false, locked: true, until: new Date(until), left: 0 };
  }
  await setSetting("pin-lock", { failures });
  return { ok: false, locked: false, left: rules.attempts - failures };
}

const clock = (date) => `${String(date.getHours()).padStart(2, "0")}.${String(date.getMinutes()).padStart(2, "0")}`;

// Show the gate (a form from templates/surveys/pin-gate.html.j2) instead of `guarded` until
// the right PIN is given. Resolves at once when this device has no PIN. On a kiosk tablet, the
// idle time (the set-up's) leads back to the kiosk start, locked or not; elsewhere, after
// unlocking, it reloads the page, which locks it again.
export async function unlock(gate, guarded, idleSeconds = null) {
  if (!(await hasPin())) return;
  if (!idleSeconds) {
    const setup = await getSetting("kiosk");
    idleSeconds = Number(setup && setup.idle) || vocabulary.kiosk_idle_seconds;
  }
  guarded.hidden = true;
  gate.hidden = false;
  const input = gate.querySelector("input");
  const status = gate.querySelector(".vv-pin__status");
  const button = gate.querySelector("button");
  const msg = gate.dataset;
  const showLock = (until) => {
    status.textContent = msg.msgLocked.replace("{time}", clock(until));
    input.disabled = button.disabled = true;
    setTimeout(() => { input.disabled = button.disabled = false; status.textContent = ""; }, Math.max(0, until - Date.now()));
  };
  const state = await lockState();
  if (state.locked) showLock(state.until);
  document.documentElement.dataset.vvPin = "locked";
  const waiting = leaveWhenIdle(idleSeconds, false);   // a kiosk tablet left at the PIN goes back to its start
  input.focus();
  await new Promise((resolve) => {
    gate.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (!cryptoReady()) { status.textContent = msg.msgNoCrypto; return; }
      if (!validPin(input.value)) { status.textContent = msg.msgShort.replace("{min}", rules.min_length); input.focus(); return; }
      button.disabled = true;
      const result = await checkPin(input.value);
      input.value = "";
      button.disabled = false;
      if (result.ok) { resolve(); return; }
      if (result.locked) showLock(result.until);
      else { status.textContent = msg.msgWrong.replace("{left}", result.left); input.focus(); }
    });
  });
  waiting.stop();
  gate.hidden = true;
  guarded.hidden = false;
  document.documentElement.dataset.vvPin = "open";
  leaveWhenIdle(idleSeconds, true);
  // Leaving the page locks it too: nothing unlocked survives in the back/forward cache.
  window.addEventListener("pageshow", (ev) => { if (ev.persisted) window.location.reload(); });
}

// After `seconds` without use: on a kiosk tablet back to the kiosk start (the page's «Tilbake til
// start» link); elsewhere, once unlocked, reload the page, which locks it again.
function leaveWhenIdle(seconds, unlocked) {
  let timer = null;
  const leave = () => {
    const home = document.querySelector(".vv-kiosk-home a");
    if (document.documentElement.dataset.vvKiosk === "on" && home) window.location.replace(home.href);
    else if (unlocked) window.location.reload();
  };
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(leave, Math.max(1, seconds) * 1000);
  };
  const types = ["input", "keydown", "pointerdown", "scroll"];
  for (const type of types) document.addEventListener(type, restart, { passive: true, capture: true });
  restart();
  return { stop: () => { clearTimeout(timer); for (const type of types) document.removeEventListener(type, restart, { capture: true }); } };
}
