"""Every page type, at phone (390×844) and desktop (1366×900) size, has zero violations in two
independent accessibility engines: IBM Equal Access (policy WCAG_2_2, accessibility-checker-engine
from npm, injected into the page) and axe-core (WCAG 2.1 A and AA). Forms are checked with every
<details> open, as a person who opened the help texts sees them."""
from __future__ import annotations

import pytest

from helpers import (DESKTOP, PAGE_TYPES, PHONE, axe_violations, describe_ibm, describe_violations,
                     ibm_violations, page_type_path)

pytestmark = pytest.mark.browser

SIZES = {"phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(params=SIZES, scope="module")
def sized_context(request, browser):
    context = browser.new_context(viewport=SIZES[request.param])
    yield context
    context.close()


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_zero_violations_in_ibm_equal_access_and_axe(kind, sized_context, site_url, site_dir):
    page = sized_context.new_page()
    try:
        page.goto(site_url + page_type_path(site_dir, kind), wait_until="load")
        # Material and the page scripts finish their changes (table wrappers, region names) on load
        page.wait_for_function("() => document.readyState === 'complete' && !!document.querySelector('.md-content')")
        page.wait_for_timeout(300)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        ibm = ibm_violations(page, "WCAG_2_2")
        assert ibm == [], describe_ibm(ibm)
        axe = axe_violations(page)
        assert axe == [], describe_violations(axe)
    finally:
        page.close()
