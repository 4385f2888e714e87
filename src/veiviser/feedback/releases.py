"""Recorded releases: what the site publishes of each service, frozen until the next period.

  surveys/releases/<kommune>/<tjeneste>/<skjema>-v<versjon>.json   (releases.schema.json)

The rules (periods, the difference check) are core's (veiviser.core.releases); this module reads
and writes the files. The build publishes the last recorded release of every report and never
writes here; `veiviser release` (record()) adds a release when core says one is ready, so every
build between two `veiviser release` publishes the same figures.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import atomic, schemas
from ..core import export as export_mod
from ..core import releases as core
from ..problems import FeedbackError, Problem, schema_problems
from .reports import Report, core_problem


def file_of(folder: Path, r: Report) -> Path:
    d = r.survey.definition
    return Path(folder) / r.municipality / r.service["slug"] / f"{d.id}-v{d.version}.json"


def shown_path(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def read(path: Path, shown: str, r: Report) -> list[dict]:
    """The recorded releases of a report, oldest first ([] when there is no file); every problem
    names the file and the field."""
    if not path.is_file():
        return []
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedbackError([Problem(shown, "", f"kan ikke leses som JSON: {exc}")]) from None
    problems = schema_problems(schemas.validator("releases"), doc, shown)
    if problems:
        raise FeedbackError(problems)
    d = r.survey.definition
    if doc["service"] != r.key or doc["survey"] != {"id": d.id, "version": d.version}:
        raise FeedbackError([Problem(shown, "service", f"filen gjelder {doc['service']} "
                                     f"{doc['survey']['id']} versjon {doc['survey']['version']}, men ligger "
                                     f"der {r.key} {d.id} versjon {d.version} skal ligge")])
    out, previous = [], None
    for i, entry in enumerate(doc["releases"]):
        where = f"{shown}: releases[{i}].export"
        try:
            checked = export_mod.from_json(json.dumps(entry["export"]), where, k_min=r.k)
            export_mod.check_fit(checked, d, where)
        except export_mod.ExportError as exc:
            raise FeedbackError([core_problem(where, exc)]) from None
        if previous and entry["period"]["to"] <= previous["period"]["to"]:
            raise FeedbackError([Problem(shown, f"releases[{i}].period", "utgivelsene skal stå eldst først, "
                                                                         "én per periode")])
        previous = {**entry, "export": checked}
        out.append(previous)
    return out


def apply(reports: list[Report], folder: Path, root: Path, today: str, months: int) -> None:
    """Each report gets its recorded releases, core's decision for today, and as its figures
    (r.merged) the last release, or an empty export when nothing is released yet."""
    for r in reports:
        path = file_of(folder, r)
        r.releases = read(path, shown_path(path, root), r)
        r.decision = core.decide([e[0] for e in r.exports], [e[1] for e in r.exports], r.releases,
                                 r.survey.definition, r.k, today, months)
        r.merged = r.releases[-1]["export"] if r.releases else core.nothing_released(r.survey.definition, r.k)
        r.period_months = months


def record(reports: list[Report], folder: Path, root: Path, today: str) -> list[tuple[Report, Path]]:
    """`veiviser release`: add every ready release to its file. Every file is made and checked
    first, then each is written whole (atomically), so a problem leaves every file as it was.
    Returns the reports released and their files."""
    todo = []
    for r in reports:
        if r.decision["status"] != "ready":
            continue
        path = file_of(folder, r)
        d = r.survey.definition
        entries = [{"period": e["period"], "recorded": e["recorded"], "export": e["export"]} for e in r.releases]
        entries.append(core.release(r.decision, today))
        doc = {"schema": core.SCHEMA, "service": r.key, "survey": {"id": d.id, "version": d.version},
               "releases": entries}
        found = schema_problems(schemas.validator("releases"), doc, shown_path(path, root))
        if found:                     # a bug, never the user's input: stop before writing anything
            raise FeedbackError(found)
        todo.append((r, path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n"))
    for r, path, text in todo:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(path, text)
    return [(r, path) for r, path, _ in todo]
