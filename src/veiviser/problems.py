"""One problem model for every flow: a Problem names the file, the field and what is wrong;
a VeiviserError carries all problems found, so one run shows every mistake at once.

jsonschema errors become Problems here and nowhere else (`schema_problems`), with one path
syntax (`items[2].options`) and one message per mistake.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

# libyaml's C parser when PyYAML has it (same safe constructor, about 10x faster).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        """"file: field: message"; a part that is empty is left out (a whole-file problem
        reads "file: message")."""
        return ": ".join(part for part in (self.file, self.field, self.message) if part)


class VeiviserError(ValueError):
    """Every problem found by one step; str() lists them one per line.

    `what` says what was being read ("the catalogue", "the feedback exports"), so a message
    reads "3 problem(s) in the catalogue:" followed by one line per problem."""

    what = "the input"

    def __init__(self, problems: Iterable[Problem | str] | Problem | str, what: str | None = None):
        if isinstance(problems, (str, Problem)):
            problems = [problems]
        self.problems = [p if isinstance(p, Problem) else Problem("", "", str(p)) for p in problems]
        if what:
            self.what = what
        lines = [f"{len(self.problems)} problem(s) in {self.what}:"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class CatalogueError(VeiviserError):
    what = "the catalogue"


class SurveyError(VeiviserError):
    what = "the survey definitions"


class FeedbackError(VeiviserError):
    what = "the feedback exports"


class IndicatorError(VeiviserError):
    what = "the indicator tables"


class BuildError(VeiviserError):
    what = "the build"


def field_path(parts: Iterable[Any]) -> str:
    """['items', 2, 'options'] -> 'items[2].options' (the one path syntax of every message)."""
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out


def schema_problems(validator, data: Any, file: str) -> list[Problem]:
    """jsonschema errors as Problems: one per mistake, the deepest useful message.

    A wrong value deep inside a list item makes jsonschema report the item (oneOf/anyOf)
    and each branch; `best_match` per top-level error keeps one message, never a dump of
    the whole item."""
    from jsonschema.exceptions import best_match

    problems = []
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for err in errors:
        if err.context:
            err = best_match(err.context) or err
        where = field_path(err.absolute_path)
        if err.validator == "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            where = f"{where}.{missing}" if where else missing
            problems.append(Problem(file, where, "is required (use null when the source does not say)"))
        elif err.validator == "additionalProperties":
            problems.append(Problem(file, where, f"unknown field: {err.message}"))
        elif err.validator == "enum":
            allowed = ", ".join(repr(v) for v in err.validator_value)
            problems.append(Problem(file, where, f"{err.instance!r} is not allowed; use one of {allowed}"))
        else:
            problems.append(Problem(file, where, short(err.message)))
    return problems


def short(message: str, limit: int = 200) -> str:
    """jsonschema quotes the whole instance in some messages; keep them readable."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> Any:
    """The YAML file's data, or None with the problem appended (bad YAML, not UTF-8)."""
    try:
        return yaml.load(Path(path).read_text("utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problems.append(Problem(shown, where, f"is not valid YAML: {getattr(exc, 'problem', exc)}"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(shown, "", f"is not UTF-8 text: {exc}"))
    except OSError as exc:
        problems.append(Problem(shown, "", f"cannot be read: {exc.strerror or exc}"))
    return None
