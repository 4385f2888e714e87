"""Material's built-in search (lunr, Norwegian, served from this site) finds services by name
and by the words a GP would type: «lavterskel» and «uten henvisning». The query is typed into
the search box with the keyboard, as a person would."""
from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest

from veiviser.core.vocabulary import OPEN_STATUSES

pytestmark = pytest.mark.browser


def search(page, site_url: str, query: str) -> list[str]:
    """Type query into the search box; return the results as site-relative path#section."""
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut that focuses the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type(query, delay=20)
    # Material reads the box on keyup; Playwright types «æøå» without key events: one key more.
    page.keyboard.press("End")
    # search-query.js marks the query whose results are on screen (typing sends many).
    page.wait_for_function("(q) => document.documentElement.getAttribute('data-vv-searched') === q",
                           arg=query, timeout=15000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    root = urlsplit(site_url).path
    out = []
    for href in hrefs:
        parts = urlsplit(urljoin(page.url, href))
        out.append(parts.path[len(root):] + (f"#{parts.fragment}" if parts.fragment else ""))
    return out


@pytest.fixture(scope="module")
def finder(site_dir):
    return json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))


def pick_by_name(services: list[dict]) -> dict:
    """An open service whose name is one ordinary word that no other service shares."""
    names = [s["name"].casefold() for s in services]
    for s in services:
        name = s["name"]
        if name.isalpha() and len(name) >= 6 and names.count(name.casefold()) == 1 and s["status"] in OPEN_STATUSES:
            return s
    pytest.fail("no service with a one-word name to search for")


def test_search_finds_a_service_by_name(watched_page, site_url, finder):
    service = pick_by_name(finder["services"])
    found = search(watched_page, site_url, service["name"])
    assert service["url"] in [u.split("#")[0] for u in found[:5]], f"{service['name']} not in the first results: {found}"
    assert watched_page.watch.foreign_requests() == []
    assert watched_page.watch.console_errors == []


@pytest.mark.parametrize("query, route, taxonomy", [
    ("lavterskel", None, "lavterskel"),
    ("uten henvisning", "self_referral", None),
])
def test_search_finds_services_by_norwegian_terms(watched_page, site_url, finder, query, route, taxonomy):
    wanted = {s["url"] for s in finder["services"]
              if (route is None or route in s["routes"]) and (taxonomy is None or taxonomy in s["types"])}
    assert wanted, f"the catalogue has no service that «{query}» should find"
    found = search(watched_page, site_url, query)[:10]  # what one sees without scrolling
    pages = [u.split("#")[0] for u in found]
    # A matching service page, or (for walk-in) the «Uten henvisning» section of a municipality page.
    hits = [u for u in found if u.split("#")[0] in wanted
            or (route == "self_referral" and "#uten-henvisning-pasienten-kan-ta-kontakt-selv" in u)]
    assert hits, f"«{query}» shows no matching service or section among the first results: {found}"
    services = [p for p in pages if p.startswith("kommuner/") and p.count("/") == 3]
    unrelated = [p for p in services if p not in wanted]
    assert len(unrelated) <= len(services) - len(unrelated), \
        f"«{query}» shows more unrelated services than related: {unrelated}"


@pytest.mark.parametrize("width, height", [(1366, 900), (390, 844)])
def test_the_search_box_shows_one_icon_at_a_time(watched_page, site_url, width, height):
    """The search label holds a magnifier, a back arrow and hidden text «Søk»: Material shows the
    magnifier on a wide screen and the arrow in the opened search on a phone, never both."""
    page = watched_page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site_url)
    if width < 960:
        # a real tap: Playwright's click() refuses a label whose checkbox is inert (overrides/)
        box = page.locator("label.md-header__button[for=__search]").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.locator("input.md-search__input").wait_for(state="visible")
    visible = page.eval_on_selector_all(
        "label.md-search__icon[for=__search] svg",
        "svgs => svgs.map(s => getComputedStyle(s).display !== 'none' && s.getBoundingClientRect().width > 0)")
    assert visible == ([True, False] if width >= 960 else [False, True])
