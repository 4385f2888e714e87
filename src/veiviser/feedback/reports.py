"""Read, check and merge the staff exports in surveys/exports/<municipality>/<service>/*.json
into one Report per (service, survey id, version).

1. Every export is checked with aggregate.schema.json and core's reader (export.from_json);
   its folder must name a catalogue service, and its survey must match a definition (id,
   version and hash). Every problem in every file is reported at once.
2. The exports of each (service, survey id, version) are merged with core's merge, so of
   several cumulative exports from one device only the latest counts (as in `veiviser merge`).

A folder holding a file named EKSEMPELDATA (or a parent folder below the exports folder
holding one) holds synthetic example data: every page that shows it says «eksempeldata».
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import schemas
from ..core import export as export_mod
from ..core import vocabulary
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
    def too_few(self) -> bool:
        """Fewer than k answers in all: no figure of the report is published."""
        return self.merged["n"] < self.k

    @property
    def period(self) -> str:
        """«april 2025 – januar 2026», or «ingen svar»."""
        return period_text(self.merged["period"])


def municipality_page(municipality: str) -> str:
    """Docs path of a municipality's summary of feedback."""
    return f"{PAGE_DIR}/{municipality}/index.md"


def period_text(period: dict | None) -> str:
    if not period:
        return "ingen svar"
    if period["from"] == period["to"]:
        return vocabulary.month_text(period["from"])
    return f"{vocabulary.month_text(period['from'])} – {vocabulary.month_text(period['to'])}"


def is_example(path: Path, top: Path) -> bool:
    folder = path.parent
    while True:
        if (folder / EXAMPLE_MARKER).exists():
            return True
        if folder == top or top not in folder.parents:
            return False
        folder = folder.parent


def read_export(path: Path, shown: str, problems: list[Problem]) -> dict | None:
    """The export, or None with its problems appended: the schema first (it names the field),
    then core's reader (it names what a schema cannot, e.g. whole batches)."""
    try:
        text = path.read_text("utf-8")
        data = json.loads(text)
    except OSError as exc:
        problems.append(Problem(shown, "", f"cannot be read: {exc.strerror or exc}"))
        return None
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, "", f"is not UTF-8 text: {exc}"))
        return None
    except json.JSONDecodeError as exc:
        problems.append(Problem(shown, f"line {exc.lineno}", f"is not valid JSON: {exc.msg}"))
        return None
    found = schema_problems(schemas.validator("aggregate"), data, shown)
    if found:
        problems += found
        return None
    try:
        return export_mod.from_json(text, shown)
    except export_mod.ExportError as exc:
        # core says "<shown>: <field>: <message>"
        where, _, message = str(exc).removeprefix(f"{shown}: ").partition(": ")
        problems.append(Problem(shown, where, message) if message else Problem(shown, "", where))
        return None


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
            problems.append(Problem(shown, "", "exports go in surveys/exports/<municipality>/<service>/<file>.json"))
            continue
        key = f"{parts[0]}/{parts[1]}"
        doc = read_export(path, shown, problems)
        if doc is None:
            continue
        if key not in catalogue.services:
            problems.append(Problem(shown, "", f"folder {key}: no such service in the catalogue (data/services/{key}.yaml)"))
            continue
        if doc.get("service") not in (None, key):
            problems.append(Problem(shown, "service", f"the export says {doc['service']!r} but lies in the folder of {key}"))
            continue
        survey = by_def.get((doc["survey"]["id"], doc["survey"]["version"]))
        if survey is None:
            problems.append(Problem(shown, "survey", f"no definition {doc['survey']['id']} version "
                                                     f"{doc['survey']['version']} in surveys/"))
            continue
        if doc["survey"]["hash"] != survey.definition.hash:
            problems.append(Problem(shown, "survey.hash", f"does not match {survey.file}; the definition was changed "
                                                          "without a new version, or the export is from another definition"))
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
                              [e[1] for e in entries], any(e[2] for e in entries), k))
    if problems:
        raise FeedbackError(problems)
    return reports
