"""«Tall og indikatorer»: the national figures of data/indicators/*.csv (Fafo 2019:33, SINTEF
IS-24/8 2016, Sandnes FIT and BrukerPlan) as pages, charts and downloads.

The flow, one module per step:
  load.py       read the CSVs and check every row against its JSON Schema
  charts.py     Altair charts, each with the table shown beside it
  pages.py      page data -> templates/indicators/*.j2
  downloads.py  the CSVs, and each chart's Vega-Lite spec, CSV and JSON, into the built site
  model.py      Chart and Figures (the module other flows may import)

The build (veiviser.site.build) calls `build` while loading and `publish` after MkDocs.
"""
from __future__ import annotations

from pathlib import Path

from . import charts, downloads, load, pages
from .model import Chart, Figures

__all__ = ["Chart", "Figures", "build", "publish"]


def build(data_dir: Path) -> Figures:
    """Every national figure page and chart from data_dir/indicators/*.csv."""
    data = load.load_all(data_dir)
    fafo = {table: charts.fafo_chart(table, area, rows) for table, area, rows in load.goal_areas(data["fafo-indicators"])}
    sintef = charts.sintef_charts(data)
    municipalities = charts.municipality_chart(data["sintef-2016-kommuner"])
    local = charts.local_charts(data)
    all_pages = pages.all_pages(data, fafo, sintef, municipalities, local)
    chart_list = [c for c in fafo.values() if c] + sintef + [municipalities] + local
    return Figures(data, all_pages, chart_list)


def publish(figs: Figures, data_dir: Path, site_dir: Path) -> None:
    """The source CSVs and every chart's files, written into the built site."""
    downloads.write_all(figs, data_dir, site_dir)
