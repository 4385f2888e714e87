// Sortable, searchable table. The full table is in the HTML; this only filters and reorders rows.
(function () {
  "use strict";
  const table = document.querySelector("table.vv-sortable");
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const heads = Array.from(table.tHead.rows[0].cells);

  function value(row, i, numeric) {
    const text = row.cells[i].textContent.trim();
    if (!numeric) return text;
    const n = parseFloat(text.replace(/\s/g, "").replace(",", "."));   // 12,5 (decimal comma) or 12.5
    return isNaN(n) ? -Infinity : n;
  }

  heads.forEach(function (th, i) {
    const numeric = th.dataset.type === "number";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "vv-sort";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    th.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      const up = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      const sorted = rows.slice().sort(function (a, b) {
        const x = value(a, i, numeric), y = value(b, i, numeric);
        const c = numeric ? x - y : String(x).localeCompare(String(y), "nb");
        return up ? c : -c;
      });
      sorted.forEach(function (r) { body.appendChild(r); });
    });
  });

  const tools = document.querySelector(".vv-table-tools");
  const input = document.getElementById("vv-filter");
  const count = document.getElementById("vv-filter-count");
  if (!tools || !input) return;
  tools.hidden = false;
  input.addEventListener("input", function () {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    rows.forEach(function (r) {
      const hit = !q || r.cells[1].textContent.toLowerCase().includes(q) || r.cells[0].textContent.startsWith(q);
      r.hidden = !hit;
      if (hit) shown += 1;
    });
    count.textContent = q ? shown + " av " + rows.length + " rader" : "";
  });
})();
