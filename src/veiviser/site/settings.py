"""The build's settings, read once into one typed object.

Where they come from, strongest first:
1. arguments (`veiviser build --data DIR`);
2. environment variables (tests, and a municipality's own set-up): VEIVISER_DATA,
   VEIVISER_SURVEYS, VEIVISER_LOCAL_SURVEYS, VEIVISER_EXPORTS, VEIVISER_FEEDBACK_K;
3. mkdocs.yml, under `extra: veiviser:`, read through MkDocs' own loader (so `!ENV` works):
       extra:
         veiviser:
           feedback_k: 10              # smallest count published (at least 2)
           local_surveys: lokale-skjema   # a folder of extra survey definitions
4. the defaults below.
A bad value stops the build with the file, the setting and what is wrong.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..core.vocabulary import DEFAULT_K
from ..problems import BuildError, Problem

CONFIG_FILE = "mkdocs.yml"
EXTRA_KEY = "veiviser"
KNOWN_KEYS = {"feedback_k", "local_surveys"}
ENV = {"data_dir": "VEIVISER_DATA", "surveys_dir": "VEIVISER_SURVEYS",
       "local_surveys_dir": "VEIVISER_LOCAL_SURVEYS", "exports_dir": "VEIVISER_EXPORTS",
       "feedback_k": "VEIVISER_FEEDBACK_K"}


@dataclass(frozen=True)
class Settings:
    root: Path                      # the project folder (where mkdocs.yml is)
    config_file: Path
    docs_dir: Path                  # hand-written pages and the site's own CSS and scripts
    data_dir: Path                  # the catalogue (data/ or another one, e.g. synthetic)
    indicators_dir: Path            # national figures: always the project's own data/
    surveys_dir: Path               # shipped survey definitions
    local_surveys_dir: Path | None  # extra definitions (e.g. a licensed instrument)
    exports_dir: Path               # staff exports to publish
    feedback_k: int = DEFAULT_K

    @property
    def help_lines_dir(self) -> Path:
        """National help lines (help-lines.yaml), like the national figures: the project's data/."""
        return self.indicators_dir

    @classmethod
    def from_config(cls, config_file: Path, docs_dir: Path, extra: Mapping | None,
                    environ: Mapping[str, str] | None = None, data_dir: Path | None = None) -> "Settings":
        """Settings from what MkDocs read (docs_dir, extra), the environment and arguments."""
        environ = os.environ if environ is None else environ
        config_file = Path(config_file).resolve()
        root = config_file.parent
        ours = (extra or {}).get(EXTRA_KEY) or {}
        shown = f"{config_file.name}: extra.{EXTRA_KEY}"
        if not isinstance(ours, Mapping):
            raise BuildError([Problem(config_file.name, f"extra.{EXTRA_KEY}", "must be a mapping of setting: value")])
        unknown = sorted(set(ours) - KNOWN_KEYS)
        if unknown:
            raise BuildError([Problem(config_file.name, f"extra.{EXTRA_KEY}.{unknown[0]}",
                                      f"unknown setting; known: {', '.join(sorted(KNOWN_KEYS))}")])

        def path(value) -> Path:
            p = Path(value)
            return p if p.is_absolute() else root / p

        data = Path(data_dir) if data_dir else path(environ.get(ENV["data_dir"]) or "data")
        exports = environ.get(ENV["exports_dir"])
        if exports:
            exports_dir = path(exports)
        elif data_dir:   # another catalogue: its exports lie beside it, as in the project
            exports_dir = Path(data_dir).resolve().parent / "surveys" / "exports"
        else:
            exports_dir = root / "surveys" / "exports"
        local = environ.get(ENV["local_surveys_dir"]) or ours.get("local_surveys")
        k_text = environ.get(ENV["feedback_k"])
        k_value, k_where = (k_text, ENV["feedback_k"]) if k_text else (ours.get("feedback_k", DEFAULT_K),
                                                                      f"{shown}.feedback_k")
        return cls(root=root, config_file=config_file, docs_dir=Path(docs_dir),
                   data_dir=data.resolve(), indicators_dir=root / "data",
                   surveys_dir=path(environ.get(ENV["surveys_dir"]) or "surveys"),
                   local_surveys_dir=path(local) if local else None,
                   exports_dir=exports_dir, feedback_k=check_k(k_value, k_where))


def check_k(value, where: str) -> int:
    if isinstance(value, bool):
        value = None
    try:
        k = int(value)
        if str(k) != str(value).strip():
            raise ValueError
    except (TypeError, ValueError):
        raise BuildError([Problem("", where, f"{value!r} is not a whole number")]) from None
    if k < 2:
        raise BuildError([Problem("", where, f"{k} is too small: the smallest published count must be at least 2")])
    return k


def find_config(start: Path | None = None) -> Path:
    """mkdocs.yml in the current folder or a parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    raise BuildError([Problem(str(here), "", f"no {CONFIG_FILE} here or in a parent folder; "
                                              "run veiviser from the project folder")])
