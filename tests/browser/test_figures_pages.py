"""Figures pages in Chromium: charts drawn by the site's own vega-embed, nothing from another
origin, zero axe violations, the big table sortable and searchable, and page weight in budget."""
from __future__ import annotations


import pytest

from helpers import axe_violations, describe_violations, gzip_weight

pytestmark = pytest.mark.browser

BUDGET = 300 * 1024   # gzip bytes on a cold cache, pages other than forms



@pytest.mark.parametrize("path", ["tall/fafo/hovedmal-1/", "tall/sintef-kommuner/"])
def test_figures_page_is_local_clean_accessible_and_small(path, watched_page, site_url):
    page = watched_page
    weight = gzip_weight(page, site_url + path)
    assert page.get_attribute("html", "lang") == "nb"
    print(f"{path}: {weight / 1024:.0f} KB gzip before any chart is opened")
    assert weight <= BUDGET, f"{path} weighs {weight / 1024:.0f} KB gzip"
    # The reader opens a chart by keyboard: vega-embed draws it from our own copy of vega.
    button = page.locator(".vv-chart__show").first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".vv-chart__plot svg", timeout=20000)
    assert page.locator(".vv-chart table").count() >= 1, "no data table beside the chart"
    watch = page.watch
    assert watch.foreign_requests() == [], watch.foreign_requests()
    assert watch.page_errors == [] and watch.console_errors == [], (watch.page_errors, watch.console_errors)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_municipality_table_sorts_and_filters_by_keyboard(watched_page, site_url):
    page = watched_page
    page.goto(site_url + "tall/sintef-kommuner/", wait_until="networkidle")
    rows = page.locator("#vv-kommuner tbody tr")
    assert rows.count() == 446
    page.fill("#vv-filter", "klepp")
    assert page.locator("#vv-kommuner tbody tr:not([hidden])").count() == 1
    page.fill("#vv-filter", "")
    sort = page.locator("#vv-kommuner th button", has_text="Per 10 000 innb.")
    sort.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")   # descending: the highest first
    first = page.locator("#vv-kommuner tbody tr").first.locator("td").nth(1).inner_text()
    assert first == "Salangen"     # 156 per 10 000, the highest in the appendix (L4405)
