// Every page: age badges that keep ageing («Opplysninger fra oktober 2021 – 5 år gamle», a warning
// style from two years), the «Skriv ut liste» buttons, and the QR code of the page's address on the
// printed handout (made here, in the browser, by the qrcode-generator package; no network).
import { ageInYears, ageText, OLD_YEARS, vocabulary } from "./shared.js";

export function decorateAges(root = document) {
  for (const badge of root.querySelectorAll(".vv-age[data-as-of]")) {
    const asOf = badge.dataset.asOf;
    badge.textContent = ageText(asOf);
    badge.classList.toggle("vv-age--old", ageInYears(asOf) >= OLD_YEARS);
  }
}

// The page's address without the fragment, for the handout and its QR code.
export function pageAddress() {
  const url = new URL(location.href);
  url.hash = "";
  return url.href;
}

let qrModule = null;

// Draw the QR code of text into every [data-vv-qr] element as an SVG (one <path>, no innerHTML).
export async function drawQr(text, root = document) {
  const boxes = root.querySelectorAll("[data-vv-qr]");
  if (!boxes.length) return;
  qrModule = qrModule || import(new URL("../vendor/qrcode.mjs", import.meta.url).href);
  const qrcode = (await qrModule).default;
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount(), margin = 4, size = n + 2 * margin;
  let d = "";
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + margin},${r + margin}h1v1h-1z`;
  const ns = "http://www.w3.org/2000/svg";
  for (const box of boxes) {
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
    svg.setAttribute("role", "img");
    // In the handout's language (lang="nn" where the municipality writes nynorsk).
    const words = vocabulary.phrases[box.closest("[lang]")?.getAttribute("lang")] || vocabulary.phrases.nb;
    svg.setAttribute("aria-label", words.qr_label);
    const bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", size); bg.setAttribute("height", size); bg.setAttribute("fill", "#fff");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d); path.setAttribute("fill", "#000");
    svg.append(bg, path);
    box.replaceChildren(svg);
  }
}

// The handout's address line and QR code follow the current address (the finder changes it).
export function updateHandout(root = document) {
  const address = pageAddress();
  for (const el of root.querySelectorAll("[data-vv-page-url]")) el.textContent = address;
  return drawQr(address, root);
}

function main() {
  decorateAges();
  for (const bar of document.querySelectorAll(".vv-print-bar[hidden]")) bar.hidden = false;
  for (const button of document.querySelectorAll("[data-vv-print]")) {
    button.addEventListener("click", async () => {
      await updateHandout();
      window.print();
    });
  }
  if (document.querySelector("[data-vv-qr]")) {
    updateHandout();
    window.addEventListener("beforeprint", () => { updateHandout(); });
  }
}

main();
