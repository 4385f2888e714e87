"""Survey definitions at build time: read surveys/*.yaml (and a local folder, if set), check
each with the JSON Schema AND the core checks, and publish each as
data/surveys/<id>-v<version>.json.

Folders:
- the shipped definitions: <root>/surveys, or the folder named by $VEIVISER_SURVEYS (which
  replaces it; tests use this, and so does veiviser.site.forms);
- plus a local folder of extra definitions (e.g. a licensed instrument a municipality may
  use): $VEIVISER_LOCAL_SURVEYS or, in mkdocs.yml, `extra: {veiviser_surveys: path}`
  (relative to the project folder); the variable wins.
Any problem stops the build with the file, the field and what is wrong.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from .. import atomic
from ..core import definition as definition_mod

BASE_ENV_VAR = "VEIVISER_SURVEYS"
ENV_VAR = "VEIVISER_LOCAL_SURVEYS"
MKDOCS_EXTRA_KEY = "veiviser_surveys"
PUBLISH_DIR = "data/surveys"


class SurveyError(ValueError):
    """Every problem found, each naming the file, the field (or line) and what is wrong."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join([f"{len(problems)} problem(s):"] + [f"  {p}" for p in problems]))


@dataclass
class Survey:
    file: str                       # as shown in messages
    raw: dict                       # exactly as read (what the hash covers and what is published)
    definition: definition_mod.Definition

    @property
    def published_name(self) -> str:
        return definition_url(self.definition.id, self.definition.version)


def definition_url(survey_id: str, version: int) -> str:
    """Where the site publishes a definition (the browser half relies on this name)."""
    return f"{PUBLISH_DIR}/{survey_id}-v{version}.json"


def schema() -> dict:
    return json.loads(resources.files("veiviser.schemas").joinpath("survey.schema.json").read_text("utf-8"))


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, which may hold tags such as !ENV or !!python/name."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def shipped_folder(root: Path) -> Path:
    return Path(os.environ.get(BASE_ENV_VAR) or root / "surveys")


def local_folder(root: Path) -> Path | None:
    """The extra definitions folder: $VEIVISER_LOCAL_SURVEYS, else mkdocs.yml extra.veiviser_surveys."""
    value = os.environ.get(ENV_VAR)
    if not value:
        config = root / "mkdocs.yml"
        if config.is_file():
            data = yaml.load(config.read_text("utf-8"), Loader=_LenientLoader) or {}
            value = (data.get("extra") or {}).get(MKDOCS_EXTRA_KEY)
    if not value:
        return None
    path = Path(value)
    return path if path.is_absolute() else root / path


def check_file(path: Path, shown: str) -> tuple[dict | None, list[str]]:
    """(the definition dict, problems) for one YAML file."""
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        return None, [f"{shown}: {where}not valid YAML: {getattr(exc, 'problem', exc)}"]
    except UnicodeDecodeError as exc:
        return None, [f"{shown}: not UTF-8 text: {exc}"]
    problems = []
    for err in sorted(Draft202012Validator(schema()).iter_errors(raw), key=lambda e: list(map(str, e.path))):
        where = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        problems.append(f"{shown}: {where}: {err.message}")
    problems += [f"{shown}: {e}" for e in definition_mod.problems(raw)]
    if not problems and raw["id"] != path.stem:
        problems.append(f"{shown}: id: {raw['id']!r} must equal the file name ({path.stem}.yaml)")
    return raw, problems


def load_all(root: Path | str, extra: Path | str | None = None, include_local: bool = True) -> list[Survey]:
    """Every definition in the shipped folder, plus the local folder (extra, or local_folder(root))."""
    root = Path(root)
    folders = [shipped_folder(root)]
    local = Path(extra) if extra else (local_folder(root) if include_local else None)
    if local is not None:
        if not local.is_dir():
            raise SurveyError([f"{local}: the folder of local survey definitions does not exist"])
        folders.append(local)
    problems: list[str] = []
    surveys: list[Survey] = []
    seen: dict[tuple, str] = {}
    for folder in folders:
        for path in sorted(list(folder.glob("*.yaml")) + list(folder.glob("*.yml"))):
            try:
                shown = str(path.relative_to(root))
            except ValueError:
                shown = str(path)
            raw, found = check_file(path, shown)
            if found:
                problems += found
                continue
            d = definition_mod.check(raw)
            key = (d.id, d.version)
            if key in seen:
                problems.append(f"{shown}: id/version: {d.id} version {d.version} is also defined in {seen[key]}")
                continue
            seen[key] = shown
            surveys.append(Survey(file=shown, raw=raw, definition=d))
    if problems:
        raise SurveyError(problems)
    return surveys


def find(surveys: list[Survey], survey_id: str, version: int | None = None) -> Survey:
    """The definition with this id (the highest version unless one is asked for)."""
    matching = [s for s in surveys if s.definition.id == survey_id
                and (version is None or s.definition.version == version)]
    if not matching:
        known = ", ".join(sorted({s.definition.id for s in surveys})) or "none"
        raise SurveyError([f"no survey definition with id {survey_id!r}"
                           + (f" and version {version}" if version else "") + f" (known: {known})"])
    return max(matching, key=lambda s: s.definition.version)


def publish(surveys: list[Survey], site_dir: Path) -> None:
    for s in surveys:
        atomic.write_text(site_dir / s.published_name, json.dumps(s.raw, ensure_ascii=False, indent=1) + "\n")


# --- build pipeline entries (listed in build.py) --------------------------------------------

def for_build(ctx) -> list[Survey]:
    """The build's definitions (loaded once, on the build context)."""
    try:
        return ctx.surveys
    except SurveyError as exc:
        from mkdocs.exceptions import PluginError     # MkDocs then stops with this message
        raise PluginError(str(exc)) from None


def check_definitions(ctx) -> dict[str, str]:
    """A PAGE_SOURCES entry that adds no page: it stops the build early on a bad definition."""
    for_build(ctx)
    return {}


def publish_definitions(ctx, site_dir: Path) -> None:
    """A PUBLISH_STEPS entry: data/surveys/<id>-v<version>.json for every definition."""
    publish(for_build(ctx), Path(site_dir))


# --- command line: veiviser aggregate / merge ----------------------------------------------

def read_mapping(path: Path) -> tuple[dict, dict]:
    """A mapping file: {columns: {CSV column: item id}, values: {item id: {cell text: value}}}.
    A flat map {CSV column: item id} is read as columns only."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SurveyError([f"{path}: cannot read the mapping: {exc}"]) from None
    if not isinstance(data, dict):
        raise SurveyError([f"{path}: a mapping must be a map of CSV column -> item id"])
    if "columns" in data or "values" in data:
        columns, values = data.get("columns") or {}, data.get("values") or {}
    else:
        columns, values = data, {}
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise SurveyError([f"{path}: columns: must map each CSV column to an item id"])
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise SurveyError([f"{path}: values: must map item id -> {{cell text: answer}}"])
    return {str(k): v for k, v in columns.items()}, values


def read_responses(path: Path, d: definition_mod.Definition, mapping: Path | None = None,
                   notes: list | None = None) -> list[tuple[str, dict]]:
    """[(where, answers)] from JSON Lines (.jsonl/.json) or CSV (.csv, ; or , separated)."""
    import csv
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SurveyError([f"{path}: cannot read: {exc}"]) from None
    out = []
    if path.suffix.lower() == ".csv":
        columns, values = read_mapping(mapping) if mapping else ({}, {})
        try:
            delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t").delimiter
        except (csv.Error, IndexError):     # one column, or an empty file
            delimiter = ","
        reader = csv.DictReader(text.splitlines(), delimiter=delimiter)
        item_ids = {i.id for i in d.items}
        header = reader.fieldnames or []
        used = {col: columns.get(col, col) for col in header if columns.get(col, col) in item_ids}
        if not used:
            raise SurveyError([f"{path}: no column matches an item of {d.id} "
                               f"({', '.join(sorted(item_ids))}); use --map to rename columns"])
        ignored = [col for col in header if col not in used]
        if ignored and notes is not None:
            notes.append(f"{path}: ignored columns: {', '.join(ignored)}")
        for row_no, row in enumerate(reader, start=2):
            answers = {}
            for col, item_id in used.items():
                cell = (row.get(col) or "").strip()
                answers[item_id] = values.get(item_id, {}).get(cell, cell)
            out.append((f"{path}: line {row_no}", answers))
    else:
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SurveyError([f"{path}: line {line_no}: not valid JSON ({exc.msg})"]) from None
            if not isinstance(obj, dict):
                raise SurveyError([f"{path}: line {line_no}: must be an object of item id -> answer"])
            out.append((f"{path}: line {line_no}", obj))
    return out


def aggregate_file(d: definition_mod.Definition, responses: list[tuple[str, dict]], month: str,
                   device: str, service: str | None, k: int | None) -> dict:
    """The export of these responses (in file order, all dated `month`), or SurveyError
    listing every response that does not fit the definition."""
    from ..core import export as export_mod
    from ..core.release import RecordError, check_month
    from ..core.response import check_answers
    try:
        check_month(month, "--month")
    except RecordError as exc:
        raise SurveyError([str(exc)]) from None
    problems, records = [], []
    for where, answers in responses:
        if "answers" in answers and "month" in answers:     # a stored browser record
            record = answers
        else:
            record = {"survey": d.id, "version": d.version, "month": month, "answers": answers}
        checked = check_answers(d, record.get("answers"))
        problems += [f"{where}: {e['item']}: {e['message']}" for e in checked.errors]
        records.append(record)
    if problems:
        raise SurveyError(problems)
    try:
        return export_mod.build(d, records, device, service, k)
    except ValueError as exc:
        raise SurveyError([str(exc)]) from None


def merge_files(paths: list[Path]) -> dict:
    """Read and merge exports; SurveyError names the file and the problem."""
    from ..core import export as export_mod
    from ..core.merge import merge_exports
    docs, problems = [], []
    for path in paths:
        try:
            docs.append(export_mod.from_json(Path(path).read_text("utf-8"), str(path)))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot read: {exc}")
        except ValueError as exc:
            problems.append(str(exc))
    if problems:
        raise SurveyError(problems)
    try:
        return merge_exports(docs, [str(p) for p in paths])
    except ValueError as exc:
        raise SurveyError([str(exc)]) from None
