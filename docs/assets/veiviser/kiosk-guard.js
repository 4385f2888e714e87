// kiosk-guard.js: in <head> of every page (overrides/main.html), run before
// anything is drawn. On a device set up as a kiosk (localStorage "veiviser-kiosk", written by
// kiosk.js at set-up and removed when kiosk mode is turned off) it
//  - marks <html data-vv-kiosk="on">, so the CSS hides the header, tabs, search, navigation
//    and footer, and the form pages show their kiosk texts;
//  - sends every page that is not the kiosk's own (its start, its set-up and the staff page,
//    both behind the PIN, and the chosen surveys' forms) back to the kiosk start, whether it
//    was reached by a link, the back button or a typed address.
// A classic script with no imports: it must run at once. The list of pages comes from the
// set-up page (forms.kiosk_pages), so no URL is spelled out here.
(function () {
  "use strict";
  var KEY = "veiviser-kiosk";
  var html = document.documentElement;
  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/veiviser\/kiosk-guard\.js(\?.*)?$/, "") : "";

  function state() {
    try {
      var s = JSON.parse(window.localStorage.getItem(KEY) || "null");
      return s && typeof s.start === "string" && Array.isArray(s.allowed) ? s : null;
    } catch (e) {
      return null;   // no localStorage (a locked-down browser): not a kiosk
    }
  }

  // This page, relative to the site root: "tilbakemelding/kiosk/", "" for the home page.
  function here() {
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = "";
    var path = url.href.indexOf(root) === 0 ? url.href.slice(root.length) : url.pathname;
    return decodeURI(path.replace(/(^|\/)index\.html$/, "$1"));
  }

  function guard() {
    var s = state();
    if (!s) {
      if (html.dataset.vvKiosk === "on") delete html.dataset.vvKiosk;
      return;
    }
    html.dataset.vvKiosk = "on";
    if (s.allowed.indexOf(here()) === -1) {
      html.dataset.vvKioskLeaving = "1";      // CSS: draw nothing while we go
      window.location.replace(root + s.start);
    }
  }

  guard();
  // A page restored from the back/forward cache runs no script again: check once more.
  window.addEventListener("pageshow", function (ev) { if (ev.persisted) guard(); });
})();
