"""Responses and exports from files, for the command line (veiviser aggregate, veiviser merge).

Every problem raises ResponseError naming the file (and line or column) and what is wrong.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter
from pathlib import Path

import yaml

from ..core import definition as definition_mod
from ..problems import VeiviserError


class ResponseError(VeiviserError):
    what = "the responses"



def read_mapping(path: Path) -> tuple[dict, dict]:
    """A mapping file: {columns: {CSV column: item id}, values: {item id: {cell text: value}}}.
    A flat map {CSV column: item id} is read as columns only."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ResponseError([f"{path}: cannot read the mapping: {exc}"]) from None
    if not isinstance(data, dict):
        raise ResponseError([f"{path}: a mapping must be a map of CSV column -> item id"])
    if "columns" in data or "values" in data:
        columns, values = data.get("columns") or {}, data.get("values") or {}
    else:
        columns, values = data, {}
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise ResponseError([f"{path}: columns: must map each CSV column to an item id"])
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise ResponseError([f"{path}: values: must map item id -> {{cell text: answer}}"])
    return {str(k): v for k, v in columns.items()}, values


class CsvResponses(Sequence):
    """The responses of a CSV file: a list of (where, answers) like read_responses gives for
    JSON Lines, kept column by column. `answers` holds each used column as {item id: [answer
    per row]}: every cell stripped and mapped (--map values), a missing cell blank, a repeated
    column name the last column of that name. Each distinct cell text is mapped once, and a
    row's {item id: answer} is made only when it is asked for."""

    def __init__(self, path: Path, rows: list[list[str]], header: list[str], used: dict, values: dict,
                 cells: dict[int, list[str]] | None = None):
        """rows: the rows under the header; or, when every row has the header's width, their
        cells column by column ({column position: cells}, rows then only for the count)."""
        self.where = f"{path}: line "
        self.n = len(rows)
        width = len(header)
        position = {col: i for i, col in enumerate(header)}       # the last column of a name wins
        if cells is None:
            if set(map(len, rows)) - {width}:
                rows = [(row + [""] * width)[:width] for row in rows]
            cells = {i: list(map(itemgetter(i), rows)) for i in set(position.values())}
        self.answers: dict[str, list] = {}
        for col, item_id in used.items():
            column = cells[position[col]]
            mapped = values.get(item_id, {})
            answer = {}
            for cell in set(column):
                text = cell.strip()
                answer[cell] = mapped.get(text, text)
            if any(answer[cell] is not cell for cell in answer):
                column = list(map(answer.__getitem__, column))
            self.answers[item_id] = column

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.n))]
        if not -self.n <= i < self.n:
            raise IndexError(i)
        i %= self.n
        return self.where + str(i + 2), {item: column[i] for item, column in self.answers.items()}


def read_responses(path: Path, d: definition_mod.Definition, mapping: Path | None = None,
                   notes: list | None = None) -> Sequence[tuple[str, dict]]:
    """[(where, answers)] from JSON Lines (.jsonl/.json) or CSV (.csv, ; or , separated:
    CsvResponses, which keeps them column by column)."""
    import csv
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResponseError([f"{path}: cannot read: {exc}"]) from None
    out = []
    if path.suffix.lower() == ".csv":
        columns, values = read_mapping(mapping) if mapping else ({}, {})
        lines = text.splitlines()
        try:
            delimiter = csv.Sniffer().sniff(lines[0], delimiters=",;\t").delimiter
        except (csv.Error, IndexError):     # one column, or an empty file
            delimiter = ","
        lines = [line for line in lines if line]
        if '"' not in text and len(set(map(str.count, lines, repeat(delimiter)))) == 1:
            # No quoting, and every row as wide as the header: the same cells as csv.reader's,
            # split in one go and taken column by column.
            header = lines[0].split(delimiter)
            flat = delimiter.join(lines[1:]).split(delimiter) if len(lines) > 1 else []
            cells = {i: flat[i::len(header)] for i in range(len(header))}
            responses = len(lines) - 1
        else:
            rows = [row for row in csv.reader(lines, delimiter=delimiter) if row]
            header = rows.pop(0) if rows else []
            cells, responses = None, len(rows)
        item_ids = {i.id for i in d.items}
        used = {col: columns.get(col, col) for col in header if columns.get(col, col) in item_ids}
        if not used:
            raise ResponseError([f"{path}: no column matches an item of {d.id} "
                               f"({', '.join(sorted(item_ids))}); use --map to rename columns"])
        ignored = [col for col in header if col not in used]
        if ignored and notes is not None:
            notes.append(f"{path}: ignored columns: {', '.join(ignored)}")
        return CsvResponses(path, rows if cells is None else range(responses), header, used, values, cells)
    else:
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ResponseError([f"{path}: line {line_no}: not valid JSON ({exc.msg})"]) from None
            if not isinstance(obj, dict):
                raise ResponseError([f"{path}: line {line_no}: must be an object of item id -> answer"])
            out.append((f"{path}: line {line_no}", obj))
    return out


def aggregate_file(d: definition_mod.Definition, responses: list[tuple[str, dict]], month: str,
                   device: str, service: str | None, k: int | None) -> dict:
    """The export of these responses (in file order, all dated `month`), or ResponseError
    listing every response that does not fit the definition."""
    from ..core import export as export_mod
    from ..core.release import RecordError, check_month
    from ..core.response import check_answers, check_columns, read_columns
    try:
        check_month(month, "--month")
    except RecordError as exc:
        raise ResponseError([str(exc)]) from None
    if isinstance(responses, CsvResponses):
        # Column by column: all rows are this survey's, dated `month`, and build() reads the
        # answers from the columns (so the records need none).
        records = [{"survey": d.id, "version": d.version, "month": month}] * len(responses)
        columns = check_columns(d, responses.answers, len(responses))
    else:
        records = []
        for where, answers in responses:
            if "answers" in answers and "month" in answers:     # a stored browser record
                records.append(answers)
            else:
                records.append({"survey": d.id, "version": d.version, "month": month, "answers": answers})
        columns = read_columns(d, [record.get("answers") for record in records])
    # Each row is checked once, and each distinct answer read once (check_columns); only when
    # something does not fit is each response checked on its own, to list every problem with
    # its line.
    if columns is None:
        problems = []
        for where, answers in responses:
            if not ("answers" in answers and "month" in answers):
                answers = {"answers": answers}
            checked = check_answers(d, answers.get("answers"))
            problems += [f"{where}: {e['item']}: {e['message']}" for e in checked.errors]
        if problems:
            raise ResponseError(problems)
        if isinstance(responses, CsvResponses):     # (not reached: a CSV cell is text, always read)
            records = [{**records[0], "answers": answers} for _, answers in responses]
    try:
        return export_mod.build(d, records, device, service, k, columns)
    except ValueError as exc:
        raise ResponseError([str(exc)]) from None


def merge_files(paths: list[Path]) -> dict:
    """Read and merge exports; ResponseError names the file and the problem."""
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
        raise ResponseError(problems)
    try:
        return merge_exports(docs, [str(p) for p in paths])
    except ValueError as exc:
        raise ResponseError([str(exc)]) from None
