"""Vega-Lite specs as plain dicts (no altair here: this runs in the browser too).

The staff page hands them to vega-embed; every spec carries a description for screen
readers, and its data inline, so nothing is fetched.
"""
from __future__ import annotations

from . import vocabulary

VEGA_LITE = "https://vega.github.io/schema/vega-lite/v5.json"   # an identifier; never fetched


def text_of(texts, lang: str = "nb", fallback: str = "") -> str:
    """A multilingual text in one language (vocabulary.text), fallback when there is none."""
    return vocabulary.text(texts, lang, fallback) if isinstance(texts, dict) else fallback


def _base(title: str, description: str, values: list) -> dict:
    return {"$schema": VEGA_LITE, "title": title, "description": description,
            "data": {"values": values}, "width": "container"}


def counts_chart(title: str, counts: dict, labels: dict | None = None) -> dict:
    """Horizontal bars, one per answer, in the definition's order."""
    labels = labels or {}
    values = [{"svar": labels.get(key, key), "antall": c} for key, c in counts.items()]
    spec = _base(title, f"Søylediagram: antall svar per svaralternativ for «{title}».", values)
    spec.update({"mark": {"type": "bar"},
                 "encoding": {"y": {"field": "svar", "type": "nominal", "sort": None, "title": None},
                              "x": {"field": "antall", "type": "quantitative", "title": "Antall svar"},
                              "tooltip": [{"field": "svar"}, {"field": "antall"}]}})
    return spec


def histogram_chart(title: str, pairs: list, x_title: str = "Verdi") -> dict:
    """Bars for a histogram given as [(value, count)]."""
    values = [{"verdi": v, "antall": c} for v, c in pairs]
    spec = _base(title, f"Søylediagram: fordeling av svarene for «{title}».", values)
    spec.update({"mark": {"type": "bar"},
                 "encoding": {"x": {"field": "verdi", "type": "ordinal", "title": x_title},
                              "y": {"field": "antall", "type": "quantitative", "title": "Antall"},
                              "tooltip": [{"field": "verdi"}, {"field": "antall"}]}})
    return spec


def trajectory_chart(title: str, points: list, domain: list | None = None, y_title: str = "Skår",
                     description: str | None = None) -> dict:
    """Lines over check-ins: points are [{"dato": "3. feb. 2026", "linje": "...", "skår": 27}],
    in time order (the x-axis keeps that order: one step per check-in, its date as the label)."""
    spec = _base(title, description or f"Linjediagram: skår for hver registrering, «{title}».", points)
    y: dict = {"field": "skår", "type": "quantitative", "title": y_title}
    if domain:
        y["scale"] = {"domain": domain}
    spec.update({"mark": {"type": "line", "point": True},
                 "encoding": {"x": {"field": "dato", "type": "ordinal", "title": "Dato", "sort": None,
                                    "axis": {"labelAngle": -40}},
                              "y": y,
                              "color": {"field": "linje", "type": "nominal", "title": None,
                                        "legend": {"orient": "bottom", "direction": "vertical", "labelLimit": 250}},
                              "tooltip": [{"field": "dato"}, {"field": "linje"}, {"field": "skår"}]}})
    return spec
