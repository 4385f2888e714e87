"""Recorded releases in the build (veiviser.feedback.releases) and `veiviser release`: the site
publishes the last recorded release, so two builds with one new batch between them publish the
same figures; the releases file is checked with the file and the field named."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from veiviser import feedback
from veiviser.catalogue import load as catalogue_load
from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod
from veiviser.indicators import load as indicators_load
from veiviser.problems import FeedbackError
from veiviser.surveys.model import Survey

from helpers import ROOT, record_releases

SERVICE = "klepp/moteplassen"


@pytest.fixture(scope="module")
def setup():
    catalogue = catalogue_load.load(ROOT / "data")
    raw = yaml.safe_load((ROOT / "surveys" / "brukerundersokelse.yaml").read_text("utf-8"))
    return catalogue, [Survey("surveys/brukerundersokelse.yaml", raw, definition_mod.check(raw))], \
        indicators_load.load_all(ROOT / "data")["fafo-indicators"]


def answers(d, month: str, values: list[str]) -> list[dict]:
    return [{"survey": d.id, "version": d.version, "month": month,
             "answers": {i.id: v for i in d.items if i.type == "rating"}} for v in values]


def write_export(folder, d, records, name: str) -> None:
    (folder / "klepp" / "moteplassen").mkdir(parents=True, exist_ok=True)
    doc = export_mod.build(d, records, "nettbrett", SERVICE)
    (folder / "klepp" / "moteplassen" / name).write_text(export_mod.to_json(doc), "utf-8")


def shown(pub) -> dict:
    """Every count a reader of the published files sees: (file, question, answer) -> count."""
    [report] = pub.reports
    return {(report.ident, r.get("sporsmal"), r.get("kategori")): r.get("antall") for r in pub.all_rows[report.ident]}


def test_two_builds_one_new_batch_apart_publish_the_same_figures(tmp_path, setup):
    """(a) at the build: 40 answers released; then one batch of ten (nine «5», one «1») comes
    in the next half-year. Neither the next build nor `veiviser release` shows it: every
    published file and page is the same, and the page says why."""
    catalogue, surveys, fafo = setup
    d = surveys[0].definition
    exports = tmp_path / "exports"
    first = answers(d, "2025-10", ["5"] * 10 + ["4"] * 10 + ["3"] * 10 + ["1"] * 10)
    write_export(exports, d, first, "okt.json")
    assert len(record_releases(ROOT, catalogue, surveys, exports, today="2026-01-05")) == 1
    before = feedback.build_all(ROOT, catalogue, surveys, fafo, exports, 10, today="2026-01-05")

    write_export(exports, d, first + answers(d, "2026-02", ["5"] * 9 + ["1"]), "feb.json")
    during = feedback.build_all(ROOT, catalogue, surveys, fafo, exports, 10, today="2026-03-01")
    assert record_releases(ROOT, catalogue, surveys, exports, today="2026-07-02") == []
    after = feedback.build_all(ROOT, catalogue, surveys, fafo, exports, 10, today="2026-07-02")
    assert shown(before) == shown(during) == shown(after)
    assert [c for c in shown(after).values() if c is not None] and shown(after)
    page = after.pages[after.reports[0].page]
    assert "forskjellen fra forrige publisering ville vist tall fra færre enn 10 personer" in page
    assert "alle svar til og med desember 2025" in page
    assert "forskjellen" not in during.pages[during.reports[0].page]      # the half-year has not ended


def test_before_the_first_release_nothing_is_published(tmp_path, setup):
    catalogue, surveys, fafo = setup
    d = surveys[0].definition
    exports = tmp_path / "exports"
    write_export(exports, d, answers(d, "2025-10", ["5"] * 30), "okt.json")
    pub = feedback.build_all(ROOT, catalogue, surveys, fafo, exports, 10, today="2026-01-05")
    [report] = pub.reports
    assert report.merged["n"] == 0 and report.period == "ikke publisert ennå"
    assert all(r.get("antall") in (None, 0) for r in pub.all_rows[report.ident])
    assert "Ingen tall er publisert ennå" in pub.pages[report.page]


@pytest.mark.parametrize("change, field, words", [
    (lambda doc: doc["releases"][0].pop("recorded"), "releases[0]", "recorded"),
    (lambda doc: doc["releases"][0]["export"].update(n=doc["releases"][0]["export"]["n"] + 3),
     "releases[0].export", "n"),
    (lambda doc: doc.update(service="klepp/annen"), "service", "ligger der klepp/moteplassen"),
    (lambda doc: doc["releases"].append(doc["releases"][0]), "releases[1].period", "eldst først"),
])
def test_a_bad_releases_file_is_named_with_its_field(tmp_path, setup, change, field, words):
    catalogue, surveys, fafo = setup
    d = surveys[0].definition
    exports = tmp_path / "exports"
    write_export(exports, d, answers(d, "2025-10", ["5"] * 20), "okt.json")
    [(_, path)] = record_releases(ROOT, catalogue, surveys, exports, today="2026-01-05")
    doc = json.loads(path.read_text("utf-8"))
    change(doc)
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(FeedbackError) as caught:
        feedback.build_all(ROOT, catalogue, surveys, fafo, exports, 10, today="2026-01-05")
    text = str(caught.value)
    assert "brukerundersokelse-v" in text and field in text and words in text, text


def test_veiviser_release_records_once_and_dry_run_writes_nothing(tmp_path, setup):
    _, surveys, _ = setup
    d = surveys[0].definition
    exports = tmp_path / "exports"
    write_export(exports, d, answers(d, "2025-10", ["5"] * 20), "okt.json")
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIVISER_") or k == "VEIVISER_SHARED"}
    env["VEIVISER_EXPORTS"] = str(exports)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "veiviser.cli", "release", "--today", "2026-01-05", *args],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)

    dry = run("--dry-run")
    assert dry.returncode == 0 and "klar: utgivelse til og med desember 2025 (n = 20)" in dry.stdout
    assert not (tmp_path / "releases").exists()
    done = run()
    assert done.returncode == 0 and "1 nye utgivelser lagret" in done.stdout, done.stdout + done.stderr
    files = list((tmp_path / "releases").rglob("*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text("utf-8"))["releases"][0]["recorded"] == "2026-01-05"
    again = run()
    assert "uendret: siste utgivelse gjelder til og med desember 2025" in again.stdout
    assert "0 nye utgivelser lagret" in again.stdout
