"""Responses and exports from files, for the command line (veiviser aggregate, veiviser merge).

Every problem raises ResponseError with Problems naming the file, the line or column, and
what is wrong; all problems of one run at once.
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..core import definition as definition_mod
from ..problems import Problem, VeiviserError


class ResponseError(VeiviserError):
    what = "the responses"

def read_mapping(path: Path) -> tuple[dict, dict]:
    """A mapping file: {columns: {CSV column: item id}, values: {item id: {cell text: value}}}.
    A flat map {CSV column: item id} is read as columns only."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ResponseError([Problem(str(path), "", f"cannot read the mapping: {exc}")]) from None
    if not isinstance(data, dict):
        raise ResponseError([Problem(str(path), "", "a mapping must be a map of CSV column -> item id")])
    if "columns" in data or "values" in data:
        columns, values = data.get("columns") or {}, data.get("values") or {}
    else:
        columns, values = data, {}
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise ResponseError([Problem(str(path), "columns", "must map each CSV column to an item id")])
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise ResponseError([Problem(str(path), "values", "must map item id -> {cell text: answer}")])
    return {str(k): v for k, v in columns.items()}, values


def read_responses(path: Path, d: definition_mod.Definition, mapping: Path | None = None,
                   notes: list | None = None) -> list[tuple[tuple[str, str], dict]]:
    """[((file, line), answers)] from JSON Lines (.jsonl/.json) or CSV (.csv, ; or , separated)."""
    import csv
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResponseError([Problem(str(path), "", f"cannot read: {exc}")]) from None
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
            raise ResponseError([Problem(str(path), "columns", f"no column matches an item of {d.id} "
                                         f"({', '.join(sorted(item_ids))}); use --map to rename columns")])
        ignored = [col for col in header if col not in used]
        if ignored and notes is not None:
            notes.append(f"{path}: ignored columns: {', '.join(ignored)}")
        for row_no, row in enumerate(reader, start=2):
            answers = {}
            for col, item_id in used.items():
                cell = (row.get(col) or "").strip()
                answers[item_id] = values.get(item_id, {}).get(cell, cell)
            out.append(((str(path), f"line {row_no}"), answers))
    else:
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ResponseError([Problem(str(path), f"line {line_no}", f"not valid JSON ({exc.msg})")]) from None
            if not isinstance(obj, dict):
                raise ResponseError([Problem(str(path), f"line {line_no}", "must be an object of item id -> answer")])
            out.append(((str(path), f"line {line_no}"), obj))
    return out


def asked_items(path: Path, responses: list[tuple[tuple[str, str], dict]]) -> set | None:
    """The items a CSV file asked (its columns that match an item; every row has them all),
    None for JSON Lines, whose records leave unanswered items out. A response must answer
    enough of the items it was asked (core.response.too_few)."""
    if Path(path).suffix.lower() != ".csv" or not responses:
        return None
    return set(responses[0][1])


def aggregate_file(d: definition_mod.Definition, responses: list[tuple[tuple[str, str], dict]], month: str,
                   device: str, service: str | None, k: int | None, asked: set | None = None) -> dict:
    """The export of these responses (in file order, all dated `month`), or ResponseError
    listing every response that does not fit the definition, one that answers too little
    included (the forms refuse those too)."""
    from ..core import export as export_mod
    from ..core.release import RecordError, check_month
    from ..core.response import check_answers
    try:
        check_month(month, "--month")
    except RecordError as exc:
        raise ResponseError([str(exc)]) from None
    problems: list[Problem] = []
    records = []
    for (file, line), answers in responses:
        if "answers" in answers and "month" in answers:     # a stored browser record
            record = answers
        else:
            record = {"survey": d.id, "version": d.version, "month": month, "answers": answers}
        checked = check_answers(d, record.get("answers"), asked)
        problems += [Problem(file, line, f"{e['item']}: {e['message']}" if e["item"] else e["message"])
                     for e in checked.errors]
        records.append(record)
    if problems:
        raise ResponseError(problems)
    try:
        return export_mod.build(d, records, device, service, k, asked)
    except ValueError as exc:
        raise ResponseError([str(exc)]) from None


def merge_files(paths: list[Path]) -> dict:
    """Read and merge exports; ResponseError names the file and the problem."""
    from ..core import export as export_mod
    from ..core.merge import merge_exports
    docs = []
    problems: list[Problem | str] = []
    for path in paths:
        try:
            docs.append(export_mod.from_json(Path(path).read_text("utf-8"), str(path)))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(str(path), "", f"cannot read: {exc}"))
        except ValueError as exc:       # core's message names the file and the field
            problems.append(str(exc))
    if problems:
        raise ResponseError(problems)
    try:
        return merge_exports(docs, [str(p) for p in paths])
    except ValueError as exc:
        raise ResponseError([str(exc)]) from None
