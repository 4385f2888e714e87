"""The build's settings, read once into one typed object.

Where they come from, strongest first:
1. arguments (`veiviser build --data DIR`);
2. environment variables (tests, and a municipality's own set-up): VEIVISER_DATA,
   VEIVISER_SURVEYS, VEIVISER_LOCAL_SURVEYS, VEIVISER_EXPORTS, VEIVISER_RELEASES,
   VEIVISER_FEEDBACK_K, VEIVISER_TODAY (the date the publication periods are counted from);
3. mkdocs.yml, under `extra: veiviser:`, read through MkDocs' own loader (so `!ENV` works):
       extra:
         veiviser:
           feedback_k: 10              # smallest count published (at least 2)
           feedback_period_months: 6   # publication periods (1, 2, 3, 4, 6 or 12 months)
           local_surveys: lokale-skjema   # a folder of extra survey definitions
           review_months: 12           # the review cycle: every entry is checked this often
           review_months_access: 6     # ... and its access routes and contact details this often
           editors_email: redaksjon@example.org   # proposals get a mailto: link to it
           repository_edit_url: https://github.com/org/veiviser/edit/main/{path}   # a web editor
4. the defaults below.
A bad value stops the build with the file, the setting and what is wrong.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from ..core.releases import PERIOD_MONTHS
from ..core.vocabulary import DEFAULT_K
from ..problems import BuildError, Problem

CONFIG_FILE = "mkdocs.yml"
EXTRA_KEY = "veiviser"
KNOWN_KEYS = {"feedback_k", "feedback_period_months", "local_surveys", "review_months", "review_months_access",
              "editors_email", "repository_edit_url"}
ENV = {"data_dir": "VEIVISER_DATA", "surveys_dir": "VEIVISER_SURVEYS",
       "local_surveys_dir": "VEIVISER_LOCAL_SURVEYS", "exports_dir": "VEIVISER_EXPORTS",
       "releases_dir": "VEIVISER_RELEASES", "feedback_k": "VEIVISER_FEEDBACK_K", "today": "VEIVISER_TODAY"}


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
    releases_dir: Path              # recorded releases (`veiviser release`): what is published
    today: datetime.date            # publication periods count from it
    feedback_k: int = DEFAULT_K
    feedback_period_months: int = 6      # half-years
    review_months: int = 12         # the review cycle of every catalogue entry
    review_months_access: int = 6   # ... of access routes and contact details
    editors_email: str | None = None         # proposals offer a mailto: to it
    repository_edit_url: str | None = None   # a web editor for a data file; {path} = data/services/...

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
            raise BuildError([Problem(config_file.name, f"extra.{EXTRA_KEY}", "må være et oppslag med innstilling: verdi")])
        unknown = sorted(set(ours) - KNOWN_KEYS)
        if unknown:
            raise BuildError([Problem(config_file.name, f"extra.{EXTRA_KEY}.{unknown[0]}",
                                      f"ukjent innstilling; kjente: {', '.join(sorted(KNOWN_KEYS))}")])

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
        releases = environ.get(ENV["releases_dir"])
        releases_dir = path(releases) if releases else exports_dir.parent / "releases"
        local = environ.get(ENV["local_surveys_dir"]) or ours.get("local_surveys")
        k_text = environ.get(ENV["feedback_k"])
        k_value, k_where = (k_text, ENV["feedback_k"]) if k_text else (ours.get("feedback_k", DEFAULT_K),
                                                                      f"{shown}.feedback_k")
        return cls(root=root, config_file=config_file, docs_dir=Path(docs_dir),
                   data_dir=data.resolve(), indicators_dir=root / "data",
                   surveys_dir=path(environ.get(ENV["surveys_dir"]) or "surveys"),
                   local_surveys_dir=path(local) if local else None,
                   exports_dir=exports_dir, releases_dir=releases_dir,
                   today=check_today(environ.get(ENV["today"])), feedback_k=check_k(k_value, k_where),
                   feedback_period_months=check_period(ours.get("feedback_period_months", 6),
                                                       f"{shown}.feedback_period_months"),
                   review_months=check_months(ours.get("review_months", 12), f"{shown}.review_months"),
                   review_months_access=check_months(ours.get("review_months_access", 6),
                                                     f"{shown}.review_months_access"),
                   editors_email=check_email(ours.get("editors_email"), f"{shown}.editors_email"),
                   repository_edit_url=check_edit_url(ours.get("repository_edit_url"),
                                                      f"{shown}.repository_edit_url"))


def check_k(value, where: str) -> int:
    if isinstance(value, bool):
        value = None
    try:
        k = int(value)
        if str(k) != str(value).strip():
            raise ValueError
    except (TypeError, ValueError):
        raise BuildError([Problem("", where, f"{value!r} er ikke et helt tall")]) from None
    if k < 2:
        raise BuildError([Problem("", where, f"{k} er for lite: det minste tallet som publiseres, må være minst 2")])
    return k


def check_today(value: str | None) -> datetime.date:
    if not value:
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BuildError([Problem("", ENV["today"], f"{value!r} er ikke en dato (ÅÅÅÅ-MM-DD)")]) from None


def check_period(value, where: str) -> int:
    """Months per publication period: a whole number of periods in a year."""
    if isinstance(value, bool) or value not in PERIOD_MONTHS:
        raise BuildError([Problem("", where, f"{value!r}: en periode må være "
                                             f"{', '.join(map(str, PERIOD_MONTHS))} måneder")])
    return value


def check_months(value, where: str) -> int:
    """A review cycle: a whole number of months from 1 to 120."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 120:
        raise BuildError([Problem("", where, f"{value!r} is not a whole number of months from 1 to 120")])
    return value


def check_email(value, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[^@\s<>\"'?&]+@[^@\s<>\"'?&]+\.[A-Za-z]{2,}", value):
        raise BuildError([Problem("", where, f"{value!r} is not an e-mail address")])
    return value


def check_edit_url(value, where: str) -> str | None:
    """An https address with a {path} placeholder (the data file's path from the project root)."""
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"https://[^\s<>\"']+", value) or "{path}" not in value:
        raise BuildError([Problem("", where, f"{value!r} must be an https:// address with {{path}} in it")])
    return value


def find_config(start: Path | None = None) -> Path:
    """mkdocs.yml in the current folder or a parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    raise BuildError([Problem(str(here), "", f"ingen {CONFIG_FILE} her eller i en mappe over; "
                                              "kjør veiviser build fra prosjektmappen")])
