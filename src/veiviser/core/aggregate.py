"""A mergeable aggregate of many responses: never the responses themselves.

- rating, choice, yes_no, traffic_light: counts per answer ({"5": 3, "vet-ikke": 1}), every
  possible answer listed (zeros too) in the definition's order;
- vas: an 11-bin histogram, bin i = answers that round (half up) to i;
- scales: a histogram of scores over the scale's range, bin width `step` (1 for sums,
  0.1 for means), first bin at `min`, plus n = how many responses had a score;
- text: never aggregated.
Two aggregates of the same definition merge by adding counts; n adds up too.
"""
from __future__ import annotations

import math
from collections import Counter

from .definition import VAS_MAX, VAS_MIN, Definition, Scale


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def vas_bin(value: float) -> int:
    return min(max(round_half_up(value), VAS_MIN), VAS_MAX)


def scale_bins(scale: Scale) -> int:
    return round_half_up((scale.max - scale.min) / scale.step) + 1


def scale_bin(scale: Scale, score: float) -> int:
    return min(max(round_half_up((score - scale.min) / scale.step), 0), scale_bins(scale) - 1)


def empty(definition: Definition) -> dict:
    items: dict = {}
    for item in definition.items:
        if item.type == "vas":
            items[item.id] = {"histogram": [0] * (VAS_MAX - VAS_MIN + 1)}
        elif item.type != "text":
            items[item.id] = {"counts": {str(v): 0 for v in item.answer_values()}}
    scales = {}
    for scale in definition.scales:
        entry = {"min": scale.min, "step": scale.step, "histogram": [0] * scale_bins(scale), "n": 0}
        if scale.cutoffs:
            entry["cutoffs"] = [c["value"] for c in scale.cutoffs]
        scales[scale.id] = entry
    return {"n": 0, "items": items, "scales": scales}


def add(agg: dict, definition: Definition, answers: dict, scores: dict) -> None:
    """Add one checked response (clean answers and its scale scores) to agg in place."""
    agg["n"] += 1
    for item in definition.items:
        if item.id not in answers or item.type == "text":
            continue
        value = answers[item.id]
        entry = agg["items"][item.id]
        if item.type == "vas":
            entry["histogram"][vas_bin(value)] += 1
        else:
            entry["counts"][str(value)] += 1
    for scale in definition.scales:
        score = scores.get(scale.id)
        if score is not None:
            entry = agg["scales"][scale.id]
            entry["histogram"][scale_bin(scale, score)] += 1
            entry["n"] += 1


def aggregate(definition: Definition, checked_responses) -> dict:
    """checked_responses: response.Checked objects (valid ones)."""
    agg = empty(definition)
    for checked in checked_responses:
        add(agg, definition, checked.answers, checked.scales)
    return agg


def from_columns(definition: Definition, columns: dict, n: int) -> dict:
    """The same as aggregate(), from n responses read by response.read_columns: each item
    counts its distinct answers, and each scale scores each distinct pattern of its items'
    answers once (the counting itself is the standard library's Counter)."""
    from .response import BLANK, score_scale
    agg = empty(definition)
    agg["n"] = n
    for item in definition.items:
        if item.type == "text":
            continue
        entry = agg["items"][item.id]
        column = columns[item.id]
        for key, count in column.counts.items():
            value = column.clean[key]
            if value is BLANK:
                continue
            if item.type == "vas":
                entry["histogram"][vas_bin(value)] += count
            else:
                entry["counts"][str(value)] += count
    for scale in definition.scales:
        entry = agg["scales"][scale.id]
        used = [columns[i] for i in scale.items]
        for pattern, count in Counter(zip(*(c.keys for c in used))).items():
            answers = {}
            for item_id, column, key in zip(scale.items, used, pattern):
                value = column.clean[key]
                if value is not BLANK:
                    answers[item_id] = value
            score = score_scale(scale, answers)
            if score is not None:
                entry["histogram"][scale_bin(scale, score)] += count
                entry["n"] += count
    return agg


def merge(a: dict, b: dict) -> dict:
    """The aggregate of both: counts and histograms added. Shapes must match."""
    if set(a["items"]) != set(b["items"]) or set(a["scales"]) != set(b["scales"]):
        raise ValueError("de to opptellingene har ulike spørsmål eller skalaer")
    out = {"n": a["n"] + b["n"], "items": {}, "scales": {}}
    for item_id, x in a["items"].items():
        y = b["items"][item_id]
        if "histogram" in x:
            out["items"][item_id] = {"histogram": _add_lists(x["histogram"], y.get("histogram"), item_id)}
        else:
            if set(x["counts"]) != set(y.get("counts", {})):
                raise ValueError(f"items.{item_id}: de to opptellingene har ulike svaralternativer")
            out["items"][item_id] = {"counts": {key: x["counts"][key] + y["counts"][key]
                                                for key in x["counts"]}}
    for scale_id, x in a["scales"].items():
        y = b["scales"][scale_id]
        entry = dict(x)
        entry["histogram"] = _add_lists(x["histogram"], y["histogram"], scale_id)
        entry["n"] = x["n"] + y["n"]
        out["scales"][scale_id] = entry
    return out


def _add_lists(x: list, y, name: str) -> list:
    if not isinstance(y, list) or len(x) != len(y):
        raise ValueError(f"{name}: de to histogrammene har ulik lengde")
    return [p + q for p, q in zip(x, y)]
