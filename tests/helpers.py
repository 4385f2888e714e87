"""Helpers shared by the tests (imported as `helpers`; pytest's pythonpath has tests/).

Fixtures live in conftest.py; plain functions and constants live here, so no test module
imports another.
"""
from __future__ import annotations

import gzip
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# The shared sources lie beside the project (../shared); VEIVISER_SHARED may point elsewhere.
SHARED = Path(os.environ.get("VEIVISER_SHARED") or ROOT.parent / "shared")
SEEDS = SHARED / "seeds"
HSDS_SCHEMAS = SHARED / "hsds-3.0" / "schema"
DCAT_AP_NO = SHARED / "dcat-ap-no"

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

# What a built site is made from: a change to any of these makes build/site stale.
SOURCES = ["src", "docs", "data", "surveys", "mkdocs.yml"]
SKIPPED = {"__pycache__", ".mypy_cache", ".ruff_cache"}


def newest_source_mtime(root: Path = ROOT) -> float:
    """The latest change under the sources (files and folders, so a deleted file counts too)."""
    newest = 0.0
    for name in SOURCES:
        top = root / name
        if not top.exists():
            continue
        newest = max(newest, top.stat().st_mtime)
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in SKIPPED and not d.endswith(".egg-info")]
            for entry in (*dirs, *files):
                try:
                    newest = max(newest, os.stat(os.path.join(folder, entry)).st_mtime)
                except FileNotFoundError:   # removed while we looked
                    pass
    return newest


def build_site(out: Path, *args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`veiviser build --quiet --out out [args]`, as `make build` runs it; a failure fails the test."""
    result = subprocess.run([sys.executable, "-m", "veiviser.cli", "build", "--quiet", "--out", str(out), *args],
                            cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"veiviser build failed:\n{result.stdout}{result.stderr}", pytrace=False)
    return result


def release(cwd: Path = ROOT, env: dict | None = None, *args: str) -> subprocess.CompletedProcess:
    """`veiviser release [args]`: record the releases that are ready (what the site publishes);
    a failure fails the test. A test that places exports of its own runs it before the build,
    as an editor does."""
    result = subprocess.run([sys.executable, "-m", "veiviser.cli", "release", *args],
                            cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"veiviser release failed:\n{result.stdout}{result.stderr}", pytrace=False)
    return result


def record_releases(root: Path, catalogue, surveys: list, exports: Path, k: int = 10,
                    today: str = "2026-11-30", folder: Path | None = None) -> list:
    """What `veiviser release` does, in the test's process: every ready release recorded
    (beside the exports, as the build reads them)."""
    from veiviser import feedback
    from veiviser.feedback import releases
    folder = folder or Path(exports).parent / "releases"
    reports = feedback.load_reports(root, catalogue, surveys, k, exports)
    releases.apply(reports, folder, root, today, 6)
    return releases.record(reports, folder, root, today)


def make_project(tmp_path: Path) -> Path:
    """A project folder that builds like this one: its own mkdocs.yml and docs/ (copies, for a test
    to change), the rest linked to the real project. Another catalogue goes in with `--data`
    (the national figures always come from the project's data/). The browser wheel's cache is
    shared with the project's, so the build does not make the wheel again."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    for name in ("src", "node_modules", "pyproject.toml", "README.md", "data", "surveys", "overrides", "scripts"):
        (project / name).symlink_to(ROOT / name)
    (project / "build").mkdir()
    for name in ("wheel-cache", "snapshot-cache"):     # the browser wheel and Python snapshot, made once
        cache = ROOT / "build" / name
        cache.mkdir(parents=True, exist_ok=True)
        (project / "build" / name).symlink_to(cache)
    return project


MUNICIPALITY = {
    "name": "Klepp kommune", "kind": "kommune", "county": None,
    "summary": "En kommune i testkatalogen, med nok tekst til å bestå skjemaet.",
    "report": {"source": "klepp-2020", "kind": "forvaltningsrevisjon", "date": "2020-11"},
    "front_door": None, "coordination": [],
    "findings": [{"text": "Et funn i testkatalogen.", "source": {"report": "klepp-2020", "lines": "1"}}],
    "sources": [{"report": "klepp-2020", "lines": "1"}], "as_of": "2020-10",
}


def service_record(**overrides) -> dict:
    """A minimal valid service in Klepp; overrides replace or (value None via drop=) remove fields."""
    record = {
        "name": "Testtilbud", "municipality": "klepp", "owner": None,
        "description": "Et tilbud som bare finnes i testene.", "target_group": "Voksne",
        "min_age": None, "max_age": None, "access": [{"route": "self_referral"}], "hours": None,
        "capacity": None, "status": "active", "types": ["lavterskel"],
        "sources": [{"report": "klepp-2020", "lines": "1108"}], "as_of": "2020-10",
    }
    for drop in overrides.pop("drop", []):
        del record[drop]
    record.update(overrides)
    return record


def make_catalogue(tmp_path: Path, services: dict[str, dict | str], municipalities: dict | None = None) -> Path:
    """tmp_path/data with the real sources.yaml, taxonomy.yaml, help-lines.yaml and synonyms.yaml
    and the given files.
    services: "<folder>/<slug>" -> record (dumped as YAML) or raw file text. The service name
    defaults to the slug, capitalised."""
    data = tmp_path / "data"
    for folder in ("municipalities", "services", "laws", "tools"):
        (data / folder).mkdir(parents=True, exist_ok=True)
    for name in ("sources.yaml", "taxonomy.yaml", "help-lines.yaml", "synonyms.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    for slug, record in (municipalities or {"klepp": MUNICIPALITY}).items():
        (data / "municipalities" / f"{slug}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    for key, record in services.items():
        path = data / "services" / f"{key}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(record, dict):
            record = dict(record)
            if record.get("name") == "Testtilbud":
                record["name"] = path.stem.capitalize()
            record = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        path.write_text(record, "utf-8")
    return data


def wait_for_animations(page, timeout_ms: int = 5000) -> None:
    """Until no CSS animation or transition runs (e.g. Material's tabs fading back in after a
    scroll): axe measures colour contrast from the opacity of the moment, so a half-faded link
    reads as too pale. Infinite animations (spinners) are not waited for."""
    page.wait_for_function(
        """() => document.getAnimations().every(a => a.playState !== "running"
               || (a.effect && a.effect.getComputedTiming().endTime === Infinity))""",
        timeout=timeout_ms)


def axe_violations(page) -> list[dict]:
    """axe-core (bundled in axe-playwright-python, no network) for WCAG 2.1 A and AA rules,
    once every animation and transition on the page has ended."""
    from axe_playwright_python.sync_playwright import Axe
    wait_for_animations(page)
    results = Axe().run(page, options={"runOnly": {"type": "tag",
                                                   "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                       "resultTypes": ["violations"]})
    return results.response["violations"]


# Every element a finger or a pointer can aim at.
INTERACTIVE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], "
               "[tabindex]:not([tabindex='-1'])")


def small_targets(page, minimum: int = 24, scope: str = "body") -> list[str]:
    """Visible interactive elements in scope smaller than minimum × minimum CSS px (WCAG 2.2
    2.5.8 asks 24; 44 where it can be). A control inside its <label> is measured with the label,
    since a tap anywhere on the label answers. A link inside running text is exempt, as 2.5.8
    allows ("inline"): an inline <a> whose block holds other text too."""
    return page.evaluate(
        """([selector, minimum, scope]) => {
            const out = [];
            for (const root of document.querySelectorAll(scope)) {
              for (const el of root.querySelectorAll(selector)) {
                const style = getComputedStyle(el);
                const label = el.closest("label") || (el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`));
                const own = el.getBoundingClientRect();
                const r = label ? label.getBoundingClientRect() : own;
                if (!own.width || !own.height || style.visibility === "hidden" || el.closest("[hidden], [inert]")) continue;
                let faded = false;       // drawn fully transparent (Material's empty search reset): not a target
                for (let a = label || el; a && a !== document.documentElement; a = a.parentElement) {
                  if (getComputedStyle(a).opacity === "0") { faded = true; break; }
                }
                if (faded) continue;
                if (el.tagName === "A" && style.display === "inline") {
                  const block = el.parentElement.closest("p, li, td, th, dd, figcaption, h1, h2, h3, h4, label, span, div");
                  if (block && block.textContent.trim() !== el.textContent.trim()) continue;
                }
                const w = Math.max(r.width, own.width), h = Math.max(r.height, own.height);
                if (w < minimum - 0.5 || h < minimum - 0.5) {
                  out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${el.className} ` +
                           `"${(el.textContent || el.value || "").trim().slice(0, 30)}" ${Math.round(w)}×${Math.round(h)}`);
                }
              }
            }
            return out;
        }""", [INTERACTIVE, minimum, scope])


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return "\n".join(lines)


def gzip_weight(page, url: str) -> int:
    """Load url on a cold cache and add up the gzip size of every response body."""
    bodies: list = []
    page.on("response", lambda r: bodies.append(r))
    page.goto(url, wait_until="networkidle")
    total = 0
    for r in bodies:
        try:
            total += len(gzip.compress(r.body(), 9))
        except Exception:   # redirects have no body
            pass
    return total


# Text that breaks pages built by string pasting: quotes, an ampersand, a script, an attribute
# break-out, Jinja syntax, a javascript: Markdown link and Markdown emphasis.
HOSTILE = ('Hun sa "hei" & det \'går\' <script>alert(1)</script> "><img src=x onerror=alert(1)> '
           '{{ 7*7 }} {% if true %}ja{% endif %} [x](javascript:alert(1)) *uthevet*')


def hostile_survey(survey_id: str = "fiendtlig") -> dict:
    """A valid survey definition with HOSTILE in every text, in three languages."""
    def text(label: str) -> dict:
        return {lang: f"{label} ({lang}): {HOSTILE}" for lang in ("nb", "nn", "en")}
    return {
        "id": survey_id, "version": 1, "kind": "experience", "k": 3,
        "title": text("Tittel"), "intro": text("Innledning"),
        "items": [
            {"id": "glider", "type": "vas", "required": True, "text": text("Glider"), "help": text("Hjelp"),
             "low": text("Lav"), "high": text("Høy")},
            {"id": "valg", "type": "choice", "text": text("Valg"),
             "options": [{"value": "en", "label": text("En")}, {"value": "to", "label": text("To")}]},
            {"id": "janei", "type": "yes_no", "text": text("Ja eller nei")},
            {"id": "lys", "type": "traffic_light", "text": text("Lys")},
            {"id": "fritekst", "type": "text", "text": text("Fritekst"), "help": text("Hjelp")},
        ],
    }


def url_of(docs_path: str) -> str:
    """A docs path's URL below the site root: kommuner/klepp/index.md -> kommuner/klepp/,
    kommuner/klepp/x.md -> kommuner/klepp/x/."""
    stem = docs_path.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


# --- every page type, for the independent checkers (IBM Equal Access, layout shift) ------------

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}

# kind -> URL path below the site root, or a glob of built pages whose first match stands for it
PAGE_TYPES = {
    "home": "", "finder": "finn/", "municipality index": "kommuner/", "municipality": "kommuner/*/index.html",
    "service": "kommuner/*/*/index.html", "law index": "lover/", "law": "lover/*/index.html",
    "tool index": "verktoy/", "tool": "verktoy/*/index.html",
    "figures index": "tall/", "fafo figures": "tall/fafo/hovedmal-1/", "sintef figures": "tall/sintef/",
    "sintef municipalities": "tall/sintef-kommuner/", "local figures": "tall/lokale/",
    "feedback figures index": "tall/tilbakemeldinger/", "feedback figures": "tall/tilbakemeldinger/*/index.html",
    "feedback landing": "tilbakemelding/", "form": "tilbakemelding/slik-har-jeg-hatt-det/",
    "experience form": "tilbakemelding/brukerundersokelse/", "form in English": "tilbakemelding/om-samtalen/en/",
    "kiosk": "tilbakemelding/kiosk/", "kiosk set-up": "tilbakemelding/kiosk/oppsett/",
    "staff": "tilbakemelding/ansatte/", "personal": "tilbakemelding/min-fremgang/",
    "about": "om/", "privacy": "personvern/", "accessibility statement": "tilgjengelighet/",
    "open data": "apne-data/", "developers": "utviklere/arkitektur/", "performance": "utviklere/ytelse/",
    "hosting": "utviklere/drift/", "not found": "404.html",
}


def page_type_path(site_dir: Path, kind: str) -> str:
    """URL path (below the site root) of one built page of this kind."""
    path = PAGE_TYPES[kind]
    if "*" not in path:
        return path
    for match in sorted(site_dir.glob(path)):
        return str(match.parent.relative_to(site_dir)) + "/"
    raise AssertionError(f"no built page matches {path}")


ACE_JS = ROOT / "node_modules" / "accessibility-checker-engine" / "ace.js"


def ibm_violations(page, policy: str = "WCAG_2_2") -> list[dict]:
    """IBM Equal Access (accessibility-checker-engine from npm, run inside the page: no network,
    no browser of its own) for one policy; only results at level «violation»."""
    if not page.evaluate("typeof window.ace !== 'undefined'"):
        # Evaluated by the test driver, not added as an inline <script>: the pages' Content-Security-
        # Policy refuses inline scripts without their hash (veiviser.site.csp).
        page.evaluate(ACE_JS.read_text("utf-8") + "\n;undefined")
    return page.evaluate("""async policy => {
        const report = await new ace.Checker().check(document, [policy]);
        return report.results
            .filter(r => r.value[0] === "VIOLATION" && r.value[1] === "FAIL")
            .map(r => ({rule: r.ruleId, message: r.message, path: r.path.dom, snippet: r.snippet}));
    }""", policy)


def describe_ibm(violations: list[dict]) -> str:
    return "\n".join(f"{v['rule']}: {v['message']} at {v['path']} {v['snippet'][:120]}" for v in violations)


def consistent_tables(published: dict, lo: int, hi: int | None):
    """The reader's brute force: every table consistent with the published cells and n, each
    hidden cell in [lo, hi] (core's suppression and the published downloads are checked with it)."""
    cats = list(published["cells"])
    hidden = [c for c in cats if published["suppressed"][c]]
    rest = published["n"] - sum(v for v in published["cells"].values() if v is not None)
    top = rest if hi is None else min(hi, rest)
    for values in itertools.product(range(lo, top + 1), repeat=len(hidden)):
        if sum(values) == rest:
            found = dict(zip(hidden, values))
            yield {c: found[c] if c in found else published["cells"][c] for c in cats}
