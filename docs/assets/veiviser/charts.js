// Charts: draws each .vv-chart__plot from its Vega-Lite file with the site's own vega-embed.
// The numbers are already in the table under each chart; without JS nothing is lost.
(function () {
  "use strict";
  const plots = document.querySelectorAll(".vv-chart__plot[data-spec]");
  if (!plots.length) return;
  const vendor = new URL(plots[0].dataset.vendor, document.baseURI);
  const libs = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];

  function load(name) {
    return new Promise(function (resolve, reject) {
      const s = document.createElement("script");
      s.src = new URL(name, vendor).href;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("kunne ikke laste " + name)); };
      document.head.appendChild(s);
    });
  }

  // Load in order (vega-embed needs vega and vega-lite), once, then draw every chart.
  libs.reduce(function (p, name) { return p.then(function () { return load(name); }); }, Promise.resolve())
    .then(function () {
      plots.forEach(function (el) {
        fetch(new URL(el.dataset.spec, document.baseURI))
          .then(function (r) { return r.json(); })
          .then(function (spec) {
            return window.vegaEmbed(el, spec, { actions: false, renderer: "svg" });
          })
          .then(function () {
            // The SVG repeats the table; the container's label says so, so hide the SVG's own tree.
            const svg = el.querySelector("svg");
            if (svg) svg.setAttribute("aria-hidden", "true");
          })
          .catch(function (err) { el.textContent = "Diagrammet kunne ikke vises (" + err.message + "). Tallene står i tabellen."; });
      });
    })
    .catch(function (err) {
      plots.forEach(function (el) { el.textContent = "Diagrammene kunne ikke vises. Tallene står i tabellene."; });
    });
})();
