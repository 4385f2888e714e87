"""Published feedback: staff exports in surveys/exports/<municipality>/<service>/*.json become
suppressed tables, pages, charts and downloads under tall/tilbakemeldinger/.

The flow, one module per step:
  reports.py    read and check the exports, merge them into one Report per service and survey
  releases.py   the recorded releases (what is published: the last one) and whether a new period
                can be released (core.releases: fixed periods, frozen once recorded)
  tables.py     the publishable tables (core's suppression with k), statistics, the comparison
                with the national survey, and the download rows
  charts.py     Altair charts (veiviser.indicators.model.Chart), each with its table
  pages.py      page data -> templates/feedback/*.md.j2
  downloads.py  chart specs, CSV and JSON into the built site

k and the exports folder come from the build's settings (veiviser.site.settings). The build
calls `build_all` while loading, `page_paths`/`page_urls` for the service pages and HSDS, and
`publish` after MkDocs.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..indicators.model import Chart
from ..render import url_of
from ..surveys.model import Survey
from . import charts, downloads, pages, releases, tables
from .reports import Report, load_reports, municipality_page
from .tables import national_rows

__all__ = ["Published", "Report", "build_all", "national_rows", "page_paths", "page_urls", "publish"]


@dataclass
class Published:
    reports: list[Report]
    pages: dict[str, str]               # docs path -> Markdown
    charts: list[Chart]
    all_rows: dict[str, list[dict]]     # report ident -> every download row


def build_all(root: Path, catalogue, surveys: list[Survey], fafo_rows: list[dict], folder: Path,
              k: int, releases_dir: Path | None = None, today: str | None = None, months: int = 6) -> Published:
    """Every report, page, chart and download row of the published feedback figures: of each
    service, its last recorded release (releases_dir: default beside the exports folder)."""
    reports = load_reports(root, catalogue, surveys, k, folder)
    releases.apply(reports, releases_dir or Path(folder).parent / "releases", root,
                   today or datetime.date.today().isoformat(), months)
    out_pages, out_charts, rows = {}, [], {}
    by_municipality: dict[str, list[Report]] = {}
    for r in reports:
        r.tables = tables.publishable(r)
        by_municipality.setdefault(r.municipality, []).append(r)
        item_charts = [charts.item_chart(r, item_id, t) for item_id, t in r.tables.items()]
        comps = [] if r.too_few else tables.comparison(r, fafo_rows)
        comparison = charts.comparison_chart(r, comps) if comps else None
        out_pages[r.page] = pages.report_page(r, item_charts, comparison)
        out_charts += item_charts + ([comparison] if comparison else [])
        rows[r.ident] = tables.all_rows(r)
    names = {m: catalogue.municipalities[m]["name"] for m in by_municipality}
    for m, rs in by_municipality.items():
        out_pages[municipality_page(m)] = pages.municipality_page(m, names[m], rs)
    out_pages[pages.INDEX] = pages.overview_page(by_municipality, names, k)   # always: tall/index.md links it
    return Published(reports, out_pages, out_charts, rows)


def page_paths(pub: Published) -> dict[str, str]:
    """service key -> docs path of its feedback page (the municipality summary when a service has
    more than one survey)."""
    out: dict[str, list[Report]] = {}
    for r in pub.reports:
        out.setdefault(r.key, []).append(r)
    return {key: rs[0].page if len(rs) == 1 else municipality_page(rs[0].municipality)
            for key, rs in out.items()}


def page_urls(pub: Published) -> dict[str, str]:
    """For HSDS: service key -> site-relative URL of its feedback page."""
    return {key: url_of(path) for key, path in page_paths(pub).items()}


def publish(pub: Published, site_dir: Path) -> None:
    """Each chart's spec, CSV and JSON, and all rows of each report."""
    site_dir = Path(site_dir)
    for c in pub.charts:
        downloads.write_chart(c, site_dir)
    for r in pub.reports:
        downloads.write_rows(site_dir / pages.all_rows_file(r, ""), pub.all_rows[r.ident], excel=True)
