"""The export document (schema "veiviser-aggregate/1"): build it, write it, read it back.

from_json/check check everything a reader relies on, check_fit that the export is what this
definition makes; each names the file, the field and the problem (in bokmål: the same message
shows on the merge page in the browser, in `veiviser merge` and in the build), so a staff
member who picked the wrong file learns which file and what is wrong with it.
"""
from __future__ import annotations

import json
import re
from itertools import repeat

from . import aggregate as aggregate_mod
from . import release
from .definition import Definition
from .response import check_answers

SCHEMA = "veiviser-aggregate/1"
DEVICE_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SERVICE_RE = re.compile(r"^[a-z0-9-]+(/[a-z0-9-]+)*$")
MERGED = "merged"
# Limits of sense (docs/utviklere/skjemaformat.md): a file beyond them is refused, whatever
# else it says. A million answers is far more than one service collects; the largest scale
# histogram a definition can ask for (a mean scale over 0-1000 in tenths) has 10 001 bins.
MAX_N = 1_000_000
MAX_BINS = 10_001


class ExportError(ValueError):
    pass


def build(definition: Definition, records: list, device: str, service: str | None = None,
          k: int | None = None, asked=None, columns: dict | None = None) -> dict:
    """The cumulative export of one device: records of this survey and version only,
    in whole batches of k (default: the definition's k), oldest first. A record that answers
    too little (response.too_few: fewer than min_answered items, or only «vet ikke») is left
    out and never counts toward a batch: the forms refuse such answers, and a device that
    stored them before they did must not let them complete a batch around one real answer.
    `asked`: the item ids the respondents were shown, when not all (response.too_few).

    columns: response.read_columns (or check_columns) of every record's answers, in order,
    with the same `asked`, when the caller has read them already (veiviser aggregate checks
    every row): then nothing is read twice. Such columns exist only when every record fits and
    none answers too little, so no record is left out; each distinct answer is then counted
    once (aggregate.from_columns), with the same result as the records one by one."""
    k = definition.k if k is None else k
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ExportError(f"k må være et helt tall fra 1, ikke {k!r}")
    if not isinstance(device, str) or not DEVICE_RE.match(device):
        raise ExportError(f"enheten {device!r}: bruk 1–64 bokstaver (a–z), sifre, - eller _")
    if service is not None and (not isinstance(service, str) or not SERVICE_RE.match(service)):
        raise ExportError(f"tjenesten {service!r}: bruk id-er med små bokstaver skilt med /, f.eks. klepp/moteplassen")
    if not isinstance(records, list):
        raise ExportError("svarene må være en liste")
    if columns is not None:
        return _build_from_columns(definition, records, device, service, k, columns)
    mine = []
    for i, rec in enumerate(records):
        where = f"records[{i}]"
        if not isinstance(rec, dict):
            raise ExportError(f"{where}: et svar må være et oppslag med survey, version, month og answers")
        if rec.get("survey") != definition.id or rec.get("version") != definition.version:
            continue
        try:
            release.check_month(rec.get("month"), where)
        except release.RecordError as exc:
            raise ExportError(str(exc)) from None
        if check_answers(definition, rec.get("answers"), asked).too_few:
            continue
        mine.append(rec)
    released = release.releasable(mine, k)
    checked = []
    for rec in released:
        result = check_answers(definition, rec.get("answers"), asked)
        if not result.valid:
            problems = "; ".join(f"{e['item']}: {e['message']}" for e in result.errors)
            raise ExportError(f"et svar fra {rec['month']} passer ikke til skjemaet: {problems}")
        checked.append(result)
    agg = aggregate_mod.aggregate(definition, checked)
    return _document(definition, device, service, k, released, agg)


def _build_from_columns(definition: Definition, records: list, device: str, service: str | None, k: int,
                        columns: dict) -> dict:
    """build() given the columns of every record: the same records kept, the same batches."""
    mine, months = _mine(definition, records)
    rows: list[int] | range = release.releasable_rows(months, k)
    if isinstance(mine, range) and isinstance(rows, range):     # all of them, in order: the first ones
        released = records[: len(rows)]
    else:
        rows = [mine[j] for j in rows]
        released = [records[i] for i in rows]
    if isinstance(rows, range) or rows == list(range(len(rows))):    # the first ones, in order
        columns = {item: column.head(len(rows)) for item, column in columns.items()}
    else:
        columns = {item: column.take(rows) for item, column in columns.items()}
    agg = aggregate_mod.from_columns(definition, columns, len(released))
    return _document(definition, device, service, k, released, agg)


def _document(definition: Definition, device: str, service: str | None, k: int, released: list,
              agg: dict) -> dict:
    doc: dict = {"schema": SCHEMA,
                 "survey": {"id": definition.id, "version": definition.version, "hash": definition.hash},
                 "device": device}
    if service is not None:
        doc["service"] = service
    doc.update({"period": release.period(released), "k": k, "n": agg["n"],
                "items": agg["items"], "scales": agg["scales"], "cumulative": True})
    return doc


def _mine(definition: Definition, records: list) -> tuple[list[int] | range, list]:
    """Positions of the records of this survey and version, and their months; ExportError for
    the first record that is not a map or has a bad month, as build() names it. (Each distinct
    month is checked once.)"""
    if all(map(isinstance, records, repeat(dict))):
        survey, version = definition.id, definition.version
        surveys = list(map(dict.get, records, repeat("survey")))
        versions = list(map(dict.get, records, repeat("version")))
        if surveys.count(survey) == len(records) and versions.count(version) == len(records):
            mine: list[int] | range = range(len(records))      # all of them (one file, one survey)
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
            raise ExportError(f"records[{i}]: et svar må være et oppslag med survey, version, month og answers")
        if rec.get("survey") == definition.id and rec.get("version") == definition.version:
            try:
                release.check_month(rec.get("month"), f"records[{i}]")
            except release.RecordError as exc:
                raise ExportError(str(exc)) from None
    raise AssertionError("a bad record was found, then not")   # pragma: no cover


def file_name(doc: dict) -> str:
    """<tjeneste>-<skjema>-<periode>.json, e.g. klepp-moteplassen-brukerundersokelse-v1-2025-06-2026-02.json,
    for a merged export; one device's export ends in its device id too, so the files of two
    tablets never overwrite each other in the leader's download folder."""
    service = (doc.get("service") or "ukjent-tjeneste").replace("/", "-")
    survey = f"{doc['survey']['id']}-v{doc['survey']['version']}"
    per = doc.get("period")
    period = "ingen-svar" if not per else (per["from"] if per["from"] == per["to"] else f"{per['from']}-{per['to']}")
    device = "" if doc.get("device") == MERGED else f"-{doc.get('device')}"
    return f"{service}-{survey}-{period}{device}.json"


def to_json(doc: dict) -> str:
    """Stable text: same export, same bytes (in CPython and in Pyodide)."""
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def _is_count(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def from_json(text: str, source: str = "export", k_min: int | None = None) -> dict:
    """Parse and check an export; ExportError names source, field and problem."""
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        where = f" (linje {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise ExportError(f"{source}: er ikke gyldig JSON{where}; er dette en eksportfil fra Veiviser?") from None
    except RecursionError:
        raise ExportError(f"{source}: er ikke en eksportfil fra Veiviser (for dypt nøstet JSON)") from None
    check(doc, source, k_min)
    return doc


def _fail(source: str, field: str, message: str):
    raise ExportError(f"{source}: {field}: {message}")


def check(doc, source: str = "export", k_min: int | None = None) -> None:
    """The export's own form: fields, whole numbers, whole batches of k, sums at most n, and
    numbers within the limits (MAX_N, MAX_BINS). k_min: the smallest k that may be published
    (the build's and `veiviser merge`'s k); an export with a smaller k is refused."""
    def fail(field: str, message: str):
        _fail(source, field, message)

    if not isinstance(doc, dict):
        fail("(hele filen)", "en eksportfil må være et JSON-objekt")
    if "schema" not in doc:
        fail("schema", f"mangler; dette er ikke en eksportfil fra Veiviser ({SCHEMA})")
    if doc["schema"] != SCHEMA:
        fail("schema", f"{doc['schema']!r}: ventet {SCHEMA!r} (er dette en eksportfil fra Veiviser?)")
    allowed = {"schema", "survey", "device", "devices", "service", "period", "k", "n", "items",
               "scales", "cumulative"}
    for key in doc:
        if key not in allowed:
            fail(key, "ukjent felt")
    for key in ("survey", "device", "period", "k", "n", "items", "scales", "cumulative"):
        if key not in doc:
            fail(key, "mangler" + ("; en eksportfil må si hvor store puljene er" if key == "k" else ""))
    survey = doc["survey"]
    if not isinstance(survey, dict) or set(survey) != {"id", "version", "hash"}:
        fail("survey", "må være {id, version, hash}")
    if not isinstance(survey["id"], str) or not survey["id"]:
        fail("survey.id", "må være en tekst")
    if not isinstance(survey["version"], int) or isinstance(survey["version"], bool) or survey["version"] < 1:
        fail("survey.version", "må være et helt tall fra 1")
    if not isinstance(survey["hash"], str) or not re.match(r"^sha256:[0-9a-f]{64}$", survey["hash"]):
        fail("survey.hash", "må være sha256:<64 heksadesimale sifre>")
    device = doc["device"]
    if not isinstance(device, str) or not DEVICE_RE.match(device):
        fail("device", f"{device!r}: må være 1–64 bokstaver (a–z), sifre, - eller _")
    if "devices" in doc:
        if device != MERGED:
            fail("devices", f"bare en sammenslått eksport (device {MERGED!r}) har en liste over enheter")
        devs = doc["devices"]
        if (not isinstance(devs, list) or not all(isinstance(d, str) and DEVICE_RE.match(d) for d in devs)
                or len(set(devs)) != len(devs) or not devs):
            fail("devices", "må være en liste over ulike enhets-id-er")
    elif device == MERGED:
        fail("devices", "en sammenslått eksport må ha en liste over enhetene sine")
    if "service" in doc and (not isinstance(doc["service"], str) or not SERVICE_RE.match(doc["service"])):
        fail("service", f"{doc['service']!r}: bruk id-er med små bokstaver skilt med /, f.eks. klepp/moteplassen")
    n = doc["n"]
    if not _is_count(n):
        fail("n", f"{n!r}: må være et helt tall fra 0")
    if n > MAX_N:
        fail("n", f"{n} er mer enn grensen på {MAX_N} svar i én fil")
    k = doc["k"]
    if not _is_count(k) or k < 1:
        fail("k", f"{k!r}: må være et helt tall fra 1")
    if k_min is not None and k < k_min:
        fail("k", f"k = {k} er mindre enn k = {k_min}, som tallene publiseres med: "
                  f"puljer på færre enn {k_min} svar kan avsløre enkeltpersoner")
    if n % k:
        fail("n", f"{n} er ikke et helt antall puljer på k = {k}")
    per = doc["period"]
    if per is None:
        if n:
            fail("period", "mangler, men n er ikke 0")
    else:
        if not isinstance(per, dict) or set(per) != {"from", "to"}:
            fail("period", "må være {from: ÅÅÅÅ-MM, to: ÅÅÅÅ-MM}")
        for key in ("from", "to"):
            if not isinstance(per[key], str) or not release.MONTH_RE.match(per[key]):
                fail(f"period.{key}", f"{per[key]!r}: må være ÅÅÅÅ-MM")
        if per["from"] > per["to"]:
            fail("period", f"fra {per['from']} er etter til {per['to']}")
    if not isinstance(doc["cumulative"], bool):
        fail("cumulative", "må være true eller false")
    items = doc["items"]
    if not isinstance(items, dict):
        fail("items", "må være et oppslag fra spørsmål til counts eller histogram")
    for item_id, entry in items.items():
        where = f"items.{item_id}"
        if not isinstance(entry, dict) or len(entry) != 1:
            fail(where, "må være {counts: {...}} eller {histogram: [11 tall]}")
        if "counts" in entry:
            counts = entry["counts"]
            if not isinstance(counts, dict) or not all(_is_count(v) for v in counts.values()):
                fail(f"{where}.counts", "må gi et helt tall fra 0 for hvert svaralternativ")
            if len(counts) > MAX_BINS:
                fail(f"{where}.counts", f"{len(counts)} svaralternativer er mer enn grensen på {MAX_BINS}")
            if sum(counts.values()) > n:
                fail(f"{where}.counts", f"summen er {sum(counts.values())}, mer enn n = {n}")
        elif "histogram" in entry:
            hist = entry["histogram"]
            if not isinstance(hist, list) or len(hist) != 11 or not all(_is_count(v) for v in hist):
                fail(f"{where}.histogram", "må være 11 hele tall fra 0 (søylene 0 til 10)")
            if sum(hist) > n:
                fail(f"{where}.histogram", f"summen er {sum(hist)}, mer enn n = {n}")
        else:
            fail(where, "må være {counts: {...}} eller {histogram: [...]}")
    scales = doc["scales"]
    if not isinstance(scales, dict):
        fail("scales", "må være et oppslag fra skala til histogram")
    for scale_id, entry in scales.items():
        where = f"scales.{scale_id}"
        if not isinstance(entry, dict):
            fail(where, "må være {min, step, histogram, n}")
        for key in ("min", "step", "histogram", "n"):
            if key not in entry:
                fail(f"{where}.{key}", "mangler")
        for key in entry:
            if key not in ("min", "step", "histogram", "n", "cutoffs"):
                fail(f"{where}.{key}", "ukjent felt")
        if not _is_number(entry["min"]):
            fail(f"{where}.min", "må være et tall")
        if entry["step"] not in (1, 0.1):
            fail(f"{where}.step", "må være 1 (sumskala) eller 0.1 (gjennomsnittsskala)")
        hist = entry["histogram"]
        if not isinstance(hist, list) or not hist or not all(_is_count(v) for v in hist):
            fail(f"{where}.histogram", "må være en liste med hele tall fra 0")
        if len(hist) > MAX_BINS:
            fail(f"{where}.histogram", f"{len(hist)} søyler er mer enn grensen på {MAX_BINS}")
        if not _is_count(entry["n"]) or entry["n"] != sum(hist) or entry["n"] > n:
            fail(f"{where}.n", "må være summen av histogrammet og høyst n")
        cutoffs = entry.get("cutoffs", [])
        if not isinstance(cutoffs, list) or not all(_is_number(c) for c in cutoffs):
            fail(f"{where}.cutoffs", "må være en liste med tall")


def _values(values) -> str:
    return ", ".join(str(v) for v in values)


def check_fit(doc: dict, definition: Definition, source: str = "export") -> None:
    """The export must be what export.build makes from this definition: the same survey (id,
    version, hash), every counted item with exactly its answers (or its 11 vas bins), every
    scale with its own range, step and cut-offs, and a required item answered by all n."""
    def fail(field: str, message: str):
        _fail(source, field, message)

    survey = doc["survey"]
    if (survey["id"], survey["version"]) != (definition.id, definition.version):
        fail("survey", f"er {survey['id']} versjon {survey['version']}, ikke {definition.id} "
                       f"versjon {definition.version}")
    if survey["hash"] != definition.hash:
        fail("survey.hash", f"stemmer ikke med skjemaet {definition.id} versjon {definition.version}: "
                            "skjemaet er endret uten ny versjon, eller eksporten er laget fra et annet skjema")
    expected = aggregate_mod.empty(definition)
    items, n = doc["items"], doc["n"]
    for item_id in items:
        if item_id not in expected["items"]:
            fail(f"items.{item_id}", f"skjemaet {definition.id} har ikke noe spørsmål som telles med denne id-en")
    for item in definition.items:
        if item.type == "text":
            continue
        where = f"items.{item.id}"
        if item.id not in items:
            fail(where, "mangler (spørsmålet finnes i skjemaet)")
        entry, want = items[item.id], expected["items"][item.id]
        if "histogram" in want:
            if "histogram" not in entry:
                fail(where, "et vas-spørsmål telles i et histogram med 11 søyler, ikke per svaralternativ")
            answered = sum(entry["histogram"])
        else:
            if "counts" not in entry:
                fail(where, "telles per svaralternativ (counts), ikke i et histogram")
            allowed = list(want["counts"])
            for key in entry["counts"]:
                if key not in want["counts"]:
                    fail(f"{where}.counts", f"«{key}» er ikke et svaralternativ; svaralternativene er {_values(allowed)}")
            for key in allowed:
                if key not in entry["counts"]:
                    fail(f"{where}.counts", f"svaralternativet «{key}» mangler")
            answered = sum(entry["counts"].values())
        if item.required and answered != n:
            fail(where, f"{answered} svar, men spørsmålet må besvares, så alle n = {n} skal være med")
    scales = doc["scales"]
    for scale_id in scales:
        if scale_id not in expected["scales"]:
            fail(f"scales.{scale_id}", f"skjemaet {definition.id} har ingen skala med denne id-en")
    for scale in definition.scales:
        where = f"scales.{scale.id}"
        if scale.id not in scales:
            fail(where, "mangler (skalaen finnes i skjemaet)")
        entry, want = scales[scale.id], expected["scales"][scale.id]
        if entry["min"] != want["min"] or entry["step"] != want["step"]:
            fail(where, f"min {entry['min']} og step {entry['step']} stemmer ikke med skalaen "
                        f"(min {want['min']}, step {want['step']})")
        if len(entry["histogram"]) != len(want["histogram"]):
            fail(f"{where}.histogram", f"{len(entry['histogram'])} søyler, men skalaen går fra {scale.min} "
                                       f"til {scale.max} ({len(want['histogram'])} søyler)")
        if entry.get("cutoffs", []) != want.get("cutoffs", []):
            fail(f"{where}.cutoffs", f"{entry.get('cutoffs', [])} stemmer ikke med skalaens "
                                     f"grenseverdier {want.get('cutoffs', [])}")
