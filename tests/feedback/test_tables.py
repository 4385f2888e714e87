"""The published tables (veiviser.feedback.tables): every published cell is >= k or empty with a
flag, suppression cannot be undone (brute force over every table consistent with what the
downloads show), statistics only beside a table with nothing hidden, the national comparison
from published cells only, and the fixed answers in the one wording of core/vocabulary.json."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from veiviser import schemas
from veiviser.catalogue import load as catalogue_load
from veiviser.core import vocabulary
from veiviser.feedback import reports, tables
from veiviser.indicators import load as indicators_load
from veiviser.surveys import definitions as survey_definitions

from helpers import ROOT, consistent_tables

EXPORTS = ROOT / "surveys" / "exports"
K = 10


@pytest.fixture(scope="module")
def shipped():
    catalogue = catalogue_load.load(ROOT / "data")
    surveys = survey_definitions.load_all(ROOT / "surveys", None, root=ROOT)
    found = reports.load_reports(ROOT, catalogue, surveys, K, EXPORTS)
    for r in found:
        r.tables = tables.publishable(r)
    return found


@pytest.fixture(scope="module")
def fafo_rows():
    return indicators_load.load_all(ROOT / "data")["fafo-indicators"]


def true_counts(report, table_id: str) -> dict[str, int]:
    """The unsuppressed table, from the merged export (what the reader must not learn)."""
    if table_id.startswith("skala-"):
        entry = report.merged["scales"][table_id[len("skala-"):]]
        return tables.band_counts(entry["histogram"], tables.scale_bands(entry))
    entry = report.merged["items"][table_id]
    if "histogram" in entry:
        return tables.band_counts(entry["histogram"], tables.vas_bands())
    return dict(entry["counts"])


def published_from_rows(rows: list[dict]) -> dict:
    """Rebuild what a reader of the download has: n, the published cells, the flags."""
    return {"n": rows[0]["n"], "too_few": rows[0]["for_fa_svar"], "k": rows[0]["k"],
            "cells": {r["kategori"]: r["antall"] for r in rows},
            "suppressed": {r["kategori"]: r["skjult"] for r in rows}}


def check_not_recoverable(true: dict, published: dict, k: int) -> None:
    if published["too_few"]:
        assert published["n"] is None and all(v is None for v in published["cells"].values())
        return
    assert published["n"] == sum(true.values())
    for c, v in published["cells"].items():
        assert v is None or v == 0 or v >= k, f"published small cell {c}={v}"
        assert v is None or v == true[c]
    hidden = [c for c in true if published["suppressed"][c]]
    if not hidden:
        return
    lo = 0 if all(published["suppressed"].values()) else 1
    for hi in (None, k - 1):
        candidates = list(consistent_tables(published, lo, hi))
        if true not in candidates:
            continue
        for c in hidden:
            assert len({t[c] for t in candidates}) >= 2, f"hidden cell {c} can be worked out ({true})"


def rows_by_question(report) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in tables.all_rows(report):
        out.setdefault(row["sporsmal"], []).append(row)
    return out


def test_download_rows_match_their_schema_and_hide_small_cells(shipped):
    validator = schemas.validator(tables.TABLE_SCHEMA.removesuffix(".schema.json"))
    assert tables.TABLE_SCHEMA in schemas.names()
    checked = 0
    for report in shipped:
        rows = tables.all_rows(report)
        validator.validate(rows)
        for r in rows:
            assert (r["antall"] is None) == r["skjult"], r
            assert r["antall"] is None or r["antall"] == 0 or r["antall"] >= r["k"], r
            checked += 1
    assert checked > 100


def test_published_tables_cannot_be_undone(shipped):
    """Brute force on every table as downloaded."""
    hidden_tables = 0
    for report in shipped:
        rows = rows_by_question(report)
        assert set(rows) == set(report.tables)
        for table_id, table_rows in rows.items():
            published = published_from_rows(table_rows)
            check_not_recoverable(true_counts(report, table_id), published, report.k)
            hidden_tables += any(published["suppressed"].values()) and not published["too_few"]
    assert hidden_tables >= 5, "the examples should show complementary suppression"


def test_complementary_suppression_happens_in_the_examples(shipped):
    """A table with exactly one small cell must hide at least one more."""
    seen = 0
    for report in shipped:
        for table_id, t in report.tables.items():
            true = true_counts(report, table_id)
            small = [c for c, v in true.items() if 0 < v < report.k]
            if len(small) == 1 and not t["published"]["too_few"]:
                assert sum(t["published"]["suppressed"].values()) >= 2
                seen += 1
    assert seen >= 1


def test_statistics_only_beside_a_table_with_nothing_hidden(shipped):
    shown = 0
    for report in shipped:
        for t in report.tables.values():
            if t["stats"] is not None:
                shown += 1
                assert not any(t["published"]["suppressed"].values())
                assert t["published"]["n"] >= report.k
    assert shown >= 1


def test_national_comparison_uses_only_published_cells_and_the_csv(shipped, fafo_rows):
    fafo = {r["nr"]: r for r in fafo_rows}
    found = 0
    for report in shipped:
        if report.survey.definition.id != "brukerundersokelse" or report.too_few:
            continue
        for c in tables.comparison(report, fafo_rows):
            assert c["national_share"] == float(fafo[c["indicator"]]["tall_2017"])
            cells = report.tables[c["item"]]["published"]["cells"]
            if c["local_share"] is not None:
                base = report.tables[c["item"]]["published"]["n"] - cells["vet-ikke"]
                assert c["local_n"] == base
                assert c["local_share"] == round(100 * (cells["4"] + cells["5"]) / base)
                found += 1
    assert found >= 2


def test_a_survey_with_fewer_than_k_answers_publishes_nothing(shipped):
    [losen] = [r for r in shipped if r.key == "horten/losen"]
    assert losen.too_few
    for rows in rows_by_question(losen).values():
        assert all(r["antall"] is None and r["n"] is None and r["for_fa_svar"] for r in rows)


def test_fixed_answers_take_the_one_wording_of_the_vocabulary(shipped):
    """Published tables use vocabulary.json's labels (before: «Vet ikke», «Grønt»)."""
    labels = {label for r in shipped for t in r.tables.values() for label in t["labels"].values()}
    assert "Vet ikke / ikke aktuelt" in labels and "Vet ikke" not in labels

    class Item:
        options: list = []
    for value in ("vet-ikke", "ja", "nei", "gronn", "gul", "rod"):
        assert tables.label_of(Item(), value) == vocabulary.answer_label(value)
    assert tables.label_of(Item(), "gronn") == "Grønt: det går bra"


def test_scale_bands_use_the_decimal_comma():
    entry = {"min": 0, "step": 0.5, "histogram": [1] * 9, "cutoffs": [1.5]}
    assert [name for name, _ in tables.scale_bands(entry)] == ["0–1", "1,5–4"]


def test_downloads_json_and_csv(tmp_path, shipped):
    from veiviser.feedback import downloads
    rows = tables.all_rows(shipped[0])
    downloads.write_rows(tmp_path / "alle", rows)
    assert json.loads((tmp_path / "alle.json").read_text("utf-8")) == rows
    csv_lines = (tmp_path / "alle.csv").read_text("utf-8").splitlines()
    assert csv_lines[0].startswith("tjeneste,skjema,versjon") and len(csv_lines) == len(rows) + 1
    assert ",true," in csv_lines[1] or ",false," in csv_lines[1]     # booleans in lower case
    jsonschema.validate(rows, json.loads(Path(schemas.__file__).with_name(tables.TABLE_SCHEMA).read_text("utf-8")))
