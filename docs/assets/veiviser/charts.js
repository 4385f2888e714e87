// Charts: each .vv-chart__plot gets a «Vis diagram» button that draws its Vega-Lite file with the
// site's own vega-embed. Vega is loaded only on request: the three libraries alone weigh about
// 270 KB gzip, close to a page's whole budget. The numbers are always in the table beside it.
(function () {
  "use strict";
  const plots = document.querySelectorAll(".vv-chart__plot[data-spec]");
  if (!plots.length) return;
  const vendor = new URL(plots[0].dataset.vendor, document.baseURI);
  const libs = ["vega.min.js", "vega-lite.min.js", "vega-embed.min.js"];
  let ready = null;
  // As survey-charts.js's EMBED_OPTIONS: no new Function (ast: true) and no <style> elements, as the
  // site's Content-Security-Policy allows neither (veiviser.site.csp).
  const options = { actions: false, renderer: "svg", ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true } };

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
      .then(function (spec) { return window.vegaEmbed(el, spec, options); })
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
