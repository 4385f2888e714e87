// Finder: filters data/finder.json in the page. No request leaves this site. A module, so it
// reads which statuses count as open from the one vocabulary (the same rule as the pages).
import { isOpen } from "./shared.js";

const form = document.getElementById("vv-finder");
if (form) main(form);

function main(form) {
  const list = document.getElementById("vv-finder-results");
  const count = document.getElementById("vv-finder-count");
  const base = new URL(form.dataset.src, document.baseURI);
  const siteRoot = new URL("../../", base); // data/finder.json -> site root
  let data = null;

  function fill(select, options) {
    for (const o of options) select.add(new Option(o.label, o.id));
  }

  function matches(s, f) {
    if (f.need && !s.types.includes(f.need)) return false;
    if (f.route && !s.routes.includes(f.route)) return false;
    if (f.municipality && s.municipality !== f.municipality) return false;
    if (!f.closed && !isOpen(s.status)) return false;   // «Vis også nedlagte og planlagte tilbud»
    if (f.age !== null) {
      if (s.min_age !== null && f.age < s.min_age) return false;
      if (s.max_age !== null && f.age > s.max_age) return false;
    }
    if (f.text) {
      const hay = (s.name + " " + (s.target_group || "") + " " + s.municipality_name).toLowerCase();
      if (!hay.includes(f.text)) return false;
    }
    return true;
  }

  function render() {
    const ageText = form.age.value.trim();
    const f = {
      need: form.need.value, route: form.route.value, municipality: form.municipality.value,
      closed: form.closed.checked, text: form.text.value.trim().toLowerCase(),
      age: ageText === "" || isNaN(Number(ageText)) ? null : Number(ageText),
    };
    const hits = data.services.filter((s) => matches(s, f));
    list.replaceChildren(...hits.map((s) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = new URL(s.url, siteRoot).pathname;
      a.textContent = s.name;
      li.append(a, " – " + s.municipality_name + (s.target_group ? ". " + s.target_group : ""));
      return li;
    }));
    count.textContent = hits.length === 1 ? "1 tilbud passer." : hits.length + " tilbud passer.";
  }

  fetch(base).then((r) => r.json()).then((json) => {
    data = json;
    fill(form.need, data.taxonomy);
    fill(form.route, data.routes.filter((r) => r.id !== "unknown"));
    fill(form.municipality, data.municipalities);
    form.addEventListener("input", render);
    form.addEventListener("change", render);
    form.addEventListener("reset", () => setTimeout(render, 0));
    form.addEventListener("submit", (e) => { e.preventDefault(); render(); });
    render();
  }).catch(() => {
    count.textContent = "Kunne ikke laste tjenestelisten. Prøv å laste siden på nytt.";
  });
}
