"""The national help lines (data/help-lines.yaml): read, checked against their schema, and laid
out by the shared fragment templates/help-now.html.j2 («Trenger du hjelp nå?»).

A shared module: every flow that shows the box (catalogue pages, form pages, the home and 404
pages) reads the same file through here; it imports no flow.
"""
from __future__ import annotations

from pathlib import Path

from . import schemas
from .problems import Problem, read_yaml, schema_problems
from .render import fragment

FILE = "help-lines.yaml"


def load(data_dir: Path | str, problems: list[Problem]) -> dict | None:
    """data/help-lines.yaml as read, or None with the problems appended."""
    shown = f"data/{FILE}"
    before = len(problems)
    data = read_yaml(Path(data_dir) / FILE, shown, problems)
    if data is None:
        if len(problems) == before:
            problems.append(Problem(shown, "", "is empty"))
        return None
    found = schema_problems(schemas.validator("help-lines"), data, shown)
    problems.extend(found)
    return None if found else data


def box(help_lines: dict, prominent: bool = False):
    """The «Trenger du hjelp nå?» box as an HTML fragment (Markup)."""
    return fragment("help-now.html.j2", help=help_lines, prominent=prominent)
