"""The «Tall og indikatorer» pages: page data here, layout in templates/indicators/.

  tall/index.md                 overview and downloads
  tall/fafo/<goal area>.md      one page per goal area of the Fafo 2019:33 indicator set
  tall/sintef.md                SINTEF IS-24/8 2016, national tables
  tall/sintef-kommuner.md       all municipalities (big sortable table on its own page)
  tall/lokale.md                Sandnes FIT and BrukerPlan figures

Every chart is placed with `chart_block` (templates/indicators/chart.html.j2): a caption, the
chart drawn on request by charts.js, the table of its data, and its downloads.
"""
from __future__ import annotations

import re

from markupsafe import Markup

from .. import schemas
from ..render import fragment, render, root_prefix
from .load import CSV_FILES, goal_areas, national_row
from .model import Chart, cell_text

INDEX = "tall/index.md"
SINTEF = "tall/sintef.md"
MUNICIPALITIES = "tall/sintef-kommuner.md"
LOCAL = "tall/lokale.md"
FEEDBACK_INDEX = "tall/tilbakemeldinger/index.md"   # made by veiviser.feedback; linked from the overview

FAFO_COLUMNS = {"nr": "Nr.", "indikator": "Indikator", "kilde": "Datakilde", "enhet": "Enhet",
                "verdi_2016": "2016", "verdi_2017": "2017", "verdi_2018": "2018",
                "endring_2016_2017": "Endring 2016–17", "endring_2017_2018": "Endring 2017–18",
                "endring_per_ar": "Endring per år 2016–18"}

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
BRUKERPLAN_REPORTS = {"klepp-2020": "Klepp 2020 (Deloitte), linje", "asker-2026": "Asker 2026 (Deloitte), linje"}

# The big municipality table: (header, numeric?) and the row fields shown.
MUNICIPALITY_COLUMNS = [("Knr.", False), ("Kommune", False), ("Årsverk totalt", True), ("For voksne", True),
                        ("For barn og unge", True), ("Per 10 000 innb.", True), ("Per 10 000 voksne", True),
                        ("Per 10 000 under 18", True)]


def chart_block(page: str, chart: Chart) -> Markup:
    """A chart with its table and downloads, for the page at docs path `page`.
    (The feedback pages render the same template.)"""
    return fragment("indicators/chart.html.j2", chart=chart, root=root_prefix(page))


def slug(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def goal_page_path(area: str) -> str:
    return f"tall/fafo/{slug(area.split('–')[0] if area.startswith('Hovedmål') else area)}.md"


def thousands(value: str) -> str:
    """13936 -> "13 936" (a space between thousands)."""
    return f"{int(value):,}".replace(",", " ")


def fafo_page(path: str, table: str, area: str, rows: list[dict], chart: Chart | None) -> str:
    shown = [{**r, "nr": r["nr"] + ("*" if r["nr_utledet"] == "ja" else "")} for r in rows]
    lines = sorted(int(r["seed_linje"]) for r in rows)
    return render("indicators/fafo.md.j2", page=path, root=root_prefix(path), table=table, area=area,
                  chart=chart_block(path, chart) if chart else None,
                  heads=list(FAFO_COLUMNS.values()),
                  rows=[[cell_text(r[c]) for c in FAFO_COLUMNS] for r in shown],
                  notes=[r for r in rows if r["merknad"]],
                  derived=any(r["nr_utledet"] == "ja" for r in rows),
                  first_line=lines[0], last_line=lines[-1])


def sintef_page(data: dict[str, list[dict]], charts: list[Chart]) -> str:
    land = national_row(data["sintef-2016-kommuner"])
    return render("indicators/sintef.md.j2", page=SINTEF, root=root_prefix(SINTEF),
                  total=thousands(land["arsverk_totalt"]), adults=thousands(land["arsverk_voksne"]),
                  children=thousands(land["arsverk_barn_unge"]),
                  charts=[(c.title, chart_block(SINTEF, c)) for c in charts])


def municipalities_page(rows: list[dict], chart: Chart) -> str:
    table_rows = [{"total": r["type"] in ("land", "oslo_samlet"),
                   "cells": [r["knr"], r["navn"] + (" *" if r["merknad"] else ""), r["arsverk_totalt"],
                             r["arsverk_voksne"], r["arsverk_barn_unge"], r["per_10000_totalt"] or "–",
                             r["per_10000_voksne"] or "–", r["per_10000_barn_unge"] or "–"]}
                  for r in rows]
    table = fragment("indicators/municipality-table.html.j2", columns=MUNICIPALITY_COLUMNS, rows=table_rows)
    return render("indicators/sintef-kommuner.md.j2", page=MUNICIPALITIES, root=root_prefix(MUNICIPALITIES),
                  chart=chart_block(MUNICIPALITIES, chart), table=table,
                  notes=sorted({f"{r['navn']}: {r['merknad']}" for r in rows if r["merknad"]}))


def local_page(data: dict[str, list[dict]], charts: list[Chart]) -> str:
    fit, brukerplan = charts
    rows = [[r["kommune"], r["kartlegging"], BRUKERPLAN_LABELS[r["mal"]], r["verdi"],
             f"{BRUKERPLAN_REPORTS[r['rapport']]} {r['seed_linje']}"]
            for r in data["brukerplan"] if r["rapport"] in BRUKERPLAN_REPORTS]
    return render("indicators/lokale.md.j2", page=LOCAL, root=root_prefix(LOCAL),
                  fit=chart_block(LOCAL, fit), brukerplan=chart_block(LOCAL, brukerplan),
                  heads=["Kommune", "Kartlegging", "Tall", "Verdi", "Kilde"], rows=rows)


def index_page(data: dict[str, list[dict]]) -> str:
    areas = [{"title": area, "page": goal_page_path(area), "count": len(rows), "table": table}
             for table, area, rows in goal_areas(data["fafo-indicators"])]
    files = [{"name": name, "title": schemas.load(name)["title"]} for name in CSV_FILES]
    return render("indicators/index.md.j2", page=INDEX, root=root_prefix(INDEX), areas=areas, files=files,
                  sintef=SINTEF, municipalities=MUNICIPALITIES, local=LOCAL, feedback=FEEDBACK_INDEX)


def all_pages(data: dict[str, list[dict]], fafo: dict[str, Chart | None], sintef: list[Chart],
              municipalities: Chart, local: list[Chart]) -> dict[str, str]:
    """docs path -> Markdown of every page; fafo: Fafo table -> its chart (None: no chart)."""
    pages = {INDEX: index_page(data)}
    for table, area, rows in goal_areas(data["fafo-indicators"]):
        path = goal_page_path(area)
        pages[path] = fafo_page(path, table, area, rows, fafo[table])
    pages[SINTEF] = sintef_page(data, sintef)
    pages[MUNICIPALITIES] = municipalities_page(data["sintef-2016-kommuner"], municipalities)
    pages[LOCAL] = local_page(data, local)
    return pages
