// personal.js: «Min fremgang». Check-ins live in the "personal" store on this phone only; they
// are never exported. For each survey it shows, from bridge.trajectory:
//  - how many check-ins, from which date to which, and the change of each score «av 40»;
//  - the total over time and each question over time (charts with dates on the x-axis);
//  - for traffic-light surveys (Livsområder) a timeline: one row per area, one column per date;
//  - one table with every check-in and its date (what the printout shows beside the charts).
// It can be printed, and is deleted with one button after a confirmation. On a kiosk tablet it
// is never used and never reads its store.
import { allRecords, clearStore, getWorker } from "./store.js";
import { chartFigure, el } from "./survey-charts.js";
import { decimal, text, vocabulary } from "./shared.js";
import { watchPython } from "./trouble.js";

const page = document.querySelector(".vv-personal");
if (page) {
  if (document.documentElement.dataset.vvKiosk === "on") kioskRefusal(page);
  else main(page);
}

// A kiosk tablet is shared: «Min fremgang» is not used there and never reads its store
// (kiosk-guard.js sends the page back to the kiosk start before this runs; this is the
// second lock).
function kioskRefusal(page) {
  for (const part of page.querySelectorAll(".vv-personal__survey, .vv-personal__actions")) part.remove();
  page.querySelector(".vv-personal__kiosk").hidden = false;
  document.documentElement.dataset.vvPersonal = "kiosk";
}

const LIGHT = vocabulary.answers.nb;
const shortLight = (value) => (LIGHT[value] || String(value)).split(":")[0];
const signed = (n) => `${n > 0 ? "+" : ""}${decimal(n, 2)}`;

// A table that may be wider than a phone: it scrolls sideways, and by keyboard too.
function scrolling(table, label) {
  return el("div", { class: "vv-scroll", tabindex: "0", role: "region", "aria-label": label }, table);
}

function checkInTable(def, result) {
  const numeric = def.items.map((item, n) => ({ item, n: n + 1 })).filter(({ item }) => item.type !== "text");
  const scales = def.scales || [];
  const head = el("tr", {}, el("th", { scope: "col", text: "Dato" }));
  for (const s of scales) head.append(el("th", { scope: "col", text: `${text(s.title, "nb", s.id)} (av ${decimal(s.max)})` }));
  for (const { item, n } of numeric) head.append(el("th", { scope: "col", text: `${n}. ${text(item.text)}` }));
  const body = el("tbody");
  for (const p of result.points) {
    const row = el("tr", {}, el("th", { scope: "row", text: p.label }));
    for (const s of scales) row.append(el("td", { text: p.scales[s.id] === null || p.scales[s.id] === undefined ? "–" : decimal(p.scales[s.id], 2) }));
    for (const { item } of numeric) {
      const v = p.answers[item.id];
      const light = item.type === "traffic_light" && v;
      const cell = el("td", light ? { class: `vv-light vv-light--${v}` } : {});
      cell.append(el("span", { text: v === undefined ? "–" : light ? shortLight(v) : (typeof v === "number" ? decimal(v, 2) : (LIGHT[v] || String(v))) }));
      row.append(cell);
    }
    body.append(row);
  }
  const table = el("table", { class: "vv-table vv-trajectory__table" },
    el("caption", { text: `Alle registreringene, med dato: ${text(def.title)}` }), el("thead", {}, head), body);
  return scrolling(table, `Tabell: alle registreringene i ${text(def.title)}`);
}

// Livsområder: one row per area, one column per check-in, each cell its light (colour + word).
function timeline(def, data) {
  const head = el("tr", {}, el("th", { scope: "col", text: "Område" }));
  for (const label of data.columns) head.append(el("th", { scope: "col", text: label }));
  const body = el("tbody");
  for (const row of data.rows) {
    const tr = el("tr", {}, el("th", { scope: "row", text: row.text }));
    for (const v of row.values) {
      const cell = el("td", { class: v ? `vv-light vv-light--${v}` : "" });
      cell.append(el("span", { text: v ? shortLight(v) : "–" }));
      tr.append(cell);
    }
    body.append(tr);
  }
  const table = el("table", { class: "vv-table vv-timeline" },
    el("caption", { text: "Tidslinje: grønt, gult eller rødt for hvert område, hver gang" }), el("thead", {}, head), body);
  return scrolling(table, "Tidslinje for livsområdene");
}

function main(page) {
  const root = page.dataset.root;
  const status = page.querySelector(".vv-personal__status");
  const confirmBox = page.querySelector(".vv-personal__confirm");
  const deleteButton = page.querySelector(".vv-personal__delete");
  const trouble = watchPython(page, {
    failed: "Svarene dine er trygge på denne telefonen, men utviklingen kan ikke vises akkurat nå.",
    slow: "Det tar lengre tid enn vanlig å vise utviklingen. Svarene dine er trygge. Vent litt, eller prøv igjen.",
  });
  let rendering = Promise.resolve();
  const refresh = () => {
    rendering = rendering.then(render).catch((err) => { console.warn("Veiviser: «Min fremgang»", err); trouble.show(); });
  };
  const printed = page.querySelector(".vv-personal__printed");
  const now = new Date();
  if (printed) printed.textContent = `Skrevet ut ${now.getDate()}. ${vocabulary.months.nb[now.getMonth()]} ${now.getFullYear()} fra «Min fremgang».`;

  async function render() {
    const records = (await allRecords("personal")).map((r) => ({ survey: r.survey, version: r.version, month: r.month, answers: r.answers, ...(r.date ? { date: r.date } : {}) }));
    const sections = Array.from(page.querySelectorAll(".vv-personal__survey"));
    // Empty states need no Python.
    const work = [];
    for (const section of sections) {
      const def = JSON.parse(section.querySelector(".vv-definition").textContent);
      const out = section.querySelector(".vv-trajectory");
      const mine = records.filter((r) => r.survey === def.id && r.version === def.version);
      out.replaceChildren();
      if (!mine.length) {
        out.append(el("p", { class: "vv-empty", text: "Ingen registreringer ennå. Velg «Ny registrering» over for å lage den første." }));
        continue;
      }
      out.append(el("p", { class: "vv-personal__loading", text: "Henter utviklingen …" }));
      work.push([def, out, mine]);
    }
    if (work.length) {
      const bridge = getWorker(root);
      for (const [def, out, mine] of work) {
        const result = await bridge.call("trajectory", JSON.stringify(def), JSON.stringify(mine));
        out.replaceChildren();
        if (result.error) { console.warn("Veiviser: trajectory", result.error); trouble.show(); continue; }
        show(def, out, result);
      }
    }
    document.documentElement.dataset.vvPersonal = String(records.length);
  }

  function show(def, out, result) {
    const pts = result.points;
    const first = pts[0];
    const last = pts[pts.length - 1];
    out.append(el("p", { text: pts.length === 1
      ? `Én registrering på denne telefonen (${first.label}). Utviklingen vises når du har minst to.`
      : `${pts.length} registreringer på denne telefonen, fra ${first.label} til ${last.label}.` }));
    for (const s of def.scales || []) {
      const name = text(s.title, "nb", s.id);
      const c = (result.change || {})[s.id];
      if (c) {
        out.append(el("p", { class: "vv-personal__change", text:
          `${name}: fra ${decimal(c.from, 2)} til ${decimal(c.to, 2)} av ${decimal(c.max)} (endring ${signed(c.change)}).` }));
      } else if (last.scales[s.id] !== null && last.scales[s.id] !== undefined) {
        out.append(el("p", { class: "vv-personal__change", text: `${name}: ${decimal(last.scales[s.id], 2)} av ${decimal(s.max)}.` }));
      }
    }
    if (pts.length >= 2) {
      if (result.chart) out.append(el("div", { class: "vv-chart vv-chart--wide" }, chartFigure(result.chart, "Samlet skår")));
      if (result.item_chart) out.append(el("div", { class: "vv-chart vv-chart--wide" }, chartFigure(result.item_chart, "Hvert spørsmål")));
    }
    if (result.timeline) out.append(timeline(def, result.timeline));
    else out.append(checkInTable(def, result));
  }

  page.querySelector(".vv-personal__print").addEventListener("click", () => window.print());
  deleteButton.addEventListener("click", () => {
    confirmBox.hidden = false;
    page.querySelector(".vv-personal__no").focus();
  });
  page.querySelector(".vv-personal__no").addEventListener("click", () => {
    confirmBox.hidden = true;
    deleteButton.focus();
  });
  page.querySelector(".vv-personal__yes").addEventListener("click", async () => {
    await clearStore("personal");
    confirmBox.hidden = true;
    status.textContent = "Alle registreringene dine i «Min fremgang» er slettet fra denne telefonen.";
    deleteButton.focus();
    refresh();
  });
  document.addEventListener("vv:stored", (ev) => { if (ev.detail.store === "personal") refresh(); });
  refresh();
}
