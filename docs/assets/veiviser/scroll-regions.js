// On every page (mkdocs.yml extra_javascript): wide tables may scroll sideways inside Material's
// wrapper (depends on the screen width), so every wrapper is made reachable by keyboard and named
// as a region. Material wraps the tables from its own script, so this waits for its document$.
(function () {
  "use strict";
  // Each region is named after its table (caption, figure caption or the heading above it,
  // first sentence), so a screen reader's list of regions tells the tables apart.
  function headingBefore(el) {
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
        if (/^H[1-6]$/.test(sib.tagName)) return sib.textContent;
      }
    }
    return document.title;
  }
  function tableName(wrap) {
    const table = wrap.querySelector("table");
    const figure = wrap.closest("figure");
    const caption = (table && table.caption) || (figure && figure.querySelector("figcaption"));
    const text = (caption ? caption.textContent : headingBefore(wrap)).trim().replace(/\s+/g, " ");
    return "Tabell: " + text.split(/\.\s/)[0].replace(/\.$/, "");
  }
  function focusableWrappers() {
    const used = new Map();
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      let name = tableName(wrap);
      const n = (used.get(name) || 0) + 1;
      used.set(name, n);
      if (n > 1) name += " (" + n + ")";
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", name);
    });
  }
  if (window.document$) window.document$.subscribe(focusableWrappers); else focusableWrappers();
})();
