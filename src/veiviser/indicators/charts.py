"""The charts of the national figures, made with Altair at build time and shipped as Vega-Lite
JSON (docs/assets/veiviser/charts.js draws them with the site's own vega-embed). Each chart
carries the table shown beside it, so no figure is only a picture.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from .load import national_row
from .model import Chart


# --- Fafo indicators ---------------------------------------------------------------------------

def fafo_chart(table: str, area: str, rows: list[dict]) -> Chart | None:
    """Percentages by year for the indicators of a goal area measured in per cent."""
    long = []
    for r in rows:
        if not r["enhet"].startswith("%"):
            continue
        for year in ("2016", "2017", "2018"):
            if r[f"tall_{year}"] != "":
                long.append({"nr": int(r["nr"]), "indikator": f"{r['nr']}. {r['indikator'][:70]}"
                             + ("…" if len(r["indikator"]) > 70 else ""),
                             "ar": year, "prosent": float(r[f"tall_{year}"]), "kilde": r["kilde"]})
    if not long:
        return None
    df = pd.DataFrame(long)
    chart = alt.Chart(df).mark_point(filled=True, size=70).encode(
        x=alt.X("prosent:Q", title="Prosent", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("indikator:N", title=None, sort=alt.SortField("nr"), axis=alt.Axis(labelLimit=420)),
        color=alt.Color("ar:N", title="År", scale=alt.Scale(range=["#9fa8da", "#3949ab", "#1a237e"])),
        shape=alt.Shape("ar:N", title="År"),
        tooltip=["indikator", "ar", "prosent", "kilde"],
    ).properties(width=260)
    return Chart(f"fafo-{table.replace('.', '-')}", f"Indikatorer målt i prosent, {area.lower()}",
                 f"Kilde: Fafo 2019:33, tabell {table}; målinger 2016–2018", chart,
                 df[["nr", "ar", "prosent", "kilde"]],
                 {"nr": "Nr.", "ar": "År", "prosent": "Prosent", "kilde": "Datakilde"})


# --- SINTEF ---------------------------------------------------------------------------------------

def sintef_bar(ident: str, title: str, rows: list[dict], label: str, table: str) -> Chart:
    df = pd.DataFrame([{"kategori": r[label], "malgruppe": r["malgruppe"], "arsverk_2015": int(r["arsverk_2015"]),
                        "arsverk_2016": int(r["arsverk_2016"])} for r in rows if r[label] != "Totalt"])
    chart = alt.Chart(df).mark_bar(color="#3949ab").encode(
        x=alt.X("arsverk_2016:Q", title="Årsverk 2016"),
        y=alt.Y("kategori:N", title=None, sort="-x", axis=alt.Axis(labelLimit=360)),
        tooltip=["kategori", "malgruppe", "arsverk_2015", "arsverk_2016"],
    ).properties(width=260)
    return Chart(ident, title, f"Kilde: SINTEF IS-24/8, tabell {table}; kartlegging våren 2016", chart, df,
                 {"kategori": "Kategori", "malgruppe": "Målgruppe", "arsverk_2015": "Årsverk 2015",
                  "arsverk_2016": "Årsverk 2016"})


def sintef_charts(data: dict[str, list[dict]]) -> list[Chart]:
    t, u = data["sintef-2016-tiltak"], data["sintef-2016-utdanning"]
    return [
        sintef_bar("sintef-tiltak-voksne", "Årsverk etter tiltak, tjenester for voksne",
                   [r for r in t if r["malgruppe"] == "voksne"], "tiltak", "3.4"),
        sintef_bar("sintef-tiltak-barn", "Årsverk etter tiltak, tjenester for barn og unge",
                   [r for r in t if r["malgruppe"] == "barn og unge"], "tiltak", "3.7"),
        sintef_bar("sintef-utdanning-voksne", "Årsverk etter utdanning, tjenester for voksne",
                   [r for r in u if r["malgruppe"] == "voksne"], "utdanning", "3.10"),
        sintef_bar("sintef-utdanning-barn", "Årsverk etter utdanning, tjenester for barn og unge",
                   [r for r in u if r["malgruppe"] == "barn og unge"], "utdanning", "3.12"),
    ]


def municipality_chart(rows: list[dict]) -> Chart:
    """Each municipality's staff-years per 10 000 inhabitants against the national level.
    The table beside it is a summary; the downloads hold every municipality."""
    land = national_row(rows)
    df = pd.DataFrame([{"navn": r["navn"], "per_10000": int(r["per_10000_totalt"])}
                       for r in rows if r["type"] == "kommune" and r["per_10000_totalt"] != ""])
    df = df.sort_values("per_10000", kind="stable").reset_index(drop=True)
    national = int(land["per_10000_totalt"])
    points = alt.Chart(df).mark_tick(color="#3949ab", thickness=1, size=28).encode(
        x=alt.X("per_10000:Q", title="Årsverk per 10 000 innbyggere"),
        tooltip=[alt.Tooltip("navn:N", title="Kommune"), alt.Tooltip("per_10000:Q", title="Per 10 000")])
    rule = alt.Chart(pd.DataFrame({"landet": [national]})).mark_rule(color="#b71c1c", strokeWidth=2).encode(
        x="landet:Q", tooltip=[alt.Tooltip("landet:Q", title="Landet")])
    chart = (points + rule).properties(width=560, height=60)
    summary = pd.DataFrame([
        {"mal": "Kommuner med tall", "verdi": len(df)},
        {"mal": "Landet (årsverk per 10 000)", "verdi": national},
        {"mal": "Kommuner over landsnivået", "verdi": int((df["per_10000"] > national).sum())},
        {"mal": "Kommuner på landsnivået", "verdi": int((df["per_10000"] == national).sum())},
        {"mal": "Kommuner under landsnivået", "verdi": int((df["per_10000"] < national).sum())},
        {"mal": "Median", "verdi": float(df["per_10000"].median())},
    ])
    return Chart("sintef-kommuner", "Årsverk per 10 000 innbyggere i hver kommune (strek) og for landet (rød linje)",
                 "Kilde: SINTEF IS-24/8, vedlegg «Grunnlagsdata 2016»; kartlegging våren 2016", chart, summary,
                 {"mal": "", "verdi": "Verdi"}, downloads=df)


# --- local figures: FIT and BrukerPlan -----------------------------------------------------------

def fit_chart(rows: list[dict]) -> Chart:
    years = [r for r in rows if r["ar"] != "totalt"]
    df = pd.DataFrame([{"ar": r["ar"], "mal": r["mal"], "verdi": float(r["verdi"])} for r in years if r["verdi"]])
    wide = df.pivot(index="ar", columns="mal", values="verdi").reset_index()
    chart = alt.Chart(wide).mark_bar(color="#3949ab").encode(
        x=alt.X("ar:O", title="År"), y=alt.Y("forventet_effekt_prosent:Q", title="Prosent", scale=alt.Scale(domain=[0, 100])),
        tooltip=["ar", "forventet_effekt_prosent", "antall_tilbakemeldinger"])
    text = chart.mark_text(dy=-6, color="#000").encode(text=alt.Text("forventet_effekt_prosent:Q", format=".1f"))
    return Chart("sandnes-fit", "Andel som meldte forventet effekt av behandlingen i FIT, Mestringsenheten i Sandnes",
                 "Kilde: Sandnes 2021, tabell 5 (Mestringsenheten); 2018–2020", (chart + text).properties(width=240),
                 wide[["ar", "forventet_effekt_prosent", "antall_tilbakemeldinger", "avsluttede_tilbud", "drop_out_prosent"]],
                 {"ar": "År", "forventet_effekt_prosent": "Forventet effekt (%)",
                  "antall_tilbakemeldinger": "Antall som ga tilbakemelding (n)", "avsluttede_tilbud": "Avsluttede tilbud",
                  "drop_out_prosent": "Drop-out (%)"})


def brukerplan_chart(rows: list[dict]) -> Chart:
    sandnes = [r for r in rows if r["rapport"] == "sandnes-2021"]
    df = pd.DataFrame([{"kommune": r["kommune"], "mal": r["mal"], "prosent": int(r["verdi"])} for r in sandnes])
    wide = df.pivot(index="kommune", columns="mal", values="prosent").reset_index()
    wide = wide.sort_values("individuell_plan_prosent", ascending=False)
    long = df.replace({"individuell_plan_prosent": "Individuell plan", "ansvarsgruppe_prosent": "Ansvarsgruppe"})
    chart = alt.Chart(long).mark_bar().encode(
        x=alt.X("prosent:Q", title="Prosent av kartlagte brukere"),
        y=alt.Y("kommune:N", title=None, sort=list(wide["kommune"])),
        yOffset="mal:N",
        color=alt.Color("mal:N", title=None, scale=alt.Scale(range=["#1a237e", "#7986cb"])),
        tooltip=["kommune", "mal", "prosent"]).properties(width=260)
    return Chart("brukerplan-2018", "Andel kartlagte tjenestemottakere med individuell plan og ansvarsgruppe, BrukerPlan 2018",
                 "Kilde: Sandnes 2021, tabell 11 (BrukerPlan-kartleggingen 2018, KORFOR)", chart,
                 wide[["kommune", "individuell_plan_prosent", "ansvarsgruppe_prosent"]],
                 {"kommune": "Kommune", "individuell_plan_prosent": "Individuell plan (%)",
                  "ansvarsgruppe_prosent": "Ansvarsgruppe (%)"})


def local_charts(data: dict[str, list[dict]]) -> list[Chart]:
    """FIT in Sandnes and BrukerPlan 2018 in Sør-Rogaland, in the order of their page."""
    return [fit_chart(data["sandnes-fit"]), brukerplan_chart(data["brukerplan"])]
