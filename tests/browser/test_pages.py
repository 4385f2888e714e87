"""Every page type: loads with no request to another origin, no console error, and zero
axe-core violations for WCAG 2.1 A and AA."""
from __future__ import annotations

import pytest

from helpers import axe_violations, describe_violations

pytestmark = pytest.mark.browser


def first_page(site_dir, pattern: str) -> str:
    """URL path of the first built page matching pattern (e.g. a municipality)."""
    for path in sorted(site_dir.glob(pattern)):
        return str(path.parent.relative_to(site_dir)) + "/"
    pytest.fail(f"no built page matches {pattern}")


PAGE_TYPES = {
    "home": lambda d: "",
    "finder": lambda d: "finn/",
    "municipality index": lambda d: "kommuner/",
    "municipality": lambda d: first_page(d, "kommuner/*/index.html"),
    "service": lambda d: first_page(d, "kommuner/*/*/index.html"),
    "law index": lambda d: "lover/",
    "tool index": lambda d: "verktoy/",
    "about": lambda d: "om/",
    "privacy": lambda d: "personvern/",
    "accessibility statement": lambda d: "tilgjengelighet/",
    "open data": lambda d: "apne-data/",
    "not found": lambda d: "404.html",
}


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_is_local_clean_and_accessible(kind, watched_page, site_url, site_dir):
    page = watched_page
    page.goto(site_url + PAGE_TYPES[kind](site_dir), wait_until="networkidle")
    assert page.title(), "page has no title"
    assert page.get_attribute("html", "lang") == "nb"
    watch = page.watch
    assert watch.foreign_requests() == [], f"requests to another origin: {watch.foreign_requests()}"
    assert watch.page_errors == [], watch.page_errors
    assert watch.console_errors == [], watch.console_errors
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
