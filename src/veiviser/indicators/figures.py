"""«Tall og indikatorer»: national context figures from data/indicators/*.csv.

Each CSV is checked against its JSON Schema (src/veiviser/schemas/<name>.schema.json; one
object per row). Charts are made with Altair at build time and shipped as Vega-Lite JSON;
docs/assets/veiviser/charts.js draws them with the site's own vega-embed. Every chart has its
data as a table next to it and as JSON and CSV downloads.

Pages:
  tall/index.md                 overview and downloads
  tall/fafo/<goal area>.md      one page per goal area of the Fafo 2019:33 indicator set
  tall/sintef.md                SINTEF IS-24/8 2016, national tables
  tall/sintef-kommuner.md       all municipalities (big table on its own page)
  tall/lokale.md                Sandnes FIT and BrukerPlan figures
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import altair as alt
import jsonschema
import pandas as pd

from .. import atomic, schemas
from ..problems import IndicatorError

CSV_FILES = ["fafo-indicators", "sintef-2016-tiltak", "sintef-2016-utdanning", "sintef-2016-kommuner",
             "sandnes-fit", "brukerplan"]
CHART_DIR = "data/tall"            # chart specs and their data in the built site

FAFO_REF = "Fafo-rapport 2019:33, *Evaluering av opptrappingsplanen for rusfeltet. Tredje statusrapport*"
SINTEF_REF = "SINTEF (2016), *Kommunalt psykisk helse- og rusarbeid 2016* (IS-24/8), for Helsedirektoratet"
SANDNES_REF = "Forvaltningsrevisjon, Sandnes kommune (2021), *Kommunens tjenester til innbyggere med rus- og psykiske helseproblemer*"


FiguresError = IndicatorError


# --- loading ---------------------------------------------------------------------------------

def schema_of(name: str) -> dict:
    return schemas.load(name)


def load_csv(path: Path, schema: dict) -> list[dict]:
    """Rows of a CSV as dicts of strings, each checked against the row schema.
    Errors name the file, the line and the field."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        expected = list(schema["properties"])
        if header != expected:
            raise FiguresError(f"{path}: columns are {header}, the schema expects {expected}")
        validator = jsonschema.Draft202012Validator(schema)
        rows = []
        for row in reader:
            for err in validator.iter_errors(row):
                where = "/".join(str(p) for p in err.absolute_path) or "(row)"
                raise FiguresError(f"{path}, line {reader.line_num}, field {where}: {err.message}")
            rows.append(row)
    return rows


def load_all(data_dir: Path) -> dict[str, list[dict]]:
    return {name: load_csv(data_dir / "indicators" / f"{name}.csv", schema_of(name)) for name in CSV_FILES}


# --- charts ------------------------------------------------------------------------------------

@dataclass
class Chart:
    """One chart: an id (file name), its Altair chart and the table of data it shows."""
    ident: str
    title: str
    source: str                       # «Kilde: …, år»
    chart: alt.TopLevelMixin
    data: pd.DataFrame                # the data as shown; also the downloads
    columns: dict[str, str] = field(default_factory=dict)   # column -> header in the table

    def spec(self) -> dict:
        spec = self.chart.to_dict()
        spec["description"] = f"{self.title}. {self.source}"
        return spec


def root_prefix(docs_path: str) -> str:
    """Relative path from a page (directory URLs) to the site root."""
    depth = len(docs_path[:-3].split("/")) - (1 if docs_path.endswith("index.md") else 0)
    return "../" * depth


def md_cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return "–"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()).replace("|", "\\|")


def md_table(df: pd.DataFrame, columns: dict[str, str]) -> list[str]:
    cols = list(columns) or list(df.columns)
    heads = [columns.get(c, c) for c in cols]
    out = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(cols)]
    for _, row in df.iterrows():
        out.append("| " + " | ".join(md_cell(row[c]) for c in cols) + " |")
    return out


def chart_block(page: str, c: Chart) -> list[str]:
    root = root_prefix(page)
    base = f"{root}{CHART_DIR}/{c.ident}"
    return [
        '<figure class="vv-chart" markdown="1">',
        f'<figcaption>{c.title}. {c.source}.</figcaption>',
        f'<div class="vv-chart__plot" data-spec="{base}.vl.json" data-vendor="{root}assets/vendor/" '
        f'role="img" aria-label="Diagram: {c.title}. Tallene står i tabellen under."></div>',
        "",
        *md_table(c.data, c.columns),
        "",
        f'<p class="vv-chart__downloads">Last ned tallene: <a href="{base}.csv" download>CSV</a> · '
        f'<a href="{base}.json" download>JSON</a> · <a href="{base}.vl.json" download>diagram (Vega-Lite)</a></p>',
        "</figure>",
        "",
    ]


def script_tags(page: str) -> list[str]:
    return [f'<script src="{root_prefix(page)}assets/veiviser/charts.js" defer></script>', ""]


# --- Fafo indicators ---------------------------------------------------------------------------

def slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def goal_areas(rows: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """(table, goal area, rows) in the report's order."""
    out: dict[str, tuple[str, str, list[dict]]] = {}
    for r in rows:
        out.setdefault(r["tabell"], (r["tabell"], r["malomrade"], []))[2].append(r)
    return sorted(out.values(), key=lambda t: float(t[0]))


def goal_page_path(area: str) -> str:
    return f"tall/fafo/{slug(area.split('–')[0] if area.startswith('Hovedmål') else area)}.md"


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


def fafo_page(path: str, table: str, area: str, rows: list[dict], chart: Chart | None) -> str:
    out = ["---", f'title: "{area} – indikatorer"', "---", "", f"# {area}", "",
           f"Indikatorene i tabell {table} i {FAFO_REF} (Fafo, november 2019). Tallene er slik rapporten "
           "trykker dem; «N/A» betyr at det ikke finnes måling for året.", "",
           "!!! note \"Endring per år\"",
           "    Kolonnen «Endring per år» er rapportens kolonne «2016–2018»: den **gjennomsnittlige endringen per år** "
           "over perioden, ikke samlet endring.", ""]
    if chart:
        out += ["## Diagram", ""] + chart_block(path, chart)
    df = pd.DataFrame(rows)
    df["nr"] = df.apply(lambda r: r["nr"] + ("*" if r["nr_utledet"] == "ja" else ""), axis=1)
    out += ["## Alle indikatorene", ""]
    out += md_table(df, {"nr": "Nr.", "indikator": "Indikator", "kilde": "Datakilde", "enhet": "Enhet",
                         "verdi_2016": "2016", "verdi_2017": "2017", "verdi_2018": "2018",
                         "endring_2016_2017": "Endring 2016–17", "endring_2017_2018": "Endring 2017–18",
                         "endring_per_ar": "Endring per år 2016–18"})
    notes = [r for r in rows if r["merknad"]]
    if notes:
        out += ["", "## Merknader", ""] + [f"- **Indikator {r['nr']}:** {r['merknad']}" for r in notes]
    if any(r["nr_utledet"] == "ja" for r in rows):
        out += ["", "\\* Nummeret er ikke trykt i tabellen, men utledet av rekkefølgen."]
    lines = sorted(int(r["seed_linje"]) for r in rows)
    out += ["", "## Kilde", "",
            f"{FAFO_REF}, tabell {table}, linje {lines[0]}–{lines[-1]} i tekstversjonen. "
            f"Last ned alle 85 indikatorene: <a href=\"{root_prefix(path)}data/indicators/fafo-indicators.csv\" download>"
            "fafo-indicators.csv</a>.", ""]
    if chart:
        out += script_tags(path)
    return "\n".join(out)


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


def national_row(rows: list[dict]) -> dict:
    return next(r for r in rows if r["type"] == "land")


def municipality_chart(rows: list[dict]) -> Chart:
    """Each municipality's staff-years per 10 000 inhabitants against the national level."""
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
    c = Chart("sintef-kommuner", "Årsverk per 10 000 innbyggere i hver kommune (strek) og for landet (rød linje)",
              "Kilde: SINTEF IS-24/8, vedlegg «Grunnlagsdata 2016»; kartlegging våren 2016", chart, summary,
              {"mal": "", "verdi": "Verdi"})
    c.downloads = df   # the full per-municipality data goes in the downloads
    return c


def sintef_page(data: dict[str, list[dict]], charts: list[Chart]) -> str:
    path = "tall/sintef.md"
    land = national_row(data["sintef-2016-kommuner"])
    out = ["---", 'title: "Årsverk i kommunalt psykisk helse- og rusarbeid 2016"', "---", "",
           "# Årsverk i kommunalt psykisk helse- og rusarbeid 2016", "",
           f"Tall fra {SINTEF_REF}. Kommunene rapporterer hvert år til Helsedirektoratet (IS-24/8); "
           "tallene gjelder våren 2016 (en representativ uke, uke 5). I alt "
           f"**{int(land['arsverk_totalt']):,} årsverk**".replace(",", " ") +
           f", {int(land['arsverk_voksne']):,} for voksne og {int(land['arsverk_barn_unge']):,} for barn og unge."
           .replace(",", " "), "",
           f"Se også [årsverk per kommune]({posixpath.relpath('tall/sintef-kommuner.md', 'tall')}).", ""]
    for c in charts:
        out += [f"## {c.title}", ""] + chart_block(path, c)
    out += ["## Kilde", "",
            f"{SINTEF_REF}, tabell 3.4 (linje 816–825), 3.7 (873–879), 3.10 (925–938) og 3.12 (969–982) i "
            "tekstversjonen. Last ned: "
            f"<a href=\"{root_prefix(path)}data/indicators/sintef-2016-tiltak.csv\" download>sintef-2016-tiltak.csv</a>, "
            f"<a href=\"{root_prefix(path)}data/indicators/sintef-2016-utdanning.csv\" download>sintef-2016-utdanning.csv</a>.", ""]
    return "\n".join(out + script_tags(path))


def municipalities_page(rows: list[dict], chart: Chart) -> str:
    path = "tall/sintef-kommuner.md"
    root = root_prefix(path)
    out = ["---", 'title: "Årsverk per kommune 2016"', "---", "", "# Årsverk per kommune 2016", "",
           f"Årsverk i psykisk helse- og rusarbeid i hver kommune, fra vedlegget «Grunnlagsdata 2016» i {SINTEF_REF}. "
           "Kommuneinndelingen er den fra 2016. Oslo rapporterer per bydel. Tallene er avrundet; i små kommuner kan "
           "én bruker med store behov gi mange årsverk per innbygger.", "",
           "## Hver kommune mot landsnivået", ""] + chart_block(path, chart)
    out += ["## Alle kommuner", "",
            '<div class="vv-table-tools" hidden><label for="vv-filter">Søk etter kommune</label> '
            '<input id="vv-filter" type="search" data-table="vv-kommuner" autocomplete="off"> '
            '<span id="vv-filter-count" role="status"></span></div>', "",
            '<table id="vv-kommuner" class="vv-sortable">',
            "<caption>Årsverk og årsverk per 10 000 innbyggere, 2016. Klikk en kolonneoverskrift for å sortere.</caption>",
            "<thead><tr>" + "".join(
                f'<th scope="col"{" data-type=\"number\"" if num else ""}>{h}</th>' for h, num in [
                    ("Knr.", False), ("Kommune", False), ("Årsverk totalt", True), ("For voksne", True),
                    ("For barn og unge", True), ("Per 10 000 innb.", True), ("Per 10 000 voksne", True),
                    ("Per 10 000 under 18", True)]) + "</tr></thead>", "<tbody>"]
    for r in rows:
        cells = [r["knr"], r["navn"] + (" *" if r["merknad"] else ""), r["arsverk_totalt"], r["arsverk_voksne"],
                 r["arsverk_barn_unge"], r["per_10000_totalt"] or "–", r["per_10000_voksne"] or "–",
                 r["per_10000_barn_unge"] or "–"]
        cls = ' class="vv-total"' if r["type"] in ("land", "oslo_samlet") else ""
        out.append(f"<tr{cls}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody></table>", "",
            "\\* " + "; ".join(sorted({f"{r['navn']}: {r['merknad']}" for r in rows if r["merknad"]})), "",
            "## Kilde", "",
            f"{SINTEF_REF}, vedlegg «Grunnlagsdata 2016», linje 3984–4440 i tekstversjonen. Last ned hele tabellen: "
            f"<a href=\"{root}data/indicators/sintef-2016-kommuner.csv\" download>sintef-2016-kommuner.csv</a>.", "",
            f'<script src="{root}assets/veiviser/table.js" defer></script>'] + script_tags(path)
    return "\n".join(out)


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


BRUKERPLAN_LABELS = {
    "kartlagte_brukere": "Kartlagte brukere", "bare_rusproblem": "Med bare rusproblem",
    "rus_og_psykisk_helseproblem": "Med rus- og psykiske helseproblem",
    "i_kommunale_aktiviteter": "Deltar i kommunalt organiserte aktiviteter",
    "i_aktiviteter_i_frivillige_organisasjoner": "Deltar i aktiviteter i frivillige organisasjoner",
    "i_aktiviteter_i_brukerorganisasjoner": "Deltar i aktiviteter gjennom brukerorganisasjoner",
    "i_jobb_eller_skole": "I jobb eller på skole", "aktivitet_i_egen_regi": "Aktivitet i egen regi",
    "individuell_plan_prosent_rus": "Andel med individuell plan, brukere med rusproblem (%)",
    "individuell_plan_prosent_psykisk_helse": "Andel med individuell plan, brukere med psykisk helseproblem (%)",
    "brukere_med_egne_barn": "Brukere med egne barn", "brukere_med_kontakt_med_andres_barn": "Brukere med kontakt med andres barn",
}


def local_page(data: dict[str, list[dict]], charts: list[Chart]) -> str:
    path = "tall/lokale.md"
    root = root_prefix(path)
    fit, bp = charts
    out = ["---", 'title: "FIT og BrukerPlan i kommunene"', "---", "", "# FIT og BrukerPlan i kommunene", "",
           "Tall om tilbakemeldinger og kartlegging som revisjonsrapportene siterer.", "",
           "## Tilbakemeldinger i FIT, Sandnes", "",
           f"Mestringsenheten i Sandnes bruker tilbakemeldingsverktøyet FIT (Feedback Informed Treatment). Tallene er fra "
           f"{SANDNES_REF}, tabell 5 (linje 480–488). Rapporten minner om at FIT er laget for oppfølging av den enkelte, "
           "ikke for statistikk, så tallene gir bare «en viss indikasjon».", ""] + chart_block(path, fit)
    out += ["## BrukerPlan 2018, kommuner i Sør-Rogaland", "",
            "BrukerPlan er en kartlegging av brukere av kommunale tjenester som har rusproblemer. Tallene er fra "
            f"{SANDNES_REF}, tabell 11 (linje 848–862).", ""] + chart_block(path, bp)
    out += ["## BrukerPlan i Klepp (2018) og Asker (2024)", "",
            "| Kommune | Kartlegging | Tall | Verdi | Kilde |", "|---|---|---|---|---|"]
    refs = {"klepp-2020": "Klepp 2020 (Deloitte), linje", "asker-2026": "Asker 2026 (Deloitte), linje"}
    for r in data["brukerplan"]:
        if r["rapport"] in refs:
            out.append(f"| {r['kommune']} | {r['kartlegging']} | {BRUKERPLAN_LABELS[r['mal']]} | {r['verdi']} | "
                       f"{refs[r['rapport']]} {r['seed_linje']} |")
    out += ["", "## Last ned", "",
            f"- <a href=\"{root}data/indicators/sandnes-fit.csv\" download>sandnes-fit.csv</a>",
            f"- <a href=\"{root}data/indicators/brukerplan.csv\" download>brukerplan.csv</a>", ""]
    return "\n".join(out + script_tags(path))


# --- overview --------------------------------------------------------------------------------------

def index_page(data: dict[str, list[dict]]) -> str:
    path = "tall/index.md"
    root = root_prefix(path)
    out = ["---", 'title: "Tall og indikatorer"', "---", "", "# Tall og indikatorer", "",
           "Nasjonale tall som setter de kommunale tjenestene i sammenheng. Alle tall er hentet fra rapportene, "
           "med tabell, linje og år. Hvert diagram har tallene i en tabell ved siden av og kan lastes ned.", "",
           "## Opptrappingsplanen for rusfeltet (Fafo 2019)", "",
           f"De 85 indikatorene som følger opptrappingsplanen, fra {FAFO_REF}. Målinger for 2016, 2017 og 2018.", ""]
    for table, area, rows in goal_areas(data["fafo-indicators"]):
        out.append(f"- [{area}]({posixpath.relpath(goal_page_path(area), 'tall')}) – {len(rows)} indikatorer (tabell {table})")
    out += ["", "## Årsverk i kommunene (SINTEF 2016)", "",
            "- [Årsverk etter tiltak og utdanning](sintef.md) – landstall fra IS-24/8",
            "- [Årsverk per kommune](sintef-kommuner.md) – alle kommuner, søkbar tabell", "",
            "## Tilbakemeldinger og kartlegging i kommunene", "",
            "- [FIT og BrukerPlan](lokale.md) – Sandnes, Klepp og Asker",
            "- [Tilbakemeldinger fra tjenestene](tilbakemeldinger/index.md) – samlede svar fra skjemaene i Veiviser", "",
            "## Last ned", "",
            "| Fil | Innhold | Skjema |", "|---|---|---|"]
    for name in CSV_FILES:
        out.append(f"| <a href=\"{root}data/indicators/{name}.csv\" download>{name}.csv</a> | {schema_of(name)['title']} | "
                   f"<a href=\"{root}data/schemas/{name}.schema.json\">{name}.schema.json</a> |")
    out += ["", "Hver CSV-fil har kolonnen `seed_linje`: linjen i tekstversjonen av rapporten der tallet står. "
            "Skjemaene beskriver én rad; alle celler er tekst.", ""]
    return "\n".join(out)


# --- build steps ---------------------------------------------------------------------------------------

@dataclass
class Figures:
    data: dict[str, list[dict]]
    pages: dict[str, str]
    charts: list[Chart]


def build(data_dir: Path) -> Figures:
    """Every national figure page and chart from data_dir/indicators/*.csv."""
    data = load_all(data_dir)
    pages = {"tall/index.md": index_page(data)}
    charts: list[Chart] = []
    for table, area, rows in goal_areas(data["fafo-indicators"]):
        c = fafo_chart(table, area, rows)
        pages[goal_page_path(area)] = fafo_page(goal_page_path(area), table, area, rows, c)
        charts += [c] if c else []
    sc = sintef_charts(data)
    mc = municipality_chart(data["sintef-2016-kommuner"])
    pages["tall/sintef.md"] = sintef_page(data, sc)
    pages["tall/sintef-kommuner.md"] = municipalities_page(data["sintef-2016-kommuner"], mc)
    lc = [fit_chart(data["sandnes-fit"]), brukerplan_chart(data["brukerplan"])]
    pages["tall/lokale.md"] = local_page(data, lc)
    charts += sc + [mc] + lc
    return Figures(data, pages, charts)


def table_csv(df: pd.DataFrame) -> str:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def publish(figs: Figures, data_dir: Path, site_dir: Path) -> None:
    """The CSVs and each chart's spec and data (vega is vendored by veiviser.site.assets)."""
    for name in CSV_FILES:
        atomic.write_bytes(site_dir / "data" / "indicators" / f"{name}.csv",
                           (data_dir / "indicators" / f"{name}.csv").read_bytes())
    for c in figs.charts:
        out = site_dir / CHART_DIR
        df = getattr(c, "downloads", c.data)
        atomic.write_text(out / f"{c.ident}.vl.json", json.dumps(c.spec(), ensure_ascii=False, separators=(",", ":")))
        atomic.write_text(out / f"{c.ident}.csv", table_csv(df))
        atomic.write_text(out / f"{c.ident}.json", df.to_json(orient="records", force_ascii=False))
