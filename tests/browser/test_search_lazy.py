"""The search index loads on first use (issue 14): a page load fetches nothing from search/ and
starts no search worker; focusing the search box (a click, or Material's «/» key) fetches the
index, and the query typed finds the page it names. A link with ?q= searches at once."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

QUERY, PAGE = "boligsosialloven", "lover/boligsosialloven/"


def search_requests(urls: list[str], site_url: str) -> list[str]:
    return [u for u in urls if u.startswith(site_url + "search/") or "/workers/search." in u
            or u.endswith("/search-words.json")]


def found(page) -> list[str]:
    page.wait_for_function("(q) => document.documentElement.getAttribute('data-vv-searched') === q",
                           arg=QUERY, timeout=20000)
    return [loc.split("#")[0] for loc in page.evaluate("document.documentElement.vvSearchPages")]


@pytest.mark.parametrize("how", ["click", "key", "phone icon"])
def test_the_index_loads_when_the_search_box_is_first_used(watched_page, site_url, how):
    page = watched_page
    urls: list[str] = []
    page.context.on("request", lambda r: urls.append(r.url))   # workers' requests too
    if how == "phone icon":
        page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert search_requests(urls, site_url) == [], "a page load fetched search files before anyone searched"
    assert page.evaluate("document.documentElement.getAttribute('data-vv-search')") is None
    if how == "click":
        page.locator("input.md-search__input").click()
    elif how == "key":
        page.keyboard.press("/")
    else:   # the magnifier in the header opens the search (by position: Playwright's own click
        #     calls this label inert, on the site as it was before too)
        box = page.locator("label.md-header__button[for=__search]").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("() => document.documentElement.getAttribute('data-vv-search') === 'loading'")
    page.keyboard.type(QUERY, delay=10)
    page.keyboard.press("End")
    assert PAGE in found(page)[:3]
    assert site_url + "search/search_index.json" in urls
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def test_a_search_link_searches_at_once(watched_page, site_url):
    page = watched_page
    page.goto(f"{site_url}?q={QUERY}", wait_until="load")
    assert PAGE in found(page)[:3]
    assert page.watch.console_errors == [] and page.watch.page_errors == []
