#!/usr/bin/env python3
"""Write a synthetic national catalogue (N municipalities x 15 services) for scale tests.

    .venv/bin/python scripts/make-national-catalogue.py build/national        # 357 municipalities
    .venv/bin/python scripts/make-national-catalogue.py build/national -n 100
    .venv/bin/veiviser build --quiet --data build/national/data --out build/site-national

Everything is obviously fake («Testkommune 001», «Testtjeneste 07») and marked as synthetic
in every source note; it is never written into data/. sources.yaml and taxonomy.yaml are
copied from the real data/ so the schemas and cross-checks are the real ones.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SERVICES_PER_MUNICIPALITY = 15
SOURCE = {"report": "klepp-2020", "lines": "1", "note": "syntetiske testdata, ikke fra kilden"}
ROUTES = ["self_referral", "gp_referral", "vedtak", "application", "nav", "specialist_referral"]
STATUSES = ["active"] * 12 + ["pilot", "planned", "closed"]
AGES = [(None, None), (18, None), (None, 25), (16, 30), (25, None)]


def municipality(i: int) -> dict:
    return {
        "name": f"Testkommune {i:03d}",
        "kind": "kommune",
        "county": None,
        "summary": f"Syntetisk testkommune nummer {i} for å måle bygging av et nasjonalt nettsted. Ikke ekte data.",
        "report": {"source": "klepp-2020", "kind": "forvaltningsrevisjon", "date": "2020-11"},
        "front_door": None,
        "coordination": [],
        "findings": [{"text": "Syntetisk funn for ytelsestest.", "source": dict(SOURCE)}],
        "sources": [dict(SOURCE)],
        "as_of": "2020-10",
    }


def service(slug: str, j: int, taxonomy_ids: list[str]) -> dict:
    lo, hi = AGES[j % len(AGES)]
    route = ROUTES[j % len(ROUTES)]
    access = {"route": route}
    if route == "vedtak":
        access["decided_by"] = None
    return {
        "name": f"Testtjeneste {j:02d}",
        "municipality": slug,
        "owner": None,
        "description": f"Syntetisk tjeneste nummer {j} i en testkommune. Brukes bare til å måle byggetid og størrelse.",
        "target_group": "Syntetisk målgruppe" if j % 3 else None,
        "min_age": lo,
        "max_age": hi,
        "access": [access],
        "hours": None,
        "capacity": None,
        "status": STATUSES[j % len(STATUSES)],
        "types": [taxonomy_ids[j % len(taxonomy_ids)], taxonomy_ids[(j + 5) % len(taxonomy_ids)]],
        "sources": [dict(SOURCE)],
        "as_of": "2020-10",
    }


def write_catalogue(out: Path, n: int, data_src: Path = ROOT / "data") -> Path:
    """Write out/data/ with n municipalities; returns the data folder. Replaces an old one."""
    data = Path(out) / "data"
    if data.resolve() == (ROOT / "data").resolve():
        raise SystemExit("refusing to overwrite the real data/ folder")
    shutil.rmtree(data, ignore_errors=True)
    for folder in ("municipalities", "services", "laws", "tools"):
        (data / folder).mkdir(parents=True)
    for name in ("sources.yaml", "taxonomy.yaml", "help-lines.yaml", "synonyms.yaml"):
        shutil.copy(data_src / name, data / name)
    taxonomy_ids = [t["id"] for t in yaml.safe_load((data_src / "taxonomy.yaml").read_text("utf-8"))]

    def dump(path: Path, record: dict) -> None:
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")

    for i in range(1, n + 1):
        slug = f"testkommune-{i:03d}"
        dump(data / "municipalities" / f"{slug}.yaml", municipality(i))
        (data / "services" / slug).mkdir()
        for j in range(1, SERVICES_PER_MUNICIPALITY + 1):
            dump(data / "services" / slug / f"testtjeneste-{j:02d}.yaml", service(slug, j, taxonomy_ids))
    return data


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out", type=Path, help="folder to write <out>/data/ into (not the project folder)")
    p.add_argument("-n", "--municipalities", type=int, default=357)
    args = p.parse_args(argv)
    data = write_catalogue(args.out, args.municipalities)
    print(f"wrote {args.municipalities} municipalities x {SERVICES_PER_MUNICIPALITY} services to {data}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
