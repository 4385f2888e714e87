"""Reading, checking and merging exports (veiviser.feedback.reports): of cumulative exports
from one device only the latest counts, a bad export is refused naming the file and the
problem (every problem at once), and «eksempeldata» follows the marker file."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from veiviser.catalogue import load as catalogue_load
from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod
from veiviser.feedback import reports
from veiviser.problems import FeedbackError
from veiviser.surveys import definitions as survey_definitions

from helpers import ROOT

EXPORTS = ROOT / "surveys" / "exports"


@pytest.fixture(scope="module")
def catalogue():
    return catalogue_load.load(ROOT / "data")


@pytest.fixture(scope="module")
def surveys():
    return survey_definitions.load_all(ROOT / "surveys", None, root=ROOT)


def definition(survey_id: str):
    return definition_mod.check(yaml.safe_load((ROOT / "surveys" / f"{survey_id}.yaml").read_text("utf-8")))


def records(d, count: int, month: str, rng: random.Random) -> list[dict]:
    out = []
    for _ in range(count):
        answers = {i.id: rng.choice(i.answer_values())
                   for i in d.items if i.type in ("rating", "choice", "yes_no", "traffic_light")}
        out.append({"survey": d.id, "version": d.version, "month": month, "answers": answers})
    return out


def write_export(folder: Path, name: str, doc: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(export_mod.to_json(doc), "utf-8")
    return path


def test_merge_uses_only_the_latest_cumulative_export_of_each_device(tmp_path, catalogue, surveys):
    d = definition("brukerundersokelse")
    rng = random.Random(1)
    recs = records(d, 30, "2025-01", rng) + records(d, 20, "2025-02", rng)
    folder = tmp_path / "klepp" / "moteplassen"
    write_export(folder, "a-early.json", export_mod.build(d, recs[:20], "a", "klepp/moteplassen"))
    write_export(folder, "a-late.json", export_mod.build(d, recs, "a", "klepp/moteplassen"))
    write_export(folder, "b.json", export_mod.build(d, records(d, 10, "2025-03", rng), "b", "klepp/moteplassen"))
    [report] = reports.load_reports(ROOT, catalogue, surveys, 10, tmp_path)
    assert report.merged["n"] == 50 + 10          # not 20 + 50 + 10
    assert report.merged["devices"] == ["a", "b"]
    assert report.merged["period"] == {"from": "2025-01", "to": "2025-03"}
    assert report.period == "januar 2025 – mars 2025"
    assert not report.example                      # no EKSEMPELDATA marker here
    assert report.page == "tall/tilbakemeldinger/klepp/moteplassen-brukerundersokelse-v2.md"
    assert report.tables == {}                     # filled by feedback.tables, not while reading


def test_shipped_examples_merge_the_latest_export_per_device(catalogue, surveys):
    by_key = {r.key: r for r in reports.load_reports(ROOT, catalogue, surveys, 10, EXPORTS)}
    mote = by_key["klepp/moteplassen"]
    latest: dict[str, dict] = {}
    for path in sorted((EXPORTS / "klepp" / "moteplassen").glob("*.json")):
        doc = json.loads(path.read_text("utf-8"))
        if doc["device"] not in latest or doc["n"] > latest[doc["device"]]["n"]:
            latest[doc["device"]] = doc
    assert len(mote.files) > len(latest), "the example should have re-exports from one device"
    assert mote.merged["n"] == sum(doc["n"] for doc in latest.values())
    assert all(r.example for r in by_key.values())


def test_examples_are_reproducible_from_the_fixed_seed(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make-example-exports.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    made = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    shipped_files = sorted(p.relative_to(EXPORTS) for p in EXPORTS.rglob("*") if p.is_file())
    assert made == shipped_files
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (EXPORTS / rel).read_bytes(), rel


@pytest.mark.parametrize("change, field, problem", [
    (lambda doc: doc.update(n=-1), "n", "må være et helt tall fra 0"),
    (lambda doc: doc.update(n=doc["n"] + 3), "n", "helt antall puljer"),
    (lambda doc: doc["survey"].update(hash="sha256:" + "0" * 64), "survey.hash", "stemmer ikke med skjemaet"),
    (lambda doc: doc.update(extra=True), "extra", "ukjent felt"),
    (lambda doc: doc.pop("k"), "k", "mangler"),
    (lambda doc: doc.update(k=1), "k", "k = 1 er mindre enn k = 10"),
    (lambda doc: doc.update(n=10 ** 30), "n", "er mer enn grensen på 1000000 svar"),
    (lambda doc: doc["items"]["respekt"]["counts"].update({"6": 0}), "items.respekt.counts",
     "«6» er ikke et svaralternativ"),
    (lambda doc: doc["items"]["respekt"].update(histogram=[0] * 11), "items.respekt", "må være"),
    (lambda doc: doc.update(service="klepp/gnisten"), "service", "klepp/gnisten"),
])
def test_a_bad_export_is_refused_naming_file_field_and_problem(tmp_path, catalogue, surveys, change, field, problem):
    d = definition("brukerundersokelse")
    doc = export_mod.build(d, records(d, 10, "2025-01", random.Random(2)), "a", "klepp/moteplassen")
    change(doc)
    folder = tmp_path / "klepp" / "moteplassen"
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(FeedbackError) as err:
        reports.load_reports(ROOT, catalogue, surveys, 10, tmp_path)
    [found] = err.value.problems              # one message per mistake
    assert found.file.endswith("klepp/moteplassen/broken.json")
    assert found.field == field and problem in found.message, found


def test_every_bad_export_is_named_at_once(tmp_path, catalogue, surveys):
    d = definition("brukerundersokelse")
    good = export_mod.build(d, records(d, 10, "2025-01", random.Random(5)), "a", "klepp/moteplassen")
    write_export(tmp_path / "klepp" / "moteplassen", "good.json", good)
    (tmp_path / "klepp" / "moteplassen" / "not-json.json").write_text("{", "utf-8")
    write_export(tmp_path / "klepp" / "finnes-ikke", "x.json", good)
    (tmp_path / "loose.json").write_text("{}", "utf-8")
    with pytest.raises(FeedbackError) as err:
        reports.load_reports(ROOT, catalogue, surveys, 10, tmp_path)
    named = sorted(Path(p.file).name for p in err.value.problems)
    assert named == ["loose.json", "not-json.json", "x.json"]
    message = str(err.value)
    assert "3 feil i eksportfilene" in message and "klepp/finnes-ikke" in message


def test_no_exports_folder_means_no_reports(tmp_path, catalogue, surveys):
    assert reports.load_reports(ROOT, catalogue, surveys, 10, tmp_path / "none") == []


def test_real_data_is_not_called_example_data(tmp_path, catalogue, surveys):
    d = definition("brukerundersokelse")
    write_export(tmp_path / "klepp" / "moteplassen", "a.json",
                 export_mod.build(d, records(d, 20, "2025-01", random.Random(4)), "a"))
    [report] = reports.load_reports(ROOT, catalogue, surveys, 10, tmp_path)
    assert not report.example
    (tmp_path / "klepp" / reports.EXAMPLE_MARKER).write_text("x", "utf-8")
    [report] = reports.load_reports(ROOT, catalogue, surveys, 10, tmp_path)
    assert report.example


def test_period_text():
    assert reports.period_text(None) == "ingen svar"
    assert reports.period_text({"from": "2025-10", "to": "2025-10"}) == "oktober 2025"
    assert reports.period_text({"from": "2025-10", "to": "2026-02"}) == "oktober 2025 – februar 2026"
