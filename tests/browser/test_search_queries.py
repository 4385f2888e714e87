"""Material's search, as the site ships it, on the queries a GP or a relative types. Each query
is typed into the real search box in Chromium; named pages must be among the first three, and
two of the first three must answer the query. What answers a query is computed from the built site's own data
(data/finder.json: types, routes, municipality) plus named law and tool pages, so the list
stays true when the catalogue grows.

Also: pages matching all words come before pages matching some; «gjeld» is a whole word (no
page found only through «gjelder»); developer, kiosk set-up and staff pages and the nynorsk and
English form duplicates are not in the index."""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest

from veiviser.core.vocabulary import OPEN_STATUSES

pytestmark = pytest.mark.browser


def search(page, site_url: str, query: str, pages: int = 1) -> list[str]:
    """Type query into the search box; the pages found, in order, each once (site-relative):
    those Material shows (the first ten), or with pages > 1 all it was handed."""
    page.goto(site_url, wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    page.keyboard.type(query, delay=10)
    # Material reads the box on keyup; Playwright types «æøå» without key events: one key more.
    page.keyboard.press("End")
    # search-query.js marks the query whose results are on screen (typing sends many).
    page.wait_for_function("(q) => document.documentElement.getAttribute('data-vv-searched') === q",
                           arg=query, timeout=20000)
    if pages > 1:   # every page found, as search-query.js hands them to Material
        return [loc.split("#")[0] for loc in page.evaluate("document.documentElement.vvSearchPages")]
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")
    root = urlsplit(site_url).path
    out: list[str] = []
    for href in hrefs:
        path = urlsplit(urljoin(page.url, href)).path[len(root):]
        if path not in out:
            out.append(path)
    return out


@pytest.fixture(scope="module")
def finder(site_dir) -> dict:
    return json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))


def services(finder: dict, municipality: str | None = None, types: set[str] | None = None,
             route: str | None = None, name: str | None = None) -> set[str]:
    out = set()
    for s in finder["services"]:
        if municipality and s["municipality"] != municipality:
            continue
        if types and not types & set(s["types"]):
            continue
        if route and route not in s["routes"]:
            continue
        if name and not re.search(name, s["name"], re.IGNORECASE):
            continue
        out.add(s["url"])
    return out


PSYCH = {"psykisk-helse-oppfolging", "rask-psykisk-helsehjelp", "spesialisthelsetjeneste"}
RUS = {"rusoppfolging", "skadereduksjon", "spesialisthelsetjeneste"}
RUS_LAWS = {"lover/rusreform/", "lover/opptrappingsplan-rus/", "lover/overdosestrategi/", "lover/retningslinje-tsb/",
            "lover/rop-retningslinje/", "verktoy/lar/", "verktoy/audit-dudit/"}


def must(*pages: str):
    return lambda f: set(pages)


# query -> (pages that must be among the first three, pages that answer it: two of the first
# three must be among them). Both are functions of finder.json.
QUERIES = {
    "uten henvisning sandnes": (must(), lambda f: services(f, "sandnes", route="self_referral")),
    "bolig asker": (must(), lambda f: services(f, "asker", {"bolig"})),
    "husløs": (must(), lambda f: services(f, types={"bolig"})),
    "bostedsløs trondheim": (must(), lambda f: services(f, "trondheim", {"bolig"})),
    "depresjon": (must(), lambda f: services(f, types=PSYCH)),
    "angst klepp": (must(), lambda f: services(f, "klepp", PSYCH)),
    "gjeld": (must(), lambda f: services(f, types={"okonomi"}) | services(f, name="gjeld|nav|økonomi")),
    "narkotika": (must(), lambda f: services(f, types=RUS) | RUS_LAWS),
    "alkohol sandnes": (must(), lambda f: services(f, "sandnes", RUS)),
    "avhengighet asker": (must(), lambda f: services(f, "asker", RUS)),
    "jobb": (must(), lambda f: services(f, types={"arbeid-aktivitet"}) | services(f, name="nav")),
    "jobb klepp": (must(), lambda f: services(f, "klepp", {"arbeid-aktivitet"}) | services(f, "klepp", name="nav")),
    "ungdom rus sandnes": (must(), lambda f: services(f, "sandnes", {"barn-unge"} | RUS)),
    "pårørende trondheim": (must(), lambda f: services(f, "trondheim", {"parorende"}) | {"kommuner/trondheim/"}),
    "pårørande klepp": (must("kommuner/klepp/parorandearbeid/"), None),
    "rask psykisk helsehjelp": (lambda f: services(f, name="^rask psykisk helsehjelp$"), None),
    "rask psykisk helsehjelp sandnes": (must("kommuner/sandnes/rask-psykisk-helsehjelp/"), None),
    "legevakt sandnes": (must("kommuner/sandnes/legevakt/"), None),
    "velferdsforvaltningen": (must("kommuner/asker/velferdsforvaltningen/"), None),
    "nav tromsø": (must("kommuner/tromso/nav-tromso/"), None),
    "boligsosialloven": (must("lover/boligsosialloven/"), None),
    "rusreformen": (must("lover/rusreform/"), None),
    "overdose": (must(), lambda f: services(f, types={"skadereduksjon"}) | {"lover/overdosestrategi/", "verktoy/nalokson/"}),
    "housing first": (must("verktoy/housing-first/"), lambda f: services(f, name="housing first") | {"verktoy/housing-first/"}),
    "erfaringskonsulent": (must(), lambda f: services(f, types={"brukermedvirkning"}) | {"verktoy/erfaringskonsulent/"}),
    "selvmordstanker": (must(), lambda f: services(f, types={"akutt"})),
    "koordinator klepp": (must(), lambda f: services(f, "klepp", {"koordinering"}) | {"kommuner/klepp/"}),
    "individuell jobbstøtte": (must(), lambda f: services(f, name="ips|jobbstøtte") | {"verktoy/ips/"}),
}


@pytest.mark.parametrize("query", list(QUERIES))
def test_the_first_three_pages_answer_the_query(watched_page, site_url, finder, query):
    must_have, relevant = QUERIES[query]
    required = must_have(finder)
    answers = relevant(finder) if relevant else required
    assert answers, f"nothing in the catalogue answers «{query}»: the list is out of date"
    top = search(watched_page, site_url, query)[:3]
    assert top, f"«{query}» found nothing"
    assert required <= set(top), f"«{query}»: {sorted(required - set(top))} not among the first three: {top}"
    assert len(set(top) & answers) >= min(2, len(answers)), f"«{query}»: the first three do not answer it: {top}"
    assert watched_page.watch.console_errors == [] and watched_page.watch.page_errors == []


def test_pages_matching_all_words_come_first(watched_page, site_url, finder):
    """«uten henvisning sandnes»: every Sandnes walk-in service comes before any page of
    another municipality (which matches «uten henvisning» alone)."""
    walk_in = services(finder, "sandnes", route="self_referral")
    open_walk_in = {s["url"] for s in finder["services"] if s["url"] in walk_in and s["status"] in OPEN_STATUSES}
    found = search(watched_page, site_url, "uten henvisning sandnes", pages=8)
    other = [i for i, p in enumerate(found) if p.startswith("kommuner/") and not p.startswith("kommuner/sandnes/")]
    assert other, "no page of another municipality at all: the query does not test the ranking"
    last_sandnes = max(found.index(p) for p in open_walk_in)
    assert last_sandnes < other[0], f"a page matching only some words comes before a Sandnes walk-in service: {found[:12]}"


def test_gjeld_is_a_whole_word(watched_page, site_url, site_dir):
    """Every page «gjeld» finds has the word «gjeld» itself (in its text or as a search word),
    none only «gjelder»."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    whole = re.compile(r"(?<![\wæøå])gjeld(?![\wæøå])", re.IGNORECASE)
    with_word = {d["location"].split("#")[0] for d in index["docs"] if whole.search(d["title"] + " " + d["text"])}
    found = search(watched_page, site_url, "gjeld", pages=5)
    assert found
    assert set(found) <= with_word, f"found through another word: {sorted(set(found) - with_word)}"
    gjelder = {d["location"].split("#")[0] for d in index["docs"] if re.search(r"gjelder", d["text"])}
    assert len(gjelder) > 3 * len(found), "the test no longer tells «gjeld» from «gjelder»"


def test_developer_editor_kiosk_staff_and_translated_forms_are_not_indexed(site_dir):
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert not [p for p in locations if p.startswith("utviklere/")]
    assert not [p for p in locations if re.search(r"/(nn|en)/$", p)], "a nynorsk or English form duplicate is indexed"
    assert "tilbakemelding/kiosk/oppsett/" not in locations, "the kiosk set-up page is indexed"
    assert "tilbakemelding/ansatte/" not in locations, "the staff page is indexed"
    # the editors' guide, their review table and the proposal forms list every field and every
    # service: «legevakt sandnes» found the review table second
    assert not [p for p in locations if p.startswith(("redaktorer/", "forslag/"))], "an editors' page is indexed"
    assert "finn/" in locations and "kommuner/sandnes/" in locations   # the rest is still there


def test_service_titles_name_the_municipality(site_dir, finder):
    index = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))
    titles = {d["location"]: d["title"] for d in index["docs"] if "#" not in d["location"]}
    names = {m["id"]: m["short"] for m in finder["municipalities"]}
    for s in finder["services"]:
        assert titles[s["url"]] == f"{s['name']} – {names[s['municipality']]}"
