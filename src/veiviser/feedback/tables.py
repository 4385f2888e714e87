"""What is published of a Report, and why it cannot be undone.

- Answer categories (rating, choice, yes/no, traffic light): one table per question with the
  question's own n (those who answered it); core's suppression.suppress on it.
- Numbers (vas lines and scale scores): the histogram is published in a few bands, suppressed
  the same way; mean, median and quartiles only when n >= k AND no band is hidden (with a
  hidden band, the mean would add an equation that could pin the hidden counts down).
- The comparison with the national survey: a share computed only from published cells, so it
  adds nothing a reader could not already work out.
- The download rows: one per published cell; a hidden value is empty, with the flag `skjult`.

Category labels are the definition's own; the fixed answers (vet ikke, ja/nei, traffic
lights) take their one wording from core/vocabulary.json.
"""
from __future__ import annotations

from ..core import summary as summary_mod
from ..core import suppression, vocabulary
from ..core.definition import DONT_KNOW
from ..problems import FeedbackError, Problem
from .reports import Report

TABLE_SCHEMA = "feedback-table.schema.json"   # one download row (veiviser.schemas, published under data/schemas/)


def label_of(item, value: str) -> str:
    for o in item.options:
        if str(o["value"]) == value:
            return vocabulary.text(o["label"])
    return vocabulary.answer_label(value) or value


def vas_bands() -> list[tuple[str, list[int]]]:
    """Three bands of the 0–10 line: low, middle, high (a cell per value would mostly be hidden)."""
    return [("0–4", [0, 1, 2, 3, 4]), ("5–7", [5, 6, 7]), ("8–10", [8, 9, 10])]


def scale_bands(entry: dict) -> list[tuple[str, list[int]]]:
    """Bins of a scale histogram grouped at its cut-offs, else in four equal bands."""
    values = [round(entry["min"] + i * entry["step"], 1) for i in range(len(entry["histogram"]))]
    edges = list(entry.get("cutoffs") or [])
    if not edges:
        lo, hi = values[0], values[-1]
        edges = [round(lo + (hi - lo) * q / 4, 1) for q in (1, 2, 3)]
    bands, start = [], 0
    for edge in edges + [None]:
        idx = [i for i, v in enumerate(values) if i >= start and (edge is None or v < edge)]
        if idx:
            bands.append((f"{vocabulary.decimal(values[idx[0]])}–{vocabulary.decimal(values[idx[-1]])}", idx))
            start = idx[-1] + 1
    return bands


def band_counts(hist: list[int], bands) -> dict[str, int]:
    return {name: sum(hist[i] for i in idx) for name, idx in bands}


def numeric_stats(pairs: list, published: dict, k: int) -> dict | None:
    """mean/median/quartiles only when n >= k and nothing in the band table is hidden."""
    if published["too_few"] or any(published["suppressed"][c] and published["cells"][c] is None
                                   for c in published["cells"]):
        return None
    s = summary_mod.stats(pairs)
    if s["n"] < k:
        return None
    return {key: s[key] for key in ("mean", "median", "q1", "q3")}


def publishable(r: Report) -> dict:
    """question id -> {"title", "kind": "counts"|"bands", "labels", "published", "stats"}."""
    d = r.survey.definition
    out = {}
    for item in d.items:
        entry = r.merged["items"].get(item.id)
        if entry is None:
            continue
        title = vocabulary.text(item.raw.get("text")) or item.id
        if "counts" in entry:
            counts = dict(entry["counts"])
            published = suppression.suppress(counts, r.k)
            out[item.id] = {"title": title, "kind": "counts", "labels": {c: label_of(item, c) for c in counts},
                            "published": published, "stats": None}
        else:
            bands = vas_bands()
            published = suppression.suppress(band_counts(entry["histogram"], bands), r.k)
            out[item.id] = {"title": title, "kind": "bands", "labels": {b: b for b, _ in bands},
                            "published": published,
                            "stats": numeric_stats(list(enumerate(entry["histogram"])), published, r.k)}
    for scale in d.scales:
        entry = r.merged["scales"].get(scale.id)
        if entry is None:
            continue
        bands = scale_bands(entry)
        published = suppression.suppress(band_counts(entry["histogram"], bands), r.k)
        out[f"skala-{scale.id}"] = {"title": "Skala: " + (vocabulary.text(scale.raw.get("title")) or scale.id),
                                    "kind": "bands", "labels": {b: b for b, _ in bands}, "published": published,
                                    "stats": numeric_stats(summary_mod.scale_values(entry), published, r.k)}
    return out


def share_of(v, n):
    return None if v is None or not n else round(100 * v / n, 1)


def comparison(r: Report, fafo_rows: list[dict]) -> list[dict]:
    """The service's share «i stor eller svært stor grad» beside the national figure.

    The local share uses published cells only (else it is not shown); the national figure is
    read from data/indicators/fafo-indicators.csv by the indicator and year the definition names."""
    comps = r.survey.raw.get("national_comparison") or []
    by_nr = {row["nr"]: row for row in fafo_rows}
    csv_file = "data/indicators/fafo-indicators.csv"
    out = []
    for i, comp in enumerate(comps):
        where = f"national_comparison[{i}]"
        row = by_nr.get(str(comp["indicator"]))
        if row is None:
            raise FeedbackError([Problem(r.survey.file, f"{where}.indicator",
                                         f"indicator {comp['indicator']} is not in {csv_file}")])
        table = r.tables.get(comp["item"])
        share = n_base = None
        if table and not r.too_few and not table["published"]["too_few"]:
            cells = table["published"]["cells"]
            wanted = [str(v) for v in comp["values"]]
            if all(cells.get(c) is not None for c in wanted + ([DONT_KNOW] if DONT_KNOW in cells else [])):
                n_base = table["published"]["n"] - (cells.get(DONT_KNOW) or 0)
                share = round(100 * sum(cells[c] for c in wanted) / n_base) if n_base else None
        for fig in comp["figures"]:
            national = row.get(f"tall_{fig['year']}", "")
            if national == "":
                raise FeedbackError([Problem(csv_file, f"indicator {comp['indicator']}",
                                             f"has no figure for {fig['year']}, which {r.survey.file} compares with")])
            if float(national) != float(fig["percent"]):
                raise FeedbackError([Problem(r.survey.file, f"{where}.figures",
                                             f"indicator {comp['indicator']} is {fig['percent']} % for {fig['year']}, "
                                             f"but fafo-indicators.csv says {national} %")])
            out.append({"item": comp["item"], "indicator": row["nr"], "indicator_text": row["indikator"],
                        "local_share": share, "local_n": n_base, "national_share": float(national),
                        "national_year": fig["year"], "national_source": row["kilde"],
                        "national_line": row["seed_linje"]})
    return out


def download_rows(r: Report, item_id: str, t: dict) -> list[dict]:
    """The rows of one published table for CSV and JSON (data/schemas/feedback-table.schema.json)."""
    d = r.survey.definition
    period = r.merged["period"] or {}
    rows = []
    for row in suppression.rows_for_download(item_id, t["published"]):
        rows.append({"tjeneste": r.key, "skjema": d.id, "versjon": d.version,
                     "periode_fra": period.get("from"), "periode_til": period.get("to"),
                     "sporsmal": row["sporsmal"], "kategori": row["kategori"],
                     "kategori_tekst": t["labels"][row["kategori"]], "antall": row["antall"],
                     "andel_prosent": row["andel_prosent"], "n": row["n"], "skjult": row["skjult"],
                     "for_fa_svar": t["published"]["too_few"], "k": row["k"], "eksempeldata": r.example})
    return rows


def all_rows(r: Report) -> list[dict]:
    """Every download row of a report (its «alle» files)."""
    return [row for item_id, t in r.tables.items() for row in download_rows(r, item_id, t)]
