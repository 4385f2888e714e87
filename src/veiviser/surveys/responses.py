"""Responses and exports from files, for the command line (veiviser aggregate, veiviser merge).

Every problem raises ResponseError with Problems naming the file, the line or column, and
what is wrong; all problems of one run at once. The messages are in bokmål, like core's (the
merge page in the browser shows the same ones).

A CSV may come from Norwegian Excel, which saves Windows-1252 (cp1252) unless told to save
«CSV UTF-8»: such a file is read when it holds only letters a Norwegian file has (a note says
so); anything else is refused with the advice to save the file as UTF-8.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import repeat
from operator import itemgetter
from pathlib import Path

import yaml

from ..core import definition as definition_mod
from ..problems import Problem, VeiviserError

SAVE_AS_UTF8 = ("lagre filen som UTF-8 (i Excel: Fil → Lagre som → «CSV UTF-8 (kommadelt)»), "
                "og prøv igjen")
# Letters beyond ASCII a Norwegian CSV from Excel may hold: with cp1252 anything else is more
# likely a file in another encoding, read wrong.
NORWEGIAN_EXTRA = set("æøåÆØÅéèêëáàâäóòôöúùûüíìîïçñÉÈÁÀÓÒÖÜÄ«»–—‘’“”…€§°½·´`¨ ")


class ResponseError(VeiviserError):
    what = "svarene"


def read_mapping(path: Path) -> tuple[dict, dict]:
    """A mapping file: {columns: {CSV column: item id}, values: {item id: {cell text: value}}}.
    A flat map {CSV column: item id} is read as columns only."""
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8")) or {}
    except FileNotFoundError:
        raise ResponseError([Problem(str(path), "", "finnes ikke")]) from None
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ResponseError([Problem(str(path), "", f"kan ikke leses som YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise ResponseError([Problem(str(path), "", "må være et oppslag fra CSV-kolonne til spørsmåls-id")])
    if "columns" in data or "values" in data:
        columns, values = data.get("columns") or {}, data.get("values") or {}
    else:
        columns, values = data, {}
    if not isinstance(columns, dict) or not all(isinstance(v, str) for v in columns.values()):
        raise ResponseError([Problem(str(path), "columns", "må gi en spørsmåls-id for hver CSV-kolonne")])
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise ResponseError([Problem(str(path), "values", "må være spørsmåls-id -> {celletekst: svar}")])
    return {str(k): v for k, v in columns.items()}, values


def read_text(path: Path, csv_file: bool, notes: list | None) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with a BOM, or for a CSV
    Windows-1252 holding only Norwegian letters; otherwise ResponseError."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ResponseError([Problem(str(path), "", "finnes ikke")]) from None
    except IsADirectoryError:
        raise ResponseError([Problem(str(path), "", "er en mappe, ikke en fil")]) from None
    except OSError as exc:
        raise ResponseError([Problem(str(path), "", f"kan ikke leses: {exc.strerror or exc}")]) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ResponseError([Problem(str(path), "", "er ikke gyldig UTF-16-tekst; " + SAVE_AS_UTF8)]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = f"linje {line}"
    if csv_file and b"\0" not in data:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is not None and all(ch in NORWEGIAN_EXTRA for ch in text if ord(ch) > 127):
            if notes is not None:
                notes.append(f"{path}: lest som Windows-1252 (cp1252), slik norsk Excel lagrer CSV; "
                             "lagre filen som UTF-8 neste gang")
            return text
    raise ResponseError([Problem(str(path), where, "er ikke UTF-8-tekst; " + SAVE_AS_UTF8)])


class CsvResponses(Sequence):
    """The responses of a CSV file: a list of ((file, line), answers) like read_responses gives
    for JSON Lines, kept column by column. `answers` holds each used column as {item id: [answer
    per row]}: every cell stripped and mapped (--map values), a missing cell blank, a repeated
    column name the last column of that name (as csv.DictReader reads them). Each distinct cell
    text is mapped once, and a row's {item id: answer} is made only when it is asked for."""

    def __init__(self, path: Path | str, rows: Sequence[list[str]], header: list[str], used: dict, values: dict,
                 cells: dict[int, list[str]] | None = None):
        """rows: the rows under the header; or, when every row has the header's width, their
        cells column by column ({column position: cells}, rows then only for the count)."""
        self.file = str(path)
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
        return (self.file, f"linje {i + 2}"), {item: column[i] for item, column in self.answers.items()}


def read_responses(path: Path, d: definition_mod.Definition, mapping: Path | None = None,
                   notes: list | None = None,
                   ignore_columns: bool = False) -> Sequence[tuple[tuple[str, str], dict]]:
    """[((file, line), answers)] from JSON Lines (.jsonl/.json) or CSV (.csv, ; or , separated:
    CsvResponses, which keeps them column by column, with the rows csv.DictReader gives).
    A CSV column that is not an item (after --map) is an error unless ignore_columns."""
    import csv
    path = Path(path)
    is_csv = path.suffix.lower() == ".csv"
    text = read_text(path, is_csv, notes)
    if not text.strip():
        raise ResponseError([Problem(str(path), "", "filen er tom: den har ingen svar")])
    out = []
    if is_csv:
        columns, values = read_mapping(mapping) if mapping else ({}, {})
        lines = text.splitlines()
        try:
            delimiter = csv.Sniffer().sniff(lines[0], delimiters=",;\t").delimiter
        except csv.Error:     # one column
            delimiter = ","
        # The header is the first line (a blank one has no columns); the rows are the lines
        # under it that are not blank, as csv.DictReader skips them.
        if '"' not in text and "\0" not in text and len(set(map(str.count, lines, repeat(delimiter)))) == 1:
            # No quoting, and every line as wide as the header: the same cells as csv.reader's,
            # split in one go and taken column by column.
            header = lines[0].split(delimiter) if lines[0] else []
            body = [line for line in lines[1:] if line]
            flat = delimiter.join(body).split(delimiter) if body and header else []
            cells: dict[int, list[str]] | None = {i: flat[i::len(header)] for i in range(len(header))}
            rows: Sequence[list[str]] = range(len(body) if header else 0)
        else:
            reader = csv.reader(lines, delimiter=delimiter)
            header = next(reader, [])
            rows, cells = [row for row in reader if row], None
        item_ids = [i.id for i in d.items]
        used = {col: columns.get(col, col) for col in header if columns.get(col, col) in item_ids}
        unknown = [col for col in header if col not in used]
        known = ", ".join(item_ids)
        if not used:
            raise ResponseError([Problem(str(path), "kolonner", f"ingen kolonne er et spørsmål i {d.id} "
                                         f"(spørsmålene er {known}); bruk --map for å gi kolonnene nye navn")])
        if unknown and not ignore_columns:
            raise ResponseError([Problem(str(path), f"kolonnen «{col}»",
                                         f"er ikke et spørsmål i {d.id} (spørsmålene er {known}); bruk "
                                         "--map for å gi kolonnen et nytt navn, eller --ignore-columns for "
                                         "å hoppe over kolonner som ikke er spørsmål") for col in unknown])
        if unknown and notes is not None:
            notes.append(f"{path}: hoppet over kolonnene {', '.join(f'«{c}»' for c in unknown)} (--ignore-columns)")
        if not rows:
            raise ResponseError([Problem(str(path), "", "filen har ingen svar, bare overskriftsraden")])
        return CsvResponses(path, rows, header, used, values, cells)
    else:
        for line_no, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ResponseError([Problem(str(path), f"linje {line_no}",
                                             f"er ikke gyldig JSON ({exc.msg}); hver linje skal være ett "
                                             "svar som et JSON-objekt")]) from None
            if not isinstance(obj, dict):
                raise ResponseError([Problem(str(path), f"linje {line_no}",
                                             "må være et JSON-objekt fra spørsmåls-id til svar")])
            out.append(((str(path), f"linje {line_no}"), obj))
    return out


def asked_items(path: Path, responses: Sequence[tuple[tuple[str, str], dict]]) -> set | None:
    """The items a CSV file asked (its columns that match an item; every row has them all),
    None for JSON Lines, whose records leave unanswered items out. A response must answer
    enough of the items it was asked (core.response.too_few)."""
    if Path(path).suffix.lower() != ".csv" or not responses:
        return None
    if isinstance(responses, CsvResponses):
        return set(responses.answers)
    return set(responses[0][1])


def aggregate_file(d: definition_mod.Definition, responses: Sequence[tuple[tuple[str, str], dict]], month: str,
                   device: str, service: str | None, k: int | None, asked: set | None = None) -> dict:
    """The export of these responses (in file order, all dated `month`), or ResponseError
    listing every response that does not fit the definition, one that answers too little
    included (the forms refuse those too).

    Each row is checked once, and each distinct answer read once, column by column
    (core.response.check_columns / read_columns); only when something does not fit is each
    response checked on its own (check_answers), to list every problem with its line."""
    from ..core import export as export_mod
    from ..core.release import RecordError, check_month
    from ..core.response import check_answers, check_columns, read_columns
    try:
        check_month(month, "--month")
    except RecordError as exc:
        raise ResponseError([str(exc)]) from None
    if k is not None and k < d.k:
        raise ResponseError([Problem("--k", "", f"{k} er mindre enn skjemaets k = {d.k}; en slik eksport "
                                                "blir avvist når den skal slås sammen eller publiseres")])
    if isinstance(responses, CsvResponses):
        # All rows are this survey's, dated `month`; build() reads the answers from the columns.
        records = [{"survey": d.id, "version": d.version, "month": month}] * len(responses)
        columns = check_columns(d, responses.answers, len(responses), asked)
    else:
        records = []
        for _, answers in responses:
            if "answers" in answers and "month" in answers:     # a stored browser record
                records.append(answers)
            else:
                records.append({"survey": d.id, "version": d.version, "month": month, "answers": answers})
        columns = read_columns(d, [record.get("answers") for record in records], asked)
    if columns is None:
        problems: list[Problem] = []
        for (file, line), answers in responses:
            if "answers" in answers and "month" in answers:     # a stored browser record
                answers = answers.get("answers")
            checked = check_answers(d, answers, asked)
            problems += [Problem(file, line, f"{e['item']}: {e['message']}" if e["item"] else e["message"])
                         for e in checked.errors]
        if problems:
            raise ResponseError(problems)
        if isinstance(responses, CsvResponses):     # (not reached: every row fits, so columns are read)
            records = [{**records[0], "answers": answers} for _, answers in responses]
    try:
        return export_mod.build(d, records, device, service, k, asked, columns=columns)
    except ValueError as exc:
        raise ResponseError([str(exc)]) from None


def merge_files(paths: list[Path], definitions: list[dict], k_min: int) -> dict:
    """core.merge.merge_files on these files: {"merged", "files"}; ResponseError names every
    file and its problem."""
    from ..core.merge import MergeError, merge_files as core_merge
    files, problems = [], []
    for path in paths:
        try:
            files.append((str(path), Path(path).read_text("utf-8")))
        except FileNotFoundError:
            problems.append(Problem(str(path), "", "finnes ikke"))
        except IsADirectoryError:
            problems.append(Problem(str(path), "", "er en mappe, ikke en fil"))
        except UnicodeDecodeError:
            problems.append(Problem(str(path), "", "er ikke UTF-8-tekst; er dette en eksportfil fra Veiviser?"))
        except OSError as exc:
            problems.append(Problem(str(path), "", f"kan ikke leses: {exc.strerror or exc}"))
    try:
        result = core_merge(files, definitions, k_min) if files else None
    except MergeError as exc:
        problems += exc.problems
        result = None
    if problems or result is None:
        raise ResponseError(problems or ["ingenting å slå sammen"], what="eksportfilene")
    return result
