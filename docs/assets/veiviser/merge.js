// merge.js: «Samle tall fra flere nettbrett». The chosen export files are read here and merged by
// veiviser.core in the worker (bridge.merge: the same checks, rules and messages as
// `veiviser merge`), then shown exactly as the site will publish them (bridge.publish:
// core.publish, the code the build runs, with the build's k and national figures embedded in
// the page). Downloads are made on this device; nothing is sent anywhere.
import { getWorker } from "./store.js";
import { el, figureWithTable, saveFile, simpleTable } from "./survey-charts.js";
import { decimal, text } from "./shared.js";

const box = document.querySelector(".vv-merge");
if (box) setUp(box);

const HIDDEN = "skjult";
const pct = (v) => (v === null || v === undefined ? HIDDEN : `${decimal(v, 1)} %`);

function setUp(box) {
  const root = box.dataset.root;
  const k = Number(box.dataset.k);
  const definitions = JSON.parse(box.querySelector(".vv-definitions").textContent);
  const national = box.querySelector(".vv-national").textContent;
  const input = box.querySelector("#vv-merge-files");
  const serviceSelect = box.querySelector("#vv-merge-service");
  const status = box.querySelector(".vv-merge__status");
  const errors = box.querySelector(".vv-merge__errors");
  const fileList = box.querySelector(".vv-merge__files");
  const result = box.querySelector(".vv-merge__result");
  const names = new Map(Array.from(serviceSelect.querySelectorAll("option[value*='/']"), (o) => [o.value, o.textContent]));
  const files = new Map();        // name -> text, in the order chosen
  const bridge = getWorker(root);
  let runs = 0;
  document.documentElement.dataset.vvMerge = "idle";

  async function add(list) {
    for (const file of list) files.set(file.name, await file.text());
    input.value = "";
    await run();
  }

  async function run() {
    const run = ++runs;
    errors.replaceChildren();
    result.replaceChildren();
    showFiles(null);
    if (!files.size) {
      status.textContent = "Ingen filer er valgt ennå.";
      document.documentElement.dataset.vvMerge = "idle";
      return;
    }
    document.documentElement.dataset.vvMerge = "working";
    status.textContent = `${files.size} fil${files.size === 1 ? "" : "er"} valgt. Slår sammen her i nettleseren … ` +
      "Første gang kan det ta opptil et halvt minutt.";
    await bridge.ready;
    const payload = JSON.stringify(Array.from(files, ([name, textOf]) => ({ name, text: textOf })));
    const merged = await bridge.call("merge", payload, JSON.stringify(definitions), k, serviceSelect.value || null);
    if (run !== runs) return;               // the choice changed meanwhile
    if (merged.error || merged.errors) {
      const problems = merged.errors || [merged.error];
      status.textContent = `Filene kunne ikke slås sammen: ${problems.length} feil. Fjern eller bytt filen som er nevnt.`;
      errors.append(el("h2", { text: "Dette må rettes" }),
        el("ul", { class: "vv-merge__problems" }, ...problems.map((p) => el("li", { text: p }))));
      showFiles(null);
      document.documentElement.dataset.vvMerge = "refused";
      return;
    }
    showFiles(merged.files);
    const doc = merged.merged;
    const def = definitions.find((d) => d.id === doc.survey.id && d.version === doc.survey.version);
    const service = doc.service || "";
    if (!service) {
      status.textContent = "Filene sier ikke hvilken tjeneste de er fra. Velg tjenesten over.";
      document.documentElement.dataset.vvMerge = "service";
      return;
    }
    const pub = await bridge.call("publish", merged.text, JSON.stringify(def), k, service, national);
    if (run !== runs) return;
    if (pub.error) {
      status.textContent = "Tallene kunne ikke vises: " + pub.error;
      document.documentElement.dataset.vvMerge = "refused";
      return;
    }
    await preview(result, pub, def, merged, names.get(service) || service);
    status.textContent = `Slått sammen: ${doc.n} svar fra ${doc.devices.length} ` +
      "nettbrett. Under ser du det nettstedet vil publisere.";
    document.documentElement.dataset.vvMerge = "ready";
  }

  function showFiles(report) {
    fileList.replaceChildren();
    if (!files.size) return;
    const rows = Array.from(files.keys(), (name) => {
      const f = report && report.find((x) => x.name === name);
      const period = f && f.period ? `${f.period.from} – ${f.period.to}` : "–";
      const state = !f ? "–" : f.used ? "med" : f.note;
      const remove = el("button", { type: "button", class: "vv-button vv-merge__remove", text: "Fjern",
        "aria-label": `Fjern ${name}` });
      remove.addEventListener("click", () => { files.delete(name); run(); });
      return { cells: [name, f ? f.devices.join(", ") : "–", f ? String(f.n) : "–", period, state], remove };
    });
    const table = simpleTable("Filene du har valgt, og hva som kom fra hvert nettbrett",
      ["Fil", "Nettbrett (enhet)", "Svar", "Periode", "Med i tallene", ""], rows.map((r) => r.cells),
      "vv-table vv-merge__filetable");
    table.querySelectorAll("tbody tr").forEach((tr, i) => tr.append(el("td", {}, rows[i].remove)));
    fileList.append(el("h2", { text: "Filene" }), table);
  }

  input.addEventListener("change", () => add(Array.from(input.files)));
  // Files chosen before this script ran (a fast pick, or the browser restoring the field on
  // «back») fire no change event: take them as if they had.
  if (input.files.length) add(Array.from(input.files));
  serviceSelect.addEventListener("change", () => run());
  const drop = box.querySelector(".vv-merge__drop");
  drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("vv-merge__drop--over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("vv-merge__drop--over"));
  drop.addEventListener("drop", (ev) => {
    ev.preventDefault();
    drop.classList.remove("vv-merge__drop--over");
    add(Array.from(ev.dataTransfer.files));
  });
}

// The preview: the publication's own tables, charts and words, then the downloads and the
// one-page report.
async function preview(result, pub, def, merged, serviceName) {
  const surveyTitle = text(def.title, "nb", def.id);
  const period = pub.period_text;
  const views = [];
  const wrap = el("section", { class: "vv-merge__preview", "aria-labelledby": "vv-preview-title" },
    el("h2", { id: "vv-preview-title", text: "Slik blir tallene publisert" }));
  wrap.append(simpleTable("Om tallene", ["", ""], [
    ["Skjema", `${surveyTitle}, versjon ${def.version}`],
    ["Tjeneste", serviceName],
    ["Antall svar", pub.too_few ? "for få svar" : String(pub.n)],
    ["Periode", period],
    ["Nettbrett", String(pub.devices)],
    ["Minste tall som vises (k)", String(pub.k)],
  ], "vv-table vv-merge__facts"));
  wrap.append(el("p", { class: "vv-merge__note", text: `${pub.hidden_note} Der står det «skjult», uten søyle. ` +
    "Noen flere tall kan også være skjult, slik at de små ikke kan regnes ut fra summen. n er antallet " +
    "som svarte på spørsmålet. «Vet ikke» er med i fordelingen, men ikke i andelen «i stor eller svært stor grad»." }));
  if (pub.too_few) {
    wrap.append(el("p", { class: "vv-merge__toofew", text:
      `For få svar: det er kommet færre enn ${pub.k} svar i alt, så ingen tall vises.` }));
  }
  if (pub.comparison_rows && pub.comparison_rows.length) {
    wrap.append(el("h3", { text: "Sammenlignet med landet" }));
    const rows = pub.comparison_rows.map((r) => [r.sporsmal, pct(r.tjeneste_prosent),
      r.tjeneste_n === null ? "–" : String(r.tjeneste_n), pct(r.nasjonalt_prosent), r.kilde]);
    const table = simpleTable("Andel i stor eller svært stor grad", ["Spørsmål", `Tjenesten, ${period}`, "n (tjenesten)",
      `Landet, ${pub.comparison_rows[0].nasjonalt_aar}`, "Kilde for landet"], rows, "vv-table vv-pubtable");
    const fig = figureWithTable(pub.comparison_chart, `Diagram: ${pub.comparison_chart.description}`, table, "vv-chart vv-chart--wide");
    views.push({ name: "sammenligning", drawn: fig.drawn });
    wrap.append(fig.wrap);
  }
  if (!pub.too_few) wrap.append(el("h3", { text: "Svar per spørsmål" }));
  for (const [id, t] of Object.entries(pub.tables)) {
    if (pub.too_few) break;
    const part = el("div", { class: "vv-merge__question", "data-question": id }, el("h4", { text: t.title }));
    const p = t.published;
    if (p.too_few) {
      part.append(el("p", { text: `For få svar: færre enn ${pub.k} svarte på dette spørsmålet ` +
        "(eller tallene ville avsløre hverandre)." }));
      wrap.append(part);
      continue;
    }
    const h = t.headline;
    if (h && h.share !== null) {
      part.append(el("p", { class: "vv-headline", text: `Andel ${h.label}: ${h.share} % av ${h.n} som svarte` +
        (h.dont_know !== null ? ` noe annet enn «vet ikke»; ${h.dont_know} svarte «vet ikke» og er ikke med i andelen.` : ".") }));
    } else if (h) {
      part.append(el("p", { class: "vv-headline", text: `Andel ${h.label}: ${h.reason}.` }));
    }
    if (t.kind === "bands") {
      part.append(el("p", { text: t.stats
        ? `Gjennomsnitt ${decimal(t.stats.mean, 2)}, median ${decimal(t.stats.median, 2)}, kvartiler ` +
          `${decimal(t.stats.q1, 2)} og ${decimal(t.stats.q3, 2)} (n = ${p.n}).`
        : "Gjennomsnitt, median og kvartiler vises ikke: noen grupper er skjult, og tallene kunne sammen med fordelingen avsløre dem." }));
    }
    // Core's download rows, in the definition's order (a JS object would put "1" before "5"),
    // with the shares as core rounded them.
    const rows = pub.rows.filter((r) => r.sporsmal === id).map((r) => [r.kategori_tekst,
      r.antall === null ? HIDDEN : String(r.antall), r.antall === null ? HIDDEN : pct(r.andel_prosent)]);
    const table = simpleTable("Antall og andel per svar", ["Svar", "Antall", `Andel av dem som svarte (n = ${p.n})`],
      rows, "vv-table vv-pubtable");
    const fig = figureWithTable(pub.charts[id], `Diagram: ${pub.charts[id].description}`, table);
    views.push({ name: id, drawn: fig.drawn });
    part.append(fig.wrap);
    wrap.append(part);
  }
  result.append(wrap, downloads(pub, merged, views, def), report(pub, def, serviceName));
  await Promise.all(views.map((v) => v.drawn));
}

function downloads(pub, merged, views, def) {
  const stem = merged.name.replace(/\.json$/, "");
  const section = el("section", { class: "vv-merge__downloads vv-noprint" }, el("h2", { text: "Last ned" }));
  const button = (label, action) => {
    const b = el("button", { type: "button", class: "vv-button", text: label });
    b.addEventListener("click", action);
    return b;
  };
  section.append(el("p", {},
    button(`Samlet eksportfil (${merged.name})`, () => saveFile(merged.name, merged.text, "application/json")), " ",
    button("Tabell for Excel (CSV)", () => saveFile(`${stem}-excel.csv`, pub.excel_csv, "text/csv;charset=utf-8")), " ",
    button("Tabell (CSV med komma)", () => saveFile(`${stem}.csv`, pub.csv, "text/csv;charset=utf-8")), " ",
    button("Skriv ut rapporten (én side)", () => window.print())));
  const list = el("ul", { class: "vv-merge__charts" });
  for (const v of views) {
    const title = v.name === "sammenligning" ? "Sammenligning med landet" : (pub.tables[v.name] || {}).title || v.name;
    const li = el("li", { text: `${title}: ` });
    li.append(button("SVG", async () => {
      const view = await v.drawn;
      if (view) saveFile(`${stem}-${v.name}.svg`, await view.toSVG(), "image/svg+xml");
    }), " ", button("PNG", async () => {
      const view = await v.drawn;
      if (!view) return;
      // The picture comes as a data: address; decoded here, since the page's security policy
      // (connect-src 'self') does not let fetch() read data: addresses.
      const url = await view.toImageURL("png", 2);
      const bytes = Uint8Array.from(atob(url.slice(url.indexOf(",") + 1)), (c) => c.charCodeAt(0));
      saveFile(`${stem}-${v.name}.png`, new Blob([bytes], { type: "image/png" }), "image/png");
    }));
    list.append(li);
  }
  if (views.length) section.append(el("h3", { text: "Diagrammene" }), list);
  return section;
}

// The one-page report for printing: the facts, each question's headline and the comparison.
function report(pub, def, serviceName) {
  const section = el("section", { class: "vv-report", "aria-labelledby": "vv-report-title" },
    el("h2", { id: "vv-report-title", text: `Rapport: ${text(def.title, "nb", def.id)}, ${serviceName}` }),
    el("p", { text: `Periode: ${pub.period_text}. Antall svar: ${pub.too_few ? "for få svar" : pub.n}. ` +
      `Nettbrett: ${pub.devices}. ${pub.hidden_note}` }));
  const rows = [];
  for (const t of Object.values(pub.tables)) {
    const h = t.headline;
    if (!h) continue;
    rows.push([t.title, h.share !== null ? `${h.share} %` : (t.published.too_few ? "for få svar" : HIDDEN),
      h.n === null ? "–" : String(h.n), h.dont_know === null || h.dont_know === undefined ? "–" : String(h.dont_know)]);
  }
  if (rows.length && !pub.too_few) {
    section.append(simpleTable("Andel som svarte i de øverste svaralternativene (i stor eller svært stor grad, ja, grønt)",
      ["Spørsmål", "Andel", "n", "Vet ikke"], rows, "vv-table vv-report__table"));
  }
  if (pub.comparison_rows && pub.comparison_rows.length) {
    section.append(simpleTable("Sammenlignet med landet", ["Spørsmål", "Tjenesten", `Landet, ${pub.comparison_rows[0].nasjonalt_aar}`],
      pub.comparison_rows.map((r) => [r.sporsmal, pct(r.tjeneste_prosent), pct(r.nasjonalt_prosent)]), "vv-table vv-report__table"));
  }
  section.append(el("p", { class: "vv-report__source", text: "Kilde: Veiviser, samlet fra nettbrettene med de samme " +
    "reglene som nettstedet publiserer med. Tall for landet: Fafo-rapport 2019:33 (nasjonal brukerundersøkelse)." }));
  return section;
}
