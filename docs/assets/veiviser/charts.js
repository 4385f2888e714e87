// Charts: each .vv-chart__plot gets a «Vis diagram» button that draws its Vega-Lite file with the
// site's own vega-embed. Vega is loaded only on request: the three libraries alone weigh about
// 270 KB gzip, close to a page's whole budget. The numbers are always in the table beside it.
(function () {
  "use strict";
  // Wide tables may scroll sideways inside Material's wrapper (depends on the screen width):
  // make every wrapper reachable by keyboard so it can be scrolled without a mouse.
  // Material wraps the tables from its own script, so wait for its document$ signal.
  // Each region is named after its table (caption, figure caption or the heading above it,
  // first sentence), so a screen reader's list of regions tells the tables apart.
  function headingBefore(el) {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
        if (/^H[1-6]$/.test(sib.tagName)) return sib.textContent;
      }
    }
    return document.title;
  }
  function tableName(wrap) {
    const table = wrap.querySelector("table");
    const figure = wrap.closest("figure");
    const caption = (table && table.caption) || (figure && figure.querySelector("figcaption"));
    const text = (caption ? caption.textContent : headingBefore(wrap)).trim().replace(/\s+/g, " ");
    return "Tabell: " + text.split(/\.\s/)[0].replace(/\.$/, "");
  }
  function focusableWrappers() {
    const used = new Map();
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      let name = tableName(wrap);
      const n = (used.get(name) || 0) + 1;
      used.set(name, n);
      if (n > 1) name += " (" + n + ")";
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name);
    });
  }
  if (window.document$) window.document$.subscribe(focusableWrappers); else focusableWrappers();
  const plots = document.querySelectorAll(".vv-chart__plot[data-spec]");
  if (!plots.length) return;
  const vendor = new URL(plots[0].dataset.vendor, document.baseURI);
  const libs = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
  let ready = null;

  function load(name) {
    return new Promise(function (resolve, reject) {
      const s = document.createElement("script");
      s.src = new URL(name, vendor).href;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("kunne ikke laste " + name)); };
      document.head.appendChild(s);
    });
  }

  function vega() {  // in order (vega-embed needs vega and vega-lite), once per page
    if (!ready) {
      ready = libs.reduce(function (p, name) { return p.then(function () { return load(name); }); }, Promise.resolve());
    }
    return ready;
  }

  function draw(el, button) {
    button.disabled = true;
    button.textContent = "Laster diagrammet …";
    return vega()
      .then(function () { return fetch(new URL(el.dataset.spec, document.baseURI)); })
      .then(function (r) { return r.json(); })
      .then(function (spec) { return window.vegaEmbed(el, spec, { actions: false, renderer: "svg" }); })
      .then(function () {
        // The label on the container describes the chart and points to the table.
        const svg = el.querySelector("svg");
        if (svg) svg.setAttribute("aria-hidden", "true");
        button.remove();
      })
      .catch(function (err) {
        button.remove();
        el.textContent = "Diagrammet kunne ikke vises (" + err.message + "). Tallene står i tabellen.";
      });
  }

  plots.forEach(function (el) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "vv-chart__show";
    button.textContent = "Vis diagram";
    button.addEventListener("click", function () { draw(el, button); });
    el.before(button);
  });
})();
