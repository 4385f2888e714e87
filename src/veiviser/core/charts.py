"""Vega-Lite specs as plain dicts (no altair here: this runs in the browser too).

The device page and the merge page hand them to vega-embed; the build publishes the very same
specs for its feedback charts (published_chart, comparison_chart), so a preview draws what the
site will draw. Every spec carries a description for screen readers and its data inline (so
nothing is fetched), the decimal comma, whole-number count axes, and no title of its own: the
page says the question once, in its heading. Axis labels wrap instead of being cut off.
"""
from __future__ import annotations

from . import vocabulary

VEGA_LITE = "https://vega.github.io/schema/vega-lite/v5.json"   # an identifier; never fetched


def text_of(texts, lang: str = "nb", fallback: str = "") -> str:
    """A multilingual text in one language (vocabulary.text), fallback when there is none."""
    return vocabulary.text(texts, lang, fallback) if isinstance(texts, dict) else fallback


# The number format of vocabulary.json (decimal comma, a thin space between thousands), larger
# labels than Vega's 10 px, and wrapped axis labels (split at "\n", see wrap()).
CONFIG = {
    "locale": {"number": {"decimal": vocabulary.VOCABULARY["decimal_separator"], "thousands": "\u00a0",
                          "grouping": [3], "currency": ["", "\u00a0kr"]}},
    "axis": {"labelFontSize": 13, "titleFontSize": 13, "labelLimit": 0, "titlePadding": 8},
    "legend": {"labelFontSize": 13, "labelLimit": 0, "titleFontSize": 13},
    "text": {"fontSize": 13},
    "view": {"stroke": None},
}
WRAPPED = "split(datum.label, '\\n')"    # Vega draws a list of lines as lines
PERCENT_AXIS = {"values": [0, 20, 40, 60, 80, 100], "format": "d"}


def wrap(text: str, width: int = 34) -> str:
    """Lines of at most width characters (never splitting a word), joined with "\n"."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def _base(title: str, description: str, values: list) -> dict:
    """title names the chart in its description only (the page heading shows it once)."""
    return {"$schema": VEGA_LITE, "description": description, "data": {"values": values},
            "width": "container", "config": CONFIG}


COUNT_AXIS = {"tickMinStep": 1, "format": "d"}     # counts in whole numbers, never 0.5 steps


def counts_chart(title: str, counts: dict, labels: dict | None = None) -> dict:
    """Horizontal bars, one per answer, in the definition's order."""
    labels = labels or {}
    values = [{"svar": wrap(labels.get(key, key)), "antall": c} for key, c in counts.items()]
    spec = _base(title, f"Søylediagram: antall svar per svaralternativ for «{title}».", values)
    spec.update({"mark": {"type": "bar", "color": "#3949ab"},
                 "encoding": {"y": {"field": "svar", "type": "nominal", "sort": None, "title": None,
                                    "axis": {"labelExpr": WRAPPED}},
                              "x": {"field": "antall", "type": "quantitative", "title": "Antall svar",
                                    "axis": COUNT_AXIS},
                              "tooltip": [{"field": "svar", "title": "Svar"},
                                          {"field": "antall", "title": "Antall"}]}})
    return spec


def histogram_chart(title: str, pairs: list, x_title: str = "Verdi") -> dict:
    """Bars for a histogram given as [(value, count)]."""
    values = [{"verdi": v, "antall": c} for v, c in pairs]
    spec = _base(title, f"Søylediagram: fordeling av svarene for «{title}».", values)
    spec.update({"mark": {"type": "bar", "color": "#3949ab"},
                 "encoding": {"x": {"field": "verdi", "type": "ordinal", "title": x_title,
                                    "axis": {"labelAngle": 0}},
                              "y": {"field": "antall", "type": "quantitative", "title": "Antall svar",
                                    "axis": COUNT_AXIS},
                              "tooltip": [{"field": "verdi", "title": x_title},
                                          {"field": "antall", "title": "Antall"}]}})
    return spec


def n_text(n: int | None) -> str:
    """«n = 12»; n is None when too few answered to publish the count (the table says «skjult»)."""
    return f"n = {n}" if n is not None else "for få svar til å vise antallet"


def published_chart(title: str, published: dict, labels: dict, what: str) -> dict:
    """One published table as bars of shares: a hidden category keeps its row, labelled
    «skjult» and without a bar (never a zero bar); n once, in the axis title."""
    hidden = vocabulary.VOCABULARY["publication"]["hidden"]
    n = published["n"]
    values = []
    for c, v in published["cells"].items():
        share = None if v is None or not n else round(100 * v / n, 1)
        values.append({"svar": wrap(labels[c]), "prosent": share, "antall": v,
                       "tekst": hidden if v is None else f"{vocabulary.decimal(share)} %"})
    spec = _base(title, f"Søylediagram: {what} for «{title}», i prosent av dem som svarte ({n_text(n)}). "
                        "Skjulte svar står som «skjult».", values)
    # The answers in the table's order, hidden ones included (a bar layer without them must not
    # move them to the end).
    y = {"field": "svar", "type": "nominal", "sort": [v["svar"] for v in values], "title": None,
         "axis": {"labelExpr": WRAPPED}}
    x = {"field": "prosent", "type": "quantitative", "title": f"Prosent av dem som svarte ({n_text(n)})",
         "scale": {"domain": [0, 100]}, "axis": PERCENT_AXIS}
    spec.update({"layer": [
        {"transform": [{"filter": "datum.prosent !== null"}],
         "mark": {"type": "bar", "color": "#3949ab"},
         "encoding": {"y": y, "x": x, "tooltip": [{"field": "svar", "title": "Svar"},
                                                  {"field": "tekst", "title": "Andel"}]}},
        {"transform": [{"calculate": "datum.prosent === null ? 0 : datum.prosent", "as": "plassering"}],
         "mark": {"type": "text", "align": "left", "dx": 4, "color": "#000"},
         "encoding": {"y": y, "x": {"field": "plassering", "type": "quantitative"}, "text": {"field": "tekst"}}},
    ]})
    return spec


def comparison_chart(title: str, rows: list, service: str, nation: str) -> dict:
    """The service beside the nation, question by question, in one chart: two bars per
    question; a hidden share is labelled «skjult», never drawn as zero."""
    hidden = vocabulary.VOCABULARY["publication"]["hidden"]
    values = []
    for r in rows:
        for who, share in ((service, r["tjeneste_prosent"]), (nation, r["nasjonalt_prosent"])):
            values.append({"sporsmal": wrap(r["sporsmal"], 40), "hvem": who, "prosent": share,
                           "tekst": hidden if share is None else f"{vocabulary.decimal(share)} %"})
    spec = _base(title, f"Søylediagram: {title}. For hvert spørsmål står tjenesten ({service}) over "
                        f"landet ({nation}).", values)
    y = {"field": "sporsmal", "type": "nominal", "sort": list(dict.fromkeys(v["sporsmal"] for v in values)),
         "title": None, "axis": {"labelExpr": WRAPPED}}
    offset = {"field": "hvem", "type": "nominal", "sort": [service, nation]}
    spec.update({"layer": [
        {"transform": [{"filter": "datum.prosent !== null"}],
         "mark": {"type": "bar"},
         "encoding": {"y": y, "yOffset": offset,
                      "x": {"field": "prosent", "type": "quantitative", "title": "Prosent i stor eller svært stor grad",
                            "scale": {"domain": [0, 100]}, "axis": PERCENT_AXIS},
                      "color": {"field": "hvem", "type": "nominal", "title": None,
                                "scale": {"domain": [service, nation], "range": ["#1a237e", "#9fa8da"]},
                                "legend": {"orient": "bottom", "direction": "vertical"}},
                      "tooltip": [{"field": "hvem", "title": "Hvem"}, {"field": "tekst", "title": "Andel"}]}},
        {"transform": [{"calculate": "datum.prosent === null ? 0 : datum.prosent", "as": "plassering"}],
         "mark": {"type": "text", "align": "left", "dx": 4, "color": "#000"},
         "encoding": {"y": y, "yOffset": offset, "x": {"field": "plassering", "type": "quantitative"},
                      "text": {"field": "tekst"}}},
    ]})
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
