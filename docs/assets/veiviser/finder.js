// Finder: filters data/finder.json in the page. No request leaves this site. A module, so it
// reads which statuses count as open from the one vocabulary (the same rule as the pages).
//
// It never hides a service for lack of facts: with an access route chosen, services whose
// source does not say how one gets in come after the matches, in their own group. Zero hits
// say which choice empties the list and offer the nearest wider searches, one click each. The
// filters live in the address (?behov=bolig&alder=45&kommune=asker ...): a list can be shared,
// bookmarked and printed, and back and forward restore it. On a phone, «Vis treff» folds the
// filters away so the first hits are in sight.
import { isOpen, monthText, vocabulary } from "./shared.js";
import { decorateAges, updateHandout } from "./page.js";

// Form field -> URL parameter (Norwegian words a person can read in a shared link).
const PARAMS = { need: "behov", age: "alder", route: "vei", municipality: "kommune", text: "tekst", closed: "alle" };
const PHONE = window.matchMedia("(max-width: 40em)");

const form = document.getElementById("vv-finder");
if (form) main(form);

function main(form) {
  const list = document.getElementById("vv-finder-results");
  const count = document.getElementById("vv-finder-count");
  const wider = document.getElementById("vv-finder-wider");
  const summary = document.getElementById("vv-finder-summary");
  const toggle = form.querySelector(".vv-finder__toggle");
  const body = document.getElementById("vv-finder-body");
  const base = new URL(form.dataset.src, document.baseURI);
  const siteRoot = new URL("../../", base); // data/finder.json -> site root
  let data = null;
  let municipalities = new Map();

  const routeLabel = (id) => vocabulary.labels.access_route[id] || id;
  const statusLabel = (id) => vocabulary.labels.status[id] || id;
  const href = (url) => new URL(url, siteRoot).pathname;

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (k === "class") node.className = v;
      else if (k in node) node[k] = v;
      else node.setAttribute(k, v);
    }
    node.append(...children.filter((c) => c !== null && c !== undefined && c !== ""));
    return node;
  }

  function fill(select, options) {
    for (const o of options) select.add(new Option(o.label, o.id));
  }

  // --- filter state: form <-> object <-> URL ------------------------------------------------------

  function readForm() {
    const ageText = form.age.value.trim();
    return {
      need: form.need.value, route: form.route.value, municipality: form.municipality.value,
      closed: form.closed.checked, text: form.text.value.trim(),
      age: ageText === "" || isNaN(Number(ageText)) ? null : Number(ageText),
    };
  }

  function writeForm(f) {
    form.need.value = f.need || "";
    form.route.value = f.route || "";
    form.municipality.value = f.municipality || "";
    form.text.value = f.text || "";
    form.age.value = f.age === null || f.age === undefined ? "" : String(f.age);
    form.closed.checked = !!f.closed;
  }

  function fromUrl() {
    const q = new URL(location.href).searchParams;
    const age = q.get(PARAMS.age);
    const known = (select, v) => [...select.options].some((o) => o.value === v) ? v : "";
    return {
      need: known(form.need, q.get(PARAMS.need) || ""), route: known(form.route, q.get(PARAMS.route) || ""),
      municipality: known(form.municipality, q.get(PARAMS.municipality) || ""),
      text: q.get(PARAMS.text) || "", closed: q.get(PARAMS.closed) === "1",
      age: age === null || age === "" || isNaN(Number(age)) ? null : Number(age),
    };
  }

  function toUrl(f) {
    const url = new URL(location.href);
    url.search = "";
    for (const [key, param] of Object.entries(PARAMS)) {
      const v = f[key];
      if (key === "closed") { if (v) url.searchParams.set(param, "1"); }
      else if (v !== null && v !== undefined && v !== "") url.searchParams.set(param, String(v));
    }
    return url;
  }

  // push: a new history entry (a choice made); otherwise the current entry is replaced (typing).
  function remember(f, push) {
    const url = toUrl(f);
    if (url.href === location.href) return;
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  // --- matching ----------------------------------------------------------------------------------------

  function synonymsOf(word) {
    return data.synonyms.filter((e) => e.words.includes(word));
  }

  function textMatches(s, text) {
    if (!text) return true;
    const hay = (s.name + " " + (s.target_group || "") + " " + s.municipality_name + " " + s.what).toLowerCase();
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    const phrase = text.toLowerCase();
    if (hay.includes(phrase)) return true;
    // Everyday words («husløs», «depresjon») find the catalogue's terms and service types;
    // a synonym is a whole word, so «gjeld» does not match «gjelder».
    const entries = synonymsOf(phrase).length ? synonymsOf(phrase) : null;
    if (entries) return entries.some((e) => e.types.some((t) => s.types.includes(t)) || e.terms.some((t) => hay.includes(t)));
    return words.every((w) => {
      const found = synonymsOf(w);
      if (found.length) {
        const re = new RegExp("(^|[^\\p{L}\\p{N}])" + w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "($|[^\\p{L}\\p{N}])", "u");
        return re.test(hay) || found.some((e) => e.types.some((t) => s.types.includes(t)) || e.terms.some((t) => hay.includes(t)));
      }
      return hay.includes(w);
    });
  }

  // Every filter but the access route; the route sorts matches from «the source does not say».
  function matchesExceptRoute(s, f) {
    if (f.need && !s.types.includes(f.need)) return false;
    if (f.municipality && s.municipality !== f.municipality) return false;
    if (!f.closed && !isOpen(s.status)) return false;   // «Vis også nedlagte og planlagte tilbud»
    if (f.age !== null) {
      if (s.min_age !== null && f.age < s.min_age) return false;
      if (s.max_age !== null && f.age > s.max_age) return false;
    }
    return textMatches(s, f.text);
  }

  // {hits, unknown}: with a route chosen, the services that have it, and (apart) those whose
  // source gives no route at all. Without a route, all in hits.
  function search(f) {
    const base = data.services.filter((s) => matchesExceptRoute(s, f));
    if (!f.route) return { hits: base, unknown: [] };
    return {
      hits: base.filter((s) => s.routes.includes(f.route)),
      unknown: base.filter((s) => s.routes.length === 1 && s.routes[0] === "unknown"),
    };
  }

  const total = (f) => { const r = search(f); return r.hits.length + r.unknown.length; };

  // --- texts ---------------------------------------------------------------------------------------

  function ageText(s) {
    if (s.min_age !== null && s.max_age !== null) return `${s.min_age}–${s.max_age} år`;
    if (s.min_age !== null) return `Fra ${s.min_age} år`;
    if (s.max_age !== null) return `Til og med ${s.max_age} år`;
    return "Ikke kjent";
  }

  function routeText(s) {
    return s.access.map((a) => {
      let t = routeLabel(a.route);
      if (a.decided_by) t += a.route === "vedtak" ? ` – vedtak fattes av ${a.decided_by}` : ` – ${a.decided_by}`;
      else if (a.route === "vedtak") t += " – hvem som fatter vedtak, står ikke i kilden";
      if (a.inferred) t += " (utledet av en generell regel)";
      return t;
    }).join("; ");
  }

  // How to make contact: what the source gives, else the municipality's switchboard or website
  // from a public page (with its checked date), else «Ikke kjent».
  function nextStep(s) {
    const c = s.contact || {};
    const given = [c.phone && `Telefon ${c.phone}`, c.address, c.web].filter(Boolean);
    if (given.length) return [given.join(", ")];
    const m = municipalities.get(s.municipality) || {};
    const parts = ["Kilden oppgir ingen kontakt."];
    const source = (fact) => el("span", {}, " (kilde: ", el("a", { href: fact.source }, "kommunens nettside"),
                                 `, sjekket ${monthText(fact.checked.slice(0, 7))})`);
    if (m.switchboard) parts.push(" Kommunens sentralbord: ", el("a", { href: "tel:" + m.switchboard.value.replace(/ /g, "") }, m.switchboard.value), source(m.switchboard), ".");
    else if (m.website) parts.push(" Kommunens nettside: ", el("a", { href: m.website.value }, m.website.value.replace(/^https:\/\//, "").replace(/\/$/, "")), source(m.website), ".");
    else parts.push(" Kommunens kontaktinformasjon: ikke kjent.");
    if (m.front_door && !s.routes.includes("self_referral")) {
      parts.push(" Se ", el("a", { href: href(m.url) + "#soknader-og-henvisninger" }, `søknader og henvisninger i ${m.short}`), ".");
    }
    return parts;
  }

  function badge(asOf) {
    return el("span", { class: "vv-age", "data-as-of": asOf }, `Opplysninger fra ${monthText(asOf)}`);
  }

  function row(s) {
    const status = statusLabel(s.status) + (s.status_note ? ` (${s.status_note})` : "");
    const facts = el("dl", { class: "vv-result__facts" },
      el("dt", {}, "Hva"), el("dd", {}, s.what),
      el("dt", {}, "For hvem"), el("dd", {}, (s.target_group || "Ikke kjent") + "; alder: " + ageText(s)),
      el("dt", {}, "Slik kommer man inn"), el("dd", {}, routeText(s)),
      el("dt", {}, "Neste steg"), el("dd", {}, ...nextStep(s)),
      el("dt", {}, "Status"), el("dd", {}, `${status} (per ${monthText(s.as_of)})`),
      el("dt", {}, "Kommune"), el("dd", {}, s.municipality_name));
    return el("li", { class: "vv-result" },
      el("a", { class: "vv-result__name", href: href(s.url) }, s.name), " ", badge(s.as_of), facts);
  }

  function group(title, services, extra = "") {
    const id = "vv-group-" + Math.random().toString(36).slice(2, 8);
    return el("section", { class: "vv-finder__group " + extra, "aria-labelledby": id },
      el("h2", { id }, title), el("ol", { class: "vv-finder__list" }, ...services.map(row)));
  }

  function describe(f) {
    const parts = [];
    const label = (select) => select.options[select.selectedIndex]?.text;
    if (f.municipality) parts.push(label(form.municipality));
    if (f.need) parts.push(label(form.need));
    if (f.age !== null) parts.push(`${f.age} år`);
    if (f.route) parts.push(label(form.route));
    if (f.text) parts.push(`«${f.text}»`);
    if (f.closed) parts.push("også nedlagte og planlagte");
    return parts.length ? parts.join(", ") : "alle tilbud i drift";
  }

  // The nearest wider searches: each drops or widens one choice; only those that find something.
  function widerSearches(f) {
    const options = [];
    if (f.route) options.push([`Alle måter å komme inn på (ikke bare «${routeLabel(f.route)}»)`, { ...f, route: "" }]);
    if (f.age !== null) options.push([`Uten alder (${f.age} år)`, { ...f, age: null }]);
    if (f.need) options.push([`Alle behov (ikke bare «${form.need.options[form.need.selectedIndex].text}»)`, { ...f, need: "" }]);
    if (f.text) options.push([`Uten ordet «${f.text}»`, { ...f, text: "" }]);
    if (f.municipality) options.push([`Alle kommuner (ikke bare ${form.municipality.options[form.municipality.selectedIndex].text})`, { ...f, municipality: "" }]);
    if (!f.closed) options.push(["Ta med nedlagte og planlagte tilbud", { ...f, closed: true }]);
    return options.map(([text, g]) => [text, g, total(g)]).filter(([, , n]) => n > 0).sort((a, b) => b[2] - a[2]);
  }

  function why(f) {
    // Which single choice, dropped, would bring hits back: that choice is what empties the list.
    const blockers = widerSearches(f).map(([text]) => text);
    if (!blockers.length) return "Ingen tilbud i katalogen passer, selv om du fjerner ett av valgene. Prøv «Nullstill».";
    return "Ingen tilbud passer alle valgene samtidig. Hvert av valgene under gir treff:";
  }

  // --- drawing -----------------------------------------------------------------------------------------

  function render() {
    const f = readForm();
    const { hits, unknown } = search(f);
    summary.textContent = describe(f);
    const groups = [];
    if (f.route) {
      if (hits.length) groups.push(group(`${routeLabel(f.route)} (${hits.length})`, hits));
      // Printed, the list keeps to the chosen route; the others are named, not listed.
      if (unknown.length) {
        groups.push(group(`Kilden sier ikke hvordan man kommer inn (${unknown.length})`, unknown, "vv-finder__group--unknown"));
        groups.push(el("p", { class: "vv-print-only" },
          `I tillegg ${unknown.length} tilbud der kilden ikke sier hvordan man kommer inn: se listen på nett.`));
      }
    } else if (hits.length) {
      groups.push(el("ol", { class: "vv-finder__list" }, ...hits.map(row)));
    }
    list.replaceChildren(...groups);
    const n = (k) => (k === 1 ? "1 tilbud passer." : `${k} tilbud passer.`);
    if (f.route && unknown.length) {
      count.textContent = `${n(hits.length)} I tillegg ${unknown.length} der kilden ikke sier hvordan man kommer inn.`;
    } else {
      count.textContent = n(hits.length);
    }
    wider.replaceChildren();
    if (hits.length + unknown.length === 0) {
      const buttons = widerSearches(f).map(([text, g, k]) => el("li", {},
        el("button", { type: "button", onclick: () => { writeForm(g); changed(true); } }, `${text}: ${k} tilbud`)));
      wider.append(el("p", {}, why(f)));
      if (buttons.length) wider.append(el("ul", { class: "vv-finder__wider" }, ...buttons));
    }
    decorateAges(list);
    updateHandout();
  }

  function changed(push) {
    remember(readForm(), push);
    render();
  }

  function collapse(folded) {
    form.classList.toggle("vv-finder--collapsed", folded);
    toggle.setAttribute("aria-expanded", String(!folded));
    toggle.textContent = folded ? `Endre filtrene (${describe(readForm())})` : "Skjul filtrene";
  }

  function helpLines() {
    const target = document.getElementById("vv-finder-help-lines");
    const lines = data.help.lines.map((l) => `${l.name} ${l.number}`).join("; ");
    target.replaceChildren(el("strong", {}, "Trenger du hjelp nå? "), `${lines}. ${data.help.rule}`);
  }

  fetch(base).then((r) => r.json()).then((json) => {
    data = json;
    municipalities = new Map(data.municipalities.map((m) => [m.id, m]));
    fill(form.need, data.taxonomy);
    fill(form.route, data.routes.filter((r) => r.id !== "unknown"));
    fill(form.municipality, data.municipalities);
    helpLines();
    const start = fromUrl();
    writeForm(start);
    // A shared list opened on a phone starts with its hits in sight.
    if (PHONE.matches && location.search) collapse(true);
    // A choice is one step back; typing is one step per field edited (the first keystroke adds
    // a step, the next ones update it), so back undoes the whole word or age at once.
    let typing = null;
    const typed = (t) => t === form.text || t === form.age;
    form.addEventListener("change", (e) => {
      if (typed(e.target)) { changed(false); typing = null; return; }
      typing = null;
      changed(true);
    });
    form.addEventListener("input", (e) => {
      if (!typed(e.target)) return;
      changed(typing !== e.target);
      typing = e.target;
    });
    form.addEventListener("reset", () => setTimeout(() => changed(true), 0));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      changed(true);
      if (PHONE.matches) {
        collapse(true);
        count.scrollIntoView({ block: "start" });
      }
    });
    toggle.addEventListener("click", () => collapse(!form.classList.contains("vv-finder--collapsed")));
    window.addEventListener("popstate", () => { writeForm(fromUrl()); render(); });
    render();
  }).catch((err) => {
    console.error(err);
    count.textContent = "Kunne ikke laste tjenestelisten. Prøv å laste siden på nytt.";
  });
}
