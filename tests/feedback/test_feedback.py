"""Published feedback figures: merge of cumulative exports, bad exports stop the build, every
published cell is >= k or empty with a flag, suppression cannot be undone (brute force over
every table consistent with what is published), «for få svar», a table and downloads beside
every chart, «eksempeldata» on every page that shows example data, links from service pages
and HSDS."""
from __future__ import annotations

import importlib.util
import json
import random
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod
from veiviser.site import build, feedback, surveys

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ROOT / "surveys" / "exports"

_spec = importlib.util.spec_from_file_location("suppression_checks", ROOT / "tests" / "core" / "test_suppression.py")
suppression_checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(suppression_checks)


@pytest.fixture(scope="module")
def ctx():
    return build.load(ROOT, ROOT / "data")


@pytest.fixture(scope="module")
def definitions():
    return surveys.load_all(ROOT, include_local=False)


@pytest.fixture(scope="module")
def shipped(ctx, definitions):
    return feedback.load_reports(ROOT, ctx.catalogue, definitions, 10, EXPORTS)


def definition(survey_id: str):
    return definition_mod.check(yaml.safe_load((ROOT / "surveys" / f"{survey_id}.yaml").read_text("utf-8")))


def records(d, count: int, month: str, rng: random.Random, answer=None) -> list[dict]:
    out = []
    for _ in range(count):
        answers = {i.id: (answer(i) if answer else rng.choice(i.answer_values()))
                   for i in d.items if i.type in ("rating", "choice", "yes_no", "traffic_light")}
        out.append({"survey": d.id, "version": d.version, "month": month, "answers": answers})
    return out


def write_export(folder: Path, name: str, doc: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(export_mod.to_json(doc), "utf-8")
    return path


# --- merge and checks ------------------------------------------------------------------------------

def test_merge_uses_only_the_latest_cumulative_export_of_each_device(tmp_path, ctx, definitions):
    d = definition("brukerundersokelse")
    rng = random.Random(1)
    recs = records(d, 30, "2025-01", rng) + records(d, 20, "2025-02", rng)
    folder = tmp_path / "klepp" / "moteplassen"
    write_export(folder, "a-early.json", export_mod.build(d, recs[:20], "a", "klepp/moteplassen"))
    write_export(folder, "a-late.json", export_mod.build(d, recs, "a", "klepp/moteplassen"))
    write_export(folder, "b.json", export_mod.build(d, records(d, 10, "2025-03", rng), "b", "klepp/moteplassen"))
    [report] = feedback.load_reports(ROOT, ctx.catalogue, definitions, 10, tmp_path)
    assert report.merged["n"] == 50 + 10          # not 20 + 50 + 10
    assert report.merged["devices"] == ["a", "b"]
    assert report.merged["period"] == {"from": "2025-01", "to": "2025-03"}
    assert not report.example                      # no EKSEMPELDATA marker here


def test_shipped_examples_merge_the_latest_export_per_device(shipped):
    by_key = {r.key: r for r in shipped}
    mote = by_key["klepp/moteplassen"]
    latest: dict[str, dict] = {}
    for path in sorted((EXPORTS / "klepp" / "moteplassen").glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        if doc["device"] not in latest or doc["n"] > latest[doc["device"]]["n"]:
            latest[doc["device"]] = doc
    assert len(mote.files) > len(latest), "the example should have re-exports from one device"
    assert mote.merged["n"] == sum(doc["n"] for doc in latest.values())


def test_examples_are_reproducible_from_the_fixed_seed(tmp_path):
    import subprocess
    import sys
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make-example-exports.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped_files = sorted(p.relative_to(EXPORTS) for p in EXPORTS.rglob("*") if p.is_file())
    assert made == shipped_files
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (EXPORTS / rel).read_bytes(), rel


@pytest.mark.parametrize("change, problem", [
    (lambda doc: doc.update(n=-1), "n"),
    (lambda doc: doc.update(n=doc["n"] + 3), "whole number of batches"),
    (lambda doc: doc["survey"].update(hash="sha256:" + "0" * 64), "survey.hash"),
    (lambda doc: doc.update(extra=True), "extra"),
    (lambda doc: doc.update(service="klepp/gnisten"), "service"),
])
def test_a_bad_export_stops_the_build_naming_file_and_problem(tmp_path, ctx, definitions, monkeypatch,
                                                              change, problem):
    d = definition("brukerundersokelse")
    doc = export_mod.build(d, records(d, 10, "2025-01", random.Random(2)), "a", "klepp/moteplassen")
    change(doc)
    folder = tmp_path / "klepp" / "moteplassen"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(feedback.FeedbackError) as err:
        feedback.load_reports(ROOT, ctx.catalogue, definitions, 10, tmp_path)
    assert "broken.json" in str(err.value) and problem in str(err.value)
    # The build step turns it into a MkDocs error (the build stops with the same message).
    from mkdocs.exceptions import PluginError
    monkeypatch.setenv(feedback.EXPORTS_ENV, str(tmp_path))
    with pytest.raises(PluginError, match="broken.json"):
        feedback.feedback_page_sources(ctx)


def test_an_export_in_a_folder_without_a_service_stops_the_build(tmp_path, ctx, definitions):
    d = definition("brukerundersokelse")
    write_export(tmp_path / "klepp" / "finnes-ikke", "x.json",
                 export_mod.build(d, records(d, 10, "2025-01", random.Random(3)), "a"))
    with pytest.raises(feedback.FeedbackError, match=r"x\.json.*klepp/finnes-ikke"):
        feedback.load_reports(ROOT, ctx.catalogue, definitions, 10, tmp_path)


# --- suppression -------------------------------------------------------------------------------------

def true_counts(report, table_id: str) -> dict[str, int]:
    """The unsuppressed table, from the merged export (what the reader must not learn)."""
    if table_id.startswith("skala-"):
        entry = report.merged["scales"][table_id[len("skala-"):]]
        return feedback.band_counts(entry["histogram"], feedback.scale_bands(entry, None))
    entry = report.merged["items"][table_id]
    if "histogram" in entry:
        return feedback.band_counts(entry["histogram"], feedback.vas_bands())
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
        tables = list(suppression_checks.consistent_tables(published, lo, hi))
        if true not in tables:
            continue
        for c in hidden:
            assert len({t[c] for t in tables}) >= 2, f"hidden cell {c} can be worked out ({true})"


def site_rows(site_dir: Path, report) -> dict[str, list[dict]]:
    rows = json.loads((site_dir / "data" / "tall" / f"{report.ident}" / "alle.json").read_text("utf-8"))
    out: dict[str, list[dict]] = {}
    for r in rows:
        out.setdefault(r["sporsmal"], []).append(r)
    return out


def test_published_downloads_match_their_schema_and_hide_small_cells(site_dir, shipped):
    schema = json.loads((site_dir / "data" / "schemas" / feedback.TABLE_SCHEMA).read_text("utf-8"))
    checked = 0
    for report in shipped:
        folder = site_dir / "data" / "tall" / report.ident
        for path in sorted(p for p in folder.glob("*.json") if not p.name.endswith(".vl.json")):
            rows = json.loads(path.read_text("utf-8"))
            if path.name != "sammenligning.json":
                jsonschema.validate(rows, schema)
                for r in rows:
                    assert (r["antall"] is None) == r["skjult"], (path, r)
                    assert r["antall"] is None or r["antall"] == 0 or r["antall"] >= r["k"], (path, r)
                    checked += 1
            csv_text = path.with_suffix(".csv").read_text("utf-8")
            assert csv_text.splitlines()[0].startswith(",".join(list(rows[0])[:2]))
    assert checked > 100


def test_published_tables_cannot_be_undone(site_dir, shipped):
    """Brute force (tests/core/test_suppression.py's checker) on every table as downloaded."""
    hidden_tables = 0
    for report in shipped:
        rows = site_rows(site_dir, report)
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


def test_national_comparison_uses_only_published_cells_and_the_csv(shipped):
    from veiviser.site import figures
    fafo = {r["nr"]: r for r in figures.load_all(ROOT / "data")["fafo-indicators"]}
    found = 0
    for report in shipped:
        if report.survey.definition.id != "brukerundersokelse" or feedback.survey_too_few(report):
            continue
        for c in feedback.comparison(report, list(fafo.values())):
            assert c["national_share"] == float(fafo[c["indicator"]]["tall_2017"])
            cells = report.tables[c["item"]]["published"]["cells"]
            if c["local_share"] is not None:
                base = report.tables[c["item"]]["published"]["n"] - cells["vet-ikke"]
                assert c["local_n"] == base
                assert c["local_share"] == round(100 * (cells["4"] + cells["5"]) / base)
                found += 1
    assert found >= 2


def test_a_survey_with_fewer_than_k_answers_shows_too_few(site_dir, shipped):
    [losen] = [r for r in shipped if r.key == "horten/losen"]
    assert feedback.survey_too_few(losen)
    html = (site_dir / losen.page[:-3] / "index.html").read_text("utf-8")
    assert "for få svar" in html.lower()
    assert "vv-chart__plot" not in html
    for rows in site_rows(site_dir, losen).values():
        assert all(r["antall"] is None and r["n"] is None and r["for_fa_svar"] for r in rows)


# --- pages ----------------------------------------------------------------------------------------------

def feedback_html(site_dir: Path) -> list[Path]:
    return sorted((site_dir / feedback.PAGE_DIR).rglob("index.html"))


def test_every_chart_has_a_table_and_downloads(site_dir):
    charts = 0
    for page in feedback_html(site_dir):
        html = page.read_text("utf-8")
        for figure in re.findall(r'<figure class="vv-chart".*?</figure>', html, re.S):
            charts += 1
            assert "<table" in figure, page
            links = re.findall(r'href="([^"]+\.(?:csv|json))"', figure)
            assert any(x.endswith(".csv") for x in links) and any(x.endswith(".json") for x in links), page
            for link in links:
                assert (page.parent / link).resolve().is_file(), (page, link)
    assert charts >= 20


def test_every_page_with_example_data_says_so(site_dir, shipped):
    pages = feedback_html(site_dir)
    assert len(pages) >= len(shipped) + 2
    for page in pages:
        assert "eksempeldata" in page.read_text("utf-8").lower(), page


def test_real_data_is_not_called_example_data(tmp_path, ctx, definitions):
    d = definition("brukerundersokelse")
    write_export(tmp_path / "klepp" / "moteplassen", "a.json",
                 export_mod.build(d, records(d, 20, "2025-01", random.Random(4)), "a"))
    [report] = feedback.load_reports(ROOT, ctx.catalogue, definitions, 10, tmp_path)
    page = feedback.report_page(report, [feedback.item_chart(report, i, t) for i, t in report.tables.items()], [], None)
    assert "eksempeldata" not in page.lower()
    (tmp_path / "klepp" / feedback.EXAMPLE_MARKER).write_text("x", "utf-8")
    [report] = feedback.load_reports(ROOT, ctx.catalogue, definitions, 10, tmp_path)
    assert report.example


def test_service_pages_and_hsds_link_the_feedback_pages(site_dir, shipped):
    for report in shipped:
        service_html = (site_dir / "kommuner" / report.municipality / report.service["slug"] / "index.html").read_text("utf-8")
        assert "Tilbakemeldinger" in service_html and report.page.split("/")[-1][:-3] in service_html
    services = json.loads((site_dir / "data" / "hsds" / "services.json").read_text("utf-8")) \
        if (site_dir / "data" / "hsds" / "services.json").is_file() else None
    if services is None:
        pytest.skip("no HSDS services.json in this build")
    linked = {a["value"] for s in services for a in s.get("attributes", []) if a.get("value", "").startswith(feedback.PAGE_DIR)}
    assert {feedback.feedback_pages(build.load(ROOT, ROOT / "data"))[r.key] for r in shipped} <= linked


def test_the_k_can_be_configured(monkeypatch):
    monkeypatch.setenv(feedback.K_ENV, "20")
    assert feedback.publish_k(ROOT) == 20
    monkeypatch.setenv(feedback.K_ENV, "1")
    with pytest.raises(feedback.FeedbackError):
        feedback.publish_k(ROOT)
