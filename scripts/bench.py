#!/usr/bin/env python3
"""`make bench`: Veiviser's performance, every figure beside its anchor.

    .venv/bin/python scripts/bench.py                      # everything (about 30 minutes on 2 cores)
    .venv/bin/python scripts/bench.py --quick              # 5 pairs each, but not the national builds
    .venv/bin/python scripts/bench.py --only aggregate_vs_pandas      # one figure (and its anchor)
    .venv/bin/python scripts/bench.py --list               # every figure, its budget and its group
    .venv/bin/python scripts/bench.py --runs 7

The machines are shared and noisy: the same build took 89 s on one and 44 s on another. So a
figure is budgeted as a ratio against an anchor measured in the same run, interleaved (one of
each, then again: at least 5 pairs), and the ratio of each pair is what is summarised (median,
min, max). Both sides are kept in results.json, each with its own median, min and max. The
command-line figures (builds, aggregate) are CPU seconds of the process and its children: each
is one thread doing the work, and on 2 cores shared with others the wall clock mostly measures
the neighbours (both are kept; the wall-clock ratio too). Browser figures are wall clock.

    build_real_vs_mkdocs         the project's build ÷ plain `mkdocs build` of the same pages
                                 (the build writes every page into <site>.pages/ first)
    build_national_vs_mkdocs     the same for the synthetic national catalogue (357 × 15)
    aggregate_vs_pandas          `veiviser aggregate` of 100,000 CSV rows ÷ pandas read_csv +
                                 value_counts on the same file (both as a fresh process)
    form_vs_plain                a form usable ÷ the same page with a form that has no Python
    worker_snapshot_vs_normal    Python ready from the memory snapshot ÷ a normal start (warm)
    worker_normal_vs_bare        a normal start of our worker ÷ a bare loadPyodide() (warm)

Absolute figures stay where bytes or small times are stable: page weights (gzip KB, at most
100 KB), «Send inn» to stored (200 ms) and the staff page with 10,000 responses (1 s). Hugo's
build of the same pages is reported as the floor of what a static generator does (when
Debian's hugo is installed). Writes build/bench/results.json (atomically) and prints a table.
Exit code 0 also when a budget is missed (this is a report); non-zero when the bench breaks.

Page weights are gzip bytes: each file a page fetched is gzip-compressed here (level 6) from
the served file. Browser figures use Playwright on the system Chromium, a fresh browser
context per cold run, and the built site served by veiviser.site.server on 127.0.0.1.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import functools
import gzip
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "bench"
MIN_RUNS = 5
SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Budget:
    unit: str
    limit: float | None          # None: reported, no budget of its own
    what: str                    # one line for the table and the report
    ratio_of: tuple[str, str] | None = None    # (numerator, anchor): a ratio of pairs


def ratio(limit: float | None, what: str, numerator: str, anchor: str) -> Budget:
    return Budget("ratio", limit, what, (numerator, anchor))


BUDGETS: dict[str, Budget] = {
    # the build
    "build_real_s": Budget("s", None, "`veiviser build` of the real site (CPU s)"),
    "plain_mkdocs_real_s": Budget("s", None, "plain `mkdocs build` of the same pages (<site>.pages/; CPU s)"),
    "build_real_vs_mkdocs": ratio(1.1, "the project's build ÷ plain MkDocs, same pages", "build_real_s",
                                  "plain_mkdocs_real_s"),
    "hugo_real_s": Budget("s", None, "Hugo on the same Markdown pages: the floor (CPU s, reported)"),
    "build_national_s": Budget("s", None, "`veiviser build` of the synthetic national catalogue, 357 × 15 (CPU s)"),
    "plain_mkdocs_national_s": Budget("s", None, "plain `mkdocs build` of the same national pages (CPU s)"),
    "build_national_vs_mkdocs": ratio(1.1, "national: the project's build ÷ plain MkDocs", "build_national_s",
                                      "plain_mkdocs_national_s"),
    "hugo_national_s": Budget("s", None, "Hugo on the same national pages (CPU s, reported)"),
    "site_national_mb": Budget("MB", None, "size of the national site on disk"),
    # what a page transfers
    "page_home_kb": Budget("KB", 100, "front page: gzip KB on a cold cache until loaded and idle"),
    "page_municipality_kb": Budget("KB", 100, "municipality page (Klepp): gzip KB, cold cache"),
    "page_service_kb": Budget("KB", 100, "service page: gzip KB, cold cache"),
    "page_finder_kb": Budget("KB", 100, "finder page (finn/): gzip KB, cold cache"),
    "page_figures_kb": Budget("KB", 100, "figures page (tall/): gzip KB, cold cache"),
    "survey_bytes_before_first_answer_kb": Budget("KB", 100, "survey page: gzip KB fetched, idle, before any answer"),
    # forms and Python in the browser
    "form_first_input_ms": Budget("ms", None, "navigation to the first form input usable, cold cache"),
    "plain_form_first_input_ms": Budget("ms", None, "the same page with a form that has no Python"),
    "form_vs_plain": ratio(1.2, "form ÷ the same form without Python", "form_first_input_ms",
                           "plain_form_first_input_ms"),
    "worker_ready_snapshot_ms": Budget("ms", None, "Python ready in the worker from the memory snapshot (warm)"),
    "worker_ready_normal_ms": Budget("ms", None, "Python ready in the worker, normal start (warm, no snapshot)"),
    "bare_pyodide_ms": Budget("ms", None, "a bare loadPyodide() in a worker on the same page (warm)"),
    "worker_snapshot_vs_normal": ratio(0.35, "snapshot ÷ normal start, warm cache", "worker_ready_snapshot_ms",
                                       "worker_ready_normal_ms"),
    "worker_normal_vs_bare": ratio(1.15, "our normal start ÷ bare loadPyodide()", "worker_ready_normal_ms",
                                   "bare_pyodide_ms"),
    "worker_ready_cold_ms": Budget("ms", None, "Python ready on a first visit (cold cache, normal start)"),
    "node_start_ms": Budget("ms", None, "Node: Pyodide, our wheel and the bridge, normal start"),
    "node_restore_ms": Budget("ms", None, "Node: the same from the site's snapshot"),
    "node_restore_vs_start": ratio(None, "Node: restore ÷ normal start (reported)", "node_restore_ms",
                                   "node_start_ms"),
    "submit_persist_ms": Budget("ms", 200, "«Send inn» to the response committed in IndexedDB"),
    "staff_aggregate_10k_ms": Budget("ms", 1000, "staff page: 10,000 stored responses, Python ready to figures"),
    # the command line
    "aggregate_100k_s": Budget("s", None, "`veiviser aggregate` of 100,000 CSV rows (a fresh process; CPU s)"),
    "pandas_value_counts_s": Budget("s", None, "pandas read_csv + value_counts of the same file (a fresh process; CPU s)"),
    "aggregate_vs_pandas": ratio(1.0, "veiviser aggregate ÷ pandas, same file", "aggregate_100k_s",
                                 "pandas_value_counts_s"),
    "csv_counter_s": Budget("s", None, "the standard library's csv + Counter on the same file (CPU s, reported)"),
    "merge_1000_s": Budget("s", None, "`veiviser merge` of 1,000 exports (wall s, reported)"),
}


# --- pure helpers (tests/site/test_bench.py) ------------------------------------------------

def passes(value: float | None, limit: float | None) -> bool | None:
    """True/False against an upper limit; None when there is no budget or no value."""
    if limit is None or value is None:
        return None
    return value <= limit


def summarise(name: str, samples: list[float], extra: dict | None = None) -> dict:
    """One figure: median, min and max of its runs, with unit, budget and pass."""
    if name not in BUDGETS:
        raise KeyError(f"unknown figure {name!r}")
    if not samples:
        raise ValueError(f"{name}: no runs")
    budget = BUDGETS[name]
    median = statistics.median(samples)
    figure = {
        "name": name,
        "median": round(median, 3),
        "min": round(min(samples), 3),
        "max": round(max(samples), 3),
        "runs": [round(s, 3) for s in samples],
        "unit": budget.unit,
        "budget": budget.limit,
        "pass": passes(median, budget.limit),
        "what": budget.what,
    }
    if extra:
        figure.update(extra)
    return figure


def ratios(numerators: list[float], denominators: list[float], scale: float = 1.0) -> list[float]:
    """Per-pair ratios a_i / (scale × b_i): runs made side by side share the machine's noise."""
    if len(numerators) != len(denominators):
        raise ValueError("ratios need pairs of runs")
    return [a / (scale * b) for a, b in zip(numerators, denominators)]


def paired(name: str, numerators: list[float], anchors: list[float], extra: dict | None = None,
           sides: tuple[dict, dict] = ({}, {})) -> dict:
    """A ratio figure and both its sides: {ratio name: ..., numerator: ..., anchor: ...}."""
    num, den = BUDGETS[name].ratio_of
    return {num: summarise(num, numerators, sides[0]), den: summarise(den, anchors, sides[1]),
            name: summarise(name, ratios(numerators, anchors), {**(extra or {}), "numerator": num, "anchor": den})}


FIGURE_KEYS = {"name", "median", "min", "max", "runs", "unit", "budget", "pass", "what"}


def check_results(doc: dict) -> None:
    """Raise ValueError when results.json does not have the agreed shape."""
    for key in ("schema", "date", "machine", "figures"):
        if key not in doc:
            raise ValueError(f"results.json: missing {key!r}")
    figures = doc["figures"]
    for name, fig in figures.items():
        missing = FIGURE_KEYS - fig.keys()
        if missing:
            raise ValueError(f"results.json: {name}: missing {sorted(missing)}")
        if fig["name"] != name or name not in BUDGETS:
            raise ValueError(f"results.json: {name}: unknown or misnamed figure")
        if len(fig["runs"]) < MIN_RUNS:
            raise ValueError(f"results.json: {name}: {len(fig['runs'])} runs, at least {MIN_RUNS} needed")
        if not fig["min"] <= fig["median"] <= fig["max"]:
            raise ValueError(f"results.json: {name}: median outside min..max")
        expected = passes(fig["median"], fig["budget"])
        if fig.get("loads_pyodide"):   # a page other than a form that loads Python misses its budget
            expected = False
        if fig["pass"] is not expected:
            raise ValueError(f"results.json: {name}: pass does not match median and budget")
        pair = BUDGETS[name].ratio_of
        if pair:
            for side in pair:
                if side not in figures:
                    raise ValueError(f"results.json: {name}: its side {side!r} is missing")
                if len(figures[side]["runs"]) != len(fig["runs"]):
                    raise ValueError(f"results.json: {name}: {side} has {len(figures[side]['runs'])} runs, "
                                     f"the ratio {len(fig['runs'])}: they must be pairs")


def format_table(doc: dict) -> str:
    rows = [("figure", "median", "min", "max", "unit", "budget", "pass")]
    figures = doc["figures"]
    for name, f in figures.items():
        verdict = {True: "ok", False: "MISSED", None: "-"}[f["pass"]]
        budget = "-" if f["budget"] is None else f"≤ {f['budget']:g}"
        label = name
        pair = BUDGETS.get(name, Budget("", None, "")).ratio_of
        if pair and all(p in figures for p in pair):
            label += f" ({figures[pair[0]]['median']:g} ÷ {figures[pair[1]]['median']:g})"
        rows.append((label, f"{f['median']:g}", f"{f['min']:g}", f"{f['max']:g}", f["unit"], budget, verdict))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
             for r in rows]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def machine() -> dict:
    info = {"python": platform.python_version(), "system": platform.platform(),
            "cpus": os.cpu_count()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        info["memory_gb"] = round(int(Path("/proc/meminfo").read_text().split()[1]) / 2**20, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    for key, cmd in (("chromium", ["chromium", "--version"]), ("node", ["node", "--version"]),
                     ("hugo", ["hugo", "version"])):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
            if out.returncode == 0:
                info[key] = out.stdout.strip().splitlines()[0]
        except (OSError, subprocess.SubprocessError):
            pass
    try:
        info["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def write_results(doc: dict, path: Path = OUT / "results.json") -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from veiviser import atomic
    check_results(doc)
    atomic.write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def load_note() -> float:
    return round(os.getloadavg()[0], 2)


# --- command-line figures ----------------------------------------------------------------------

VV = [sys.executable, "-m", "veiviser.cli"]


def timed(cmd: list[str], **kw) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one command; raises when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=kw.pop("cwd", ROOT), capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cpu_note(cpus: list[float]) -> dict:
    return {"cpu_s_median": round(statistics.median(cpus), 3), "cpu_s_runs": [round(c, 3) for c in cpus]}


def wall_note(walls: list[float]) -> dict:
    return {"wall_s_median": round(statistics.median(walls), 3), "wall_s_runs": [round(w, 3) for w in walls]}


def survey_definition():
    sys.path.insert(0, str(ROOT / "src"))
    from veiviser.surveys import definitions, model
    return model.find(definitions.load_all(ROOT / "surveys", root=ROOT), "brukerundersokelse")


def random_answers(s, rng: random.Random, text_share: float = 0.0) -> dict:
    """Answers that fit the definition: every rating answered (1..5 or vet-ikke)."""
    out = {}
    for item in s.raw["items"]:
        if item["type"] == "rating":
            out[item["id"]] = rng.choice([1, 2, 3, 4, 5, 5, 4, "vet-ikke"])
        elif item["type"] == "text" and rng.random() < text_share:
            out[item["id"]] = rng.choice(["Mer tid til samtale.", "Bedre åpningstider.", "Raskere svar."])
    return out


def bench_merge(runs: int) -> dict:
    from veiviser.core import export as export_mod
    from veiviser.surveys import responses as surveys
    s = survey_definition()
    folder = OUT / "merge-input"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(5)
    paths = []
    for i in range(1000):
        responses = [((f"bench {i}", f"linje {j + 1}"), random_answers(s, rng)) for j in range(20)]
        doc = surveys.aggregate_file(s.definition, responses, "2026-10", f"bench{i:04d}", None, None)
        path = folder / f"export-{i:04d}.json"
        path.write_text(export_mod.to_json(doc), "utf-8")
        paths.append(str(path))
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = timed(VV + ["merge", *paths, "-o", str(OUT / "merged.json")])
        walls.append(wall), cpus.append(cpu)
    log(f"merge_1000_s: {statistics.median(walls):.2f} s")
    return {"merge_1000_s": summarise("merge_1000_s", walls, cpu_note(cpus))}


# The anchors of `veiviser aggregate`: the same file counted by pandas, and by the standard
# library alone (the floor), each as a fresh process like the command itself.
PANDAS_COUNTS = """
import sys
import pandas as pd
frame = pd.read_csv(sys.argv[1], sep=";", dtype=str, keep_default_na=False)
counts = {column: frame[column].value_counts().to_dict() for column in frame.columns}
print(len(frame), sum(sum(c.values()) for c in counts.values()))
"""
CSV_COUNTER = """
import csv, sys
from collections import Counter
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = csv.reader(f, delimiter=";")
    header = next(rows)
    counts = [Counter() for _ in header]
    for row in rows:
        for counter, cell in zip(counts, row):
            counter[cell] += 1
print(sum(sum(c.values()) for c in counts))
"""


def bench_aggregate(runs: int) -> dict:
    s = survey_definition()
    rng = random.Random(7)
    ids = [i["id"] for i in s.raw["items"] if i["type"] == "rating"]
    path = OUT / "responses-100k.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(ids)
        for _ in range(100_000):
            a = random_answers(s, rng)
            w.writerow([a[i] for i in ids])
    ours, pandas, floor, ours_cpu, pandas_cpu, floor_cpu, loads = [], [], [], [], [], [], []
    for i in range(runs):   # one of each, side by side
        loads.append(load_note())
        wall, cpu = timed(VV + ["aggregate", "brukerundersokelse", str(path), "-o", str(OUT / "aggregated.json"),
                                "--month", "2026-10", "--device", "bench"])
        ours.append(wall), ours_cpu.append(cpu)
        wall, cpu = timed([sys.executable, "-c", PANDAS_COUNTS, str(path)])
        pandas.append(wall), pandas_cpu.append(cpu)
        wall, cpu = timed([sys.executable, "-c", CSV_COUNTER, str(path)])
        floor.append(wall), floor_cpu.append(cpu)
        log(f"aggregate pair {i + 1}: veiviser {ours[-1]:.2f} s ({ours_cpu[-1]:.2f} CPU), "
            f"pandas {pandas[-1]:.2f} s ({pandas_cpu[-1]:.2f} CPU), csv+Counter {floor[-1]:.2f} s")
    wall_ratios = ratios(ours, pandas)
    return {**paired("aggregate_vs_pandas", ours_cpu, pandas_cpu,
                     {"wall_ratio_median": round(statistics.median(wall_ratios), 3), "load_average": loads},
                     (wall_note(ours), wall_note(pandas))),
            "csv_counter_s": summarise("csv_counter_s", floor_cpu, wall_note(floor))}


# --- builds -------------------------------------------------------------------------------------

def build_site(out: Path, data: Path | None = None) -> tuple[float, float]:
    cmd = VV + ["build", "--quiet", "--out", str(out)]
    env = None
    if data:
        cmd += ["--data", str(data)]
        # The shipped feedback exports belong to real services, which a synthetic catalogue
        # does not have: an empty exports folder (none of its services has feedback yet).
        empty = OUT / "no-exports"
        empty.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, VEIVISER_EXPORTS=str(empty))
    return timed(cmd, env=env)


def plain_mkdocs(pages: Path, out: Path) -> tuple[float, float]:
    """Plain `mkdocs build` of the pages the project's build wrote (mkdocs.yml, with docs_dir
    and site_dir pointed there through MkDocs' own INHERIT)."""
    config = OUT / f"plain-mkdocs-{pages.name}.yml"
    # Paths in mkdocs.yml are relative to the file that sets them: the theme's custom_dir is given
    # again, absolute (INHERIT merges the rest of `theme:` from mkdocs.yml).
    config.write_text(f"INHERIT: {json.dumps(str(ROOT / 'mkdocs.yml'))}\n"
                      f"docs_dir: {json.dumps(str(pages))}\nsite_dir: {json.dumps(str(out))}\n"
                      f"theme:\n  name: material\n  custom_dir: {json.dumps(str(ROOT / 'overrides'))}\n", "utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    return timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config)], env=env)


HUGO_LAYOUT = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"


def hugo(pages: Path, out: Path) -> tuple[float, float] | None:
    """Hugo on the same Markdown pages with a bare layout: what a fast generator needs at least."""
    exe = shutil.which("hugo")
    if not exe:
        return None
    project = OUT / "hugo-project"
    for name in ("single", "list"):
        (project / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (project / "layouts" / "_default" / f"{name}.html").write_text(HUGO_LAYOUT, "utf-8")
    (project / "config.toml").write_text(
        'baseURL = "http://127.0.0.1/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        '[markup.goldmark.renderer]\nunsafe = true\n', "utf-8")
    return timed([exe, "--quiet", "--source", str(project), "--contentDir", str(pages),
                  "--destination", str(out), "--cleanDestinationDir"])


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def largest_folders(site: Path, top: int = 6) -> dict:
    sizes = {p.name: dir_size(p) / 1e6 for p in site.iterdir() if p.is_dir()}
    return {k: round(v, 1) for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:top]}


def build_rounds(runs: int, label: str, site: Path, data: Path | None) -> dict:
    """The project's build, plain MkDocs on the pages it wrote, and Hugo, one after the other."""
    ours, plain, floor, ours_cpu, plain_cpu, floor_cpu, loads, sizes = [], [], [], [], [], [], [], []
    pages = site.with_name(site.name + ".pages")
    for i in range(runs):
        loads.append(load_note())
        wall, cpu = build_site(site, data)
        ours.append(wall), ours_cpu.append(cpu)
        sizes.append(dir_size(site) / 1e6)
        wall, cpu = plain_mkdocs(pages, OUT / f"plain-{label}")
        plain.append(wall), plain_cpu.append(cpu)
        got = hugo(pages, OUT / f"hugo-{label}")
        if got:
            floor.append(got[0]), floor_cpu.append(got[1])
        log(f"build {label} round {i + 1}: veiviser {ours[-1]:.1f} s ({ours_cpu[-1]:.1f} CPU), "
            f"mkdocs {plain[-1]:.1f} s ({plain_cpu[-1]:.1f} CPU)" + (f", hugo {floor[-1]:.2f} s" if got else ""))
    out = paired(f"build_{label}_vs_mkdocs", ours_cpu, plain_cpu,
                 {"wall_ratio_median": round(statistics.median(ratios(ours, plain)), 3),
                  "load_average": loads, "pages": sum(1 for _ in pages.rglob("*.md"))},
                 (wall_note(ours), wall_note(plain)))
    if floor:
        out[f"hugo_{label}_s"] = summarise(f"hugo_{label}_s", floor_cpu, wall_note(floor))
    if label == "national":
        out["site_national_mb"] = summarise("site_national_mb", sizes, {"largest_folders_mb": largest_folders(site)})
    return out


def bench_build_real(runs: int) -> dict:
    build_site(OUT / "site-real")      # warm the wheel and snapshot caches, as a developer's build has them
    return build_rounds(runs, "real", OUT / "site-real", None)


def bench_build_national(runs: int) -> dict:
    timed([sys.executable, str(ROOT / "scripts" / "make-national-catalogue.py"), str(OUT / "national-357")])
    return build_rounds(runs, "national", OUT / "site-national", OUT / "national-357" / "data")


# --- browser figures -----------------------------------------------------------------------------

# Records, from navigation start (performance.now()), when the first form's submit button is
# enabled (survey.js enables it once the form is wired up: the form is usable), and when
# <html data-vv-worker> / <html data-vv-staff> change (store.js and staff.js set them).
# A survey page starts Python on the first answer (survey.js): where Python's start is timed,
# window.__vvAnswerAtOnce makes that first answer (a focusin on the form) come the moment the
# form is usable, so the figure is navigation to Python ready, as before that change.
MARKS_SCRIPT = """
(() => {
  const marks = (window.__vvMarks = {});
  const check = () => {
    const b = document.querySelector("form.vv-form button[type=submit]");
    if (b && !b.disabled && marks.form === undefined) {
      marks.form = performance.now();
      if (window.__vvAnswerAtOnce) b.form.dispatchEvent(new FocusEvent("focusin"));
    }
    const html = document.documentElement;
    if (!html) return;
    for (const [key, value] of [["worker", html.dataset.vvWorker], ["staff", html.dataset.vvStaff]]) {
      if (value && marks[key + "_" + value] === undefined) marks[key + "_" + value] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true,
    attributeFilter: ["disabled", "data-vv-worker", "data-vv-staff"] });
})();
"""

PAGES = {  # figure -> path in the site (the service is one of Klepp's)
    "page_home_kb": "",
    "page_municipality_kb": "kommuner/klepp/",
    "page_service_kb": None,        # chosen at run time: the first service page of Klepp
    "page_finder_kb": "finn/",
    "page_figures_kb": "tall/",
}
SURVEY_PATH = "tilbakemelding/brukerundersokelse/"
PLAIN_PATH = "bench-plain/brukerundersokelse/"
BARE_PATH = "bench-plain/python/"
STAFF_PATH = "tilbakemelding/ansatte/"
PERSONAL_PATH = "tilbakemelding/min-fremgang/"
SURVEY_SCRIPT = re.compile(r'<script type="module" src="[^"]*survey\.js"></script>')

# The plain copy of the form page: the same HTML (theme, CSS, form), but survey.js is replaced
# by this script, which wires the form and stores the answer in IndexedDB with no worker and
# no Python. The ratio form ÷ plain then shows what the Python runtime costs the form.
PLAIN_SCRIPT = """
for (const box of document.querySelectorAll(".vv-survey")) {
  const form = box.querySelector("form");
  const submit = form.querySelector("button[type=submit]");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const answers = Object.fromEntries(new FormData(form));
    const req = indexedDB.open("veiviser-plain", 1);
    req.onupgradeneeded = () => req.result.createObjectStore("responses", { autoIncrement: true });
    req.onsuccess = () => {
      const t = req.result.transaction("responses", "readwrite", { durability: "strict" });
      t.objectStore("responses").add({ answers });
      t.oncomplete = () => { box.querySelector(".vv-done").textContent = box.dataset.msgThanks; };
    };
  });
  submit.disabled = false;
}
"""
# The bare anchor of Python's start: the same form page, whose script starts a module worker
# that does nothing but loadPyodide() from the same files (no wheel, no snapshot).
BARE_SCRIPT = """
const worker = new Worker(new URL("./bare-worker.mjs", location.href), { type: "module" });
worker.onmessage = (ev) => { document.documentElement.dataset.vvWorker = ev.data; };
"""
BARE_WORKER = """
const indexURL = new URL("../../pyodide/", import.meta.url).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
await loadPyodide({ indexURL });
self.postMessage("ready");
"""


def write_bench_pages(site: Path) -> None:
    """The plain form and the bare-Python page, beside the real form (same depth, same links)."""
    html = (site / SURVEY_PATH / "index.html").read_text("utf-8")
    if len(SURVEY_SCRIPT.findall(html)) != 1:
        raise RuntimeError("the survey page no longer loads survey.js the way the bench expects")
    for path, script in ((PLAIN_PATH, PLAIN_SCRIPT), (BARE_PATH, BARE_SCRIPT)):
        out = site / path / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        # A file beside the page, not an inline script: the page's Content-Security-Policy
        # (script-src 'self' and the hashes of its own inline scripts) would block an inline one.
        (out.parent / "bench.js").write_text(script, "utf-8")
        out.write_text(SURVEY_SCRIPT.sub(lambda _: '<script type="module" src="bench.js"></script>', html), "utf-8")
    (site / BARE_PATH / "bare-worker.mjs").write_text(BARE_WORKER, "utf-8")


class SiteServer:
    """The built site on a free 127.0.0.1 port; `overrides` serves other files at some paths
    (a second server is a second origin: its own caches and service worker)."""

    def __init__(self, site: Path, overrides: dict[str, Path] | None = None):
        sys.path.insert(0, str(ROOT / "src"))
        from http.server import ThreadingHTTPServer
        from veiviser.site.server import SiteHandler
        table = dict(overrides or {})

        class Handler(SiteHandler):
            def translate_path(self, path):
                found = table.get(unquote(urlsplit(path).path))
                return str(found) if found else super().translate_path(path)

        self.site = site
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def file_for(self, url: str) -> Path | None:
        path = unquote(urlsplit(url).path).lstrip("/")
        f = self.site / path
        if f.is_dir():
            f = f / "index.html"
        return f if f.is_file() else None


_gzip_cache: dict[Path, int] = {}


def gzip_bytes(server: SiteServer, urls: list[str]) -> int:
    total = 0
    for url in dict.fromkeys(urls):   # once per URL, as a browser with a cache fetches it
        f = server.file_for(url)
        if f is None:
            continue
        if f not in _gzip_cache:
            _gzip_cache[f] = gzip_size(f.read_bytes())
        total += _gzip_cache[f]
    return total


def first_service_path(site: Path) -> str:
    folder = site / "kommuner" / "klepp"
    pages = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())
    if not pages:
        raise RuntimeError(f"no service pages under {folder}")
    return f"kommuner/klepp/{pages[0].name}/"


def new_context(browser, answer: bool = False):
    ctx = browser.new_context()
    if answer:
        ctx.add_init_script("window.__vvAnswerAtOnce = true;")
    ctx.add_init_script(MARKS_SCRIPT)
    return ctx


def wait_mark(page, key: str, timeout_ms: int = 120_000) -> float:
    # An arrow function: Playwright evals a bare expression when it polls, which the pages'
    # Content-Security-Policy refuses.
    page.wait_for_function(f"() => window.__vvMarks && window.__vvMarks[{json.dumps(key)}] !== undefined",
                           timeout=timeout_ms, polling=20)
    return page.evaluate(f"window.__vvMarks[{json.dumps(key)}]")


def page_weight(browser, server: SiteServer, path: str, settle_ms: int = 30_000) -> tuple[int, list[str]]:
    """gzip bytes of everything a cold page fetches until loaded and network-idle (workers too),
    or for settle_ms after the load event when the network does not go quiet (a survey page
    that fetches Python's runtime keeps it busy for seconds)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    ctx = new_context(browser)
    urls: list[str] = []
    ctx.on("request", lambda r: urls.append(r.url))
    page = ctx.new_page()
    page.goto(server.url + path, wait_until="load", timeout=120_000)
    try:
        page.wait_for_load_state("networkidle", timeout=settle_ms)
    except PlaywrightTimeout:
        pass
    ctx.close()
    return gzip_bytes(server, urls), urls


def node_boot(site: Path, runs: int) -> dict:
    """Python's start in Node from the site's files, normally and from the snapshot, in pairs."""
    start, restore, start_cpu, restore_cpu, bare, bare_cpu = [], [], [], [], [], []
    for _ in range(runs):
        out = subprocess.run(["node", str(ROOT / "scripts" / "bench-pyodide-boot.mjs"), str(site)],
                             capture_output=True, text=True, timeout=600)
        if out.returncode != 0:
            raise RuntimeError(f"bench-pyodide-boot.mjs failed:\n{out.stderr[-2000:]}")
        row = json.loads(out.stdout.strip().splitlines()[-1])
        if row["restore_ms"] is None:
            raise RuntimeError(f"{site}/pyodide/ has no snapshot")
        start.append(row["ready_ms"]), restore.append(row["restore_ms"])
        start_cpu.append(row["ready_cpu_ms"]), restore_cpu.append(row["restore_cpu_ms"])
        bare.append(row["runtime_ms"]), bare_cpu.append(row["runtime_cpu_ms"])
        log(f"node: start {start[-1]:.0f} ms (the runtime alone {bare[-1]:.0f} ms), restore {restore[-1]:.0f} ms")
    cpu = lambda xs: {"cpu_ms_median": round(statistics.median(xs), 1)}   # noqa: E731
    # The runtime alone is the bare loadPyodide() inside the same normal start (its first part).
    start_extra = {**cpu(start_cpu), "runtime_alone_ms_median": round(statistics.median(bare), 1),
                   "start_vs_runtime_cpu_median": round(statistics.median(ratios(start_cpu, bare_cpu)), 3)}
    return paired("node_restore_vs_start", restore, start, {"cpu_ratio_median": round(statistics.median(
        ratios(restore_cpu, start_cpu)), 3)}, (cpu(restore_cpu), start_extra))


def cold_survey_run(browser, server: SiteServer) -> dict:
    """A first visit of the form page: form usable, Python ready, and «Send inn» to stored."""
    ctx = new_context(browser, answer=True)
    page = ctx.new_page()
    page.goto(server.url + SURVEY_PATH, wait_until="commit")
    form_ms = wait_mark(page, "form")
    worker_ms = wait_mark(page, "worker_ready")
    persist_ms = submit_once(page)
    ctx.close()
    return {"form": form_ms, "worker_cold": worker_ms, "persist": persist_ms}


def plain_run(browser, server: SiteServer) -> float:
    ctx = new_context(browser)
    page = ctx.new_page()
    page.goto(server.url + PLAIN_PATH, wait_until="commit")
    ms = wait_mark(page, "form")
    ctx.close()
    return ms


def survey_bytes_before_answer(browser, server: SiteServer) -> tuple[int, list[str]]:
    """A survey page left alone (no answer) until the network is idle: what it fetched."""
    return page_weight(browser, server, SURVEY_PATH)


def submit_once(page) -> float:
    """Answer every rating, then time «Send inn» → the vv:stored event (fired after the commit)."""
    page.evaluate("""() => { for (const fs of document.querySelectorAll("form.vv-form fieldset")) {
        const first = fs.querySelector("input[type=radio]"); if (first) first.checked = true; } }""")
    return page.evaluate("""() => new Promise((resolve) => {
        document.addEventListener("vv:stored", () => resolve(performance.now() - t0), { once: true });
        const t0 = performance.now();
        document.querySelector("form.vv-form button[type=submit]").click();
    })""")


def snapshot_url(server: SiteServer) -> str:
    text = (server.site / "assets" / "veiviser" / "worker.mjs").read_text("utf-8")
    found = re.search(r'^const SNAPSHOT = "([^"]+)";$', text, re.M)
    if not found:
        raise RuntimeError("the built worker.mjs names no snapshot")
    return server.url + "pyodide/" + found.group(1)


def wait_cached(page, url: str, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while not page.evaluate("async (u) => Boolean(await caches.match(u))", url):
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} was never cached")
        page.wait_for_timeout(250)


def visit(page, url: str, expect: str | None) -> float:
    """Navigate and return ms from navigation start to Python ready; check how it started."""
    page.goto(url, wait_until="commit")
    ms = wait_mark(page, "worker_ready")
    if expect:
        got = page.evaluate("document.documentElement.dataset.vvPython")
        if got != expect:
            raise RuntimeError(f"{url}: Python started {got!r}, expected {expect!r}")
    return ms


def worker_rounds(browser, with_snapshot: SiteServer, without: SiteServer, runs: int) -> dict:
    """Warm starts, interleaved: the snapshot (origin A), a normal start (origin B: the same
    site, its worker.mjs names no snapshot) and a bare loadPyodide() (origin B, same page)."""
    ctx = new_context(browser, answer=True)
    page = ctx.new_page()
    # Warm both origins: the service worker installs and caches Python (and, on A, the
    # snapshot); the first restore on A keeps an unpacked copy, as a returning phone has. Only
    # «Min fremgang» and a kiosk tablet register the service worker (an ordinary visit to a form
    # caches nothing), so the warm-up goes through «Min fremgang», as a returning user's would.
    visit(page, with_snapshot.url + PERSONAL_PATH, "normal")
    wait_cached(page, snapshot_url(with_snapshot))
    visit(page, with_snapshot.url + SURVEY_PATH, "snapshot")
    wait_cached(page, snapshot_url(with_snapshot) + "?raw")
    visit(page, without.url + PERSONAL_PATH, "normal")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=300_000)
    visit(page, without.url + BARE_PATH, None)
    kinds = {"snapshot": (with_snapshot.url + SURVEY_PATH, "snapshot"), "normal": (without.url + SURVEY_PATH, "normal"),
             "bare": (without.url + BARE_PATH, None)}
    got: dict[str, list[float]] = {kind: [] for kind in kinds}
    loads = []
    for i in range(runs):
        loads.append(load_note())
        order = list(kinds)[i % 3:] + list(kinds)[: i % 3]     # each kind first, second and last in turn
        for kind in order:
            got[kind].append(visit(page, *kinds[kind]))
        log(f"worker round {i + 1}: " + ", ".join(f"{k} {got[k][-1]:.0f} ms" for k in order))
    snap, normal, bare = got["snapshot"], got["normal"], got["bare"]
    ctx.close()
    out = paired("worker_snapshot_vs_normal", snap, normal, {"load_average": loads})
    out.update(paired("worker_normal_vs_bare", normal, bare, {"load_average": loads}))
    return out


def staff_runs(browser, server: SiteServer, runs: int) -> tuple[list[float], list[float]]:
    s = survey_definition()
    rng = random.Random(11)
    records = [{"survey": s.raw["id"], "version": s.raw["version"], "month": f"2026-{1 + i % 9:02d}",
                "answers": random_answers(s, rng, text_share=0.1), "status": "processed", "valid": True,
                "scales": {}} for i in range(10_000)]
    ctx = new_context(browser)
    page = ctx.new_page()
    page.goto(server.url + STAFF_PATH, wait_until="load")
    # One transaction for all 10,000 (the store's schema comes from store.js itself).
    page.evaluate("""async (records) => {
        const store = await import(new URL("../../assets/veiviser/store.js", location.href).href);
        const db = await store.openDb();
        await new Promise((resolve, reject) => {
          const t = db.transaction("responses", "readwrite");
          const os = t.objectStore("responses");
          for (const r of records) os.add(r);
          t.oncomplete = resolve; t.onerror = () => reject(t.error);
        });
        db.close();
    }""", records)
    aggregate, total = [], []
    for i in range(runs + 1):   # the first visit warms the cache and is not counted
        page.goto(server.url + STAFF_PATH, wait_until="commit")
        done = wait_mark(page, "staff_ready", 180_000)
        ready = page.evaluate("window.__vvMarks.worker_ready")
        if page.locator(".vv-staff__survey").count() < 1:
            raise RuntimeError("the staff page showed no survey for 10,000 stored responses")
        if i:
            aggregate.append(done - ready)
            total.append(done)
        log(f"staff run {i}: {done - ready:.0f} ms after Python ready, {done:.0f} ms from navigation")
    ctx.close()
    return aggregate, total


PAGE_FIGURES = set(PAGES) | {"survey_bytes_before_first_answer_kb"}
FORM_FIGURES = {"form_first_input_ms", "plain_form_first_input_ms", "form_vs_plain", "worker_ready_cold_ms",
                "submit_persist_ms"}
WORKER_FIGURES = {"worker_ready_snapshot_ms", "worker_ready_normal_ms", "bare_pyodide_ms",
                  "worker_snapshot_vs_normal", "worker_normal_vs_bare"}
NODE_FIGURES = {"node_start_ms", "node_restore_ms", "node_restore_vs_start"}
BROWSER_FIGURES = PAGE_FIGURES | FORM_FIGURES | WORKER_FIGURES | {"staff_aggregate_10k_ms"}


def bench_browser(runs: int, wanted: set[str], site: Path | None = None) -> dict:
    from playwright.sync_api import sync_playwright
    site = site or OUT / "site-real"
    if not (site / "index.html").is_file():
        build_site(site)
    write_bench_pages(site)
    server = SiteServer(site)
    # Origin B: the same site, but its worker.mjs names no snapshot (a normal start).
    plain_worker = OUT / "worker-without-snapshot.mjs"
    text = (site / "assets" / "veiviser" / "worker.mjs").read_text("utf-8")
    plain_worker.write_text(re.sub(r'^const SNAPSHOT = "[^"]+";$', "const SNAPSHOT = null;", text, flags=re.M), "utf-8")
    without = SiteServer(site, {"/assets/veiviser/worker.mjs": plain_worker})
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise RuntimeError("Chromium is missing: `make bench` installs Debian's chromium package")
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import CHROMIUM_ARGS
    out: dict = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            paths = dict(PAGES, page_service_kb=first_service_path(site))
            for name in [*PAGES, "survey_bytes_before_first_answer_kb"]:
                if name not in wanted:
                    continue
                sizes, pyodide = [], set()
                for _ in range(runs):
                    if name in PAGES:
                        size, urls = page_weight(browser, server, paths[name])
                    else:
                        size, urls = survey_bytes_before_answer(browser, server)
                    sizes.append(size / 1000)
                    pyodide |= {u for u in urls if "/pyodide/" in u}
                extra = {"path": "/" + (paths.get(name) if name in PAGES else SURVEY_PATH),
                         "pyodide_files": len(pyodide)}
                if name in PAGES:
                    extra["loads_pyodide"] = bool(pyodide)
                fig = summarise(name, sizes, extra)
                if name in PAGES and pyodide:   # the budget also says: no Python runtime on pages other than forms
                    fig["pass"] = False
                out[name] = fig
                log(f"{name}: {fig['median']} KB")
            if wanted & FORM_FIGURES:
                cold, plain = [], []
                for i in range(runs):   # form and plain form side by side, one pair at a time
                    cold.append(cold_survey_run(browser, server))
                    plain.append(plain_run(browser, server))
                    log(f"form pair {i + 1}: form {cold[-1]['form']:.0f} ms, plain {plain[-1]:.0f} ms, "
                        f"Python {cold[-1]['worker_cold']:.0f} ms, stored {cold[-1]['persist']:.0f} ms")
                out.update(paired("form_vs_plain", [c["form"] for c in cold], plain))
                out["worker_ready_cold_ms"] = summarise("worker_ready_cold_ms", [c["worker_cold"] for c in cold])
                out["submit_persist_ms"] = summarise("submit_persist_ms", [c["persist"] for c in cold])
            if wanted & WORKER_FIGURES:
                out.update(worker_rounds(browser, server, without, runs))
            if "staff_aggregate_10k_ms" in wanted:
                aggregate, total = staff_runs(browser, server, runs)
                out["staff_aggregate_10k_ms"] = summarise("staff_aggregate_10k_ms", aggregate, {
                    "navigation_to_figures_ms_median": round(statistics.median(total), 1)})
            browser.close()
    finally:
        server.close()
        without.close()
    return out


def bench_node(runs: int) -> dict:
    site = OUT / "site-real"
    if not (site / "index.html").is_file():
        build_site(site)
    return node_boot(site, runs)


# --- main ----------------------------------------------------------------------------------------

ORDER = list(BUDGETS)
GROUPS = [   # (figures, how to measure them); --only NAME runs NAME's group
    ({"build_real_s", "plain_mkdocs_real_s", "build_real_vs_mkdocs", "hugo_real_s"}, bench_build_real),
    ({"build_national_s", "plain_mkdocs_national_s", "build_national_vs_mkdocs", "hugo_national_s",
      "site_national_mb"}, bench_build_national),
    ({"aggregate_100k_s", "pandas_value_counts_s", "aggregate_vs_pandas", "csv_counter_s"}, bench_aggregate),
    ({"merge_1000_s"}, bench_merge),
    (NODE_FIGURES, bench_node),
]
NATIONAL = GROUPS[1][0]


def group_of(name: str) -> set[str]:
    for names, _ in GROUPS:
        if name in names:
            return names
    for names in (PAGE_FIGURES, FORM_FIGURES, WORKER_FIGURES, {"staff_aggregate_10k_ms"}):
        if name in names:
            return names
    raise KeyError(name)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--only", action="append", choices=ORDER, metavar="NAME",
                   help="measure only this figure and the others of its group (repeatable); "
                        "the rest keep their last results")
    p.add_argument("--quick", action="store_true", help="skip the national builds (the slowest part)")
    p.add_argument("--list", action="store_true", help="list every figure with its budget, then stop")
    p.add_argument("--runs", type=int, default=MIN_RUNS)
    p.add_argument("--site", type=Path, help="browser figures on this built site (default: the bench's own build)")
    args = p.parse_args(argv)
    if args.list:
        for name, b in BUDGETS.items():
            budget = "reported" if b.limit is None else f"≤ {b.limit:g} {b.unit}"
            pair = f" = {b.ratio_of[0]} ÷ {b.ratio_of[1]}" if b.ratio_of else ""
            print(f"{name:38s} {budget:12s} {b.what}{pair}")
        return 0
    if args.runs < MIN_RUNS:
        p.error(f"--runs must be at least {MIN_RUNS}: figures are medians of {MIN_RUNS} runs or more")
    sys.path.insert(0, str(ROOT / "src"))
    wanted = set().union(*(group_of(n) for n in args.only)) if args.only else set(ORDER)
    if args.quick and not args.only:
        wanted -= NATIONAL
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "results.json"
    started = time.time()
    doc = {"schema": SCHEMA_VERSION, "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "machine": machine(), "runs": args.runs, "figures": {}}
    figures: dict = {}
    failed = None
    try:
        for names, fn in GROUPS:
            if wanted & names:
                figures.update({k: v for k, v in fn(args.runs).items() if k in wanted})
        if wanted & BROWSER_FIGURES:
            figures.update(bench_browser(args.runs, wanted, args.site and args.site.resolve()))
    except Exception as exc:   # the bench itself broke: say where; keep what was measured before it
        import traceback
        traceback.print_exc()
        log(f"FAILED: {type(exc).__name__}: {exc}")
        if not figures:
            return 2
        failed = exc
        args.only = args.only or ["partial"]     # the groups not reached keep their earlier figures
    try:
        doc["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    # Read only now: a partial run (--only) started meanwhile may have written its figures.
    previous = json.loads(path.read_text("utf-8")) if path.is_file() else None
    if previous and previous.get("schema") == SCHEMA_VERSION and (args.only or args.quick):
        for name, fig in previous.get("figures", {}).items():   # keep the rest, marked as older
            if name not in figures and name in BUDGETS:
                figures[name] = {**fig, "from_earlier_run": fig.get("from_earlier_run") or previous.get("date")}
    doc["figures"] = {name: figures[name] for name in ORDER if name in figures}
    doc["seconds"] = round(time.time() - started, 1)
    write_results(doc, path)
    table = format_table(doc)
    from veiviser import atomic
    atomic.write_text(OUT / "results.txt", table + "\n")
    print(table)
    print(f"\n{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} written in {doc['seconds']:.0f} s")
    if failed is not None:
        log(f"the groups after the failure were not measured ({type(failed).__name__}); the figures above are "
            "what was measured before it")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
