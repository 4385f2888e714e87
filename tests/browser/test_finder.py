"""The finder on /finn/ works with the keyboard alone: Tab between fields, type into selects and
the age field, follow a hit with Enter. Expected hits are computed here in Python from the
same data/finder.json the page filters."""
from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest

from veiviser.core.vocabulary import OPEN_STATUSES

from helpers import axe_violations, describe_violations

pytestmark = pytest.mark.browser

MAX_TABS = 120


def expected_hits(doc: dict, need="", age=None, route="", municipality="") -> list[str]:
    """Site-relative URLs of the services the finder should show, in order (only open ones:
    vocabulary OPEN_STATUSES, as the page does by default)."""
    out = []
    for s in doc["services"]:
        if s["status"] not in OPEN_STATUSES:
            continue
        if need and need not in s["types"]:
            continue
        if route and route not in s["routes"]:
            continue
        if municipality and s["municipality"] != municipality:
            continue
        if age is not None and ((s["min_age"] is not None and age < s["min_age"])
                                or (s["max_age"] is not None and age > s["max_age"])):
            continue
        out.append(s["url"])
    return out


def choose_filters(doc: dict) -> dict:
    """Filters that narrow the list step by step: the biggest municipality, need and access
    route (not «unknown») that together still leave hits at age 30."""
    open_services = [s for s in doc["services"] if s["status"] in OPEN_STATUSES]
    assert open_services, "finder.json has no open services"
    age = 30
    for municipality, _ in Counter(s["municipality"] for s in open_services).most_common():
        local = [s for s in open_services if s["municipality"] == municipality]
        for need, _ in Counter(t for s in local for t in s["types"]).most_common():
            with_need = [s for s in local if need in s["types"]]
            for route, _ in Counter(r for s in with_need for r in s["routes"] if r != "unknown").most_common():
                f = {"need": need, "age": age, "route": route, "municipality": municipality}
                if expected_hits(doc, **f):
                    return f
    pytest.fail("no combination of municipality, need and access route has an open service")


def label_of(doc: dict, kind: str, ident: str) -> str:
    return next(o["label"] for o in doc[kind] if o["id"] == ident)


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching selector has focus."""
    for _ in range(MAX_TABS):
        if page.evaluate("(sel) => document.activeElement && document.activeElement.matches(sel)", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{selector} never got focus after {MAX_TABS} presses of Tab")


def shown_hits(page, site_url: str) -> list[str]:
    hrefs = page.eval_on_selector_all("#vv-finder-results a", "links => links.map(a => a.getAttribute('href'))")
    root = urlsplit(site_url).path
    out = []
    for href in hrefs:
        path = urlsplit(urljoin(page.url, href)).path
        assert path.startswith(root), href
        out.append(path[len(root):])
    return out


def count_text(n: int) -> str:
    return "1 tilbud passer." if n == 1 else f"{n} tilbud passer."


def assert_shows(page, site_url: str, expected: list[str], step: str) -> None:
    page.wait_for_function("(text) => document.getElementById('vv-finder-count').textContent === text",
                           arg=count_text(len(expected)), timeout=5000)
    assert shown_hits(page, site_url) == expected, f"wrong hits after {step}"


def test_finder_by_keyboard(watched_page, site_url, site_dir):
    page = watched_page
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    f = choose_filters(doc)
    page.goto(site_url + "finn/", wait_until="networkidle")
    page.wait_for_function("document.getElementById('vv-finder-count').textContent !== ''")

    steps = [expected_hits(doc)]
    assert_shows(page, site_url, steps[-1], "loading")
    page.keyboard.press("Tab")  # focus enters the page from the address bar

    tab_to(page, "#vv-need")
    page.keyboard.type(label_of(doc, "taxonomy", f["need"]))
    assert page.input_value("#vv-need") == f["need"]
    steps.append(expected_hits(doc, need=f["need"]))
    assert_shows(page, site_url, steps[-1], "choosing the need")

    tab_to(page, "#vv-age")
    page.keyboard.type(str(f["age"]))
    steps.append(expected_hits(doc, need=f["need"], age=f["age"]))
    assert_shows(page, site_url, steps[-1], "typing the age")

    tab_to(page, "#vv-route")
    page.keyboard.type(label_of(doc, "routes", f["route"]))
    assert page.input_value("#vv-route") == f["route"]
    steps.append(expected_hits(doc, need=f["need"], age=f["age"], route=f["route"]))
    assert_shows(page, site_url, steps[-1], "choosing the access route")

    tab_to(page, "#vv-municipality")
    page.keyboard.type(label_of(doc, "municipalities", f["municipality"]))
    assert page.input_value("#vv-municipality") == f["municipality"]
    final = expected_hits(doc, **f)
    steps.append(final)
    assert_shows(page, site_url, final, "choosing the municipality")

    # Arrow keys move through a select too: one step down from the chosen need.
    needs = [o["id"] for o in doc["taxonomy"]]
    tab_to(page, "#vv-need")
    page.keyboard.press("ArrowDown")
    next_need = needs[needs.index(f["need"]) + 1] if needs.index(f["need"]) + 1 < len(needs) else f["need"]
    assert page.input_value("#vv-need") == next_need
    assert_shows(page, site_url, expected_hits(doc, **dict(f, need=next_need)), "ArrowDown in the need list")
    page.keyboard.press("ArrowUp")
    assert_shows(page, site_url, final, "ArrowUp back to the need")

    violations = axe_violations(page)  # the filled-in form and the result list
    assert violations == [], describe_violations(violations)

    assert len({len(s) for s in steps}) > 1, "no filter changed the number of hits: the data does not test anything"
    assert final, "the chosen filters left no hit to follow"

    # Follow the first hit with Enter.
    tab_to(page, "#vv-finder-results a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == urlsplit(site_url).path + final[0]
    assert page.locator("h1").first.inner_text().strip() == next(s["name"] for s in doc["services"] if s["url"] == final[0])
    assert page.watch.page_errors == [] and page.watch.console_errors == []
    assert page.watch.foreign_requests() == []


def test_reset_button_by_keyboard(watched_page, site_url, site_dir):
    page = watched_page
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    f = choose_filters(doc)
    page.goto(site_url + "finn/", wait_until="networkidle")
    page.wait_for_function("document.getElementById('vv-finder-count').textContent !== ''")
    page.keyboard.press("Tab")
    tab_to(page, "#vv-municipality")
    page.keyboard.type(label_of(doc, "municipalities", f["municipality"]))
    assert_shows(page, site_url, expected_hits(doc, municipality=f["municipality"]), "choosing the municipality")
    tab_to(page, "#vv-finder button[type=reset]")
    page.keyboard.press("Enter")
    assert_shows(page, site_url, expected_hits(doc), "reset")
    assert page.input_value("#vv-municipality") == ""
