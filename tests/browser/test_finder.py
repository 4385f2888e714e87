"""The finder on /finn/ works with the keyboard alone: Tab between fields, type into selects and
the age field, follow a hit with Enter. Expected hits are computed here in Python from the
same data/finder.json the page filters."""
from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest

from veiviser.core.vocabulary import OPEN_STATUSES

from helpers import axe_violations, describe_violations

pytestmark = pytest.mark.browser

MAX_TABS = 120


def expected_groups(doc: dict, need="", age=None, route="", municipality="") -> tuple[list[str], list[str]]:
    """Site-relative URLs of the services the finder should show, in order (only open ones:
    vocabulary OPEN_STATUSES, as the page does by default): the matches, and with a route
    chosen, apart, those whose source gives no route («Kilden sier ikke hvordan man kommer inn»)."""
    hits, unknown = [], []
    for s in doc["services"]:
        if s["status"] not in OPEN_STATUSES:
            continue
        if need and need not in s["types"]:
            continue
        if municipality and s["municipality"] != municipality:
            continue
        if age is not None and ((s["min_age"] is not None and age < s["min_age"])
                                or (s["max_age"] is not None and age > s["max_age"])):
            continue
        if not route or route in s["routes"]:
            hits.append(s["url"])
        elif s["routes"] == ["unknown"]:
            unknown.append(s["url"])
    return hits, unknown


def expected_hits(doc: dict, **f) -> list[str]:
    """Everything shown, matches first: the finder never hides a service for lack of facts."""
    hits, unknown = expected_groups(doc, **f)
    return hits + unknown


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
                if expected_groups(doc, **f)[0]:
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
    hrefs = page.eval_on_selector_all("#vv-finder-results a.vv-result__name", "links => links.map(a => a.getAttribute('href'))")
    root = urlsplit(site_url).path
    out = []
    for href in hrefs:
        path = urlsplit(urljoin(page.url, href)).path
        assert path.startswith(root), href
        out.append(path[len(root):])
    return out


def count_text(n: int, unknown: int = 0) -> str:
    text = "1 tilbud passer." if n == 1 else f"{n} tilbud passer."
    return text + (f" I tillegg {unknown} der kilden ikke sier hvordan man kommer inn." if unknown else "")


def assert_shows(page, site_url: str, groups: tuple[list[str], list[str]], step: str) -> None:
    hits, unknown = groups
    try:
        page.wait_for_function("(text) => document.getElementById('vv-finder-count').textContent === text",
                               arg=count_text(len(hits), len(unknown)), timeout=5000)
    except Exception:
        shown = page.inner_text("#vv-finder-count")
        pytest.fail(f"after {step}: «{shown}», expected «{count_text(len(hits), len(unknown))}» ({page.url})")
    assert shown_hits(page, site_url) == hits + unknown, f"wrong hits after {step}"


def test_finder_by_keyboard(watched_page, site_url, site_dir):
    page = watched_page
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    f = choose_filters(doc)
    page.goto(site_url + "finn/", wait_until="networkidle")
    page.wait_for_function("() => document.getElementById('vv-finder-count').textContent !== ''")

    steps = [expected_groups(doc)]
    assert_shows(page, site_url, steps[-1], "loading")
    page.keyboard.press("Tab")  # focus enters the page from the address bar

    tab_to(page, "#vv-need")
    page.keyboard.type(label_of(doc, "taxonomy", f["need"]))
    assert page.input_value("#vv-need") == f["need"]
    steps.append(expected_groups(doc, need=f["need"]))
    assert_shows(page, site_url, steps[-1], "choosing the need")

    tab_to(page, "#vv-age")
    page.keyboard.type(str(f["age"]))
    steps.append(expected_groups(doc, need=f["need"], age=f["age"]))
    assert_shows(page, site_url, steps[-1], "typing the age")

    tab_to(page, "#vv-route")
    page.keyboard.type(label_of(doc, "routes", f["route"]))
    assert page.input_value("#vv-route") == f["route"]
    steps.append(expected_groups(doc, need=f["need"], age=f["age"], route=f["route"]))
    assert_shows(page, site_url, steps[-1], "choosing the access route")

    tab_to(page, "#vv-municipality")
    page.keyboard.type(label_of(doc, "municipalities", f["municipality"]))
    assert page.input_value("#vv-municipality") == f["municipality"]
    final = expected_groups(doc, **f)
    steps.append(final)
    assert_shows(page, site_url, final, "choosing the municipality")

    # Arrow keys move through a select too: one step down from the chosen need.
    needs = [o["id"] for o in doc["taxonomy"]]
    tab_to(page, "#vv-need")
    page.keyboard.press("ArrowDown")
    next_need = needs[needs.index(f["need"]) + 1] if needs.index(f["need"]) + 1 < len(needs) else f["need"]
    assert page.input_value("#vv-need") == next_need
    assert_shows(page, site_url, expected_groups(doc, **dict(f, need=next_need)), "ArrowDown in the need list")
    page.keyboard.press("ArrowUp")
    assert_shows(page, site_url, final, "ArrowUp back to the need")

    violations = axe_violations(page)  # the filled-in form and the result list
    assert violations == [], describe_violations(violations)

    assert len({len(s[0]) + len(s[1]) for s in steps}) > 1, "no filter changed the number of hits: the data does not test anything"
    assert final[0], "the chosen filters left no hit to follow"

    # Follow the first hit with Enter.
    tab_to(page, "#vv-finder-results a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == urlsplit(site_url).path + final[0][0]
    first = next(s for s in doc["services"] if s["url"] == final[0][0])
    short = next(m["short"] for m in doc["municipalities"] if m["id"] == first["municipality"])
    assert page.locator("h1").first.inner_text().strip() == f"{first['name']} – {short}"
    assert page.watch.page_errors == [] and page.watch.console_errors == []
    assert page.watch.foreign_requests() == []


def test_reset_button_by_keyboard(watched_page, site_url, site_dir):
    page = watched_page
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    f = choose_filters(doc)
    page.goto(site_url + "finn/", wait_until="networkidle")
    page.wait_for_function("() => document.getElementById('vv-finder-count').textContent !== ''")
    page.keyboard.press("Tab")
    tab_to(page, "#vv-municipality")
    page.keyboard.type(label_of(doc, "municipalities", f["municipality"]))
    assert_shows(page, site_url, expected_groups(doc, municipality=f["municipality"]), "choosing the municipality")
    tab_to(page, "#vv-finder button[type=reset]")
    page.keyboard.press("Enter")
    assert_shows(page, site_url, expected_groups(doc), "reset")
    assert page.input_value("#vv-municipality") == ""


# --- the GP's finder (issue: never hides a service, explains zero, lives in the URL) -------------

def finder_page(page, site_url: str, query: str = "") -> None:
    page.goto(site_url + "finn/" + query, wait_until="networkidle")
    page.wait_for_function("() => document.getElementById('vv-finder-count').textContent !== ''")


def test_a_chosen_route_never_hides_a_service(watched_page, site_url, site_dir):
    """Asker + Bolig + 45 years + «uten henvisning»: Velferdsforvaltningen (tagged as a front door
    for housing) matches; the housing offers whose source gives no route follow in their own
    group, so nothing ends in «0 tilbud»."""
    page = watched_page
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    f = {"need": "bolig", "age": 45, "route": "self_referral", "municipality": "asker"}
    hits, unknown = expected_groups(doc, **f)
    assert "kommuner/asker/velferdsforvaltningen/" in hits
    assert unknown, "the data has no Asker housing offer without a route: the test tests nothing"
    finder_page(page, site_url, "?kommune=asker&behov=bolig&alder=45&vei=self_referral")
    assert_shows(page, site_url, (hits, unknown), "opening the shared address")
    headings = page.locator("#vv-finder-results h2").all_inner_texts()
    assert headings == [f"Uten henvisning – ta kontakt direkte ({len(hits)})",
                        f"Kilden sier ikke hvordan man kommer inn ({len(unknown)})"]
    # Each result: route with who decides, age, status, municipality, date and age badge.
    first = page.locator(".vv-result").first
    text = first.inner_text()
    for label in ("Slik kommer man inn", "For hvem", "alder", "Status", "Kommune", "Neste steg"):
        assert label in text, f"{label} missing in a result: {text}"
    assert re.search(r"Opplysninger fra (januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember) \d{4} – ", text)
    assert page.watch.console_errors == [] and page.watch.page_errors == []


def test_zero_hits_say_why_and_offer_wider_searches(watched_page, site_url, site_dir):
    page = watched_page
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    # An age no service in Horten takes, with a need: zero hits.
    f = {"need": "akutt", "age": 7, "route": "", "municipality": "horten"}
    assert expected_hits(doc, **f) == [], "pick another empty search: this one has hits"
    finder_page(page, site_url, "?kommune=horten&behov=akutt&alder=7")
    assert page.inner_text("#vv-finder-count") == "0 tilbud passer."
    why = page.inner_text("#vv-finder-wider")
    assert "Ingen tilbud passer alle valgene" in why
    buttons = page.locator("#vv-finder-wider button")
    assert buttons.count() >= 2
    label = buttons.first.inner_text()
    wanted = int(re.search(r": (\d+) tilbud$", label)[1])
    assert wanted > 0
    buttons.first.click()
    page.wait_for_function("() => !document.querySelector('#vv-finder-wider button')")
    shown = page.locator("#vv-finder-results a.vv-result__name").count()
    assert shown == wanted, f"«{label}» promised {wanted}, shows {shown}"
    assert "?" in page.url and page.url != site_url + "finn/?kommune=horten&behov=akutt&alder=7"
    page.go_back()
    page.wait_for_function("() => document.getElementById('vv-finder-count').textContent === '0 tilbud passer.'")


def test_filters_live_in_the_address(watched_page, site_url, site_dir):
    """Choices go into the URL; a shared address restores them; back and forward restore each step."""
    page = watched_page
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    finder_page(page, site_url)
    page.select_option("#vv-municipality", "sandnes")
    page.wait_for_function("() => location.search === '?kommune=sandnes'")
    page.select_option("#vv-route", "self_referral")
    page.wait_for_function("() => location.search === '?vei=self_referral&kommune=sandnes'")
    page.fill("#vv-age", "19")
    page.locator("#vv-age").blur()
    page.wait_for_function("() => new URL(location.href).searchParams.get('alder') === '19'")
    shared = page.url
    f = {"age": 19, "route": "self_referral", "municipality": "sandnes"}
    assert_shows(page, site_url, expected_groups(doc, **f), "three choices")
    page.go_back()
    page.wait_for_function("() => !new URL(location.href).searchParams.has('alder')")
    assert page.input_value("#vv-age") == ""
    assert_shows(page, site_url, expected_groups(doc, route="self_referral", municipality="sandnes"), "back")
    page.go_back()
    page.wait_for_function("() => location.search === '?kommune=sandnes'")
    assert page.input_value("#vv-route") == ""
    assert_shows(page, site_url, expected_groups(doc, municipality="sandnes"), "back again")
    page.go_forward()
    page.wait_for_function("() => location.search === '?vei=self_referral&kommune=sandnes'")
    assert page.input_value("#vv-route") == "self_referral"
    # The shared address in a new tab: the same list.
    other = page.context.new_page()
    finder_page(other, site_url, shared[len(site_url) + len("finn/"):])
    assert other.input_value("#vv-municipality") == "sandnes" and other.input_value("#vv-age") == "19"
    assert_shows(other, site_url, expected_groups(doc, **f), "the shared address")
    other.close()


def test_on_a_phone_the_first_hits_are_in_sight_after_filtering(browser, site_url, site_dir):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    finder_page(page, site_url)
    page.select_option("#vv-municipality", "sandnes")
    page.select_option("#vv-route", "self_referral")
    page.fill("#vv-age", "19")
    page.click("#vv-finder button[type=submit]")
    first = page.locator("#vv-finder-results a.vv-result__name").first
    first.wait_for()
    page.wait_for_timeout(300)
    box = first.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= 844, f"first hit not in sight: {box}"
    assert page.get_attribute(".vv-finder__toggle", "aria-expanded") == "false"
    assert not page.is_visible("#vv-need")
    hits, _ = expected_groups(doc, age=19, route="self_referral", municipality="sandnes")
    assert first.get_attribute("href").endswith(hits[0])
    page.click(".vv-finder__toggle")
    assert page.is_visible("#vv-need")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.close()
