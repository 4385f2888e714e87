// trouble.js: what a person sees when Python (Pyodide in the worker) fails or is slow, on the
// pages that need it to show anything (the staff page, «Min fremgang»). A plain Norwegian
// message with «Prøv igjen», placed first in the part of the page the person is looking at,
// never the raw error text (that goes to the console). Forms never wait for Python: answers are
// stored first and scored later.
import { el } from "./survey-charts.js";
import { vocabulary } from "./shared.js";

const html = document.documentElement;

// Watch the worker (<html data-vv-worker>) and show `texts.failed` or `texts.slow` in a box at
// the top of `where`. Returns {show(), hide()} for failures found another way.
export function watchPython(where, texts) {
  const box = el("div", { class: "vv-trouble", role: "alert", hidden: "" });
  const message = el("p", { class: "vv-trouble__text" });
  const retry = el("button", { type: "button", class: "vv-button vv-button--primary vv-trouble__retry", text: "Prøv igjen" });
  retry.addEventListener("click", () => window.location.reload());
  box.append(message, el("p", {}, retry));
  where.prepend(box);
  const show = (kind) => {
    message.textContent = texts[kind];
    box.hidden = false;
    html.dataset.vvTrouble = kind;
    if (kind === "failed") box.scrollIntoView({ block: "nearest" });
  };
  const hide = () => { box.hidden = true; delete html.dataset.vvTrouble; };
  const slow = setTimeout(() => { if (html.dataset.vvWorker === "loading") show("slow"); }, vocabulary.python_slow_seconds * 1000);
  const check = () => {
    if (html.dataset.vvWorker === "failed") { clearTimeout(slow); show("failed"); }
    else if (html.dataset.vvWorker === "ready") { clearTimeout(slow); if (html.dataset.vvTrouble === "slow") hide(); }
  };
  new MutationObserver(check).observe(html, { attributes: true, attributeFilter: ["data-vv-worker"] });
  check();
  return { show: () => show("failed"), hide };
}
