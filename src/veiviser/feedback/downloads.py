"""Files the feedback pages publish under data/tall/tilbakemeldinger/: each chart's Vega-Lite
spec, its rows as CSV and JSON, and all rows of each report (alle.csv, alle.json, and
alle-excel.csv for Norwegian Excel: BOM, semicolons, decimal comma; core.publish.csv_text,
which the merge page uses too).

A hidden value is null in JSON and an empty cell in CSV, with `skjult` true; the rows follow
data/schemas/feedback-table.schema.json (the comparison rows excepted)."""
from __future__ import annotations

import json
from pathlib import Path

from .. import atomic
from ..core.publish import csv_text
from ..indicators.model import Chart


def write_chart(c: Chart, site_dir: Path) -> None:
    atomic.write_text(site_dir / c.file(".vl.json"), json.dumps(c.spec(), ensure_ascii=False, separators=(",", ":")))
    write_rows(site_dir / c.file(""), c.rows)


EXCEL_SUFFIX = "-excel.csv"


def write_rows(stem: Path, rows: list[dict], excel: bool = False) -> None:
    """<stem>.json (a list of rows, null for a hidden value) and <stem>.csv (empty cell); with
    excel also <stem>-excel.csv."""
    atomic.write_text(stem.with_name(stem.name + ".json"), json.dumps(rows, ensure_ascii=False, indent=0) + "\n")
    atomic.write_text(stem.with_name(stem.name + ".csv"), csv_text(rows))
    if excel:
        atomic.write_text(stem.with_name(stem.name + EXCEL_SUFFIX), csv_text(rows, excel=True))
