"""Files the national figures publish beside the pages: the source CSVs under data/indicators/,
and for each chart under data/tall/ its Vega-Lite spec (<id>.vl.json) and its data as CSV and
JSON (vega itself is vendored by veiviser.site.assets)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from .. import atomic
from .load import CSV_FILES, csv_path
from .model import Chart, Figures


def write_all(figs: Figures, data_dir: Path, site_dir: Path) -> None:
    site_dir = Path(site_dir)
    for name in CSV_FILES:
        atomic.write_bytes(site_dir / "data" / "indicators" / f"{name}.csv", csv_path(data_dir, name).read_bytes())
    for c in figs.charts:
        write_chart(c, site_dir)


def write_chart(c: Chart, site_dir: Path) -> None:
    df = c.table if c.downloads is None else c.downloads
    atomic.write_text(site_dir / c.file(".vl.json"), spec_json(c))
    atomic.write_text(site_dir / c.file(".csv"), table_csv(df))
    atomic.write_text(site_dir / c.file(".json"), df.to_json(orient="records", force_ascii=False))


def spec_json(c: Chart) -> str:
    return json.dumps(c.spec(), ensure_ascii=False, separators=(",", ":"))


def table_csv(df) -> str:
    buf = io.StringIO()
    df.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()
