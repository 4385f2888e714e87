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
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join([f"{len(problems)} problem(s) in the survey definitions:"]
                                   + [f"  {p}" for p in problems]))


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

def _load_for_build(root: Path) -> list[Survey]:
    try:
        return load_all(root)
    except SurveyError as exc:
        from mkdocs.exceptions import PluginError     # MkDocs then stops with this message
        raise PluginError(str(exc)) from None


def check_definitions(ctx) -> dict[str, str]:
    """A PAGE_SOURCES entry that adds no page: it stops the build early on a bad definition."""
    _load_for_build(ctx.root)
    return {}


def publish_definitions(ctx, site_dir: Path) -> None:
    """A PUBLISH_STEPS entry: data/surveys/<id>-v<version>.json for every definition."""
    publish(_load_for_build(ctx.root), Path(site_dir))
