#!/usr/bin/env python3
"""`make bench`: Veiviser's performance figures against their budgets.

    .venv/bin/python scripts/bench.py                 # everything (about 15 minutes on 2 cores)
    .venv/bin/python scripts/bench.py --quick         # 5 runs, but skips the national builds
    .venv/bin/python scripts/bench.py --only merge_1000_s --only page_home_kb
    .venv/bin/python scripts/bench.py --runs 7

Writes build/bench/results.json (atomically) and prints a table. Every figure is the median of
at least 5 runs, with min, max, unit, budget and pass. The machines are shared and noisy, so
comparisons (national growth, form vs plain form) are ratios of runs made side by side, one
pair at a time. Exit code 0 also when a budget is missed (this is a report); non-zero when the
bench itself breaks.

Page weights are gzip bytes: the server sends files uncompressed, so each file a page fetched
is gzip-compressed here (level 6, what a typical web server sends) from the served file.
Browser figures use Playwright on the system Chromium, a fresh browser context (empty cache)
per cold run, and the built site served by veiviser.site.server on a free 127.0.0.1 port.
"""
from __future__ import annotations

import argparse
import csv
import datetime
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
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Budget:
    unit: str
    limit: float | None          # None: reported, no budget of its own
    what: str                    # one line for the table and the report


BUDGETS: dict[str, Budget] = {
    "build_real_s": Budget("s", 15, "`make build` of the real site (wall clock)"),
    "build_national_s": Budget("s", 45, "build of the synthetic national catalogue, 357 × 15 (wall clock)"),
    "build_national_growth": Budget("ratio", 1.15, "time at 357 ÷ (3.57 × time at 100); 1.0 = linear"),
    "site_national_mb": Budget("MB", 150, "size of the national site on disk"),
    "page_home_kb": Budget("KB", 300, "front page: gzip bytes on a cold cache until loaded and idle"),
    "page_municipality_kb": Budget("KB", 300, "municipality page (Klepp): gzip bytes, cold cache"),
    "page_service_kb": Budget("KB", 300, "service page: gzip bytes, cold cache"),
    "page_survey_kb": Budget("KB", None, "survey page: gzip bytes until its first input is usable"),
    "form_first_input_ms": Budget("ms", 1000, "navigation to the first form input usable, cold cache"),
    "plain_form_first_input_ms": Budget("ms", None, "the same, for a copy of the form page without Python"),
    "form_vs_plain_ratio": Budget("ratio", 1.2, "form ÷ plain form, per pair of runs"),
    "worker_ready_cold_ms": Budget("ms", 4000, "navigation to Python ready in the worker, cold cache"),
    "worker_ready_warm_ms": Budget("ms", 1500, "the same on the next visit (warm cache, service worker)"),
    "submit_persist_ms": Budget("ms", 200, "«Send inn» to the response committed in IndexedDB"),
    "staff_aggregate_10k_ms": Budget("ms", 1000, "staff page: 10,000 stored responses, Python ready to figures shown"),
    "merge_1000_s": Budget("s", 2, "`veiviser merge` of 1,000 exports"),
    "aggregate_100k_csv_s": Budget("s", 5, "`veiviser aggregate` of 100,000 CSV rows"),
}


# --- pure helpers (tests/test_bench.py) ------------------------------------------------------

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


FIGURE_KEYS = {"name", "median", "min", "max", "runs", "unit", "budget", "pass", "what"}


def check_results(doc: dict) -> None:
    """Raise ValueError when results.json does not have the agreed shape."""
    for key in ("schema", "date", "machine", "figures"):
        if key not in doc:
            raise ValueError(f"results.json: missing {key!r}")
    for name, fig in doc["figures"].items():
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


def format_table(doc: dict) -> str:
    rows = [("figure", "median", "min", "max", "unit", "budget", "pass")]
    for name, f in doc["figures"].items():
        verdict = {True: "ok", False: "MISSED", None: "-"}[f["pass"]]
        budget = "-" if f["budget"] is None else f"≤ {f['budget']:g}"
        rows.append((name, f"{f['median']:g}", f"{f['min']:g}", f"{f['max']:g}", f["unit"], budget, verdict))
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
    try:
        out = subprocess.run(["chromium", "--version"], capture_output=True, text=True, timeout=30)
        info["chromium"] = out.stdout.strip()
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


# --- command-line figures ----------------------------------------------------------------------

VV = [sys.executable, "-m", "veiviser.cli"]


def timed(cmd: list[str], **kw) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one command; raises when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cpu_note(cpus: list[float]) -> dict:
    return {"cpu_s_median": round(statistics.median(cpus), 3)}


def load_note() -> float:
    return round(os.getloadavg()[0], 2)


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


def bench_build_real(runs: int) -> dict:
    walls, cpus, loads = [], [], []
    for i in range(runs):
        loads.append(load_note())
        wall, cpu = build_site(OUT / "site-real")
        walls.append(wall)
        cpus.append(cpu)
        log(f"build_real_s run {i + 1}: {wall:.1f} s wall, {cpu:.1f} s CPU")
    return {"build_real_s": summarise("build_real_s", walls, {**cpu_note(cpus), "load_average": loads})}


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def bench_build_national(runs: int) -> dict:
    gen = [sys.executable, str(ROOT / "scripts" / "make-national-catalogue.py")]
    timed(gen + [str(OUT / "national-357")])
    timed(gen + [str(OUT / "national-100"), "-n", "100"])
    t357, t100, c357, c100, sizes, loads = [], [], [], [], [], []
    # Pairs side by side (100 then 357), so the growth ratio compares runs under the same load.
    for i in range(runs):
        loads.append(load_note())
        w100, cpu100 = build_site(OUT / "site-national-100", OUT / "national-100" / "data")
        w357, cpu357 = build_site(OUT / "site-national", OUT / "national-357" / "data")
        t100.append(w100), t357.append(w357), c100.append(cpu100), c357.append(cpu357)
        sizes.append(dir_size(OUT / "site-national") / 1e6)
        log(f"national run {i + 1}: 100 → {w100:.1f} s ({cpu100:.1f} CPU), 357 → {w357:.1f} s ({cpu357:.1f} CPU)")
    growth = ratios(t357, t100, 3.57)
    cpu_growth = ratios(c357, c100, 3.57)
    return {
        "build_national_s": summarise("build_national_s", t357, {
            **cpu_note(c357), "load_average": loads,
            "at_100_s_median": round(statistics.median(t100), 3),
            "at_100_cpu_s_median": round(statistics.median(c100), 3)}),
        "build_national_growth": summarise("build_national_growth", growth, {
            "cpu_growth_median": round(statistics.median(cpu_growth), 3)}),
        "site_national_mb": summarise("site_national_mb", sizes, {
            "largest_folders_mb": largest_folders(OUT / "site-national")}),
    }


def largest_folders(site: Path, top: int = 6) -> dict:
    sizes = {p.name: dir_size(p) / 1e6 for p in site.iterdir() if p.is_dir()}
    return {k: round(v, 1) for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:top]}


def survey_definition():
    sys.path.insert(0, str(ROOT / "src"))
    from veiviser.surveys import definitions, model
    return model.find(definitions.load_all(ROOT / "surveys", root=ROOT), "brukerundersokelse")


def random_answers(d, rng: random.Random, text_share: float = 0.0) -> dict:
    """Answers that fit the definition: every rating answered (1..5 or vet-ikke)."""
    out = {}
    for item in d.raw["items"]:
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
        responses = [(f"bench {i}", random_answers(s, rng)) for _ in range(20)]
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
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = timed(VV + ["aggregate", "brukerundersokelse", str(path), "-o", str(OUT / "aggregated.json"),
                                "--month", "2026-10", "--device", "bench"])
        walls.append(wall), cpus.append(cpu)
    log(f"aggregate_100k_csv_s: {statistics.median(walls):.2f} s")
    return {"aggregate_100k_csv_s": summarise("aggregate_100k_csv_s", walls, cpu_note(cpus))}


# --- browser figures -----------------------------------------------------------------------------

# Records, from navigation start (performance.now()), when the first form's submit button is
# enabled (survey.js enables it once the form is wired up: the form is usable), and when
# <html data-vv-worker> / <html data-vv-staff> change (store.js and staff.js set them).
MARKS_SCRIPT = """
(() => {
  const marks = (window.__vvMarks = {});
  const check = () => {
    const b = document.querySelector("form.vv-form button[type=submit]");
    if (b && !b.disabled && marks.form === undefined) marks.form = performance.now();
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
    "page_survey_kb": "tilbakemelding/brukerundersokelse/",
}
SURVEY_PATH = "tilbakemelding/brukerundersokelse/"
PLAIN_PATH = "bench-plain/brukerundersokelse/"
STAFF_PATH = "tilbakemelding/ansatte/"

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


class SiteServer:
    def __init__(self, site: Path):
        sys.path.insert(0, str(ROOT / "src"))
        from veiviser.site.server import make_server
        self.site = site
        self.server = make_server(site, "127.0.0.1", 0)
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


def write_plain_copy(site: Path) -> None:
    html = (site / SURVEY_PATH / "index.html").read_text("utf-8")
    html, n = re.subn(r'<script type="module" src="[^"]*survey\.js"></script>',
                      f"<script type=\"module\">{PLAIN_SCRIPT}</script>", html)
    if n != 1:
        raise RuntimeError("the survey page no longer loads survey.js the way the bench expects")
    # Relative links keep working: the copy sits at the same depth as the original.
    out = site / PLAIN_PATH / "index.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, "utf-8")


def first_service_path(site: Path) -> str:
    folder = site / "kommuner" / "klepp"
    pages = sorted(p for p in folder.iterdir() if (p / "index.html").is_file())
    if not pages:
        raise RuntimeError(f"no service pages under {folder}")
    return f"kommuner/klepp/{pages[0].name}/"


def new_context(browser):
    ctx = browser.new_context()
    ctx.add_init_script(MARKS_SCRIPT)
    return ctx


def wait_mark(page, key: str, timeout_ms: int = 60_000) -> float:
    page.wait_for_function(f"window.__vvMarks && window.__vvMarks[{json.dumps(key)}] !== undefined",
                           timeout=timeout_ms, polling=20)
    return page.evaluate(f"window.__vvMarks[{json.dumps(key)}]")


def page_weight(browser, server: SiteServer, path: str) -> tuple[int, list[str]]:
    """gzip bytes of everything a cold page fetches until loaded and network-idle (workers too)."""
    ctx = new_context(browser)
    urls: list[str] = []
    ctx.on("request", lambda r: urls.append(r.url))
    page = ctx.new_page()
    page.goto(server.url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    ctx.close()
    return gzip_bytes(server, urls), urls


def node_boot(site: Path, runs: int) -> dict:
    """Pyodide's start in Node from the same files (no browser): medians of wall and CPU ms."""
    rows = []
    for _ in range(runs):
        out = subprocess.run(["node", str(ROOT / "scripts" / "bench-pyodide-boot.mjs"), str(site)],
                             capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(f"bench-pyodide-boot.mjs failed:\n{out.stderr[-2000:]}")
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {f"node_{key}_median": round(statistics.median(r[key] for r in rows), 1) for key in rows[0]}


def survey_cold_run(browser, server: SiteServer) -> dict:
    """One cold visit of the form page, then a warm one in the same context."""
    ctx = new_context(browser)
    page = ctx.new_page()
    page.goto(server.url + SURVEY_PATH, wait_until="commit")
    form_ms = wait_mark(page, "form")
    # Bytes before the form was usable: the page and the resources that had finished by then.
    before = page.evaluate("""(ready) => [location.href, ...performance.getEntriesByType("resource")
        .filter((r) => r.responseEnd <= ready).map((r) => r.name)]""", form_ms)
    worker_ms = wait_mark(page, "worker_ready", 120_000)
    # Let the service worker install and fill its cache before the warm visit.
    page.evaluate("""async () => { if (!navigator.serviceWorker) return;
        const reg = await navigator.serviceWorker.getRegistration();
        if (!reg) return;
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) await new Promise((r) =>
          navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }""")
    persist_ms = submit_once(page)
    page.goto(server.url + SURVEY_PATH, wait_until="commit")
    warm_ms = wait_mark(page, "worker_ready", 120_000)
    sw = page.evaluate("navigator.serviceWorker && navigator.serviceWorker.controller ? 'yes' : 'no'")
    ctx.close()
    return {"load": load_note(), "form": form_ms, "kb": gzip_bytes(server, before) / 1000, "worker_cold": worker_ms,
            "worker_warm": warm_ms, "persist": persist_ms, "sw": sw}


def plain_run(browser, server: SiteServer) -> float:
    ctx = new_context(browser)
    page = ctx.new_page()
    page.goto(server.url + PLAIN_PATH, wait_until="commit")
    ms = wait_mark(page, "form")
    ctx.close()
    return ms


def submit_once(page) -> float:
    """Answer every rating, then time «Send inn» → the vv:stored event (fired after the commit)."""
    page.evaluate("""() => { for (const fs of document.querySelectorAll("form.vv-form fieldset")) {
        const first = fs.querySelector("input[type=radio]"); if (first) first.checked = true; } }""")
    return page.evaluate("""() => new Promise((resolve) => {
        document.addEventListener("vv:stored", () => resolve(performance.now() - t0), { once: true });
        const t0 = performance.now();
        document.querySelector("form.vv-form button[type=submit]").click();
    })""")


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
        shown = page.locator(".vv-staff__survey").count()
        if shown < 1:
            raise RuntimeError("the staff page showed no survey for 10,000 stored responses")
        if i:
            aggregate.append(done - ready)
            total.append(done)
        log(f"staff run {i}: {done - ready:.0f} ms after Python ready, {done:.0f} ms from navigation")
    ctx.close()
    return aggregate, total


BROWSER_FIGURES = {"page_home_kb", "page_municipality_kb", "page_service_kb", "page_survey_kb",
                   "form_first_input_ms", "plain_form_first_input_ms", "form_vs_plain_ratio",
                   "worker_ready_cold_ms", "worker_ready_warm_ms", "submit_persist_ms",
                   "staff_aggregate_10k_ms"}


def bench_browser(runs: int, wanted: set[str], site: Path | None = None) -> dict:
    from playwright.sync_api import sync_playwright
    site = site or OUT / "site-real"
    if not (site / "index.html").is_file():
        build_site(site)
    write_plain_copy(site)
    server = SiteServer(site)
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
            for name in ("page_home_kb", "page_municipality_kb", "page_service_kb"):
                if name not in wanted:
                    continue
                sizes, pyodide = [], set()
                for _ in range(runs):
                    size, urls = page_weight(browser, server, paths[name])
                    sizes.append(size / 1000)
                    pyodide |= {u for u in urls if "/pyodide/" in u}
                fig = summarise(name, sizes, {"path": "/" + paths[name], "loads_pyodide": bool(pyodide)})
                if pyodide:   # the budget also says: no Python runtime on pages other than forms
                    fig["pass"] = False
                out[name] = fig
                log(f"{name}: {fig['median']} KB")
            survey_figs = {"page_survey_kb", "form_first_input_ms", "plain_form_first_input_ms",
                           "form_vs_plain_ratio", "worker_ready_cold_ms", "worker_ready_warm_ms",
                           "submit_persist_ms"}
            if wanted & survey_figs:
                cold, plain = [], []
                for i in range(runs):   # form and plain form side by side, one pair at a time
                    cold.append(survey_cold_run(browser, server))
                    plain.append(plain_run(browser, server))
                    log(f"survey run {i + 1}: {cold[-1]} plain form {plain[-1]:.0f} ms")
                form = [c["form"] for c in cold]
                figs = {
                    "page_survey_kb": summarise("page_survey_kb", [c["kb"] for c in cold]),
                    "form_first_input_ms": summarise("form_first_input_ms", form),
                    "plain_form_first_input_ms": summarise("plain_form_first_input_ms", plain),
                    "form_vs_plain_ratio": summarise("form_vs_plain_ratio", ratios(form, plain)),
                    "worker_ready_cold_ms": summarise("worker_ready_cold_ms", [c["worker_cold"] for c in cold],
                                                      {**node_boot(site, runs),
                                                       "load_average": [c["load"] for c in cold]}),
                    "worker_ready_warm_ms": summarise("worker_ready_warm_ms", [c["worker_warm"] for c in cold],
                                                      {"service_worker_in_control": [c["sw"] for c in cold]}),
                    "submit_persist_ms": summarise("submit_persist_ms", [c["persist"] for c in cold]),
                }
                out.update({k: v for k, v in figs.items() if k in wanted})
            if "staff_aggregate_10k_ms" in wanted:
                aggregate, total = staff_runs(browser, server, runs)
                out["staff_aggregate_10k_ms"] = summarise("staff_aggregate_10k_ms", aggregate, {
                    "navigation_to_figures_ms_median": round(statistics.median(total), 1)})
            browser.close()
    finally:
        server.close()
    return out


# --- main ----------------------------------------------------------------------------------------

def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


ORDER = list(BUDGETS)
GROUPS = [
    ({"build_real_s"}, bench_build_real),
    ({"build_national_s", "build_national_growth", "site_national_mb"}, bench_build_national),
    ({"merge_1000_s"}, bench_merge),
    ({"aggregate_100k_csv_s"}, bench_aggregate),
]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--only", action="append", choices=ORDER, metavar="NAME",
                   help="measure only this figure (repeatable); the others keep their last results")
    p.add_argument("--quick", action="store_true", help="skip the national builds (the slowest part)")
    p.add_argument("--runs", type=int, default=MIN_RUNS)
    p.add_argument("--site", type=Path, help="browser figures on this built site (default: the bench's own build)")
    args = p.parse_args(argv)
    if args.runs < MIN_RUNS:
        p.error(f"--runs must be at least {MIN_RUNS}: figures are medians of {MIN_RUNS} runs or more")
    sys.path.insert(0, str(ROOT / "src"))
    wanted = set(args.only or ORDER)
    if args.quick and not args.only:
        wanted -= GROUPS[1][0]
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "results.json"
    started = time.time()
    doc = {"schema": SCHEMA_VERSION, "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
           "machine": machine(), "runs": args.runs, "figures": {}}
    figures: dict = {}
    try:
        for names, fn in GROUPS:
            if wanted & names:
                figures.update({k: v for k, v in fn(args.runs).items() if k in wanted})
        if wanted & BROWSER_FIGURES:
            figures.update(bench_browser(args.runs, wanted, args.site and args.site.resolve()))
    except Exception as exc:   # the bench itself broke: say where, keep the old results
        import traceback
        traceback.print_exc()
        log(f"FAILED: {type(exc).__name__}: {exc}")
        return 2
    # Read only now: a partial run (--only) started meanwhile may have written its figures.
    previous = json.loads(path.read_text("utf-8")) if path.is_file() else None
    if previous and (args.only or args.quick):   # keep the figures not measured this time, marked as older
        for name, fig in previous.get("figures", {}).items():
            if name not in figures and name in BUDGETS:
                figures[name] = {**fig, "from_earlier_run": fig.get("from_earlier_run") or previous.get("date")}
    doc["figures"] = {name: figures[name] for name in ORDER if name in figures}
    doc["seconds"] = round(time.time() - started, 1)
    write_results(doc, path)
    table = format_table(doc)
    from veiviser import atomic
    atomic.write_text(OUT / "results.txt", table + "\n")
    print(table)
    print(f"\n{path.relative_to(ROOT)} written in {doc['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
