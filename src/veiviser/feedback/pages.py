"""The published feedback pages: page data here, layout in templates/feedback/.

  tall/tilbakemeldinger/index.md                          every municipality with reports
  tall/tilbakemeldinger/<municipality>/index.md           the reports of one municipality
  tall/tilbakemeldinger/<municipality>/<service>-<survey>-v<version>.md   one report

Service and survey names are catalogue and definition text: the templates escape them.
Charts use the same block as the national figures (templates/indicators/chart.html.j2).
"""
from __future__ import annotations

from markupsafe import Markup

from ..catalogue.model import municipality_path, service_path
from ..core import publish, releases, suppression
from ..core.vocabulary import date_label, month_text
from ..indicators.model import CHART_DIR, Chart
from ..render import fragment, render, root_prefix
from ..surveys.model import definition_url
from .reports import PAGE_DIR, Report, municipality_page as municipality_page_path
from .downloads import EXCEL_SUFFIX
from .tables import TABLE_SCHEMA

INDEX = f"{PAGE_DIR}/index.md"


def all_rows_file(r: Report, suffix: str) -> str:
    """Site-relative path of the file with every download row of a report (suffix .csv or .json)."""
    return f"{CHART_DIR}/{r.ident}/alle{suffix}"


def chart_block(page: str, chart: Chart) -> Markup:
    return fragment("indicators/chart.html.j2", chart=chart, root=root_prefix(page))


def downloads(page: str, chart: Chart) -> Markup:
    """The CSV and JSON of a table too small to publish (every value empty, flagged)."""
    root = root_prefix(page)
    return fragment("indicators/downloads.html.j2", label="Last ned:",
                    links=[("CSV", root + chart.file(".csv")), ("JSON", root + chart.file(".json"))])


def report_page(r: Report, charts: list[Chart], comparison: Chart | None) -> str:
    """One report; charts: one per table of r.tables, in order."""
    d = r.survey.definition
    path = r.page
    root = root_prefix(path)
    questions = []
    for chart, t in zip(charts, r.tables.values()):
        questions.append({"title": t["title"], "too_few": t["published"]["too_few"], "n": t["published"]["n"],
                          "kind": t["kind"], "stats": t["stats"], "headline": t["headline"],
                          "block": downloads(path, chart) if t["published"]["too_few"] else chart_block(path, chart)})
    release = None
    if r.release:
        release = {"to": month_text(r.release["period"]["to"]), "recorded": date_label(r.release["recorded"]),
                   "kept": releases.kept_text(r.k) if r.decision.get("status") == "kept" else None}
    return render("feedback/report.md.j2", page=path, root=root, report=r, service=r.service,
                  release=release, rhythm=releases.rhythm_text(r.period_months),
                  none_yet=None if r.release else releases.none_text(r.period_months),
                  municipality_page=municipality_page_path(r.municipality), service_page=service_path(r.service),
                  version=d.version, n=r.period if not r.release else suppression.TOO_FEW if r.too_few else r.merged["n"],
                  devices=len(r.merged["devices"]), too_few=suppression.TOO_FEW,
                  comparison=chart_block(path, comparison) if comparison else None, questions=questions,
                  all_csv=root + all_rows_file(r, ".csv"), all_json=root + all_rows_file(r, ".json"),
                  all_excel=root + all_rows_file(r, EXCEL_SUFFIX), hidden_note=publish.hidden_note(r.k),
                  table_schema=root + "data/schemas/" + TABLE_SCHEMA, table_schema_name=TABLE_SCHEMA,
                  definition=root + definition_url(d.id, d.version), definition_name=f"{d.id}-v{d.version}.json")


def municipality_page(slug: str, name: str, reports: list[Report]) -> str:
    path = municipality_page_path(slug)
    rows = [{"service": r.service["name"], "title": r.title, "page": r.page,
             "n": suppression.TOO_FEW if r.too_few else r.merged["n"], "period": r.period,
             "example": "ja" if r.example else "nei"} for r in reports]
    return render("feedback/municipality.md.j2", page=path, name=name, municipality=municipality_path(slug),
                  hidden_note=publish.hidden_note(reports[0].k), example=any(r.example for r in reports), rows=rows)


def overview_page(by_municipality: dict[str, list[Report]], names: dict[str, str], k: int) -> str:
    entries = [{"name": names[m], "page": municipality_page_path(m), "count": len(reports),
                "example": any(r.example for r in reports)}
               for m, reports in sorted(by_municipality.items())]
    return render("feedback/index.md.j2", page=INDEX, entries=entries, hidden_note=publish.hidden_note(k),
                  example=any(e["example"] for e in entries))
