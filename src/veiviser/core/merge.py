"""Merge exports from several devices into one.

Every export of a device is cumulative, so of several exports from the same device only the
latest counts: the one with the larger n, then the later period.to, then (to stay
deterministic for equal candidates) the larger canonical text. Exports of different surveys,
versions, definition texts (hash), k or services are refused. A merged export (device
"merged") lists its devices; it may be merged again with exports from other devices, but not
with an export from a device it already holds (which one would be the latest is unknowable).

merge_files is the whole of `veiviser merge` and of the merge page in the browser (through
bridge.merge): file texts in, every file checked against its definition and the publication
k, every problem of every file at once, and what became of each file.
"""
from __future__ import annotations

import copy

from . import aggregate as aggregate_mod
from . import definition as definition_mod
from .definition import canonical_json
from .export import MERGED, SCHEMA, ExportError, check_fit, from_json


class MergeError(ValueError):
    """problems: every problem found, one line each in str()."""

    def __init__(self, problems):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def _latest_key(doc: dict):
    to = (doc.get("period") or {}).get("to", "")
    return (doc["n"], to, canonical_json(doc))


def merge_exports(docs: list, names: list | None = None) -> dict:
    """docs: checked export dicts; names: what to call each in messages (e.g. file names)."""
    if not docs:
        raise MergeError("ingenting å slå sammen: velg minst én eksportfil")
    names = names or [f"eksport {i + 1}" for i in range(len(docs))]
    first = docs[0]
    what = {"id": "skjema", "version": "versjon", "hash": "skjematekst (hash)"}
    for doc, name in zip(docs, names):
        for key in ("id", "version", "hash"):
            if doc["survey"][key] != first["survey"][key]:
                raise MergeError(
                    f"{name}: {what[key]} er {doc['survey'][key]!r}, men {names[0]} har "
                    f"{first['survey'][key]!r}; bare eksporter av samme skjema, versjon og skjematekst "
                    "kan slås sammen")
        if doc.get("k") != first.get("k"):
            raise MergeError(f"{name}: k er {doc.get('k')}, men {names[0]} har {first.get('k')}")
        if doc.get("service") and first.get("service") and doc["service"] != first["service"]:
            raise MergeError(f"{name}: tjenesten er {doc['service']}, men {names[0]} er fra "
                             f"{first['service']}; slå bare sammen eksporter fra samme tjeneste")

    chosen = [docs[i] for i in latest_per_device(docs, names)]
    agg = copy.deepcopy({"n": chosen[0]["n"], "items": chosen[0]["items"],
                         "scales": chosen[0]["scales"]})
    for doc in chosen[1:]:
        try:
            agg = aggregate_mod.merge(agg, doc)
        except ValueError as exc:
            raise MergeError(f"eksportene passer ikke sammen: {exc}") from None
    devices = sorted({d for doc in chosen for d in doc.get("devices", [doc["device"]])})
    services = {doc.get("service") for doc in chosen} - {None}
    periods = [doc["period"] for doc in chosen if doc["period"]]
    out: dict = {"schema": SCHEMA, "survey": dict(first["survey"]), "device": MERGED, "devices": devices}
    if services:
        out["service"] = services.pop()
    out["period"] = ({"from": min(p["from"] for p in periods), "to": max(p["to"] for p in periods)}
                     if periods else None)
    out["k"] = first["k"]
    out.update({"n": agg["n"], "items": agg["items"], "scales": agg["scales"], "cumulative": False})
    return out


def latest_per_device(docs: list, names: list) -> list[int]:
    """The positions of the exports that count: every merged export, and the latest of each
    device. Refuses a device that is both in a merged export and given again."""
    latest: dict[str, int] = {}      # device -> position
    merged_inputs = []
    for i, doc in enumerate(docs):
        if doc["device"] == MERGED:
            merged_inputs.append(i)
        elif doc["device"] not in latest or _latest_key(doc) > _latest_key(docs[latest[doc["device"]]]):
            latest[doc["device"]] = i
    owner: dict[str, str] = {}
    for i in merged_inputs:
        for device in docs[i]["devices"]:
            if device in owner or device in latest:
                other = owner.get(device) or names[latest[device]]
                raise MergeError(f"{names[i]}: enheten {device} er allerede med i {other}; slå sammen "
                                 "eksportene fra hver enhet på nytt i stedet")
            owner[device] = names[i]
    return merged_inputs + [latest[dev] for dev in sorted(latest)]


def merge_files(files: list, definitions: list, k_min: int | None = None) -> dict:
    """files: [(name, text)]; definitions: raw definition dicts (every version the reader
    knows); k_min: the publication k (exports with a smaller k are refused).

    Returns {"merged": the merged export, "files": [{name, device, devices, n, k, period,
    service, used, note}]}, or raises MergeError listing the problem of every bad file."""
    if not files:
        raise MergeError("ingenting å slå sammen: velg minst én eksportfil")
    by_key: dict[tuple, definition_mod.Definition] = {}
    for raw in definitions:
        d = definition_mod.check(raw)
        by_key[(d.id, d.version)] = d
    problems, docs, names = [], [], []
    seen: set = set()
    for name, text in files:
        if name in seen:
            problems.append(f"{name}: filen er valgt to ganger")
            continue
        seen.add(name)
        try:
            doc = from_json(text, name, k_min)
            found = by_key.get((doc["survey"]["id"], doc["survey"]["version"]))
            if found is None:
                known = ", ".join(f"{i} versjon {v}" for i, v in sorted(by_key)) or "ingen"
                raise ExportError(f"{name}: survey: skjemaet {doc['survey']['id']} versjon "
                                  f"{doc['survey']['version']} finnes ikke her (kjente skjema: {known})")
            check_fit(doc, found, name)
        except ExportError as exc:
            problems.append(str(exc))
            continue
        docs.append(doc)
        names.append(name)
    if problems:
        raise MergeError(problems)
    merged = merge_exports(docs, names)
    used = latest_per_device(docs, names)
    report = []
    for i, (doc, name) in enumerate(zip(docs, names)):
        entry = {"name": name, "device": doc["device"], "devices": doc.get("devices", [doc["device"]]),
                 "n": doc["n"], "k": doc["k"], "period": doc["period"], "service": doc.get("service"),
                 "used": i in used, "note": ""}
        if i not in used:
            newer = next(names[j] for j in used if docs[j]["device"] == doc["device"])
            entry["note"] = (f"ikke med: en nyere eksport fra samme enhet ({newer}) holder allerede "
                             "alt denne filen har")
        report.append(entry)
    return {"merged": merged, "files": report}


__all__ = ["MergeError", "merge_exports", "merge_files", "latest_per_device", "ExportError"]
