"""What is published of a merged export, and why it cannot be undone. Standard library only:
the build (veiviser.feedback.tables) and the merge page's preview in the browser
(bridge.publish) run this same code on the same inputs, so the preview is the publication.

- Answer categories (rating, choice, yes/no, traffic light): one table per question with the
  question's own n (those who answered it); suppression.suppress on it.
- Numbers (vas lines and scale scores): the histogram is published in a few bands, suppressed
  the same way; mean, median and quartiles only when n >= k AND no band is hidden (with a
  hidden band, the mean would add an equation that could pin the hidden counts down).
- The headline of a question: the share in its top answers («i stor eller svært stor grad»,
  «ja», «grønt», 8–10 on a line), out of those who answered something other than «vet ikke»,
  from published cells only (else it is not shown).
- The comparison with the national survey: the headline share of the compared item beside
  the figures the definition quotes.
- The download rows: one per published cell; a hidden value is empty, with the flag `skjult`.

Category labels are the definition's own; the fixed answers (vet ikke, ja/nei, traffic
lights) take their one wording from vocabulary.json, as do the words that explain hiding.
"""
from __future__ import annotations

import csv
import io

from . import summary as summary_mod
from . import suppression, vocabulary
from .definition import DONT_KNOW, Definition

WORDS: dict = vocabulary.VOCABULARY["publication"]


def hidden_note(k: int) -> str:
    """«Tall fra færre enn 10 personer vises ikke.»"""
    return WORDS["hidden_note"].format(k=k)


def period_text(period: dict | None) -> str:
    """«april 2025 – januar 2026», or «ingen svar»."""
    if not period:
        return "ingen svar"
    if period["from"] == period["to"]:
        return vocabulary.month_text(period["from"])
    return f"{vocabulary.month_text(period['from'])} – {vocabulary.month_text(period['to'])}"


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


def numeric_stats(pairs: list, published: dict, k: int, bands=None) -> dict | None:
    """mean/median/quartiles only when n >= k, nothing in the band table is hidden, and the
    statistics do not pin down the answers inside the bands (stats_hide_bins)."""
    if published["too_few"] or any(published["suppressed"][c] and published["cells"][c] is None
                                   for c in published["cells"]):
        return None
    s = summary_mod.stats(pairs)
    if s["n"] < k:
        return None
    shown = {key: s[key] for key in ("mean", "median", "q1", "q3")}
    if bands is not None and not stats_hide_bins([c for _, c in pairs], [v for v, _ in pairs], bands, shown, k):
        return None
    return shown


def _shown_stats(hist: list[int], values: list) -> dict:
    s = summary_mod.stats(list(zip(values, hist)))
    return {key: s[key] for key in ("mean", "median", "q1", "q3")}


def stats_hide_bins(hist: list[int], values: list, bands, shown: dict, k: int) -> bool:
    """True when, with the band counts and these statistics published, every value held by
    1 to k - 1 answers can still hold at least two counts (a count of 0 or of k and more may
    be worked out: the tables publish such counts anyway): for each such bin a second
    histogram is found with the same band counts and the same published statistics that
    differs there. The search moves one answer up and another down by the same distance,
    each inside its band (so the sum, and the band counts, stay); a bin with no such witness
    makes the statistics unsafe, and they are not published."""
    band_of = {}
    for b, (_, idx) in enumerate(bands):
        for i in idx:
            band_of[i] = b
    need = [i for i, c in enumerate(hist) if 0 < c < k]
    free: set = set()
    for i in need:                                  # move one answer out of i or into i
        if i in free:
            continue
        mates = [j for j in band_of if band_of[j] == band_of[i] and j != i]
        for src, dst in [(i, j) for j in mates] + [(j, i) for j in mates]:
            if hist[src] == 0:
                continue
            d = dst - src
            for a in band_of:                       # the answer that moves the other way
                b2 = a - d
                if b2 not in band_of or band_of[b2] != band_of[a]:
                    continue
                trial = list(hist)
                trial[src] -= 1
                trial[dst] += 1
                if trial[a] == 0:
                    continue
                trial[a] -= 1
                trial[b2] += 1
                if trial == hist or _shown_stats(trial, values) != shown:
                    continue
                free.update(x for x in range(len(hist)) if trial[x] != hist[x])
                break
            if i in free:
                break
        if i not in free:
            return False
    return True


def top_answers(item) -> list[str]:
    """The answers the headline counts: the two highest of a rating with four or more
    options (the one highest with fewer), «ja», «grønt», 8–10 on a line; [] for choices."""
    if item.type == "rating":
        values = sorted((o["value"] for o in item.options), reverse=True)
        return [str(v) for v in values[: 2 if len(values) >= 4 else 1]]
    if item.type == "yes_no":
        return ["ja"]
    if item.type == "traffic_light":
        return ["gronn"]
    if item.type == "vas":
        return [vas_bands()[-1][0]]
    return []


def headline_label(item, labels: dict) -> str:
    """«i stor grad eller i svært stor grad»: the top answers' own words, lowest first."""
    top = top_answers(item)
    if item.type == "vas":
        return f"{top[0]} på skalaen"
    words = [labels[c].split(":")[0].lower() for c in reversed(top)]
    return " eller ".join(words)


def headline(item, counts: dict, labels: dict) -> dict | None:
    """The share in the top answers out of those who gave another answer than «vet ikke», from
    counts nobody has hidden (the device page's own figures); None for an item without one."""
    top = top_answers(item)
    if not top:
        return None
    dont_know = counts.get(DONT_KNOW)
    base = sum(counts.values()) - (dont_know or 0)
    count = sum(counts.get(c, 0) for c in top)
    return {"label": headline_label(item, labels), "answers": top, "count": count, "n": base,
            "dont_know": dont_know, "share": round(100 * count / base) if base else None,
            "reason": None if base else WORDS["headline_nobody"]}


def published_headline(item, published: dict, labels: dict) -> dict | None:
    """The headline of a published table: hidden cells stay hidden, n is the table's; share
    None (with the reason in plain words) when a cell it needs is hidden."""
    top = top_answers(item)
    if not top:
        return None
    cells = published["cells"]
    h = {"label": headline_label(item, labels), "answers": top, "share": None, "count": None, "n": None,
         "dont_know": cells.get(DONT_KNOW), "reason": None}
    if published["too_few"]:
        return h | {"reason": WORDS["too_few"]}
    if any(cells.get(c) is None for c in top + ([DONT_KNOW] if DONT_KNOW in cells else [])):
        return h | {"reason": WORDS["headline_hidden"]}
    base = published["n"] - (cells.get(DONT_KNOW) or 0)
    if not base:
        return h | {"reason": WORDS["headline_nobody"]}
    count = sum(cells[c] for c in top)
    return h | {"share": round(100 * count / base), "count": count, "n": base}


def in_order(item, counts: dict) -> dict:
    """The counts in the definition's order of answers (JSON read by a browser script may come
    back with "1" before "5"); counts the definition does not know keep their place after."""
    order = [str(v) for v in item.answer_values()]
    out = {c: counts[c] for c in order if c in counts}
    out.update({c: v for c, v in counts.items() if c not in out})
    return out


def tables(merged: dict, definition: Definition, k: int) -> dict:
    """question id -> {"id", "title", "kind": "counts"|"bands", "labels", "published", "stats",
    "headline"}, in the definition's order (items, then scales as skala-<id>)."""
    d = definition
    out = {}
    for item in d.items:
        entry = merged["items"].get(item.id)
        if entry is None:
            continue
        title = vocabulary.text(item.raw.get("text")) or item.id
        if "counts" in entry:
            counts = in_order(item, entry["counts"])
            published = suppression.suppress(counts, k)
            labels = {c: label_of(item, c) for c in counts}
            out[item.id] = {"id": item.id, "title": title, "kind": "counts", "labels": labels,
                            "published": published, "stats": None,
                            "headline": published_headline(item, published, labels)}
        else:
            bands = vas_bands()
            published = suppression.suppress(band_counts(entry["histogram"], bands), k)
            labels = {b: b for b, _ in bands}
            out[item.id] = {"id": item.id, "title": title, "kind": "bands", "labels": labels,
                            "published": published,
                            "stats": numeric_stats(list(enumerate(entry["histogram"])), published, k, bands),
                            "headline": published_headline(item, published, labels)}
    for scale in d.scales:
        entry = merged["scales"].get(scale.id)
        if entry is None:
            continue
        bands = scale_bands(entry)
        published = suppression.suppress(band_counts(entry["histogram"], bands), k)
        out[f"skala-{scale.id}"] = {"id": f"skala-{scale.id}",
                                    "title": "Skala: " + (vocabulary.text(scale.raw.get("title")) or scale.id),
                                    "kind": "bands", "labels": {b: b for b, _ in bands}, "published": published,
                                    "stats": numeric_stats(summary_mod.scale_values(entry), published, k, bands),
                                    "headline": None}
    return out


def share_of(v, n):
    return None if v is None or not n else round(100 * v / n, 1)


def comparison(definition: Definition, published_tables: dict, too_few: bool, national: dict | None = None) -> list:
    """The service's share «i stor eller svært stor grad» (published cells only) beside each
    national figure the definition quotes. national: indicator -> {"indikator", "kilde",
    "seed_linje"} from the national table (the build reads data/indicators/fafo-indicators.csv
    and hands the same rows to the preview); without it the definition's own text is used."""
    out = []
    for comp in definition.raw.get("national_comparison") or []:
        row = (national or {}).get(str(comp["indicator"])) or {}
        table = published_tables.get(comp["item"])
        share = n_base = None
        if table and not too_few and not table["published"]["too_few"]:
            cells = table["published"]["cells"]
            wanted = [str(v) for v in comp["values"]]
            if all(cells.get(c) is not None for c in wanted + ([DONT_KNOW] if DONT_KNOW in cells else [])):
                n_base = table["published"]["n"] - (cells.get(DONT_KNOW) or 0)
                share = round(100 * sum(cells[c] for c in wanted) / n_base) if n_base else None
        for fig in comp["figures"]:
            out.append({"item": comp["item"], "question": table["title"] if table else comp["item"],
                        "indicator": str(comp["indicator"]),
                        "indicator_text": row.get("indikator") or vocabulary.text(comp.get("text")),
                        "local_share": share, "local_n": n_base, "national_share": float(fig["percent"]),
                        "national_year": fig["year"], "national_source": row.get("kilde", ""),
                        "national_line": row.get("seed_linje", str(comp["lines"]))})
    return out


def comparison_rows(comps: list, service: str, period_text: str, period: dict | None, example: bool) -> list:
    """One row per question, the service beside the nation (for the table and its downloads)."""
    period = period or {}
    rows = []
    for c in comps:
        rows.append({"sporsmal": c["question"], "tjeneste": service,
                     "periode": f"{period.get('from')}/{period.get('to')}", "tjeneste_tekst": period_text,
                     "tjeneste_prosent": c["local_share"], "tjeneste_n": c["local_n"],
                     "nasjonalt_aar": c["national_year"], "nasjonalt_prosent": c["national_share"],
                     "kilde": f"Fafo 2019:33, indikator {c['indicator']} (linje {c['national_line']})"
                              + (f", datakilde {c['national_source']}" if c["national_source"] else ""),
                     "eksempeldata": example})
    return rows


def download_rows(merged: dict, definition: Definition, table_id: str, t: dict, service: str, example: bool) -> list:
    """The rows of one published table for CSV and JSON (data/schemas/feedback-table.schema.json)."""
    d = definition
    period = merged["period"] or {}
    rows = []
    for row in suppression.rows_for_download(table_id, t["published"]):
        rows.append({"tjeneste": service, "skjema": d.id, "versjon": d.version,
                     "periode_fra": period.get("from"), "periode_til": period.get("to"),
                     "sporsmal": row["sporsmal"], "kategori": row["kategori"],
                     "kategori_tekst": t["labels"][row["kategori"]], "antall": row["antall"],
                     "andel_prosent": row["andel_prosent"], "n": row["n"], "skjult": row["skjult"],
                     "for_fa_svar": t["published"]["too_few"], "k": row["k"], "eksempeldata": example})
    return rows


def all_rows(merged: dict, definition: Definition, published_tables: dict, service: str, example: bool) -> list:
    return [row for table_id, t in published_tables.items()
            for row in download_rows(merged, definition, table_id, t, service, example)]


def publication(merged: dict, definition: Definition, k: int, service: str, example: bool = False,
                national: dict | None = None) -> dict:
    """Everything the site publishes of one service and one survey version: the tables, the
    comparison with the nation and every download row. too_few: fewer than k answers in all."""
    too_few = merged["n"] < k
    published = tables(merged, definition, k)
    comps = [] if too_few else comparison(definition, published, too_few, national)
    return {"service": service, "survey": {"id": definition.id, "version": definition.version},
            "k": k, "n": None if too_few else merged["n"], "too_few": too_few, "period": merged["period"],
            "devices": len(merged.get("devices") or [merged.get("device")]),
            "hidden_note": hidden_note(k), "tables": published, "comparison": comps,
            "rows": all_rows(merged, definition, published, service, example)}


def csv_text(rows: list[dict], excel: bool = False) -> str:
    """The rows as CSV, one header line. Standard: comma, decimal point, true/false, an empty
    cell for a hidden value (what other programs read). excel: what Norwegian Excel opens
    correctly by double-click: a UTF-8 byte-order mark, semicolons, the decimal comma and
    Windows line ends. The build and the merge page write both with this function."""
    if not rows:
        return ""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=";" if excel else ",",
                            lineterminator="\r\n" if excel else "\n")
    writer.writeheader()
    for row in rows:
        out = {}
        for key, v in row.items():
            if v is None:
                out[key] = ""
            elif isinstance(v, bool):
                out[key] = str(v).lower()
            elif isinstance(v, float) and excel:
                out[key] = (str(int(v)) if v.is_integer() else repr(v)).replace(".", vocabulary.VOCABULARY["decimal_separator"])
            else:
                out[key] = v
        writer.writerow(out)
    return ("\ufeff" if excel else "") + buf.getvalue()
