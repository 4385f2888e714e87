// sw.js: the service worker of the feedback pages. The build publishes it at the site root
// with two lines in front: self.VV_VERSION (a hash of every file listed) and self.VV_PRECACHE
// (the feedback pages, their CSS and scripts, Pyodide, our wheel and Python's memory snapshot).
// So a kiosk tablet or a phone with «Min fremgang» works offline after its first visit, and
// worker.mjs restores Python from the cached snapshot instead of starting it again. A new release has a
// new version: the browser installs the new worker, which fills a new cache and deletes the old.
const CACHE = `veiviser-${self.VV_VERSION}`;
const PRECACHE = new Set(self.VV_PRECACHE.map((path) => new URL(path, self.registration.scope).href));

self.addEventListener("install", (ev) => {
  // "no-cache": revalidate with the server, so the cache holds this release's files exactly.
  const requests = [...PRECACHE].map((url) => new Request(url, { cache: "no-cache" }));
  ev.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (ev) => {
  ev.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith("veiviser-") && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (ev) => {
  if (ev.request.method !== "GET") return;
  const url = new URL(ev.request.url);
  url.search = "";
  url.hash = "";
  if (!PRECACHE.has(url.href)) return;   // everything else goes to the network, as without a worker
  ev.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(url.href))
    .then((hit) => hit || fetch(ev.request)));
});
