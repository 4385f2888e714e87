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


def read_responses(path: Path, d: definition_mod.Definition, mapping: Path | None = None,
                   notes: list | None = None, ignore_columns: bool = False) -> list[tuple[tuple[str, str], dict]]:
    """[((file, line), answers)] from JSON Lines (.jsonl/.json) or CSV (.csv, ; or , separated).
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
        reader = csv.DictReader(lines, delimiter=delimiter)
        item_ids = [i.id for i in d.items]
        header = reader.fieldnames or []
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
        for row_no, row in enumerate(reader, start=2):
            answers = {}
            for col, item_id in used.items():
                cell = (row.get(col) or "").strip()
                answers[item_id] = values.get(item_id, {}).get(cell, cell)
            out.append(((str(path), f"linje {row_no}"), answers))
        if not out:
            raise ResponseError([Problem(str(path), "", "filen har ingen svar, bare overskriftsraden")])
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
    if k is not None and k < d.k:
        raise ResponseError([Problem("--k", "", f"{k} er mindre enn skjemaets k = {d.k}; en slik eksport "
                                                "blir avvist når den skal slås sammen eller publiseres")])
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
