// offline.js: registers the service worker (sw.js at the site root) from the feedback pages.
// It waits until the page has loaded and Python has started (or failed) in the worker, so
// filling the offline cache never competes with the form or with Python's first start.
const holder = document.querySelector("[data-root]");
const root = holder ? holder.dataset.root : "";
const html = document.documentElement;

function register() {
  navigator.serviceWorker.register(new URL(root + "sw.js", document.baseURI))
    .catch((err) => console.warn("Veiviser: no offline cache", err));
}

function whenPythonSettled(then) {
  if (html.dataset.vvWorker !== "loading") return then();
  const seen = new MutationObserver(() => {
    if (html.dataset.vvWorker !== "loading") { seen.disconnect(); then(); }
  });
  seen.observe(html, { attributes: true, attributeFilter: ["data-vv-worker"] });
}

if ("serviceWorker" in navigator) {
  if (document.readyState === "complete") whenPythonSettled(register);
  else window.addEventListener("load", () => whenPythonSettled(register), { once: true });
}
