// survey-charts.js: draw a Vega-Lite spec (built in Python, veiviser.core.charts) with the site's own
// vega-embed, and put a table of the same data beside it, so nothing is shown only as a picture.
import { decimal } from "./shared.js";

// The site's Content-Security-Policy has no 'unsafe-eval' and no inline styles (veiviser.site.csp):
// ast: true makes Vega evaluate expressions with the interpreter bundled in vega-embed instead of
// new Function; vega-embed's and vega-tooltip's stylesheets are in veiviser.css instead of <style>.
export const EMBED_OPTIONS = {
  actions: false, renderer: "svg", ast: true, defaultStyle: false, tooltip: { disableDefaultStyle: true },
};

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function headerFor(spec, field) {
  for (const channel of Object.values(spec.encoding || {})) {
    if (channel && channel.field === field && channel.title) return channel.title;
  }
  return field.charAt(0).toUpperCase() + field.slice(1);
}

// A table cell: «–» for nothing, numbers with the decimal comma.
function cell(value) {
  if (value === null || value === undefined) return "–";
  return typeof value === "number" ? decimal(value, 2) : String(value);
}

export function dataTable(spec, caption) {
  const rows = (spec.data && spec.data.values) || [];
  const fields = rows.length ? Object.keys(rows[0]) : [];
  const table = el("table", { class: "vv-table" }, el("caption", { text: caption }));
  const head = el("tr");
  for (const f of fields) head.append(el("th", { scope: "col", text: headerFor(spec, f) }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    for (const f of fields) tr.append(el("td", { text: cell(row[f]) }));
    body.append(tr);
  }
  table.append(body);
  return table;
}

// A figure (the chart, drawn later, and its description as caption).
export function chartFigure(spec, title) {
  const chart = el("div", { class: "vv-chart__canvas" });
  const figure = el("figure", { class: "vv-chart__figure" }, chart,
    el("figcaption", { text: spec.description || title }));
  if (window.vegaEmbed) {
    window.vegaEmbed(chart, spec, EMBED_OPTIONS)
      .catch((err) => { chart.textContent = "Figuren kunne ikke tegnes. Tallene står i tabellen."; console.warn(err); });
  } else {
    chart.textContent = "Figuren kunne ikke tegnes. Tallene står i tabellen.";
  }
  return figure;
}

// A figure (chart) and a table beside it. Returns the wrapper; drawing finishes later.
export function chartWithTable(spec, title) {
  return el("div", { class: "vv-chart" }, chartFigure(spec, title), dataTable(spec, title));
}

// Draw a spec into node; resolves to the Vega view (for SVG and PNG downloads), or null when
// the chart could not be drawn (the table beside it has the numbers). The picture is hidden
// from screen readers: the figure's label describes it and points to the table.
export function drawChart(node, spec) {
  const fail = (err) => {
    node.textContent = "Figuren kunne ikke tegnes. Tallene står i tabellen.";
    if (err) console.warn(err);
    return null;
  };
  if (!window.vegaEmbed) return Promise.resolve(fail());
  return window.vegaEmbed(node, spec, EMBED_OPTIONS).then((result) => {
    const svg = node.querySelector("svg");
    if (svg) svg.setAttribute("aria-hidden", "true");
    return result.view;
  }, fail);
}

// A table from heads and rows of cell texts; caption says what it is (not the question again).
export function simpleTable(caption, heads, rows, className = "vv-table") {
  const table = el("table", { class: className }, el("caption", { text: caption }));
  const head = el("tr");
  for (const h of heads) head.append(el("th", { scope: "col", text: h }));
  table.append(el("thead", {}, head));
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    row.forEach((cellText, i) => tr.append(el(i ? "td" : "th", i ? { text: cellText } : { scope: "row", text: cellText })));
    body.append(tr);
  }
  table.append(body);
  return table;
}

// A figure with a chart and its table side by side; resolves the view once drawn.
export function figureWithTable(spec, label, table, className = "vv-chart") {
  const canvas = el("div", { class: "vv-chart__canvas", role: "img", "aria-label": label });
  const wrap = el("div", { class: className }, el("div", { class: "vv-chart__figure" }, canvas), table);
  return { wrap, drawn: drawChart(canvas, spec) };
}

// Save text as a file on this device (nothing is sent anywhere).
export function saveFile(name, text, type) {
  const url = URL.createObjectURL(text instanceof Blob ? text : new Blob([text], { type }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
