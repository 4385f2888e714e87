// personal.js: «Min fremgang». Check-ins live in the "personal" store on this phone only; they
// are never exported. Shows the trajectory (bridge.trajectory) as a chart with a table, can be
// printed, and is deleted with one button after a confirmation.
import { allRecords, clearStore, contractRecord, getWorker } from "./store.js";
import { chartWithTable, el } from "./survey-charts.js";
import { decimal, text } from "./shared.js";

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

function main(page) {
  const root = page.dataset.root;
  const status = page.querySelector(".vv-personal__status");
  const confirmBox = page.querySelector(".vv-personal__confirm");
  const deleteButton = page.querySelector(".vv-personal__delete");
  let rendering = Promise.resolve();
  const refresh = () => { rendering = rendering.then(render).catch((err) => { status.textContent = "Utviklingen kunne ikke vises: " + err.message; }); };

  async function render() {
    const bridge = getWorker(root);
    const records = (await allRecords("personal")).map(contractRecord);
    for (const section of page.querySelectorAll(".vv-personal__survey")) {
      const def = JSON.parse(section.querySelector(".vv-definition").textContent);
      const out = section.querySelector(".vv-trajectory");
      const mine = records.filter((r) => r.survey === def.id && r.version === def.version);
      out.replaceChildren();
      if (!mine.length) { out.append(el("p", { text: "Ingen registreringer ennå." })); continue; }
      out.append(el("p", { text: `Registreringer på denne telefonen: ${mine.length}.` }));
      const result = await bridge.call("trajectory", JSON.stringify(def), JSON.stringify(mine));
      if (result.error) { out.append(el("p", { text: "Feil: " + result.error })); continue; }
      for (const [scale, c] of Object.entries(result.change || {})) {
        const named = (def.scales || []).find((s) => s.id === scale);
        const name = text(named && named.title, "nb", scale);
        out.append(el("p", { text: `${name}: fra ${decimal(c.from, 2)} til ${decimal(c.to, 2)} ` +
          `(endring ${c.change > 0 ? "+" : ""}${decimal(c.change, 2)}).` }));
      }
      const chart = chartWithTable(result.chart, "Skår for hver registrering");
      chart.querySelector("table").classList.add("vv-trajectory__table");
      out.append(chart);
    }
    document.documentElement.dataset.vvPersonal = String(records.length);
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
