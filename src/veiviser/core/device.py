"""The figures of one device («Tall fra dette nettbrettet»): the device's own export, read by
the staff on the device itself, so nothing is hidden; only whole batches of k are in it.

Per question: the headline share (the top answers out of those who answered something other
than «vet ikke», the number that gets published and compared nationally), how many answered,
how many said «vet ikke» (counted apart and said so), the counts and shares per answer, and
for numbers (vas lines, scales) mean, median and quartiles over those with a number. Each
with a chart (veiviser.core.charts) whose title is not repeated inside it.
"""
from __future__ import annotations

from . import charts, publish, summary, vocabulary
from .definition import DONT_KNOW, Definition


def _share(count: int, n: int):
    return None if not n else round(100 * count / n, 1)


def questions(doc: dict, definition: Definition) -> list[dict]:
    out = []
    for item in definition.items:
        entry = doc["items"].get(item.id)
        if entry is None:
            continue
        title = vocabulary.text(item.raw.get("text")) or item.id
        if "counts" in entry:
            counts = publish.in_order(item, entry["counts"])
            labels = {c: publish.label_of(item, c) for c in counts}
            answered = sum(counts.values())
            numeric = [(int(c), v) for c, v in counts.items() if c != DONT_KNOW and item.type == "rating"]
            stats = None
            if numeric and sum(v for _, v in numeric):
                s = summary.stats(numeric)
                stats = {key: s[key] for key in ("n", "mean", "median", "q1", "q3")}
            out.append({"id": item.id, "title": title, "kind": "counts", "n": answered,
                        "dont_know": counts.get(DONT_KNOW), "headline": publish.headline(item, counts, labels),
                        "rows": [{"label": labels[c], "count": v, "share": _share(v, answered)}
                                 for c, v in counts.items()],
                        "stats": stats, "chart": charts.counts_chart(title, counts, labels)})
        else:
            hist = entry["histogram"]
            bands = publish.band_counts(hist, publish.vas_bands())
            s = summary.stats(list(enumerate(hist)))
            out.append({"id": item.id, "title": title, "kind": "numbers", "n": s["n"], "dont_know": None,
                        "headline": publish.headline(item, bands, {b: b for b in bands}),
                        "rows": [{"label": str(i), "count": v, "share": _share(v, s["n"])} for i, v in enumerate(hist)],
                        "stats": {key: s[key] for key in ("n", "mean", "median", "q1", "q3")} if s["n"] else None,
                        "chart": charts.histogram_chart(title, list(enumerate(hist)), "Svar på skalaen 0–10")})
    for scale in definition.scales:
        entry = doc["scales"].get(scale.id)
        if entry is None:
            continue
        title = "Skala: " + (vocabulary.text(scale.raw.get("title")) or scale.id)
        pairs = summary.scale_values(entry)
        s = summary.stats(pairs)
        below = [{"value": cut, "text": vocabulary.text(c.get("below")),
                  "count": sum(v for x, v in pairs if x < cut)}
                 for cut, c in zip(entry.get("cutoffs", []), scale.cutoffs)]
        out.append({"id": f"skala-{scale.id}", "title": title, "kind": "scale", "n": s["n"], "dont_know": None,
                    "headline": None, "below": below,
                    "rows": [{"label": vocabulary.decimal(x), "count": v, "share": _share(v, s["n"])}
                             for x, v in pairs if v],
                    "stats": {key: s[key] for key in ("n", "mean", "median", "q1", "q3")} if s["n"] else None,
                    "chart": charts.histogram_chart(title, pairs, "Skår")})
    return out
