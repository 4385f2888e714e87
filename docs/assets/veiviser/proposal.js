// proposal.js: the proposal pages (forslag/). The form is plain HTML, made at build time from
// service.schema.json. This script
//   - fills it in with the service named in ?tjeneste=<municipality>/<slug>, read from the site's
//     own data/katalog/tjenester/<municipality>/<slug>.json (or picks ?kommune= for a new offer);
//   - lets a person add and remove items of a repeatable group (access routes, sources);
//   - hands the filled-in form to Python in the worker (veiviser.core.bridge: form_values,
//     propose_service, verify_service, report_problem), which checks it and writes the file;
//   - shows each error next to its field and in a list at the top, or else the file, the list of
//     changes, the patch and the links (download, copy, mailto:, web editor).
// Nothing is sent anywhere: the only requests are for this site's own files. No HTML is built
// from text: every text goes in with textContent.
import { getWorker } from "./store.js";

const KEY = /^[a-z0-9-]+\/[a-z0-9-]+$/;
const SLUG = /^[a-z0-9-]+$/;
const BRIDGE = { change: "propose_service", verify: "verify_service", report: "report_problem" };

const page = document.querySelector(".vv-proposal");
if (page) init(page);

function isoDay(d = new Date()) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

async function init(page) {
  const root = page.dataset.root;
  const mode = page.dataset.mode;
  const form = page.querySelector("form");
  const submit = form.querySelector("button[type=submit]");
  const status = form.querySelector(".vv-proposal__status");
  const what = page.querySelector(".vv-proposal__what");
  const data = JSON.parse(form.querySelector(".vv-proposal__data").textContent);
  const params = new URLSearchParams(location.search);
  const key = params.get("tjeneste");
  const kommune = params.get("kommune");
  const bridge = getWorker(root);   // Python starts in the background
  let current = null;               // the published JSON of the service being changed

  form.noValidate = true;
  setUpGroups(form);
  setUpSummary(page);
  form.addEventListener("submit", (ev) => { ev.preventDefault(); check(); });

  if (key && KEY.test(key)) {
    form.inert = true;
    status.textContent = "Henter opplysningene om tilbudet …";
    try {
      const res = await fetch(new URL(`${root}data/katalog/tjenester/${key}.json`, document.baseURI));
      if (!res.ok) throw new Error(String(res.status));
      current = await res.json();
    } catch (err) {
      status.textContent = "Fant ikke tilbudet. Gå tilbake til siden til tilbudet og prøv lenken der igjen.";
      form.inert = false;
      return;
    }
    const where = `«${current.name}» (${current.municipality_name})`;
    what.textContent = {
      change: `Du foreslår endringer i ${where}. Skjemaet viser det som står i Veiviser nå; endre det som ikke stemmer.`,
      verify: `Du bekrefter at opplysningene om ${where} stemmer.`,
      report: `Du melder fra om en feil på siden om ${where}.`,
    }[mode];
    if (mode === "change") {
      try {
        await bridge.ready;
        fill(form, await bridge.call("form_values", JSON.stringify(current.entry)));
      } catch (err) {
        status.textContent = "Skjemaet kunne ikke fylles ut i denne nettleseren (Python startet ikke). Prøv å laste siden på nytt.";
        form.inert = false;
        return;
      }
    } else if (mode === "verify") {
      const before = current.entry.verified || {};
      setValue(form, "verified.by", before.by || "");
      setValue(form, "verified.how", before.how || "");
    }
    form.inert = false;
    status.textContent = "";
  } else if (mode === "change") {
    if (kommune && SLUG.test(kommune) && data.municipalities[kommune]) {
      setValue(form, "municipality", kommune);
      what.textContent = `Du foreslår et nytt tilbud i ${data.municipalities[kommune]}.`;
    }
    if (!value(form, "as_of")) setValue(form, "as_of", isoDay().slice(0, 7));
  } else {
    return;   // confirming or reporting needs a service: the page says to come from one
  }
  if (mode === "verify" && !value(form, "verified.date")) setValue(form, "verified.date", isoDay());
  submit.disabled = false;

  async function check() {
    clearErrors(page);
    page.querySelector(".vv-proposal__output").hidden = true;
    submit.disabled = true;
    status.textContent = document.documentElement.dataset.vvWorker === "ready" ? "Sjekker skjemaet …"
      : "Starter sjekken … Første gang kan det ta litt tid.";
    const pairs = Array.from(new FormData(form).entries()).filter(([, v]) => typeof v === "string");
    const request = {
      pairs,
      current: current ? current.entry : null,
      text: current ? current.text : null,
      file: current ? current.file : null,
      key: current ? current.key : null,
      name: current ? current.name : null,
      page_url: current ? new URL(root + current.page, document.baseURI).href : null,
      labels: data.labels || {},
      existing: data.existing || null,
      email: page.dataset.email || null,
      edit_url: page.dataset.editUrl || null,
      today: isoDay(),
    };
    let result;
    try {
      await bridge.ready;
      result = await bridge.call(BRIDGE[mode], JSON.stringify(request));
    } catch (err) {
      result = { error: "Sjekken kunne ikke starte i denne nettleseren (Python startet ikke). Prøv å laste siden på nytt." };
    }
    submit.disabled = false;
    if (result.error) {
      status.textContent = result.error;
      return;
    }
    if (!result.ok) {
      status.textContent = `Skjemaet har ${result.errors.length === 1 ? "én feil" : `${result.errors.length} feil`}. Ingen fil er laget.`;
      showErrors(page, form, result.errors);
      return;
    }
    status.textContent = "";
    showOutput(page, mode, result);
  }
}

// --- controls -------------------------------------------------------------------------------------

function controls(form, name) {
  return Array.from(form.elements).filter((el) => el.name === name);
}

function value(form, name) {
  const el = controls(form, name)[0];
  return el ? el.value : "";
}

function setValue(form, name, v) {
  for (const el of controls(form, name)) {
    if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === v;
    else el.value = v;
  }
}

// The values Python gave for an entry: {values: {name: text | [checked] | bool}, groups: {name: [index]}}.
function fill(form, fv) {
  for (const box of form.querySelectorAll("[data-group]")) {
    const items = box.querySelector(".vv-group__items");
    items.replaceChildren();
    for (const index of fv.groups[box.dataset.group] || []) addItem(box, index, false);
  }
  for (const el of form.elements) {
    if (!el.name) continue;
    const v = fv.values[el.name];
    if (el.type === "checkbox") el.checked = Array.isArray(v) ? v.includes(el.value) : v === true;
    else if (el.type === "radio") el.checked = v !== undefined && el.value === String(v);
    else if (el.tagName !== "BUTTON") el.value = v === undefined ? "" : String(v);
  }
}

// --- repeatable groups ----------------------------------------------------------------------------

function setUpGroups(form) {
  for (const box of form.querySelectorAll("[data-group]")) {
    const add = box.querySelector(".vv-group__add");
    add.hidden = false;
    add.addEventListener("click", () => {
      const indices = Array.from(box.querySelectorAll(".vv-group__item")).map((i) => Number(i.dataset.index));
      const item = addItem(box, indices.length ? Math.max(...indices) + 1 : 0, true);
      item.querySelector("input, select, textarea").focus();
    });
    for (const item of box.querySelectorAll(".vv-group__item")) wireItem(box, item);
    renumber(box);
  }
}

function addItem(box, index, announce) {
  const template = box.querySelector(".vv-group__template");
  const fragment = template.content.cloneNode(true);
  for (const el of fragment.querySelectorAll("*")) {
    for (const attr of ["id", "name", "for", "aria-describedby", "data-field", "data-index"]) {
      const v = el.getAttribute(attr);
      if (v && v.includes("__i__")) el.setAttribute(attr, v.replaceAll("__i__", String(index)));
    }
  }
  const item = fragment.querySelector(".vv-group__item");
  box.querySelector(".vv-group__items").append(fragment);
  wireItem(box, item);
  renumber(box);
  if (announce) groupStatus(box, `${itemName(item)} er lagt til.`);
  return item;
}

function wireItem(box, item) {
  const remove = item.querySelector(".vv-group__remove");
  remove.hidden = false;
  remove.addEventListener("click", () => {
    const name = itemName(item);
    item.remove();
    renumber(box);
    groupStatus(box, `${name} er fjernet.`);
    box.querySelector(".vv-group__add").focus();
  });
}

function itemName(item) {
  return item.querySelector("legend").textContent.trim();
}

function renumber(box) {
  box.querySelectorAll(".vv-group__item").forEach((item, i) => {
    for (const n of item.querySelectorAll(".vv-group__n")) n.textContent = String(i + 1);
  });
}

function groupStatus(box, text) {
  const status = box.closest("form").querySelector(".vv-proposal__status");
  status.textContent = text;
}

// --- errors ---------------------------------------------------------------------------------------

function setUpSummary(page) {
  page.querySelector(".vv-proposal__errors").addEventListener("click", (ev) => {
    const link = ev.target.closest("a");
    if (!link) return;
    const target = document.getElementById(link.getAttribute("href").slice(1));
    if (target) { ev.preventDefault(); target.focus(); target.scrollIntoView({ block: "center" }); }
  });
}

function clearErrors(page) {
  page.querySelector(".vv-proposal__summary").hidden = true;
  page.querySelector(".vv-proposal__errors").replaceChildren();
  for (const p of page.querySelectorAll(".vv-error")) { p.textContent = ""; p.hidden = true; }
  for (const el of page.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

// The box of a field: its own, or the nearest one above it ("access.0.note" -> "access").
function fieldBox(form, name) {
  const parts = name.split(".");
  while (parts.length) {
    const box = form.querySelector(`[data-field="${CSS.escape(parts.join("."))}"]`);
    if (box) return box;
    parts.pop();
  }
  return null;
}

function boxLabel(box) {
  const own = box.querySelector(":scope > legend, :scope > label");
  let text = own ? own.textContent.replace("(må fylles ut)", "").trim() : "";
  const item = box.parentElement && box.parentElement.closest(".vv-group__item");
  if (item) text = `${itemName(item)}: ${text}`;
  return text;
}

function showErrors(page, form, errors) {
  const list = page.querySelector(".vv-proposal__errors");
  // In the form's order, top to bottom (Python sorts by field name).
  const placed = errors.map((e) => ({ e, box: fieldBox(form, e.name) }));
  placed.sort((a, b) => (!a.box || !b.box) ? 0 : a.box === b.box ? 0
    : a.box.compareDocumentPosition(b.box) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  for (const { e, box } of placed) {
    const li = document.createElement("li");
    if (box) {
      const line = box.querySelector(":scope > .vv-error");
      line.textContent = e.message[0].toUpperCase() + e.message.slice(1) + ".";
      line.hidden = false;
      for (const el of box.querySelectorAll("input, select, textarea")) {
        if (el.closest("[data-field]") === box) el.setAttribute("aria-invalid", "true");   // its own controls only
      }
      const first = box.querySelector("input, select, textarea");
      const a = document.createElement("a");
      a.href = `#${first ? first.id : ""}`;
      a.textContent = `${boxLabel(box)}: ${e.message}`;
      li.append(a);
    } else {
      li.textContent = `${e.path}: ${e.message}`;
    }
    list.append(li);
  }
  const summary = page.querySelector(".vv-proposal__summary");
  summary.hidden = false;
  summary.focus();
}

// --- the file -------------------------------------------------------------------------------------

let blobUrls = [];

function fileLink(a, text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  blobUrls.push(url);
  a.href = url;
  a.download = filename;
}

function showOutput(page, mode, result) {
  const out = page.querySelector(".vv-proposal__output");
  blobUrls.forEach((u) => URL.revokeObjectURL(u));
  blobUrls = [];
  const changes = out.querySelector(".vv-proposal__changes");
  if (changes) {
    changes.replaceChildren();
    for (const c of result.changes) {
      const li = document.createElement("li");
      li.textContent = `${c.label}: ${c.old} → ${c.new}`;
      changes.append(li);
    }
    if (!result.changes.length) {
      const li = document.createElement("li");
      li.textContent = "Ingen endringer.";
      changes.append(li);
    }
    out.querySelector(".vv-proposal__unchanged").hidden = !result.unchanged;
    const diff = out.querySelector(".vv-diff");
    diff.replaceChildren();
    for (const line of (result.diff || "").split("\n")) {
      if (!line) continue;
      const span = document.createElement("span");   // one block per line (CSS), so no "\n"
      if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@")) span.className = "vv-diff__hunk";
      else if (line.startsWith("+")) span.className = "vv-diff__add";
      else if (line.startsWith("-")) span.className = "vv-diff__del";
      else span.className = "vv-diff__same";
      span.textContent = line;
      diff.append(span);
    }
    if (!diff.childNodes.length) diff.textContent = "Ingen endringer i filen.";
    const patch = out.querySelector(".vv-proposal__patch");
    patch.hidden = !result.diff;
    if (result.diff) fileLink(patch, result.diff, result.filename.replace(/\.yaml$/, "") + ".patch", "text/x-diff;charset=utf-8");
  }
  out.querySelector(".vv-proposal__file").textContent = result.file;
  fileLink(out.querySelector(".vv-proposal__download"), result.yaml, result.filename, "text/yaml;charset=utf-8");
  const yaml = out.querySelector(".vv-proposal__yaml");
  yaml.value = result.yaml;
  const copied = out.querySelector(".vv-proposal__copied");
  copied.textContent = "";
  out.querySelector(".vv-proposal__copy").onclick = async () => {
    try {
      await navigator.clipboard.writeText(result.yaml);
    } catch (err) {
      yaml.closest("details").open = true;
      yaml.select();
      document.execCommand("copy");
    }
    copied.textContent = "Teksten er kopiert.";
  };
  const mail = out.querySelector(".vv-proposal__mail");
  if (mail) {
    mail.hidden = !result.mailto;
    if (result.mailto) mail.querySelector("a").href = result.mailto;
  }
  const edit = out.querySelector(".vv-proposal__edit");
  if (edit) {
    edit.hidden = !result.edit_url;
    if (result.edit_url) edit.querySelector("a").href = result.edit_url;
  }
  out.hidden = false;
  out.querySelector("h2").focus();
}
