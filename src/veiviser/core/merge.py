"""Merge exports from several devices into one.

Every export of a device is cumulative, so of several exports from the same device only the
latest counts: the one with the larger n, then the later period.to, then (to stay
deterministic for equal candidates) the larger canonical text. Exports of different surveys,
versions or definition texts (hash) are refused. A merged export (device "merged") lists its
devices; it may be merged again with exports from other devices, but not with an export from
a device it already holds (which one would be the latest is unknowable).
"""
from __future__ import annotations

import copy

from . import aggregate as aggregate_mod
from .definition import canonical_json
from .export import MERGED, SCHEMA, ExportError


class MergeError(ValueError):
    pass


def _latest_key(doc: dict):
    to = (doc.get("period") or {}).get("to", "")
    return (doc["n"], to, canonical_json(doc))


def merge_exports(docs: list, names: list | None = None) -> dict:
    """docs: checked export dicts; names: what to call each in messages (e.g. file names)."""
    if not docs:
        raise MergeError("nothing to merge: give at least one export")
    names = names or [f"export {i + 1}" for i in range(len(docs))]
    first = docs[0]
    for doc, name in zip(docs, names):
        for key in ("id", "version", "hash"):
            if doc["survey"][key] != first["survey"][key]:
                raise MergeError(
                    f"{name}: survey {key} is {doc['survey'][key]!r}, but {names[0]} has "
                    f"{first['survey'][key]!r}; only exports of the same survey, version and "
                    "definition can be merged")
        if doc.get("k") != first.get("k"):
            raise MergeError(f"{name}: k is {doc.get('k')}, but {names[0]} has {first.get('k')}")

    latest: dict[str, tuple] = {}      # device -> (doc, name)
    merged_inputs = []
    for doc, name in zip(docs, names):
        if doc["device"] == MERGED:
            merged_inputs.append((doc, name))
        elif doc["device"] not in latest or _latest_key(doc) > _latest_key(latest[doc["device"]][0]):
            latest[doc["device"]] = (doc, name)
    owner: dict[str, str] = {}
    for doc, name in merged_inputs:
        for device in doc["devices"]:
            if device in owner or device in latest:
                other = owner.get(device) or latest[device][1]
                raise MergeError(f"{name}: device {device} is already in {other}; merge the "
                                 "device exports again from the start instead")
            owner[device] = name

    chosen = [d for d, _ in merged_inputs] + [latest[dev][0] for dev in sorted(latest)]
    agg = copy.deepcopy({"n": chosen[0]["n"], "items": chosen[0]["items"],
                         "scales": chosen[0]["scales"]})
    for doc in chosen[1:]:
        try:
            agg = aggregate_mod.merge(agg, doc)
        except ValueError as exc:
            raise MergeError(f"the exports do not fit together: {exc}") from None
    devices = sorted(set(latest) | set(owner))
    services = {doc.get("service") for doc in chosen}
    periods = [doc["period"] for doc in chosen if doc["period"]]
    out: dict = {"schema": SCHEMA, "survey": dict(first["survey"]), "device": MERGED, "devices": devices}
    if len(services) == 1 and None not in services:
        out["service"] = services.pop()
    out["period"] = ({"from": min(p["from"] for p in periods), "to": max(p["to"] for p in periods)}
                     if periods else None)
    if "k" in first:
        out["k"] = first["k"]
    out.update({"n": agg["n"], "items": agg["items"], "scales": agg["scales"], "cumulative": False})
    return out


__all__ = ["MergeError", "merge_exports", "ExportError"]
