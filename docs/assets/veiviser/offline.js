// offline.js: the service worker (sw.js at the site root), which caches the feedback pages and
// Python (about 13 MB) for use without a network. Only where it is needed: on a kiosk tablet
// (registered at set-up by kiosk.js, and kept up to date on its pages) and in «Min fremgang»
// (a page marked data-offline). Any other visit to a feedback page caches nothing.
// Registration waits until the page has loaded and Python has started (or failed) in the
// worker, so filling the cache never competes with the form or with Python's first start.
const html = document.documentElement;

function whenPythonSettled(then) {
  if (html.dataset.vvWorker !== "loading") return then();
  const seen = new MutationObserver(() => {
    if (html.dataset.vvWorker !== "loading") { seen.disconnect(); then(); }
  });
  seen.observe(html, { attributes: true, attributeFilter: ["data-vv-worker"] });
}

// Register now (after load). `out`, if given, tells staff when the offline copy is ready.
export function registerOffline(root, out) {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(new URL(root + "sw.js", document.baseURI))
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      html.dataset.vvOffline = "registered";
      if (out) out.append(" Skjemaene er lagret for bruk uten nett.");
    })
    .catch((err) => console.warn("Veiviser: no offline cache", err));
}

const holder = document.querySelector("[data-root]");
const wanted = html.dataset.vvKiosk === "on" || Boolean(document.querySelector("[data-offline]"));
if (holder && wanted && "serviceWorker" in navigator) {
  const go = () => whenPythonSettled(() => registerOffline(holder.dataset.root));
  if (document.readyState === "complete") go();
  else window.addEventListener("load", go, { once: true });
}
