"""Read data/indicators/*.csv and check each row against its JSON Schema
(src/veiviser/schemas/<name>.schema.json describes one row; every cell is text).

Every problem in every file is reported at once, as Problem(file, "line N, field X", message).
"""
from __future__ import annotations

import csv
from pathlib import Path

from .. import schemas
from ..problems import IndicatorError, Problem, schema_problems

CSV_FILES = ["fafo-indicators", "sintef-2016-tiltak", "sintef-2016-utdanning", "sintef-2016-kommuner",
             "sandnes-fit", "brukerplan"]


def csv_path(data_dir: Path, name: str) -> Path:
    return Path(data_dir) / "indicators" / f"{name}.csv"


def load_all(data_dir: Path) -> dict[str, list[dict]]:
    """CSV name -> its rows (dicts of strings); IndicatorError lists every problem found."""
    problems: list[Problem] = []
    data = {name: read_csv(csv_path(data_dir, name), name, shown(data_dir, name), problems) for name in CSV_FILES}
    if problems:
        raise IndicatorError(problems)
    return data


def shown(data_dir: Path, name: str) -> str:
    """The file as messages name it: data/indicators/x.csv."""
    return f"{Path(data_dir).name}/indicators/{name}.csv"


def read_csv(path: Path, name: str, file: str, problems: list[Problem]) -> list[dict]:
    """The rows of one CSV; problems appended (the header first: with wrong columns no row is read)."""
    schema = schemas.load(name)
    validator = schemas.validator(name)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            expected = list(schema["properties"])
            if header != expected:
                problems.append(Problem(file, "linje 1", f"kolonnene er {', '.join(header) or 'borte'}; "
                                                        f"skjemaet venter {', '.join(expected)}"))
                return []
            rows = []
            for row in reader:
                for p in schema_problems(validator, row, file):
                    problems.append(Problem(file, f"linje {reader.line_num}, felt {p.field}", p.message))
                rows.append(row)
    except OSError as exc:
        problems.append(Problem(file, "", f"kan ikke leses: {exc.strerror or exc}"))
        return []
    except UnicodeDecodeError:
        problems.append(Problem(file, "", "er ikke UTF-8-tekst; lagre filen som UTF-8"))
        return []
    return rows


# --- the tables as the charts and pages read them ---------------------------------------------

def goal_areas(rows: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """Fafo indicators by goal area: (table, goal area, rows) in the report's order."""
    out: dict[str, tuple[str, str, list[dict]]] = {}
    for r in rows:
        out.setdefault(r["tabell"], (r["tabell"], r["malomrade"], []))[2].append(r)
    return sorted(out.values(), key=lambda t: float(t[0]))


def national_row(rows: list[dict]) -> dict:
    """The row for the whole country in the SINTEF appendix."""
    return next(r for r in rows if r["type"] == "land")
