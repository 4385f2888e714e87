"""Survey definitions at build time: read the shipped folder (surveys/*.yaml), its earlier
versions (surveys/previous/<id>-v<n>.yaml) and a local folder of extra definitions (a licensed
instrument a municipality may use), check each with the JSON Schema and then core's own checks,
and publish each as data/surveys/<id>-v<n>.json.

Earlier versions: when a definition changes its wording it gets a new version, and the old file
moves, unchanged, to surveys/previous/. The forms show only the newest version; the staff page
and the published feedback still know the old one, so answers stored with it on a tablet can be
exported, and exports made with it still match its hash.

Which folders: veiviser.site.settings decides (mkdocs.yml `extra.veiviser.local_surveys`,
$VEIVISER_SURVEYS, $VEIVISER_LOCAL_SURVEYS). Any problem stops the build with the file,
the field and what is wrong, once per mistake: core's checks run only on a definition the
schema accepts, since they would repeat what the schema already said.
"""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from .. import atomic, schemas
from ..core import definition as definition_mod
from ..problems import Problem, SurveyError, read_yaml, schema_problems
from .model import Survey


def shipped_dir() -> Path:
    """The definitions that come with the package, for the command line outside a project:
    src/veiviser/surveys/shipped is a link to the project's surveys/, and a wheel holds copies
    of its *.yaml (pyproject.toml's package data)."""
    return Path(str(resources.files(__package__).joinpath("shipped")))


PREVIOUS = "previous"


def check_file(path: Path, shown: str, previous: bool = False) -> tuple[dict | None, list[Problem]]:
    """(the definition dict, problems) for one YAML file (previous: a file in surveys/previous/,
    named <id>-v<version>.yaml)."""
    problems: list[Problem] = []
    raw = read_yaml(path, shown, problems)
    if problems:
        return None, problems
    problems = schema_problems(schemas.validator("survey"), raw, shown)
    if not problems:
        problems = [Problem(shown, e.path, e.message) for e in definition_mod.problems(raw)]
    if not problems and previous and f"{raw['id']}-v{raw['version']}" != path.stem:
        problems.append(Problem(shown, "id", "en tidligere versjon har navn etter id og versjon: "
                                             f"{raw['id']}-v{raw['version']}.yaml, ikke {path.name}"))
    elif not problems and not previous and raw["id"] != path.stem:
        problems.append(Problem(shown, "id", f"{raw['id']!r} må være det samme som filnavnet ({path.stem}.yaml)"))
    return raw, problems


def load_all(shipped: Path, local: Path | None = None, root: Path | None = None) -> list[Survey]:
    """Every definition in the shipped folder and the local one. root only shortens file names
    in messages."""
    folders = [(Path(shipped), False)]
    if (Path(shipped) / PREVIOUS).is_dir():
        folders.append((Path(shipped) / PREVIOUS, True))
    if local is not None:
        if not Path(local).is_dir():
            raise SurveyError([Problem(str(local), "", "mappen med egne skjemadefinisjoner finnes ikke")])
        folders.append((Path(local), False))
    problems: list[Problem] = []
    surveys: list[Survey] = []
    seen: dict[tuple, str] = {}
    for folder, previous in folders:
        for path in sorted(list(folder.glob("*.yaml")) + list(folder.glob("*.yml"))):
            shown = str(path)
            if root is not None and Path(root).resolve() in path.resolve().parents:
                shown = str(path.resolve().relative_to(Path(root).resolve()))
            raw, found = check_file(path, shown, previous)
            if found or raw is None:
                problems += found
                continue
            d = definition_mod.check(raw)
            key = (d.id, d.version)
            if key in seen:
                problems.append(Problem(shown, "id", f"{d.id} versjon {d.version} er også definert i {seen[key]}"))
                continue
            seen[key] = shown
            surveys.append(Survey(file=shown, raw=raw, definition=d))
    if problems:
        raise SurveyError(problems)
    return surveys


def latest(surveys: list[Survey]) -> list[Survey]:
    """The newest version of each survey (what the forms show), sorted by id."""
    by_id: dict[str, Survey] = {}
    for s in sorted(surveys, key=lambda s: (s.definition.id, s.definition.version)):
        by_id[s.definition.id] = s
    return list(by_id.values())


def publish(surveys: list[Survey], site_dir: Path) -> None:
    for s in surveys:
        atomic.write_text(site_dir / s.published_name, json.dumps(s.raw, ensure_ascii=False, indent=1) + "\n")
