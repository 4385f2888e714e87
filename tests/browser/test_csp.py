"""The Content-Security-Policy in the browser: one page of every page type, used as a reader
uses it (charts drawn, Python started, files merged), and not one `securitypolicyviolation`
event nor console error. The policy itself (hashes, where it sits) is tests/site/test_csp.py."""
from __future__ import annotations

import pytest

from helpers import PAGE_TYPES, ROOT, page_type_path

pytestmark = pytest.mark.browser

BOOT_MS = 120_000
EXPORTS = ROOT / "surveys" / "exports" / "klepp" / "moteplassen"

# Playwright runs a string expression given to wait_for_function with eval() when it has to poll,
# which the policy refuses like any eval: the conditions here are arrow functions.

# Every violation the page reports, from the first script on (an init script runs before any).
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


def python_ready(page):
    page.wait_for_function("() => document.documentElement.dataset.vvWorker === 'ready'", timeout=BOOT_MS)


def a_chart(page):
    """Open the first «Vis diagram» chart; vega-embed must draw it."""
    page.locator(".vv-chart__show").first.click()
    page.locator(".vv-chart__plot svg, .vv-chart__plot canvas").first.wait_for(timeout=30_000)


def finder_results(page):
    page.wait_for_function("() => document.getElementById('vv-finder-count').textContent !== ''")
    assert page.locator("#vv-finder-results a").count() > 0


def merged(page):
    page.set_input_files("#vv-merge-files", [str(p) for p in sorted(EXPORTS.glob("*.json"))])
    page.wait_for_function("() => ['ready', 'refused', 'service'].includes(document.documentElement.dataset.vvMerge)",
                           timeout=BOOT_MS)
    page.locator(".vv-merge__preview svg").first.wait_for(timeout=30_000)


def form_answered(page):
    """A form starts Python on the first answer (survey.js): begin answering, then Python ready."""
    page.locator("form.vv-form input").first.focus()
    python_ready(page)


def staff_ready(page):
    page.wait_for_function("() => document.documentElement.dataset.vvStaff === 'ready'", timeout=BOOT_MS)
    python_ready(page)


def personal_ready(page):
    page.locator(".vv-personal__survey").first.wait_for()
    python_ready(page)


def proposal_ready(page):
    page.wait_for_function("() => !document.querySelector('.vv-proposal button[type=submit]').disabled", timeout=BOOT_MS)
    python_ready(page)


def nothing(page):
    pass


# page type -> (path, or a PAGE_TYPES kind; what the reader does there)
PAGES = {
    "home": ("home", nothing),
    "municipality": ("municipality", nothing),
    "service": ("service", nothing),
    "finder with results": ("finn/?kommune=klepp", finder_results),
    "law": ("law", nothing),
    "figures with a chart": ("fafo figures", a_chart),
    "published feedback with a chart": ("tall/tilbakemeldinger/*/*/index.html", a_chart),
    "survey form, Python ready": ("form", form_answered),
    "staff": ("staff", staff_ready),
    "merge with charts": ("tilbakemelding/samle/", merged),
    "Min fremgang": ("personal", personal_ready),
    "kiosk set-up": ("kiosk set-up", nothing),
    "proposal form": ("forslag/meld-feil/?tjeneste=sandnes/aks", proposal_ready),
    "not found": ("finnes-ikke/", nothing),
    "open data": ("open data", nothing),
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_no_policy_violation_on_any_page_type(kind, watched_page, site_url, site_dir):
    page = watched_page
    path, use = PAGES[kind]
    if path in PAGE_TYPES:
        path = page_type_path(site_dir, path)
    elif "*" in path:     # the first such page with a chart
        path = next(str(p.parent.relative_to(site_dir)) + "/" for p in sorted(site_dir.glob(path))
                    if "vv-chart__plot" in p.read_text("utf-8"))
    page.add_init_script(LISTEN)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    use(page)
    page.wait_for_timeout(300)    # a late violation (an injected style, a worker) still counts
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert policy and "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy
    violations = page.evaluate("window.__cspViolations")
    watch = page.watch
    assert violations == [], violations
    errors = [e for e in watch.console_errors if not (kind == "not found" and "404" in e)]
    assert errors == [] and watch.page_errors == [], (errors, watch.page_errors)
