"""The charts of the published feedback: one per question, and the comparison with the
national user survey. The Vega-Lite specs come from core (veiviser.core.charts), the same
code that draws the merge page's preview in the browser: a hidden category keeps its row,
labelled «skjult» (never a zero bar), and n is said once per table. The table beside each
chart shows the same cells; the comparison puts the service and the nation side by side."""
from __future__ import annotations

import pandas as pd

from ..core import charts as core_charts
from ..core import publish, vocabulary
from ..indicators.model import Chart
from .reports import Report
from .tables import download_rows

HIDDEN = vocabulary.VOCABULARY["publication"]["hidden"]


class Spec(dict):
    """A finished Vega-Lite spec where indicators.model.Chart expects an Altair chart."""

    def to_dict(self) -> dict:
        return dict(self)


def item_chart(r: Report, item_id: str, t: dict) -> Chart:
    p = t["published"]
    what = "andel per svaralternativ" if t["kind"] == "counts" else "andel per gruppe av verdier"
    spec = core_charts.published_chart(t["title"], p, t["labels"], what)
    rows = [{"svar": t["labels"][c], "antall": HIDDEN if v is None else str(v),
             "andel": HIDDEN if v is None else f"{vocabulary.decimal(publish.share_of(v, p['n']))} %"}
            for c, v in p["cells"].items()]
    return Chart(f"{r.ident}/{item_id}", t["title"], f"{r.service['name']}, {r.period}; {publish.hidden_note(r.k)}",
                 Spec(spec), pd.DataFrame(rows),
                 {"svar": "Svar", "antall": "Antall", "andel": f"Andel av dem som svarte ({core_charts.n_text(p['n'])})"},
                 rows=download_rows(r, item_id, t))


def comparison_chart(r: Report, comps: list[dict]) -> Chart:
    service = f"{r.service['name']}, {r.period}"
    years = sorted({c["national_year"] for c in comps})
    nation = f"Landet, {', '.join(str(y) for y in years)}"
    rows = publish.comparison_rows(comps, r.key, r.period, r.merged["period"], r.example)
    title = "Andel i stor eller svært stor grad: tjenesten og landet"
    spec = core_charts.comparison_chart(title, rows, service, nation)
    shown = pd.DataFrame([{
        "sporsmal": row["sporsmal"],
        "tjeneste": HIDDEN if row["tjeneste_prosent"] is None else f"{vocabulary.decimal(row['tjeneste_prosent'])} %",
        "n": "–" if row["tjeneste_n"] is None else str(row["tjeneste_n"]),
        "landet": f"{vocabulary.decimal(row['nasjonalt_prosent'])} %",
        "kilde": row["kilde"]} for row in rows])
    return Chart(f"{r.ident}/sammenligning", title,
                 f"Kilde: Veiviser-skjema og Fafo 2019:33 (indikator {', '.join(sorted({c['indicator'] for c in comps}))})",
                 Spec(spec), shown, {"sporsmal": "Spørsmål", "tjeneste": service, "n": "n (tjenesten)",
                                     "landet": nation, "kilde": "Kilde for landet"},
                 rows=rows)
