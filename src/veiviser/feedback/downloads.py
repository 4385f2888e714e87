"""Files the feedback pages publish under data/tall/tilbakemeldinger/: each chart's Vega-Lite
spec, its rows as CSV and JSON, and all rows of each report (alle.csv, alle.json).

A hidden value is null in JSON and an empty cell in CSV, with `skjult` true; the rows follow
data/schemas/feedback-table.schema.json (the comparison rows excepted)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .. import atomic
from ..indicators.model import Chart


def write_chart(c: Chart, site_dir: Path) -> None:
    atomic.write_text(site_dir / c.file(".vl.json"), json.dumps(c.spec(), ensure_ascii=False, separators=(",", ":")))
    write_rows(site_dir / c.file(""), c.rows)


def write_rows(stem: Path, rows: list[dict]) -> None:
    """<stem>.json (a list of rows, null for a hidden value) and <stem>.csv (empty cell)."""
    atomic.write_text(stem.with_name(stem.name + ".json"), json.dumps(rows, ensure_ascii=False, indent=0) + "\n")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([{k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                       for k, v in row.items()} for row in rows])
    atomic.write_text(stem.with_name(stem.name + ".csv"), buf.getvalue())
