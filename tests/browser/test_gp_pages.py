"""The pages a GP uses, in Chromium at a phone's and a laptop's size: no axe violation (WCAG 2.1
A/AA), the help box where it belongs, age badges that count the years in the browser (warning
style from two years), «Skriv ut liste» on municipality pages, and a Norwegian 404 page."""
from __future__ import annotations

import datetime
import re

import pytest

from helpers import axe_violations, describe_violations

pytestmark = pytest.mark.browser

SIZES = [(390, 844), (1366, 900)]
PAGES = {
    "home": "",
    "service": "kommuner/sandnes/rask-rushjelp/",
    "municipality": "kommuner/sandnes/",
    "law (repealed)": "lover/hol-3-7/",
    "law (rejected)": "lover/rusreform/",
    "finder with hits": "finn/?kommune=asker&behov=bolig&alder=45&vei=self_referral",
    "finder with no hit": "finn/?kommune=horten&behov=akutt&alder=7",
    "404": "finnes-ikke/",
}
HELP_BOX = {"home", "service", "municipality", "404"}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("kind", list(PAGES))
def test_gp_pages_are_accessible(browser, site_url, kind, size):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + PAGES[kind], wait_until="networkidle")
    if kind.startswith("finder"):
        page.wait_for_function("() => document.getElementById('vv-finder-count').textContent !== ''")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert (page.locator("aside.vv-help-now").count() == 1) == (kind in HELP_BOX)
    assert errors == []
    page.close()


def test_age_badges_count_years_in_the_browser(page, site_url):
    page.goto(site_url + "kommuner/sandnes/", wait_until="networkidle")
    badge = page.locator("h1 ~ p .vv-age, h1 + p .vv-age").first
    text = badge.inner_text()
    years = datetime.date.today().year - 2021 - (1 if datetime.date.today().month < 10 else 0)
    assert text.endswith(f"Opplysninger fra oktober 2021 – {years} år gamle"), text
    assert "vv-age--old" in badge.get_attribute("class")
    # In every list row too (the table of all services).
    rows = page.locator("table .vv-age")
    assert rows.count() > 10
    assert all(re.search(r"– (\d+ år|under ett år) gamle$", t) for t in rows.all_inner_texts())


def test_a_recent_fact_gets_no_warning(page, site_url):
    page.goto(site_url + "kommuner/asker/velferdsforvaltningen/", wait_until="networkidle")
    badge = page.locator(".vv-age").first
    as_of = badge.get_attribute("data-as-of")
    start = datetime.date(int(as_of[:4]), int(as_of[5:7]), 1)
    old = (datetime.date.today() - start).days >= 2 * 365
    assert ("vv-age--old" in badge.get_attribute("class")) == old


def test_municipality_page_offers_print(page, site_url):
    page.goto(site_url + "kommuner/klepp/", wait_until="networkidle")
    assert page.is_visible("button[data-vv-print]")
    assert page.locator(".vv-handout").is_hidden()
    assert page.locator(".vv-handout [data-vv-qr] svg").count() == 1


def test_the_404_page_is_norwegian_and_leads_on(page, site_url):
    response = page.goto(site_url + "finnes-ikke/", wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Siden finnes ikke"
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator("article a").all()}
    assert links["Gå til forsiden"] == "/" and links["Finn tjeneste"] == "/finn/"
    assert "116 117" in page.locator("aside.vv-help-now").inner_text()
