"""The browser's way in: JSON strings in, JSON strings out (so no Pyodide proxies leak).

The worker calls only these functions. Bad input never raises: the answer is then
{"error": "<what is wrong>"} (definition problems: {"ok": false, "errors": [...]}).
"""
from __future__ import annotations

import json
import random
import re
from functools import wraps

from . import charts, definition as definition_mod, device as device_mod, export as export_mod, merge as merge_mod
from . import proposal, publish as publish_mod, release, schema_check, summary as summary_mod, vocabulary
from .response import check_answers, is_blank


def _out(data) -> str:
    return json.dumps(data, ensure_ascii=False)


def _json_api(fn):
    @wraps(fn)
    def wrapper(*args):
        try:
            return _out(fn(*args))
        except (ValueError, TypeError, KeyError) as exc:   # our errors are ValueErrors
            return _out({"error": str(exc)})
    return wrapper


def _load(text: str, what: str):
    try:
        return json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise ValueError(f"{what}: er ikke gyldig JSON ({exc})") from None


def _definition(definition_json: str) -> definition_mod.Definition:
    return definition_mod.check(_load(definition_json, "definition"))


@_json_api
def check_definition(definition_json: str):
    errors = definition_mod.problems(_load(definition_json, "definition"))
    if errors:
        return {"ok": False, "errors": [e.as_dict() for e in errors]}
    return {"ok": True}


@_json_api
def score(definition_json: str, answers_json: str):
    d = _definition(definition_json)
    checked = check_answers(d, _load(answers_json, "answers"))
    return {"valid": checked.valid, "errors": checked.errors, "scales": checked.scales}


@_json_api
def export(definition_json: str, records_json: str, device: str, service=None):
    d = _definition(definition_json)
    return export_mod.build(d, _load(records_json, "records"), device, service)


@_json_api
def summary(export_json: str, definition_json: str | None = None):
    doc = export_mod.from_json(export_json, "export")
    raw = _load(definition_json, "definition") if definition_json else None
    d = definition_mod.check(raw) if raw is not None else None
    out = summary_mod.summarize(doc, raw)
    out["charts"] = _summary_charts(doc, d)
    return out


@_json_api
def device(export_json: str, definition_json: str):
    """«Tall fra dette nettbrettet»: core.device.questions of the device's own export."""
    doc = export_mod.from_json(export_json, "export")
    return {"n": doc["n"], "k": doc["k"], "period": doc["period"], "name": export_mod.file_name(doc),
            "text": export_mod.to_json(doc), "questions": device_mod.questions(doc, _definition(definition_json))}


@_json_api
def merge(files_json: str, definitions_json: str, k_min, service=None):
    """The merge page: [{name, text}] -> {"merged", "files", "name", "text"} as `veiviser merge`
    makes it, or {"errors": [one line per bad file]} (core.merge.merge_files: the same checks and
    words). service names the service when no file says it (the page lets the leader pick it)."""
    files = _load(files_json, "files")
    definitions = _load(definitions_json, "definitions")
    if not isinstance(files, list) or not all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                              and isinstance(f.get("text"), str) for f in files):
        raise ValueError("files: må være en liste med {name, text}")
    try:
        out = merge_mod.merge_files([(f["name"], f["text"]) for f in files], definitions, k_min)
    except merge_mod.MergeError as exc:
        return {"errors": exc.problems}
    if service and "service" not in out["merged"]:
        if not isinstance(service, str) or not export_mod.SERVICE_RE.match(service):
            raise ValueError(f"tjenesten {service!r}: bruk id-er med små bokstaver skilt med /")
        merged = out["merged"]
        out["merged"] = {key: merged[key] for key in ("schema", "survey", "device", "devices")}
        out["merged"]["service"] = service
        out["merged"].update({key: merged[key] for key in merged if key not in out["merged"]})
    out["name"] = export_mod.file_name(out["merged"])
    out["text"] = export_mod.to_json(out["merged"])
    return out


@_json_api
def publish(merged_json: str, definition_json: str, k, service: str, national_json: str | None = None):
    """The preview: core.publish.publication of a merged export, exactly what the build publishes
    (tables, comparison rows, download rows), plus each table's chart and the CSV texts."""
    doc = export_mod.from_json(merged_json, "export", k)
    d = _definition(definition_json)
    export_mod.check_fit(doc, d, "export")
    national = _load(national_json, "national") if national_json else None
    pub = publish_mod.publication(doc, d, k, service, national=national)
    chart_specs = {tid: charts.published_chart(t["title"], t["published"], t["labels"],
                                               "andel per svaralternativ" if t["kind"] == "counts"
                                               else "andel per gruppe av verdier")
                   for tid, t in pub["tables"].items() if not t["published"]["too_few"]}
    pub["charts"] = chart_specs
    period = publish_mod.period_text(doc["period"])
    pub["period_text"] = period
    pub["comparison_rows"] = publish_mod.comparison_rows(pub["comparison"], service, period, doc["period"], False)
    if pub["comparison_rows"]:
        years = sorted({c["national_year"] for c in pub["comparison"]})
        pub["comparison_chart"] = charts.comparison_chart(
            "Andel i stor eller svært stor grad: tjenesten og landet", pub["comparison_rows"],
            f"Tjenesten, {period}", f"Landet, {', '.join(str(y) for y in years)}")
    pub["csv"] = publish_mod.csv_text(pub["rows"])
    pub["excel_csv"] = publish_mod.csv_text(pub["rows"], excel=True)
    return pub


def _summary_charts(doc: dict, d) -> dict:
    items = {i.id: i for i in d.items} if d else {}
    scales = {s.id: s for s in d.scales} if d else {}
    out: dict = {"items": {}, "scales": {}}
    for item_id, entry in doc["items"].items():
        item = items.get(item_id)
        title = charts.text_of(item.raw.get("text") if item else None, fallback=item_id)
        if "histogram" in entry:
            out["items"][item_id] = charts.histogram_chart(title, list(enumerate(entry["histogram"])))
        else:
            labels = {}
            if item:
                labels = {str(o["value"]): charts.text_of(o["label"]) for o in item.options}
                labels.update(vocabulary.VOCABULARY["answers"]["nb"])
            out["items"][item_id] = charts.counts_chart(title, entry["counts"], labels)
    for scale_id, entry in doc["scales"].items():
        scale = scales.get(scale_id)
        title = charts.text_of(scale.raw.get("title") if scale else None, fallback=scale_id)
        out["scales"][scale_id] = charts.histogram_chart(title, summary_mod.scale_values(entry), "Skår")
    return out


DATE_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


def _own_records(d, records) -> list:
    """This survey's and version's records, month checked, oldest first (stable). A «Min
    fremgang» check-in may carry its day ("date": YYYY-MM-DD, within its month); it orders
    check-ins within a month. A date that does not fit is left out (the month stays)."""
    if not isinstance(records, list):
        raise ValueError("records: må være en liste")
    mine = []
    for i, rec in enumerate(records):
        if isinstance(rec, dict) and rec.get("survey") == d.id and rec.get("version") == d.version:
            release.check_month(rec.get("month"), f"records[{i}]")
            mine.append(rec)
    return sorted(mine, key=lambda r: (r["month"], _date_of(r) or ""))


def _date_of(rec: dict) -> str | None:
    date = rec.get("date")
    if isinstance(date, str) and DATE_RE.match(date) and date.startswith(rec["month"] + "-"):
        return date
    return None


@_json_api
def comments(definition_json: str, records_json: str, k=None):
    """Free-text answers, shuffled and undated, only in whole batches of k (oldest first)."""
    d = _definition(definition_json)
    k = d.k if k is None else k
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k må være et helt tall fra 1, ikke {k!r}")
    text_items = [i.id for i in d.items if i.type == "text"]
    found = []
    for rec in _own_records(d, _load(records_json, "records")):
        answers = rec.get("answers") if isinstance(rec.get("answers"), dict) else {}
        if check_answers(d, answers).too_few:
            continue        # as in the export: an answer that says too little never counts
        for item_id in text_items:
            value = answers.get(item_id)
            if isinstance(value, str) and not is_blank(value):
                found.append({"item": item_id, "text": value.strip()})
    released = found[: len(found) // k * k]
    random.SystemRandom().shuffle(released)     # order would hint at who wrote what
    return {"available": bool(released), "k": k, "comments": released}


@_json_api
def trajectory(definition_json: str, records_json: str):
    """Personal mode («Min fremgang»): each check-in in time order with its date label, scale
    scores and answers (free text left out); the change of each scale from the first check-in
    to the last; and what the page draws:
      chart       the scales over time, on their whole range (y "0–40")
      item_chart  each 0–10 or rating question over time
      timeline    traffic-light items: one row per item, one column per check-in
    A part that has nothing to show is None (no empty chart with a made-up axis)."""
    d = _definition(definition_json)
    points: list = []
    for rec in _own_records(d, _load(records_json, "records")):
        checked = check_answers(d, rec.get("answers"))
        if not checked.valid:
            continue
        answers = {i.id: checked.answers[i.id] for i in d.items
                   if i.type != "text" and i.id in checked.answers}
        date = _date_of(rec)
        point = {"index": len(points) + 1, "month": rec["month"], "label": vocabulary.date_label(date or rec["month"]),
                 "scales": checked.scales, "answers": answers}
        if date:
            point["date"] = date
        points.append(point)
    seen: dict = {}
    for p in points:        # two check-ins on one day: «3. feb. 2026 (2)»
        seen[p["label"]] = seen.get(p["label"], 0) + 1
        if seen[p["label"]] > 1:
            p["label"] = f"{p['label']} ({seen[p['label']]})"
    change = {}
    for s in d.scales:
        scored = [p["scales"][s.id] for p in points if p["scales"].get(s.id) is not None]
        if len(scored) >= 2:
            diff = round(scored[-1] - scored[0], 1)
            diff = int(diff) if float(diff).is_integer() else diff
            change[s.id] = {"from": scored[0], "to": scored[-1], "change": diff, "min": s.min, "max": s.max,
                            "reliable": (abs(diff) >= s.reliable_change) if s.reliable_change else None}
    title = charts.text_of(d.raw.get("title"), fallback=d.id)
    return {"points": points, "change": change, "chart": _scale_chart(d, title, points),
            "item_chart": _item_chart(d, title, points), "timeline": _timeline(d, points)}


def _range_text(lo, hi) -> str:
    return f"{vocabulary.decimal(lo)}–{vocabulary.decimal(hi)}"


def _scale_chart(d, title: str, points: list):
    lines = [{"dato": p["label"], "linje": charts.text_of(s.raw.get("title"), fallback=s.id), "skår": p["scales"][s.id]}
             for p in points for s in d.scales if p["scales"].get(s.id) is not None]
    if not lines:
        return None
    lo, hi = min(s.min for s in d.scales), max(s.max for s in d.scales)
    return charts.trajectory_chart(title, lines, [lo, hi], f"Skår ({_range_text(lo, hi)})",
                                   f"Linjediagram: skår for hver registrering, fra {_range_text(lo, hi)}, «{title}».")


def _item_chart(d, title: str, points: list):
    numeric = [(n, i) for n, i in enumerate(d.items, start=1) if i.type in ("vas", "rating")]
    lines = []
    for p in points:
        for n, item in numeric:
            value = p["answers"].get(item.id)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                lines.append({"dato": p["label"], "linje": f"{n}. {charts.text_of(item.raw.get('text'), fallback=item.id)}",
                              "skår": value})
    if not lines:
        return None
    lo = min(i.numeric_range()[0] for _, i in numeric)
    hi = max(i.numeric_range()[1] for _, i in numeric)
    return charts.trajectory_chart(f"{title}: hvert spørsmål", lines, [lo, hi], f"Svar ({_range_text(lo, hi)})",
                                   f"Linjediagram: svaret på hvert spørsmål for hver registrering, fra {_range_text(lo, hi)}.")


def _timeline(d, points: list):
    lights = [i for i in d.items if i.type == "traffic_light"]
    if not lights or not points:
        return None
    return {"columns": [p["label"] for p in points],
            "rows": [{"item": i.id, "text": charts.text_of(i.raw.get("text"), fallback=i.id),
                      "values": [p["answers"].get(i.id) for p in points]} for i in lights]}


@_json_api
def check_service(entry_json: str):
    """A catalogue service entry against service.schema.json: {"ok": true} or {"ok": false,
    "errors": [{"path", "message"}, ...]} (messages in bokmål)."""
    errors = schema_check.check("service", _load(entry_json, "entry"))
    return {"ok": not errors, "errors": errors}


@_json_api
def form_values(entry_json: str):
    """What each control of the proposal form shows for a service entry."""
    return proposal.form_values(_load(entry_json, "entry"))


def _request(request_json: str) -> dict:
    request = _load(request_json, "request")
    if not isinstance(request, dict):
        raise ValueError("request: must be an object")
    return request


@_json_api
def propose_service(request_json: str):
    """The proposal form (a changed or new service) -> errors, or the YAML file, patch and changes."""
    return proposal.propose(_request(request_json))


@_json_api
def verify_service(request_json: str):
    """«Bekreft at dette stemmer» -> the service's file with only `verified` new."""
    return proposal.verify(_request(request_json))


@_json_api
def report_problem(request_json: str):
    """«Meld feil» -> a small YAML file for the editors."""
    return proposal.report_problem(_request(request_json))
