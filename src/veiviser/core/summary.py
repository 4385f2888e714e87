"""Figures for people, from an export: n, shares, mean, median and quartiles, share below
cut-offs. Everything is computed from counts and histograms, never from raw answers.

Quantiles use linear interpolation between order statistics (the "inclusive" method:
position p*(n-1) in the sorted values, as numpy's default), where each histogram bin
stands for its own value (vas: 0..10; scales: min + i*step).
"""
from __future__ import annotations

from .definition import DONT_KNOW


def _r(x, places: int = 2):
    """Round for display; whole numbers stay ints so that 5.0 prints as 5."""
    if x is None:
        return None
    x = round(x, places)
    return int(x) if float(x).is_integer() else x


def quantile(pairs: list, p: float):
    """pairs: [(value, count)] sorted by value. None when there is no count."""
    n = sum(c for _, c in pairs)
    if n == 0:
        return None
    pos = p * (n - 1)
    lower = int(pos)
    frac = pos - lower

    def nth(index):
        seen = 0
        for value, count in pairs:
            seen += count
            if index < seen:
                return value
        return pairs[-1][0]

    low = nth(lower)
    if frac == 0:
        return low
    return low + (nth(lower + 1) - low) * frac


def stats(pairs: list) -> dict:
    """n, mean, median, q1, q3, min, max of a histogram given as [(value, count)]."""
    pairs = [(v, c) for v, c in sorted(pairs) if c]
    n = sum(c for _, c in pairs)
    if n == 0:
        return {"n": 0, "mean": None, "median": None, "q1": None, "q3": None, "min": None, "max": None}
    mean = sum(v * c for v, c in pairs) / n
    return {"n": n, "mean": _r(mean), "median": _r(quantile(pairs, 0.5)),
            "q1": _r(quantile(pairs, 0.25)), "q3": _r(quantile(pairs, 0.75)),
            "min": _r(pairs[0][0]), "max": _r(pairs[-1][0])}


def scale_values(entry: dict) -> list:
    return [(_r(entry["min"] + i * entry["step"], 1), c) for i, c in enumerate(entry["histogram"])]


def item_summary(entry: dict) -> dict:
    if "histogram" in entry:
        out = stats(list(enumerate(entry["histogram"])))
        out["histogram"] = list(entry["histogram"])
        return out
    counts = entry["counts"]
    answered = sum(counts.values())
    out = {"n": answered, "counts": dict(counts),
           "shares": {key: (_r(c / answered, 3) if answered else None) for key, c in counts.items()}}
    numeric = []
    for key, c in counts.items():
        try:
            numeric.append((int(key), c))
        except ValueError:
            if key != DONT_KNOW:
                numeric = []    # not a rating item
                break
    if numeric:     # a rating item: numbers for the answers other than "vet ikke"
        out.update({k: v for k, v in stats(numeric).items() if k != "n"})
        out["n_numeric"] = sum(c for _, c in numeric)
    return out


def scale_summary(entry: dict) -> dict:
    values = scale_values(entry)
    out = stats(values)
    out["min_possible"] = entry["min"]
    out["step"] = entry["step"]
    out["histogram"] = list(entry["histogram"])
    n = out["n"]
    out["below_cutoffs"] = [
        {"value": cut, "count": sum(c for v, c in values if v < cut),
         "share": _r(sum(c for v, c in values if v < cut) / n, 3) if n else None}
        for cut in entry.get("cutoffs", [])]
    return out


def comparison_summary(export: dict, comparisons: list) -> list:
    """Share answering one of `values`, out of those who gave another answer than
    «vet ikke», beside the national figures the definition quotes."""
    out = []
    for comp in comparisons:
        counts = export["items"].get(comp["item"], {}).get("counts", {})
        base = sum(c for key, c in counts.items() if key != DONT_KNOW)
        hits = sum(counts.get(str(v), 0) for v in comp["values"])
        out.append({"item": comp["item"], "indicator": comp["indicator"], "n": base,
                    "share": _r(hits / base, 3) if base else None,
                    "national": comp["figures"], "source": comp["source"], "lines": comp["lines"]})
    return out


def summarize(export: dict, definition: dict | None = None) -> dict:
    """The figures of an export; with the definition, also the national comparisons."""
    out = {"survey": export["survey"], "period": export["period"], "n": export["n"],
           "k": export.get("k"),
           "items": {item_id: item_summary(e) for item_id, e in export["items"].items()},
           "scales": {scale_id: scale_summary(e) for scale_id, e in export["scales"].items()}}
    if definition and definition.get("national_comparison"):
        out["national_comparison"] = comparison_summary(export, definition["national_comparison"])
    return out
