"""The developer pages (skjemaformat, egne-skjema): no request to another origin, no console
error, zero axe-core violations (WCAG 2.1 A/AA)."""
from __future__ import annotations

import pytest

from helpers import axe_violations, describe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["utviklere/skjemaformat/", "utviklere/egne-skjema/"])
def test_developer_page_is_local_clean_and_accessible(path, watched_page, site_url):
    page = watched_page
    page.goto(site_url + path, wait_until="networkidle")
    assert page.title() and page.get_attribute("html", "lang") == "nb"
    assert page.watch.foreign_requests() == []
    assert page.watch.page_errors == [] and page.watch.console_errors == []
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
