"""The feedback flow end to end through `veiviser build`: the exports folder and k come from
the build's settings (VEIVISER_EXPORTS, VEIVISER_FEEDBACK_K; see veiviser.site.settings), a
bad export stops the build naming the file and leaves the old site, and a site built with
another k publishes with that k."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod

from helpers import ROOT, release


def definition(survey_id: str):
    return definition_mod.check(yaml.safe_load((ROOT / "surveys" / f"{survey_id}.yaml").read_text("utf-8")))


def one_export(folder: Path, count: int, seed: int, k: int | None = None) -> dict:
    d = definition("brukerundersokelse")
    rng = random.Random(seed)
    records = [{"survey": d.id, "version": d.version, "month": "2025-03",
                "answers": {i.id: rng.choice(i.answer_values()) for i in d.items
                            if i.type in ("rating", "choice", "yes_no", "traffic_light")}} for _ in range(count)]
    doc = export_mod.build(d, records, "nettbrett", "klepp/moteplassen", k)
    (folder / "klepp" / "moteplassen").mkdir(parents=True, exist_ok=True)
    (folder / "klepp" / "moteplassen" / "nettbrett.json").write_text(export_mod.to_json(doc), "utf-8")
    return doc


def veiviser_build(out: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VEIVISER_") or k == "VEIVISER_SHARED"}
    return subprocess.run([sys.executable, "-m", "veiviser.cli", "build", "--quiet", "--out", str(out)],
                          cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=900)


def test_a_bad_export_stops_the_build_and_leaves_the_old_site(tmp_path):
    exports = tmp_path / "exports"
    doc = one_export(exports, 10, 1)
    doc["n"] += 3
    (exports / "klepp" / "moteplassen" / "nettbrett.json").write_text(json.dumps(doc), "utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site", "utf-8")
    result = veiviser_build(site, VEIVISER_EXPORTS=str(exports))
    assert result.returncode == 1
    assert "feil i eksportfilene" in result.stderr
    assert "nettbrett.json: n:" in result.stderr and "helt antall puljer" in result.stderr
    assert (site / "index.html").read_text("utf-8") == "the old site"


@pytest.mark.parametrize("k", ["1", "x"])
def test_a_bad_k_stops_the_build_naming_the_setting(tmp_path, k):
    result = veiviser_build(tmp_path / "site", VEIVISER_FEEDBACK_K=k)
    assert result.returncode == 1 and "VEIVISER_FEEDBACK_K" in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_site_built_with_other_exports_and_k(tmp_path):
    """40 answers, exported and published with k = 20: the page and every download say k = 20,
    and no published count is below 20. Exported with k = 10, the same build refuses them."""
    exports = tmp_path / "exports"
    one_export(exports, 40, 2)
    result = veiviser_build(tmp_path / "refused", VEIVISER_EXPORTS=str(exports), VEIVISER_FEEDBACK_K="20")
    assert result.returncode == 1
    assert "nettbrett.json: k: k = 10 er mindre enn k = 20, som tallene publiseres med" in result.stderr
    version = one_export(exports, 40, 2, k=20)["survey"]["version"]      # the current definition
    site = tmp_path / "site"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VEIVISER_") or k == "VEIVISER_SHARED"}
    release(env={**clean, "VEIVISER_EXPORTS": str(exports), "VEIVISER_FEEDBACK_K": "20"})
    result = veiviser_build(site, VEIVISER_EXPORTS=str(exports), VEIVISER_FEEDBACK_K="20")
    assert result.returncode == 0, result.stderr
    page = (site / "tall" / "tilbakemeldinger" / "klepp" / f"moteplassen-brukerundersokelse-v{version}" / "index.html")
    html = page.read_text("utf-8")
    assert "Minste tall som vises (k)</strong></td>\n<td>20</td>" in html
    assert "eksempeldata" not in html.lower()                 # no marker: real data
    assert sorted(p.name for p in (site / "tall" / "tilbakemeldinger").iterdir()) == ["index.html", "klepp"]
    rows = json.loads((site / "data" / "tall" / "tilbakemeldinger" / "klepp" / "moteplassen" /
                       f"brukerundersokelse-v{version}" / "alle.json").read_text("utf-8"))
    assert rows and all(r["k"] == 20 for r in rows)
    assert all(r["antall"] is None or r["antall"] == 0 or r["antall"] >= 20 for r in rows)
    assert any(r["skjult"] for r in rows)
