"""The charts of the published feedback: one per question, and the comparison with the
national user survey. Only published cells are drawn; hidden ones stay out of the chart and
show as «skjult» in the table beside it."""
from __future__ import annotations

import altair as alt
import pandas as pd

from ..core import suppression, vocabulary
from ..indicators.model import Chart
from .reports import Report
from .tables import download_rows, share_of


def item_chart(r: Report, item_id: str, t: dict) -> Chart:
    p = t["published"]
    rows = []
    for c, v in p["cells"].items():
        rows.append({"svar": t["labels"][c], "antall": v, "andel_prosent": share_of(v, p["n"]),
                     "vises": "skjult" if p["suppressed"][c] and v is None else
                     suppression.share_text(v, p["n"])})
    df = pd.DataFrame(rows)
    plot = df[df["antall"].notna()]
    n = p["n"]
    base = alt.Chart(plot).encode(
        y=alt.Y("svar:N", title=None, sort=list(df["svar"]), axis=alt.Axis(labelLimit=260)),
        x=alt.X("andel_prosent:Q", title=f"Prosent av dem som svarte (n = {n})", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("svar:N", title="Svar"), alt.Tooltip("andel_prosent:Q", title="Prosent"),
                 alt.Tooltip("antall:Q", title="Antall")])
    chart = (base.mark_bar(color="#3949ab") +
             base.mark_text(align="left", dx=3, color="#000").encode(text="vises:N")).properties(width=300)
    shown = pd.DataFrame([{"svar": row["svar"], "antall": "skjult" if row["antall"] is None else str(row["antall"]),
                           "vises": row["vises"]} for row in rows])
    return Chart(f"{r.ident}/{item_id}", t["title"], f"{r.service['name']}, {r.period}; skjulte celler vises ikke",
                 chart, shown, {"svar": "Svar", "antall": "Antall", "vises": f"Andel (n = {n})"},
                 rows=download_rows(r, item_id, t))


def comparison_chart(r: Report, comps: list[dict]) -> Chart:
    local = f"{r.service['name']}, {r.period}"
    period = r.merged["period"] or {}
    rows = []
    for c in comps:
        question = vocabulary.text(r.survey.definition.item(c["item"]).raw.get("text"))
        rows.append({"sporsmal": question, "hvem": local, "periode": f"{period.get('from')}/{period.get('to')}",
                     "prosent": c["local_share"], "n": c["local_n"],
                     "kilde": "Veiviser-skjemaet «Brukerundersøkelse»" + (" (eksempeldata)" if r.example else "")})
        rows.append({"sporsmal": question, "hvem": f"Nasjonal brukerundersøkelse {c['national_year']}",
                     "periode": str(c["national_year"]), "prosent": c["national_share"], "n": None,
                     "kilde": f"Fafo 2019:33, indikator {c['indicator']} (linje {c['national_line']}), "
                              f"datakilde {c['national_source']}"})
    df = pd.DataFrame(rows)
    chart = alt.Chart(df[df["prosent"].notna()]).mark_bar().encode(
        x=alt.X("prosent:Q", title="Prosent i stor eller svært stor grad", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("sporsmal:N", title=None, axis=alt.Axis(labelLimit=300)),
        yOffset="hvem:N",
        color=alt.Color("hvem:N", title=None, scale=alt.Scale(range=["#1a237e", "#9fa8da"]),
                        legend=alt.Legend(orient="bottom", labelLimit=400)),
        tooltip=["sporsmal", "hvem", "prosent", "n"]).properties(width=300)
    show = df.copy()
    show["prosent"] = ["skjult" if p is None or pd.isna(p) else f"{vocabulary.decimal(p)} %" for p in df["prosent"]]
    show["n"] = ["Ikke kjent" if (n is None or pd.isna(n)) else str(int(n)) for n in df["n"]]
    return Chart(f"{r.ident}/sammenligning", "Andel i stor eller svært stor grad: tjenesten og landet",
                 f"Kilde: Veiviser-skjema og Fafo 2019:33 (indikator {', '.join(x['indicator'] for x in comps)})",
                 chart, show, {"sporsmal": "Spørsmål", "hvem": "Hvem og når", "prosent": "Andel", "n": "n",
                               "kilde": "Kilde"},
                 rows=[{**row, "eksempeldata": r.example} for row in rows])
