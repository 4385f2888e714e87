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

    `what` says what was being read ("katalogen", "eksportfilene"), so a message reads
    "3 feil i katalogen:" followed by one line per problem. Messages are in bokmål, like
    everything else a user of the site or the command line reads."""

    what = "inndataene"

    def __init__(self, problems: Iterable[Problem | str] | Problem | str, what: str | None = None):
        if isinstance(problems, (str, Problem)):
            problems = [problems]
        self.problems = [p if isinstance(p, Problem) else Problem("", "", str(p)) for p in problems]
        if what:
            self.what = what
        lines = [f"{len(self.problems)} feil i {self.what}:"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class CatalogueError(VeiviserError):
    what = "katalogen"


class SurveyError(VeiviserError):
    what = "skjemadefinisjonene"


class FeedbackError(VeiviserError):
    what = "eksportfilene"


class IndicatorError(VeiviserError):
    what = "indikatortabellene"


class BuildError(VeiviserError):
    what = "byggingen"


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
        problems.append(Problem(file, *schema_message(err, where)))
    return problems


TYPE_NAMES = {"string": "en tekst", "integer": "et helt tall", "number": "et tall", "boolean": "true eller false",
              "object": "et oppslag (felt: verdi)", "array": "en liste", "null": "null"}


def schema_message(err, where: str) -> tuple[str, str]:
    """(field, message in bokmål) for one jsonschema error; its own English for rare kinds."""
    v, value = err.validator, err.validator_value
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return (f"{where}.{missing}" if where else missing), "er påkrevd (bruk null når kilden ikke sier det)"
    if v == "additionalProperties":
        allowed = set((err.schema or {}).get("properties", {}))
        extra = sorted(str(k) for k in (err.instance if isinstance(err.instance, dict) else {}) if k not in allowed)
        return where, f"ukjent felt: {', '.join(repr(k) for k in extra) or err.message}"
    if v == "enum":
        return where, f"{err.instance!r} er ikke tillatt; bruk en av {', '.join(repr(x) for x in value)}"
    if v == "type":
        kinds = value if isinstance(value, list) else [value]
        return where, f"{short(repr(err.instance), 80)} skal være {' eller '.join(TYPE_NAMES.get(k, k) for k in kinds)}"
    if v == "pattern":
        return where, f"{short(repr(err.instance), 80)} har feil form (skal passe til {value})"
    if v in ("minimum", "exclusiveMinimum"):
        return where, f"{err.instance} er for lite (minst {value})"
    if v in ("maximum", "exclusiveMaximum"):
        return where, f"{err.instance} er for stort (høyst {value})"
    if v == "minItems":
        return where, f"må ha minst {value} element{'er' if value != 1 else ''}"
    if v == "maxItems":
        return where, f"kan ha høyst {value} elementer"
    if v == "minLength":
        return where, f"må ha minst {value} tegn"
    if v == "maxLength":
        return where, f"kan ha høyst {value} tegn"
    if v == "const":
        return where, f"må være {value!r}"
    if v == "uniqueItems":
        return where, "har samme element flere ganger"
    if v == "format":
        return where, f"{short(repr(err.instance), 80)} er ikke en gyldig {value}"
    return where, short(err.message)


def short(message: str, limit: int = 200) -> str:
    """jsonschema quotes the whole instance in some messages; keep them readable."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def read_yaml(path: Path, shown: str, problems: list[Problem]) -> Any:
    """The YAML file's data, or None with the problem appended (bad YAML, not UTF-8)."""
    try:
        return yaml.load(Path(path).read_text("utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"linje {mark.line + 1}" if mark else ""
        problems.append(Problem(shown, where, f"er ikke gyldig YAML: {getattr(exc, 'problem', exc)}"))
    except UnicodeDecodeError:
        problems.append(Problem(shown, "", "er ikke UTF-8-tekst; lagre filen som UTF-8"))
    except OSError as exc:
        problems.append(Problem(shown, "", f"kan ikke leses: {exc.strerror or exc}"))
    return None
