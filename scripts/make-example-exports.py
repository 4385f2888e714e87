#!/usr/bin/env python3
"""Write the synthetic example exports in surveys/exports/ (always the same files: fixed seed).

Random answers go through core's own export (export.build: batches of k, months, checks), so
the files are exactly what devices would produce. Each service folder gets a file named
EKSEMPELDATA, and every page that shows these figures says «eksempeldata».

What the examples show:
- klepp/moteplassen, brukerundersokelse: three devices, two of them with an older cumulative
  export as well (the merge must use only the latest), many answers: the national comparison.
- horten/mestringsteamet, brukerundersokelse: few answers in some categories: complementary
  suppression.
- klepp/psykisk-helse-og-rusteneste-dag, om-samtalen: 0–10 lines and a sum score.
- horten/losen, parorendeundersokelse: five answers only, so no whole batch of k = 10 has left
  the device yet (n = 0): «for få svar».

Run: .venv/bin/python scripts/make-example-exports.py [--out surveys/exports]
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

from veiviser import atomic
from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod

ROOT = Path(__file__).resolve().parent.parent
SEED = 20240917
MARKER_TEXT = ("Eksempeldata: oppdiktede svar laget av scripts/make-example-exports.py (fast frø).\n"
               "Sidene som viser disse tallene, sier «eksempeldata». Slett mappen når ekte eksporter legges inn.\n")

# (service key, survey id, [(device, [months of its exports]) ...], answers per month, weights, few)
PLAN = [
    ("klepp/moteplassen", "brukerundersokelse",
     [("moteplassen-kiosk", ["2025-06", "2025-12"]), ("moteplassen-nettbrett", ["2025-09", "2026-02"]),
      ("moteplassen-pc", ["2026-02"])], 6, [30, 34, 18, 8, 4, 10], None),
    ("horten/mestringsteamet", "brukerundersokelse",
     [("mestring-a", ["2025-10"]), ("mestring-b", ["2025-11", "2026-01"])], 5, [20, 40, 25, 6, 2, 7], None),
    ("klepp/psykisk-helse-og-rusteneste-dag", "om-samtalen",
     [("dagtilbud-1", ["2025-11", "2026-02"]), ("dagtilbud-2", ["2026-01"])], 10, None, None),
    ("horten/losen", "parorendeundersokelse", [("losen-1", ["2026-01"])], 5, [25, 35, 25, 10, 5, 10], True),
]
MONTHS = ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11",
          "2025-12", "2026-01", "2026-02"]


def load(survey_id: str) -> definition_mod.Definition:
    return definition_mod.check(yaml.safe_load((ROOT / "surveys" / f"{survey_id}.yaml").read_text("utf-8")))


def answer(rng: random.Random, item, weights) -> object:
    if item.type == "vas":
        return max(0, min(10, round(rng.gauss(6.5, 2.3))))
    if item.type in ("rating", "choice", "yes_no", "traffic_light"):
        values = item.answer_values()
        w = (weights or [1] * len(values))[:len(values)] + [1] * max(0, len(values) - len(weights or []))
        if rng.random() < 0.05 and not item.required:
            return None          # skipped
        return rng.choices(values, weights=w)[0]
    return None                  # free text is never exported


def make_records(rng, d, months: list[str], per_month: int, weights) -> list[dict]:
    records = []
    for month in months:
        for _ in range(per_month + rng.randint(0, 3)):
            answers = {i.id: a for i in d.items if (a := answer(rng, i, weights)) is not None}
            records.append({"survey": d.id, "version": d.version, "month": month, "answers": answers})
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "surveys" / "exports")
    args = ap.parse_args()
    rng = random.Random(SEED)
    for key, survey_id, devices, per_month, weights, few in PLAN:
        d = load(survey_id)
        folder = args.out / key
        if folder.exists():
            shutil.rmtree(folder)
        for device, export_months in devices:
            first = MONTHS.index(export_months[0]) - 2
            months = MONTHS[max(0, first): MONTHS.index(export_months[-1]) + 1]
            records = make_records(rng, d, months, per_month, weights)
            if few:    # the «for få svar» example: five answers in all
                records = records[:5]
            for until in export_months:  # a cumulative export at each of these months
                upto = [r for r in records if r["month"] <= until]
                doc = export_mod.build(d, upto, device, key)
                atomic.write_text(folder / f"{until}-{device}.json", export_mod.to_json(doc))
        atomic.write_text(folder / "EKSEMPELDATA", MARKER_TEXT)
        print(f"{folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}: {len(list(folder.glob('*.json')))} exports")


if __name__ == "__main__":
    main()
