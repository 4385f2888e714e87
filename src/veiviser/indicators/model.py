"""A chart as every flow sees it (the one module of this package other flows may import):
an id, a title, its source, the Altair chart, the table of data shown beside it, and what its
downloads hold. The published feedback figures (veiviser.feedback) use the same Chart.

Where a chart's files lie in the built site: data/tall/<id>.vl.json (the Vega-Lite spec),
<id>.csv and <id>.json (the data).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..core import vocabulary

CHART_DIR = "data/tall"            # chart specs and their data in the built site


@dataclass
class Chart:
    ident: str                        # file name below CHART_DIR, may contain folders
    title: str
    source: str                       # «Kilde: …, år»
    chart: Any                        # an Altair chart (altair.TopLevelMixin)
    table: Any                        # pandas.DataFrame: the data as shown beside the chart
    columns: dict[str, str] = field(default_factory=dict)   # column -> header in the table
    downloads: Any = None             # DataFrame for the CSV/JSON downloads, when more than the table
    rows: list[dict] | None = None    # download rows, one per published cell (feedback figures)

    def spec(self) -> dict:
        """The Vega-Lite spec, with a text description for screen readers and search."""
        spec = self.chart.to_dict()
        spec["description"] = f"{self.title}. {self.source}"
        return spec

    def file(self, suffix: str) -> str:
        """Site-relative path of one of the chart's files (suffix ".vl.json", ".csv", ".json")."""
        return f"{CHART_DIR}/{self.ident}{suffix}"

    def heads(self) -> list[str]:
        return [self.columns.get(c, c) for c in self.column_ids()]

    def cells(self) -> list[list[str]]:
        """The table beside the chart as text, row by row."""
        cols = self.column_ids()
        return [[cell_text(row[c]) for c in cols] for _, row in self.table.iterrows()]

    def column_ids(self) -> list[str]:
        return list(self.columns) or list(self.table.columns)


@dataclass
class Figures:
    """What the indicators flow made: the checked tables, the generated pages, the charts."""
    data: dict[str, list[dict]]       # CSV name -> rows (every cell a string)
    pages: dict[str, str]             # docs path -> Markdown
    charts: list[Chart]


def cell_text(value) -> str:
    """One table cell: «–» for nothing, whole numbers without decimals, the decimal comma."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else vocabulary.decimal(value, 2)
    return " ".join(str(value).split())
