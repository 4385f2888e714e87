// staff.js: «Tall fra dette nettbrettet»: figures for the answers stored on THIS device, via the
// worker (bridge.export, then bridge.device: veiviser.core.device). Only whole batches of k are
// released; single answers are never shown. The stored count shows at once (no Python needed);
// the figures follow when Python has started, which takes a while the first time.
import { allRecords, contractRecord, deviceId, getSetting, getWorker, processQueue } from "./store.js";
import { el, figureWithTable, saveFile, simpleTable } from "./survey-charts.js";
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

const title = (def) => text(def.title, "nb", def.id);
const percent = (share) => (share === null || share === undefined ? "–" : `${decimal(share, 1)} %`);

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
    status.textContent = "Ingen svar er lagret på dette nettbrettet ennå.";
    document.documentElement.dataset.vvStaff = "ready";
    return;
  }
  status.textContent = `${records.length} svar er lagret på dette nettbrettet. Regner ut tallene her på ` +
    "nettbrettet … Første gang kan det ta opptil et halvt minutt.";
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
  status.textContent = `Tall for ${groups.size} skjema${groups.size === 1 ? "" : "er"} på dette nettbrettet.`;
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
    `Lagret på dette nettbrettet: ${records.length} svar. Med i tallene og i eksportfilen: ${doc.n} ` +
    `(hele puljer på ${doc.k}). Venter på neste fulle pulje: ${waiting}.` }));
  section.dataset.waiting = String(waiting);
  section.dataset.released = String(doc.n);
  const figures = await bridge.call("device", JSON.stringify(doc), defJson);
  if (figures.error) { section.append(el("p", { text: "Feil: " + figures.error })); return; }
  const actions = el("p", { class: "vv-staff__actions" });
  const exportButton = el("button", { type: "button", class: "vv-button vv-button--primary", text: "Last ned eksportfil" });
  exportButton.addEventListener("click", () => saveFile(figures.name, figures.text, "application/json"));
  actions.append(exportButton);
  const comments = await bridge.call("comments", defJson, recJson, def.k || vocabulary.default_k);
  if (comments.available) {
    const button = el("button", { type: "button", class: "vv-button vv-staff__comments", text: "Last ned kommentarer" });
    button.addEventListener("click", () => saveFile(`${def.id}-v${def.version}-kommentarer.json`,
      JSON.stringify({ survey: { id: def.id, version: def.version }, comments: comments.comments }, null, 1) + "\n",
      "application/json"));
    actions.append(" ", button);
  }
  section.append(actions, el("p", { class: "vv-staff__file", text:
    `Filen heter ${figures.name} og har alt som er samlet på dette nettbrettet til nå. ` +
    "Send bare den nyeste filen; to filer fra samme nettbrett skal aldri legges sammen." }));
  if (!doc.n) {
    section.append(el("p", { text: `Ingen hele puljer ennå: tallene vises når ${doc.k} svar er lagret.` }));
    return;
  }
  for (const q of figures.questions) section.append(question(q));
}

// One question: its title once (the heading), the headline share with its n and «vet ikke»
// apart, numbers with the decimal comma, the chart (no title of its own) and the table.
function question(q) {
  const block = el("div", { class: "vv-staff__question", "data-question": q.id }, el("h3", { text: q.title }));
  const h = q.headline;
  if (h && h.share !== null) {
    block.append(el("p", { class: "vv-headline", text:
      `Andel ${h.label}: ${h.share} % (${h.count} av ${h.n} som svarte` +
      (h.dont_know !== null ? " noe annet enn «vet ikke»)." : ").") }));
  } else if (h) {
    block.append(el("p", { class: "vv-headline", text: `Andel ${h.label}: ${h.reason}.` }));
  }
  const facts = [`${q.n} svarte på spørsmålet.`];
  if (q.dont_know !== null && q.dont_know !== undefined) {
    facts.push(`${q.dont_know} av dem svarte «vet ikke»; de er ikke med i andelen` +
      (q.stats ? " eller i gjennomsnittet." : "."));
  }
  if (q.stats && q.stats.n) {
    facts.push(`Gjennomsnitt ${decimal(q.stats.mean, 1)}, median ${decimal(q.stats.median, 1)}, kvartiler ` +
      `${decimal(q.stats.q1, 1)} og ${decimal(q.stats.q3, 1)} (n = ${q.stats.n}).`);
  }
  for (const b of q.below || []) facts.push(`Under ${decimal(b.value, 1)} (${b.text}): ${b.count}.`);
  block.append(el("p", { text: facts.join(" ") }));
  const rows = q.rows.map((r) => [r.label, String(r.count), percent(r.share)]);
  const table = simpleTable("Antall og andel per svar", ["Svar", "Antall", `Andel (n = ${q.n})`], rows);
  const { wrap } = figureWithTable(q.chart, `Diagram: ${q.chart.description} Tallene står i tabellen ved siden av.`, table);
  block.append(wrap);
  return block;
}
