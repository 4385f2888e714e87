"""What is published of a Report: core's publication rules (veiviser.core.publish, the same
code the merge page's preview runs in the browser) on the report's merged export, with the
build's own check that the national figures a definition quotes are the ones in
data/indicators/fafo-indicators.csv.

The rules themselves (bands, suppression, when statistics are shown, shares, «for få svar»,
the comparison rows, the download rows) live in core/publish.py and nowhere else.
"""
from __future__ import annotations

from ..core import publish
from ..core.publish import band_counts, label_of, scale_bands, share_of, vas_bands
from ..problems import FeedbackError, Problem
from .reports import Report

TABLE_SCHEMA = "feedback-table.schema.json"   # one download row (veiviser.schemas, published under data/schemas/)
FAFO_CSV = "data/indicators/fafo-indicators.csv"

__all__ = ["TABLE_SCHEMA", "all_rows", "band_counts", "comparison", "download_rows", "label_of",
           "national_rows", "publishable", "scale_bands", "share_of", "vas_bands"]


def publishable(r: Report) -> dict:
    """question id -> the published table (core.publish.tables)."""
    return publish.tables(r.merged, r.survey.definition, r.k)


def national_rows(fafo_rows: list[dict], surveys=None) -> dict:
    """indicator -> what the comparison quotes of the national table (the build hands the same
    dict to the merge page, so its preview names the source the same way)."""
    wanted = None
    if surveys is not None:
        wanted = {str(c["indicator"]) for s in surveys for c in s.raw.get("national_comparison") or []}
    return {row["nr"]: {"indikator": row["indikator"], "kilde": row["kilde"], "seed_linje": row["seed_linje"]}
            for row in fafo_rows if wanted is None or row["nr"] in wanted}


def check_national(r: Report, fafo_rows: list[dict]) -> None:
    """Every national figure the definition quotes must be the one in fafo-indicators.csv."""
    by_nr = {row["nr"]: row for row in fafo_rows}
    for i, comp in enumerate(r.survey.raw.get("national_comparison") or []):
        where = f"national_comparison[{i}]"
        row = by_nr.get(str(comp["indicator"]))
        if row is None:
            raise FeedbackError([Problem(r.survey.file, f"{where}.indicator",
                                         f"indikator {comp['indicator']} finnes ikke i {FAFO_CSV}")])
        for fig in comp["figures"]:
            national = row.get(f"tall_{fig['year']}", "")
            if national == "":
                raise FeedbackError([Problem(FAFO_CSV, f"indikator {comp['indicator']}",
                                             f"har ikke noe tall for {fig['year']}, som {r.survey.file} sammenligner med")])
            if float(national) != float(fig["percent"]):
                raise FeedbackError([Problem(r.survey.file, f"{where}.figures",
                                             f"indikator {comp['indicator']} er {fig['percent']} % for {fig['year']}, "
                                             f"men fafo-indicators.csv sier {national} %")])


def comparison(r: Report, fafo_rows: list[dict]) -> list[dict]:
    """The service's share «i stor eller svært stor grad» beside the national figure
    (core.publish.comparison), after checking the figures against the national table."""
    check_national(r, fafo_rows)
    return publish.comparison(r.survey.definition, r.tables, r.too_few, national_rows(fafo_rows))


def download_rows(r: Report, item_id: str, t: dict) -> list[dict]:
    """The rows of one published table for CSV and JSON (data/schemas/feedback-table.schema.json)."""
    return publish.download_rows(r.merged, r.survey.definition, item_id, t, r.key, r.example)


def all_rows(r: Report) -> list[dict]:
    """Every download row of a report (its «alle» files)."""
    return publish.all_rows(r.merged, r.survey.definition, r.tables, r.key, r.example)
