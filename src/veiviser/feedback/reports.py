"""Read, check and merge the staff exports in surveys/exports/<municipality>/<service>/*.json
into one Report per (service, survey id, version).

1. Every export is checked by core's reader (export.from_json with the publication k, then
   export.check_fit against its definition: id, version, hash, answers, bins and sums) and
   aggregate.schema.json; its folder must name a catalogue service. Every problem in every
   file is reported at once, in the words `veiviser merge` and the merge page use.
2. The exports of each (service, survey id, version) are merged with core's merge, so of
   several cumulative exports from one device only the latest counts (as in `veiviser merge`).
   What the site publishes is not this, but the last recorded release (releases.apply): the
   merged figures of every export here are what `veiviser release` may release next.

A folder holding a file named EKSEMPELDATA (or a parent folder below the exports folder
holding one) holds synthetic example data: every page that shows it says «eksempeldata».
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import schemas
from ..core import export as export_mod
from ..core.publish import WORDS, period_text
from ..core.merge import merge_exports
from ..problems import FeedbackError, Problem, schema_problems
from ..surveys.model import Survey

EXAMPLE_MARKER = "EKSEMPELDATA"
PAGE_DIR = "tall/tilbakemeldinger"
CHART_PREFIX = "tilbakemeldinger"          # below indicators.model.CHART_DIR (data/tall/)


@dataclass
class Report:
    """The merged figures of one service and one survey version."""
    municipality: str
    service: dict                     # the catalogue entry
    survey: Survey
    merged: dict                      # core merge output
    files: list[str]
    example: bool
    k: int
    exports: list = field(default_factory=list)   # [(checked export, file name)]: what may be released
    releases: list = field(default_factory=list)  # recorded releases, oldest first (releases.apply)
    decision: dict = field(default_factory=dict)  # core.releases.decide for the build's date
    period_months: int = 6                        # the publication period (a setting)
    tables: dict = field(default_factory=dict)   # question id -> published table (tables.publishable)

    @property
    def key(self) -> str:
        return f"{self.municipality}/{self.service['slug']}"

    @property
    def page(self) -> str:
        """Docs path of the report's page."""
        d = self.survey.definition
        return f"{PAGE_DIR}/{self.municipality}/{self.service['slug']}-{d.id}-v{d.version}.md"

    @property
    def ident(self) -> str:
        """Folder of the report's charts and downloads below data/tall/."""
        d = self.survey.definition
        return f"{CHART_PREFIX}/{self.municipality}/{self.service['slug']}/{d.id}-v{d.version}"

    @property
    def title(self) -> str:
        return self.survey.title

    @property
    def release(self) -> dict | None:
        """The release published (the last recorded), or None before the first."""
        return self.releases[-1] if self.releases else None

    @property
    def too_few(self) -> bool:
        """Fewer than k answers in all: no figure of the report is published."""
        return self.merged["n"] < self.k

    @property
    def period(self) -> str:
        """«april 2025 – januar 2026», «ingen svar», or «ikke publisert ennå» before the first release."""
        if self.decision and not self.releases:
            return WORDS["release_none_short"]
        return period_text(self.merged["period"])


def municipality_page(municipality: str) -> str:
    """Docs path of a municipality's summary of feedback."""
    return f"{PAGE_DIR}/{municipality}/index.md"


def is_example(path: Path, top: Path) -> bool:
    folder = path.parent
    while True:
        if (folder / EXAMPLE_MARKER).exists():
            return True
        if folder == top or top not in folder.parents:
            return False
        folder = folder.parent


def read_export(path: Path, shown: str, k: int, problems: list[Problem]) -> dict | None:
    """The export, or None with its problem appended. Core's reader first (the same check and
    the same words as `veiviser merge` and the merge page), the JSON Schema after it as a
    backstop (it should never find more)."""
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        problems.append(Problem(shown, "", f"kan ikke leses: {exc.strerror or exc}"))
        return None
    except UnicodeDecodeError:
        problems.append(Problem(shown, "", "er ikke UTF-8-tekst; er dette en eksportfil fra Veiviser?"))
        return None
    try:
        doc = export_mod.from_json(text, shown, k_min=k)
    except export_mod.ExportError as exc:
        problems.append(core_problem(shown, exc))
        return None
    found = schema_problems(schemas.validator("aggregate"), json.loads(text), shown)
    if found:
        problems += found
        return None
    return doc


def core_problem(shown: str, exc: ValueError) -> Problem:
    """core says "<shown>: <field>: <message>"."""
    where, _, message = str(exc).removeprefix(f"{shown}: ").partition(": ")
    return Problem(shown, where, message) if message else Problem(shown, "", where)


def load_reports(root: Path, catalogue, surveys: list[Survey], k: int, folder: Path) -> list[Report]:
    """Every export under folder, checked and merged per (service, survey, version); the
    reports' tables are not filled in yet (tables.publishable)."""
    root, folder = Path(root), Path(folder)
    if not folder.is_dir():
        return []
    by_def = {(s.definition.id, s.definition.version): s for s in surveys}
    groups: dict[tuple, list] = {}
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.json")):
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        parts = path.relative_to(folder).parts
        if len(parts) != 3:
            problems.append(Problem(shown, "", "eksportfiler skal ligge i surveys/exports/<kommune>/<tjeneste>/<fil>.json"))
            continue
        key = f"{parts[0]}/{parts[1]}"
        doc = read_export(path, shown, k, problems)
        if doc is None:
            continue
        if key not in catalogue.services:
            problems.append(Problem(shown, "", f"mappen {key}: ingen slik tjeneste i katalogen (data/services/{key}.yaml)"))
            continue
        if doc.get("service") not in (None, key):
            problems.append(Problem(shown, "service", f"eksporten er fra {doc['service']!r}, men ligger i mappen til {key}"))
            continue
        survey = by_def.get((doc["survey"]["id"], doc["survey"]["version"]))
        if survey is None:
            problems.append(Problem(shown, "survey", f"skjemaet {doc['survey']['id']} versjon "
                                                     f"{doc['survey']['version']} finnes ikke i surveys/"))
            continue
        try:
            export_mod.check_fit(doc, survey.definition, shown)
        except export_mod.ExportError as exc:
            problems.append(core_problem(shown, exc))
            continue
        groups.setdefault((key, survey.definition.id, survey.definition.version), []).append(
            (doc, shown, is_example(path, folder)))
    reports = []
    for (key, sid, version), entries in sorted(groups.items()):
        try:
            merged = merge_exports([e[0] for e in entries], [e[1] for e in entries])
        except ValueError as exc:
            problems.append(Problem(key, "", str(exc)))
            continue
        reports.append(Report(key.split("/")[0], catalogue.services[key], by_def[(sid, version)], merged,
                              [e[1] for e in entries], any(e[2] for e in entries), k,
                              exports=[(e[0], e[1]) for e in entries]))
    if problems:
        raise FeedbackError(problems)
    return reports
