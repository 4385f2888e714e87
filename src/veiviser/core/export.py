"""The export document (schema "veiviser-aggregate/1"): build it, write it, read it back.

from_json checks everything a reader relies on and names the field and the problem, so a
staff member who picked the wrong file learns which file and what is wrong with it.
"""
from __future__ import annotations

import json
import re
from itertools import repeat

from . import aggregate as aggregate_mod
from . import release
from .definition import Definition
from .response import check_answers, read_columns

SCHEMA = "veiviser-aggregate/1"
DEVICE_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SERVICE_RE = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*$")
MERGED = "merged"


class ExportError(ValueError):
    pass


def build(definition: Definition, records: list, device: str, service: str | None = None,
          k: int | None = None, columns: dict | None = None) -> dict:
    """The cumulative export of one device: records of this survey and version only,
    in whole batches of k (default: the definition's k), oldest first.

    columns: response.read_columns of every record's answers, in order, when the caller has
    read them already (veiviser aggregate checks every row): then nothing is read twice."""
    k = definition.k if k is None else k
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ExportError(f"k must be a whole number from 1, not {k!r}")
    if not isinstance(device, str) or not DEVICE_RE.match(device):
        raise ExportError(f"device {device!r}: use 1-64 letters, digits, - or _")
    if service is not None and (not isinstance(service, str) or not SERVICE_RE.match(service)):
        raise ExportError(f"service {service!r}: use lower-case ids separated by /, e.g. klepp/moteplassen")
    if not isinstance(records, list):
        raise ExportError("records must be a list")
    mine, months = _mine(definition, records)
    rows = release.releasable_rows(months, k)
    if isinstance(mine, range) and isinstance(rows, range):     # all of them, in order: the first ones
        released = records[: len(rows)]
    else:
        rows = [mine[j] for j in rows]
        released = [records[i] for i in rows]
    # Every distinct answer is read once (read_columns); only when something does not fit
    # is each record checked on its own, to say which record and why.
    if columns is None:
        columns = read_columns(definition, [rec.get("answers") for rec in released])
    elif isinstance(rows, range) or rows == list(range(len(rows))):    # the first ones, in order
        columns = {item: column.head(len(rows)) for item, column in columns.items()}
    else:
        columns = {item: column.take(rows) for item, column in columns.items()}
    if columns is not None:
        agg = aggregate_mod.from_columns(definition, columns, len(released))
    else:
        checked = []
        for rec in released:
            result = check_answers(definition, rec.get("answers"))
            if not result.valid:
                problems = "; ".join(f"{e['item']}: {e['message']}" for e in result.errors)
                raise ExportError(f"a record from {rec['month']} does not fit the definition: {problems}")
            checked.append(result)
        agg = aggregate_mod.aggregate(definition, checked)
    doc = {"schema": SCHEMA,
           "survey": {"id": definition.id, "version": definition.version, "hash": definition.hash},
           "device": device}
    if service is not None:
        doc["service"] = service
    doc.update({"period": release.period(released), "k": k, "n": agg["n"],
                "items": agg["items"], "scales": agg["scales"], "cumulative": True})
    return doc


def _mine(definition: Definition, records: list) -> tuple[list[int] | range, list]:
    """Positions of the records of this survey and version, and their months; ExportError for
    the first record that is not a map or has a bad month. (Each distinct month is checked once.)"""
    if all(map(isinstance, records, repeat(dict))):
        survey, version = definition.id, definition.version
        surveys = list(map(dict.get, records, repeat("survey")))
        versions = list(map(dict.get, records, repeat("version")))
        if surveys.count(survey) == len(records) and versions.count(version) == len(records):
            mine = range(len(records))      # all of them (one file, one survey)
            months = list(map(dict.get, records, repeat("month")))
        else:
            mine = [i for i, (s, v) in enumerate(zip(surveys, versions)) if s == survey and v == version]
            months = [records[i].get("month") for i in mine]
        try:
            distinct = set(months)
        except TypeError:       # an unhashable month: the loop below names the record
            distinct = None
        if distinct is not None and all(isinstance(m, str) and release.MONTH_RE.match(m) for m in distinct):
            return mine, months
    for i, rec in enumerate(records):     # something is wrong: say where, as a reader would look
        if not isinstance(rec, dict):
            raise ExportError(f"records[{i}]: a record must be a map with survey, version, month, answers")
        if rec.get("survey") == definition.id and rec.get("version") == definition.version:
            try:
                release.check_month(rec.get("month"), f"records[{i}]")
            except release.RecordError as exc:
                raise ExportError(str(exc)) from None
    raise AssertionError("a bad record was found, then not")   # pragma: no cover


def to_json(doc: dict) -> str:
    """Stable text: same export, same bytes (in CPython and in Pyodide)."""
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _is_count(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def from_json(text: str, source: str = "export") -> dict:
    """Parse and check an export; ExportError names source, field and problem."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise ExportError(f"{source}: not valid JSON ({exc})") from None
    check(doc, source)
    return doc


def check(doc, source: str = "export") -> None:
    def fail(field: str, message: str):
        raise ExportError(f"{source}: {field}: {message}")

    if not isinstance(doc, dict):
        fail("(top level)", "an export must be a JSON object")
    if doc.get("schema") != SCHEMA:
        fail("schema", f"{doc.get('schema')!r}: expected {SCHEMA!r} (is this a Veiviser export?)")
    allowed = {"schema", "survey", "device", "devices", "service", "period", "k", "n", "items",
               "scales", "cumulative"}
    for key in doc:
        if key not in allowed:
            fail(key, "unknown field")
    for key in ("survey", "device", "period", "n", "items", "scales", "cumulative"):
        if key not in doc:
            fail(key, "required field is missing")
    survey = doc["survey"]
    if not isinstance(survey, dict) or set(survey) != {"id", "version", "hash"}:
        fail("survey", "must be {id, version, hash}")
    if not isinstance(survey["id"], str) or not survey["id"]:
        fail("survey.id", "must be a non-empty string")
    if not isinstance(survey["version"], int) or isinstance(survey["version"], bool) or survey["version"] < 1:
        fail("survey.version", "must be a whole number from 1")
    if not isinstance(survey["hash"], str) or not re.match(r"^sha256:[0-9a-f]{64}$", survey["hash"]):
        fail("survey.hash", "must be sha256:<64 hex digits>")
    device = doc["device"]
    if not isinstance(device, str) or not DEVICE_RE.match(device):
        fail("device", f"{device!r}: must be 1-64 letters, digits, - or _")
    if "devices" in doc:
        if device != MERGED:
            fail("devices", f"only a merged export (device {MERGED!r}) lists devices")
        devs = doc["devices"]
        if (not isinstance(devs, list) or not all(isinstance(d, str) and DEVICE_RE.match(d) for d in devs)
                or len(set(devs)) != len(devs)):
            fail("devices", "must be a list of distinct device ids")
    elif device == MERGED:
        fail("devices", "a merged export must list its devices")
    if "service" in doc and (not isinstance(doc["service"], str) or not SERVICE_RE.match(doc["service"])):
        fail("service", f"{doc['service']!r}: use lower-case ids separated by /")
    n = doc["n"]
    if not _is_count(n):
        fail("n", f"{n!r}: must be a whole number from 0")
    if "k" in doc:
        if not _is_count(doc["k"]) or doc["k"] < 1:
            fail("k", "must be a whole number from 1")
        if n % doc["k"]:
            fail("n", f"{n} is not a whole number of batches of k = {doc['k']}")
    per = doc["period"]
    if per is None:
        if n:
            fail("period", "missing, but n is not 0")
    else:
        if not isinstance(per, dict) or set(per) != {"from", "to"}:
            fail("period", "must be {from: YYYY-MM, to: YYYY-MM}")
        for key in ("from", "to"):
            if not isinstance(per[key], str) or not release.MONTH_RE.match(per[key]):
                fail(f"period.{key}", f"{per[key]!r}: must be YYYY-MM")
        if per["from"] > per["to"]:
            fail("period", f"from {per['from']} is after to {per['to']}")
    if not isinstance(doc["cumulative"], bool):
        fail("cumulative", "must be true or false")
    items = doc["items"]
    if not isinstance(items, dict):
        fail("items", "must be a map of item id -> counts or histogram")
    for item_id, entry in items.items():
        where = f"items.{item_id}"
        if not isinstance(entry, dict) or len(entry) != 1:
            fail(where, "must be {counts: {...}} or {histogram: [11 numbers]}")
        if "counts" in entry:
            counts = entry["counts"]
            if not isinstance(counts, dict) or not all(_is_count(v) for v in counts.values()):
                fail(f"{where}.counts", "must map each answer to a whole number from 0")
            if sum(counts.values()) > n:
                fail(f"{where}.counts", f"add up to {sum(counts.values())}, more than n = {n}")
        elif "histogram" in entry:
            hist = entry["histogram"]
            if not isinstance(hist, list) or len(hist) != 11 or not all(_is_count(v) for v in hist):
                fail(f"{where}.histogram", "must be 11 whole numbers from 0 (bins 0 to 10)")
            if sum(hist) > n:
                fail(f"{where}.histogram", f"adds up to {sum(hist)}, more than n = {n}")
        else:
            fail(where, "must be {counts: {...}} or {histogram: [...]}")
    scales = doc["scales"]
    if not isinstance(scales, dict):
        fail("scales", "must be a map of scale id -> histogram")
    for scale_id, entry in scales.items():
        where = f"scales.{scale_id}"
        if not isinstance(entry, dict):
            fail(where, "must be {min, step, histogram, n}")
        for key in ("min", "step", "histogram", "n"):
            if key not in entry:
                fail(f"{where}.{key}", "required field is missing")
        for key in entry:
            if key not in ("min", "step", "histogram", "n", "cutoffs"):
                fail(f"{where}.{key}", "unknown field")
        if not _is_number(entry["min"]):
            fail(f"{where}.min", "must be a number")
        if entry["step"] not in (1, 0.1):
            fail(f"{where}.step", "must be 1 (sum scales) or 0.1 (mean scales)")
        hist = entry["histogram"]
        if not isinstance(hist, list) or not hist or not all(_is_count(v) for v in hist):
            fail(f"{where}.histogram", "must be a non-empty list of whole numbers from 0")
        if not _is_count(entry["n"]) or entry["n"] != sum(hist) or entry["n"] > n:
            fail(f"{where}.n", "must equal the sum of the histogram and be at most n")
        cutoffs = entry.get("cutoffs", [])
        if not isinstance(cutoffs, list) or not all(_is_number(c) for c in cutoffs):
            fail(f"{where}.cutoffs", "must be a list of numbers")
