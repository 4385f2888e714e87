// staff.js: figures for the answers stored on THIS device, via the worker (bridge.export and
// bridge.summary). Only whole batches of k are released; single answers are never shown.
import { allRecords, contractRecord, deviceId, getSetting, getWorker, processQueue } from "./store.js";
import { chartWithTable, el } from "./survey-charts.js";
import { decimal, text, vocabulary } from "./shared.js";
import { unlock } from "./pin.js";
import { watchPython } from "./trouble.js";

const box = document.querySelector(".vv-staff");
// On a device with a staff PIN (a kiosk tablet), nothing is read before the PIN is given.
// If Python fails or is slow: a plain message with «Prøv igjen» at the top (trouble.js).
let trouble = null;
if (box) unlock(document.querySelector(".vv-pin"), box).then(() => {
  trouble = watchPython(box, {
    failed: "Svarene er trygge på denne enheten, men tallene kan ikke regnes ut akkurat nå.",
    slow: "Det tar lengre tid enn vanlig å regne ut tallene. Svarene er trygge. Vent litt, eller prøv igjen.",
  });
  return main(box);
}).catch((err) => {
  console.warn("Veiviser: the staff figures", err);
  box.querySelector(".vv-staff__status").textContent = "";
  if (trouble) trouble.show();
  document.documentElement.dataset.vvStaff = "failed";
});

function download(name, data) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1) + "\n"], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const title = (def) => text(def.title, "nb", def.id);

async function main(box) {
  const root = box.dataset.root;
  const status = box.querySelector(".vv-staff__status");
  const list = box.querySelector(".vv-staff__surveys");
  const definitions = JSON.parse(box.querySelector(".vv-definitions").textContent);
  const bridge = getWorker(root);
  processQueue(root, "responses");
  const records = (await allRecords("responses")).map(contractRecord);
  const device = await deviceId();
  const kiosk = await getSetting("kiosk");
  const service = (kiosk && kiosk.service) || null;
  const groups = new Map();
  for (const r of records) {
    const key = `${r.survey}@${r.version}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(r);
  }
  if (!groups.size) {
    status.textContent = "Ingen svar er lagret på denne enheten ennå.";
    document.documentElement.dataset.vvStaff = "ready";
    return;
  }
  status.textContent = "Regner ut tallene …";
  await bridge.ready;
  for (const [key, mine] of groups) {
    const def = definitions[key];
    const section = el("section", { class: "vv-staff__survey", "data-survey": key });
    list.append(section);
    if (!def) {
      section.append(el("h2", { text: key }),
        el("p", { text: `${mine.length} svar er lagret for et skjema denne versjonen av nettstedet ikke kjenner.` }));
      continue;
    }
    await renderSurvey(section, def, mine, bridge, device, service);
  }
  status.textContent = `Tall for ${groups.size} skjema${groups.size === 1 ? "" : "er"} på denne enheten.`;
  document.documentElement.dataset.vvStaff = "ready";
}

async function renderSurvey(section, def, records, bridge, device, service) {
  const defJson = JSON.stringify(def);
  const recJson = JSON.stringify(records);
  const doc = await bridge.call("export", defJson, recJson, device, service);
  section.append(el("h2", { text: `${title(def)} (versjon ${def.version})` }));
  if (doc.error) { section.append(el("p", { text: "Feil: " + doc.error })); return; }
  const waiting = records.length - doc.n;
  section.append(el("p", { class: "vv-staff__counts", text:
    `Lagret på denne enheten: ${records.length} svar. Med i tallene: ${doc.n} (hele puljer på ${doc.k}). ` +
    `Venter på neste fulle pulje: ${waiting}.` }));
  section.dataset.waiting = String(waiting);
  section.dataset.released = String(doc.n);
  const actions = el("p", { class: "vv-staff__actions" });
  const exportButton = el("button", { type: "button", class: "vv-button vv-button--primary", text: "Eksporter" });
  exportButton.addEventListener("click", () => download(`${def.id}-v${def.version}-${device}.json`, doc));
  actions.append(exportButton);
  const comments = await bridge.call("comments", defJson, recJson, def.k || vocabulary.default_k);
  if (comments.available) {
    const button = el("button", { type: "button", class: "vv-button vv-staff__comments", text: "Last ned kommentarer" });
    button.addEventListener("click", () => download(`${def.id}-v${def.version}-kommentarer.json`,
      { survey: { id: def.id, version: def.version }, comments: comments.comments }));
    actions.append(" ", button);
  }
  section.append(actions);
  if (!doc.n) {
    section.append(el("p", { text: `Ingen hele puljer ennå: tallene vises når ${doc.k} svar er lagret.` }));
    return;
  }
  const summary = await bridge.call("summary", JSON.stringify(doc), defJson);
  if (summary.error) { section.append(el("p", { text: "Feil: " + summary.error })); return; }
  const charts = summary.charts || { items: {}, scales: {} };
  for (const [id, spec] of [...Object.entries(charts.scales || {}), ...Object.entries(charts.items || {})]) {
    const part = summary.scales[id] || summary.items[id] || {};
    const heading = spec.title || id;
    const block = el("div", { class: "vv-staff__chart" }, el("h3", { text: heading }));
    if (part.mean !== undefined && part.mean !== null) {
      block.append(el("p", { text: `Antall: ${part.n}. Gjennomsnitt: ${decimal(part.mean, 2)}. ` +
        `Median: ${decimal(part.median, 2)}. Kvartiler: ${decimal(part.q1, 2)} og ${decimal(part.q3, 2)}.` }));
    } else if (part.n !== undefined) {
      block.append(el("p", { text: `Antall som svarte: ${part.n}.` }));
    }
    block.append(chartWithTable(spec, heading));
    section.append(block);
  }
}
