"""Published feedback figures: exports in surveys/exports/<municipality>/<service>/*.json.

The build
1. checks every export with aggregate.schema.json and core's reader (export.from_json), and
   that its folder names a catalogue service and its survey matches a definition (id,
   version and hash); any problem stops the build with the file and what is wrong;
2. merges the exports of each (service, survey id, version) with core's merge (so of several
   cumulative exports from one device only the latest counts, as in `veiviser merge`);
3. suppresses every published table with core's suppression (k from $VEIVISER_FEEDBACK_K,
   mkdocs.yml extra.veiviser_feedback_k, else 10);
4. publishes a page per service and survey and a summary per municipality under
   tall/tilbakemeldinger/, every chart (Altair, drawn on request by charts.js) with a table
   beside it and JSON + CSV downloads (a hidden value is empty, with the flag `skjult`).

What is published, and why it cannot be undone:
- Answer categories (rating, choice, yes/no, traffic light): one table per question with the
  question's own n (those who answered it); suppression.suppress on it.
- Numbers (vas lines and scale scores): the histogram is published in a few bands, suppressed
  the same way; mean, median and quartiles only when n >= k AND no band is hidden (with a
  hidden band, the mean would add an equation that could pin the hidden counts down).
- The comparison with the national survey: a share computed only from published cells, so it
  adds nothing a reader could not already work out.
A folder holding a file named EKSEMPELDATA (or a parent folder below surveys/exports holding
one) holds synthetic example data: every page that shows it says «eksempeldata».
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import altair as alt
import pandas as pd

from .. import atomic, schemas
from ..core import export as export_mod
from ..core import summary as summary_mod
from ..core import suppression
from ..core.definition import DONT_KNOW
from ..core.merge import merge_exports
from ..catalogue.model import municipality_path, service_path
from ..indicators import figures
from ..problems import FeedbackError, Problem
from ..render import link, url_of
from ..surveys.model import Survey, definition_url

EXAMPLE_MARKER = "EKSEMPELDATA"
PAGE_DIR = "tall/tilbakemeldinger"
CHART_PREFIX = "tilbakemeldinger"          # under figures.CHART_DIR (data/tall/)
TABLE_SCHEMA = "feedback-table.schema.json"

LABELS = {DONT_KNOW: "Vet ikke", "ja": "Ja", "nei": "Nei",
          "gronn": "Grønt", "gul": "Gult", "rod": "Rødt"}
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]
EXAMPLE_NOTE = ("!!! warning \"Eksempeldata\"\n"
                "    Tallene på denne siden er **eksempeldata**: oppdiktede svar laget av et skript "
                "(`scripts/make-example-exports.py`) for å vise hvordan sidene ser ut. De sier ingenting om tjenesten.")


# --- reading and merging ------------------------------------------------------------------------

def is_example(path: Path, top: Path) -> bool:
    folder = path.parent
    while True:
        if (folder / EXAMPLE_MARKER).exists():
            return True
        if folder == top or top not in folder.parents:
            return False
        folder = folder.parent


@dataclass
class Report:
    """The merged figures of one service and one survey version."""
    municipality: str
    service: dict                     # the catalogue entry
    survey: Survey
    merged: dict                      # core merge output
    files: list[str]
    example: bool
    k: int
    tables: dict = field(default_factory=dict)   # filled by publishable()

    @property
    def key(self) -> str:
        return f"{self.municipality}/{self.service['slug']}"

    @property
    def page(self) -> str:
        d = self.survey.definition
        return f"{PAGE_DIR}/{self.municipality}/{self.service['slug']}-{d.id}-v{d.version}.md"

    @property
    def ident(self) -> str:
        d = self.survey.definition
        return f"{CHART_PREFIX}/{self.municipality}/{self.service['slug']}/{d.id}-v{d.version}"

    @property
    def title(self) -> str:
        return self.survey.title


def read_export(path: Path, shown: str, validator) -> dict:
    """Schema first (names the field), then core's reader (names what a schema cannot)."""
    try:
        text = path.read_text("utf-8")
        data = json.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise FeedbackError([f"{shown}: cannot read: {exc}"]) from None
    except json.JSONDecodeError as exc:
        raise FeedbackError([f"{shown}: not valid JSON (line {exc.lineno}: {exc.msg})"]) from None
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        raise FeedbackError([f"{shown}: {'.'.join(map(str, e.absolute_path)) or '(top level)'}: {e.message}"
                             for e in errors])
    try:
        return export_mod.from_json(text, shown)
    except export_mod.ExportError as exc:
        raise FeedbackError([str(exc)]) from None


def load_reports(root: Path, catalogue, definitions: list[Survey], k: int,
                 folder: Path) -> list[Report]:
    """Every export under folder, checked and merged per (service, survey, version)."""
    root = Path(root)
    folder = Path(folder)
    if not folder.is_dir():
        return []
    validator = schemas.validator("aggregate")
    by_def = {(s.definition.id, s.definition.version): s for s in definitions}
    groups: dict[tuple, list] = {}
    problems: list[str] = []
    for path in sorted(folder.rglob("*.json")):
        try:
            shown = str(path.relative_to(root))
        except ValueError:
            shown = str(path)
        parts = path.relative_to(folder).parts
        if len(parts) != 3:
            problems.append(f"{shown}: exports go in surveys/exports/<municipality>/<service>/<file>.json")
            continue
        key = f"{parts[0]}/{parts[1]}"
        try:
            doc = read_export(path, shown, validator)
        except FeedbackError as exc:
            problems += exc.problems
            continue
        if key not in catalogue.services:
            problems.append(f"{shown}: folder {key}: no such service in the catalogue (data/services/{key}.yaml)")
            continue
        if doc.get("service") not in (None, key):
            problems.append(f"{shown}: service: the export says {doc['service']!r} but lies in the folder of {key}")
            continue
        survey = by_def.get((doc["survey"]["id"], doc["survey"]["version"]))
        if survey is None:
            problems.append(f"{shown}: survey: no definition {doc['survey']['id']} version {doc['survey']['version']} in surveys/")
            continue
        if doc["survey"]["hash"] != survey.definition.hash:
            problems.append(f"{shown}: survey.hash: does not match {survey.file}; the definition was changed "
                            "without a new version, or the export is from another definition")
            continue
        groups.setdefault((key, survey.definition.id, survey.definition.version), []).append(
            (doc, shown, is_example(path, folder)))
    reports = []
    for (key, sid, version), entries in sorted(groups.items()):
        try:
            merged = merge_exports([e[0] for e in entries], [e[1] for e in entries])
        except ValueError as exc:
            problems.append(str(exc))
            continue
        survey = by_def[(sid, version)]
        reports.append(Report(key.split("/")[0], catalogue.services[key], survey, merged,
                              [e[1] for e in entries], any(e[2] for e in entries), k))
    if problems:
        raise FeedbackError(problems)
    for r in reports:
        r.tables = publishable(r)
    return reports


# --- the published tables -----------------------------------------------------------------------

def label_of(item, value: str) -> str:
    for o in item.options:
        if str(o["value"]) == value:
            return figures_text(o["label"])
    return LABELS.get(value, value)


def figures_text(value) -> str:
    return value.get("nb", "") if isinstance(value, dict) else str(value or "")


def vas_bands() -> list[tuple[str, list[int]]]:
    """Three bands of the 0–10 line: low, middle, high (a cell per value would mostly be hidden)."""
    return [("0–4", [0, 1, 2, 3, 4]), ("5–7", [5, 6, 7]), ("8–10", [8, 9, 10])]


def scale_bands(entry: dict, scale) -> list[tuple[str, list[int]]]:
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
            fmt = lambda v: f"{v:g}".replace(".", ",")
            bands.append((f"{fmt(values[idx[0]])}–{fmt(values[idx[-1]])}", idx))
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
        title = figures_text(item.raw.get("text")) or item.id
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
        bands = scale_bands(entry, scale)
        published = suppression.suppress(band_counts(entry["histogram"], bands), r.k)
        out[f"skala-{scale.id}"] = {"title": "Skala: " + (figures_text(scale.raw.get("title")) or scale.id),
                                    "kind": "bands", "labels": {b: b for b, _ in bands}, "published": published,
                                    "stats": numeric_stats(summary_mod.scale_values(entry), published, r.k)}
    return out


def survey_too_few(r: Report) -> bool:
    return r.merged["n"] < r.k


def comparison(r: Report, fafo_rows: list[dict]) -> list[dict]:
    """The service's share «i stor eller svært stor grad» beside the national figure.

    The local share uses published cells only (else it is not shown); the national figure is
    read from data/indicators/fafo-indicators.csv by the indicator and year the definition names."""
    comps = r.survey.raw.get("national_comparison") or []
    by_nr = {row["nr"]: row for row in fafo_rows}
    out = []
    for comp in comps:
        row = by_nr.get(str(comp["indicator"]))
        if row is None:
            raise FeedbackError([f"{r.survey.file}: national_comparison: indicator {comp['indicator']} "
                                 "is not in data/indicators/fafo-indicators.csv"])
        table = r.tables.get(comp["item"])
        share = n_base = None
        if table and not survey_too_few(r) and not table["published"]["too_few"]:
            cells = table["published"]["cells"]
            wanted = [str(v) for v in comp["values"]]
            if all(cells.get(c) is not None for c in wanted + ([DONT_KNOW] if DONT_KNOW in cells else [])):
                n_base = table["published"]["n"] - (cells.get(DONT_KNOW) or 0)
                share = round(100 * sum(cells[c] for c in wanted) / n_base) if n_base else None
        for fig in comp["figures"]:
            national = row.get(f"tall_{fig['year']}", "")
            if national == "":
                raise FeedbackError([f"data/indicators/fafo-indicators.csv: indicator {comp['indicator']} has no "
                                     f"figure for {fig['year']}, which {r.survey.file} compares with"])
            if float(national) != float(fig["percent"]):
                raise FeedbackError([f"{r.survey.file}: national_comparison: indicator {comp['indicator']} is "
                                     f"{fig['percent']} % for {fig['year']}, but fafo-indicators.csv says {national} %"])
            out.append({"item": comp["item"], "indicator": row["nr"], "indicator_text": row["indikator"],
                        "local_share": share, "local_n": n_base, "national_share": float(national),
                        "national_year": fig["year"], "national_source": row["kilde"],
                        "national_line": row["seed_linje"]})
    return out


# --- pages --------------------------------------------------------------------------------------------

def month_text(month: str) -> str:
    year, m = month.split("-")
    return f"{MONTHS[int(m) - 1]} {year}"


def period_text(period: dict | None) -> str:
    if not period:
        return "ingen svar"
    if period["from"] == period["to"]:
        return month_text(period["from"])
    return f"{month_text(period['from'])} – {month_text(period['to'])}"


def share_of(v, n):
    return None if v is None or not n else round(100 * v / n, 1)


def item_chart(r: Report, item_id: str, t: dict) -> figures.Chart:
    p = t["published"]
    rows = []
    for c, v in p["cells"].items():
        rows.append({"svar": t["labels"][c], "antall": v, "andel_prosent": share_of(v, p["n"]),
                     "vises": "skjult" if p["suppressed"][c] and v is None else
                     suppression.share_text(v, p["n"])})
    df = pd.DataFrame(rows)
    plot = df[df["antall"].notna()]
    n = p["n"]
    # n is None when too few answered to publish the count (the table says «skjult»)
    n_text = f"n = {n}" if n is not None else "for få svar til å vise antallet"
    base = alt.Chart(plot).encode(
        y=alt.Y("svar:N", title=None, sort=list(df["svar"]), axis=alt.Axis(labelLimit=260)),
        x=alt.X("andel_prosent:Q", title=f"Prosent av dem som svarte ({n_text})", scale=alt.Scale(domain=[0, 100])),
        tooltip=[alt.Tooltip("svar:N", title="Svar"), alt.Tooltip("andel_prosent:Q", title="Prosent"),
                 alt.Tooltip("antall:Q", title="Antall")])
    chart = (base.mark_bar(color="#3949ab") +
             base.mark_text(align="left", dx=3, color="#000").encode(text="vises:N")).properties(width=300)
    shown = pd.DataFrame([{"svar": row["svar"], "antall": "skjult" if row["antall"] is None else str(row["antall"]),
                           "vises": row["vises"]} for row in rows])
    c = figures.Chart(f"{r.ident}/{item_id}", t["title"],
                      f"{r.service['name']}, {period_text(r.merged['period'])}; skjulte celler vises ikke", chart,
                      shown, {"svar": "Svar", "antall": "Antall", "vises": f"Andel ({n_text})"})
    c.rows = download_rows(r, item_id, t)
    return c


def download_rows(r: Report, item_id: str, t: dict) -> list[dict]:
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


def comparison_chart(r: Report, comps: list[dict]) -> figures.Chart:
    local = f"{r.service['name']}, {period_text(r.merged['period'])}"
    rows = []
    for c in comps:
        item = r.survey.definition.item(c["item"])
        q = figures_text(item.raw.get("text"))
        period = r.merged["period"] or {}
        rows.append({"sporsmal": q, "hvem": local, "periode": f"{period.get('from')}/{period.get('to')}",
                     "prosent": c["local_share"], "n": c["local_n"],
                     "kilde": "Veiviser-skjemaet «Brukerundersøkelse»" + (" (eksempeldata)" if r.example else "")})
        rows.append({"sporsmal": q, "hvem": f"Nasjonal brukerundersøkelse {c['national_year']}",
                     "periode": str(c["national_year"]), "prosent": c["national_share"], "n": None,
                     "kilde": f"Fafo 2019:33, indikator {c['indicator']} (linje {c['national_line']}), datakilde {c['national_source']}"})
    df = pd.DataFrame(rows)
    chart = alt.Chart(df[df["prosent"].notna()]).mark_bar().encode(
        x=alt.X("prosent:Q", title="Prosent i stor eller svært stor grad", scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("sporsmal:N", title=None, axis=alt.Axis(labelLimit=300)),
        yOffset="hvem:N",
        color=alt.Color("hvem:N", title=None, scale=alt.Scale(range=["#1a237e", "#9fa8da"]),
                        legend=alt.Legend(orient="bottom", labelLimit=400)),
        tooltip=["sporsmal", "hvem", "prosent", "n"]).properties(width=300)
    show = df.copy()
    show["prosent"] = [("skjult" if p is None or pd.isna(p) else f"{p:g} %") for p in df["prosent"]]
    show["n"] = ["Ikke kjent" if (n is None or pd.isna(n)) else str(int(n)) for n in df["n"]]
    c = figures.Chart(f"{r.ident}/sammenligning", "Andel i stor eller svært stor grad: tjenesten og landet",
                      f"Kilde: Veiviser-skjema og Fafo 2019:33 (indikator {', '.join(x['indicator'] for x in comps)})",
                      chart, show, {"sporsmal": "Spørsmål", "hvem": "Hvem og når", "prosent": "Andel", "n": "n",
                                    "kilde": "Kilde"})
    c.rows = [{**row, "eksempeldata": r.example} for row in rows]
    return c


def chart_block(path: str, c: figures.Chart) -> list[str]:
    """figures.chart_block, without the full stop it adds after a title that is a question."""
    return [line.replace("?. ", "? ") for line in figures.chart_block(path, c)]


def stats_lines(t: dict, k: int) -> list[str]:
    if t["published"]["too_few"] or t["kind"] != "bands":
        return []
    s = t["stats"]
    if s is None:
        return ["Gjennomsnitt, median og kvartiler vises ikke: noen grupper er skjult, og tallene kunne sammen "
                "med fordelingen avsløre dem.", ""]
    fmt = lambda v: f"{v:g}".replace(".", ",")
    return [f"Gjennomsnitt {fmt(s['mean'])}, median {fmt(s['median'])}, kvartiler {fmt(s['q1'])} og {fmt(s['q3'])} "
            f"(n = {t['published']['n']}).", ""]


def report_page(r: Report, charts: list[figures.Chart], comps: list[dict], comp_chart) -> str:
    d = r.survey.definition
    path = r.page
    out = ["---", f'title: "{r.title} – {r.service["name"]}"', "---", "",
           f"# {r.title}: {r.service['name']}" + (" (eksempeldata)" if r.example else ""), ""]
    if r.example:
        out += [EXAMPLE_NOTE, ""]
    out += [f"[{r.service['name']}]({link(path, service_path(r.service))}) · "
            f"[Alle tilbakemeldinger i kommunen]({link(path, f'{PAGE_DIR}/{r.municipality}/index.md')})", "",
            "| | |", "|---|---|",
            f"| **Skjema** | {r.title}, versjon {d.version} |",
            f"| **Antall svar** | {suppression.TOO_FEW if survey_too_few(r) else r.merged['n']} |",
            f"| **Periode** | {period_text(r.merged['period'])} |",
            f"| **Enheter** | {len(r.merged['devices'])} |",
            f"| **Minste tall som vises (k)** | {r.k} |", ""]
    if survey_too_few(r):
        out += [f"**For få svar.** Det er kommet færre enn {r.k} svar, så ingen tall vises.", ""]
        return "\n".join(out)
    out += [f"Alle andeler står med sitt *n*: antallet som svarte på spørsmålet. Antall under {r.k} vises ikke, og "
            "noen flere tall er skjult slik at de skjulte ikke kan regnes ut fra summen. «Vet ikke» er med i "
            "fordelingen. Fritekstsvar publiseres ikke.", ""]
    if comps:
        out += ["## Sammenlignet med landet", "",
                "Tjenestens andel som svarte «i stor grad» eller «i svært stor grad» (av dem som svarte noe annet enn "
                "«vet ikke»), ved siden av tallene fra den nasjonale brukerundersøkelsen 2017 i Fafo-rapport 2019:33 "
                "(indikator 35 og 36). **Tallene kommer fra ulike undersøkelser med ulike spørsmål og ulike "
                "deltakere**, så de kan bare sammenlignes grovt.", ""]
        out += chart_block(path, comp_chart)
    out += ["## Svar per spørsmål", ""]
    for c, (item_id, t) in zip(charts, r.tables.items()):
        out += [f"### {t['title']}", ""]
        if t["published"]["too_few"]:
            out += [f"**{suppression.TOO_FEW[0].upper() + suppression.TOO_FEW[1:]}**: færre enn {r.k} svarte på "
                    "dette spørsmålet (eller tallene ville avsløre hverandre).", ""]
            out += [f'<p class="vv-chart__downloads">Last ned: <a href="{figures.root_prefix(path)}{figures.CHART_DIR}/'
                    f'{c.ident}.csv" download>CSV</a> · <a href="{figures.root_prefix(path)}{figures.CHART_DIR}/'
                    f'{c.ident}.json" download>JSON</a></p>', ""]
            continue
        out += stats_lines(t, r.k) + chart_block(path, c)
    root = figures.root_prefix(path)
    out += ["## Last ned og kilde", "",
            f"- Alle tallene på siden: <a href=\"{root}{figures.CHART_DIR}/{r.ident}/alle.csv\" download>CSV</a> · "
            f"<a href=\"{root}{figures.CHART_DIR}/{r.ident}/alle.json\" download>JSON</a>",
            f"- Skjema for filene: <a href=\"{root}data/schemas/{TABLE_SCHEMA}\">{TABLE_SCHEMA}</a>",
            f"- Spørreskjemaet: <a href=\"{root}{definition_url(d.id, d.version)}\">{d.id}-v{d.version}.json</a>",
            "", f"Slått sammen fra {len(r.files)} eksportfil(er) fra {len(r.merged['devices'])} enhet(er); "
            "fra hver enhet teller bare den nyeste eksporten.", ""]
    return "\n".join(out + figures.script_tags(path))


def municipality_page(m_slug: str, m_name: str, reports: list[Report]) -> str:
    path = f"{PAGE_DIR}/{m_slug}/index.md"
    example = any(r.example for r in reports)
    out = ["---", f'title: "Tilbakemeldinger – {m_name}"', "---", "",
           f"# Tilbakemeldinger i {m_name}" + (" (eksempeldata)" if example else ""), ""]
    if example:
        out += [EXAMPLE_NOTE, ""]
    out += [f"Samlede svar fra skjemaene tjenestene i [{m_name}]({link(path, municipality_path(m_slug))}) bruker. "
            f"Tall under {reports[0].k} vises ikke.", "",
            "| Tjeneste | Skjema | Antall svar | Periode | Eksempeldata |", "|---|---|---|---|---|"]
    for r in reports:
        n = suppression.TOO_FEW if survey_too_few(r) else str(r.merged["n"])
        out.append(f"| {r.service['name']} | [{r.title}]({link(path, r.page)}) | {n} | "
                   f"{period_text(r.merged['period'])} | {'ja' if r.example else 'nei'} |")
    out.append("")
    return "\n".join(out)


def overview_page(by_m: dict[str, list[Report]], names: dict[str, str]) -> str:
    out = ["---", 'title: "Tilbakemeldinger fra tjenestene"', "---", "", "# Tilbakemeldinger fra tjenestene", "",
           "Samlede svar fra skjemaene i Veiviser, per kommune og tjeneste. Tall under *k* vises ikke.", ""]
    if any(r.example for rs in by_m.values() for r in rs):
        out += [EXAMPLE_NOTE, ""]
    if not by_m:
        out += ["Ingen tilbakemeldinger er publisert ennå.", ""]
    for m, reports in sorted(by_m.items()):
        flag = " (eksempeldata)" if any(r.example for r in reports) else ""
        out.append(f"- [{names[m]}]({m}/index.md){flag}: {len(reports)} skjema/tjeneste")
    out.append("")
    return "\n".join(out)


# --- build entries --------------------------------------------------------------------------------

@dataclass
class Published:
    reports: list[Report]
    pages: dict[str, str]
    charts: list[figures.Chart]
    all_rows: dict[str, list[dict]]     # report ident -> every download row


def build_all(root: Path, catalogue, definitions: list[Survey], fafo_rows: list[dict], folder: Path,
              k: int) -> Published:
    """Every report, page, chart and download row of the published feedback figures."""
    reports = load_reports(root, catalogue, definitions, k, folder)
    pages, charts, rows = {}, [], {}
    by_m: dict[str, list[Report]] = {}
    for r in reports:
        by_m.setdefault(r.municipality, []).append(r)
        cs = [item_chart(r, item_id, t) for item_id, t in r.tables.items()]
        comps = comparison(r, fafo_rows) if not survey_too_few(r) else []
        cc = comparison_chart(r, comps) if comps else None
        pages[r.page] = report_page(r, cs, comps, cc)
        charts += cs + ([cc] if cc else [])
        rows[r.ident] = [row for item_id, t in r.tables.items() for row in download_rows(r, item_id, t)]
    names = {m: catalogue.municipalities[m]["name"] for m in by_m}
    for m, rs in by_m.items():
        pages[f"{PAGE_DIR}/{m}/index.md"] = municipality_page(m, names[m], rs)
    pages[f"{PAGE_DIR}/index.md"] = overview_page(by_m, names)   # always: tall/index.md links it
    return Published(reports, pages, charts, rows)


def page_paths(pub: Published) -> dict[str, str]:
    """service key -> docs path of its feedback page (the municipality summary when a service has
    more than one survey)."""
    out: dict[str, list[Report]] = {}
    for r in pub.reports:
        out.setdefault(r.key, []).append(r)
    return {key: rs[0].page if len(rs) == 1 else f"{PAGE_DIR}/{rs[0].municipality}/index.md"
            for key, rs in out.items()}


def page_urls(pub: Published) -> dict[str, str]:
    """For HSDS: service key -> site-relative URL of its feedback page."""
    return {key: url_of(path) for key, path in page_paths(pub).items()}


def publish(pub: Published, site_dir: Path) -> None:
    """Each chart's spec, CSV and JSON, and all rows of each page."""
    out = Path(site_dir) / figures.CHART_DIR
    for c in pub.charts:
        atomic.write_text(out / f"{c.ident}.vl.json", json.dumps(c.spec(), ensure_ascii=False, separators=(",", ":")))
        write_rows(out / c.ident, c.rows)
    for ident, rows in pub.all_rows.items():
        write_rows(out / ident / "alle", rows)


def write_rows(stem: Path, rows: list[dict]) -> None:
    """<stem>.json (a list of rows, null for a hidden value) and <stem>.csv (empty cell)."""
    atomic.write_text(stem.with_name(stem.name + ".json"), json.dumps(rows, ensure_ascii=False, indent=0) + "\n")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows([{k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                       for k, v in row.items()} for row in rows])
    atomic.write_text(stem.with_name(stem.name + ".csv"), buf.getvalue())
