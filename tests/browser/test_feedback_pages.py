"""Feedback pages in Chromium: the chart beside the national figures is drawn by the site's own
vega-embed, nothing comes from another origin, zero axe violations, and the page stays within
the weight budget before a chart is opened."""
from __future__ import annotations


import pytest

from helpers import axe_violations, describe_violations, gzip_weight

pytestmark = pytest.mark.browser

BUDGET = 300 * 1024   # gzip bytes on a cold cache, as for the other figures pages



@pytest.mark.parametrize("path", ["tall/tilbakemeldinger/klepp/moteplassen-brukerundersokelse-v2/",
                                  "tall/tilbakemeldinger/klepp/"])
def test_feedback_page_is_local_clean_accessible_and_small(path, watched_page, site_url):
    page = watched_page
    weight = gzip_weight(page, site_url + path)
    print(f"{path}: {weight / 1024:.0f} KB gzip before any chart is opened")
    assert weight <= BUDGET, f"{path} weighs {weight / 1024:.0f} KB gzip"
    assert page.get_attribute("html", "lang") == "nb"
    assert "eksempeldata" in page.inner_text("main").lower()
    if page.locator(".vv-chart__plot").count():
        button = page.locator(".vv-chart__show").first
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_selector(".vv-chart__plot svg", timeout=20000)
        assert page.locator(".vv-chart").first.locator("table").count() == 1
    watch = page.watch
    assert watch.foreign_requests() == [], watch.foreign_requests()
    assert watch.page_errors == [] and watch.console_errors == [], (watch.page_errors, watch.console_errors)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
