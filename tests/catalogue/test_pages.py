"""The catalogue pages (veiviser.catalogue.pages and the model's text helpers) on a small
temporary catalogue, and the built site's municipality pages against the finder's data."""
from __future__ import annotations

import json
import re

import pytest

from veiviser.catalogue import pages
from veiviser.catalogue.load import load
from veiviser.catalogue.model import access_text, age_text, is_open
from veiviser.core.vocabulary import OPEN_STATUSES

from helpers import make_catalogue, service_record


def test_age_text():
    assert age_text({"min_age": 18, "max_age": 67}) == "18–67 år"
    assert age_text({"min_age": 25, "max_age": None}) == "Fra 25 år"
    assert age_text({"min_age": None, "max_age": 30}) == "Til og med 30 år"
    assert age_text({"min_age": None, "max_age": None}) == "Ikke kjent"
    assert age_text({"min_age": 25, "max_age": None, "age_note": "kilden sier «over 25 år»"}) == \
        "Fra 25 år (kilden sier «over 25 år»)"


def test_access_text():
    assert access_text([{"route": "self_referral"}]) == "Uten henvisning – ta kontakt direkte"
    assert access_text([{"route": "vedtak", "decided_by": "Tildelingskontoret"}]) == \
        "Vedtak (enkeltvedtak) (vedtak fattes av Tildelingskontoret)"
    assert access_text([{"route": "vedtak", "decided_by": None}]) == \
        "Vedtak (enkeltvedtak) (hvem som fatter vedtak: ikke kjent)"
    assert access_text([{"route": "gp_referral", "decided_by": "DPS"}, {"route": "nav", "note": "via veileder"}]) == \
        "Henvisning fra fastlege (via DPS); Via NAV – via veileder"


@pytest.fixture
def cat(tmp_path):
    data = make_catalogue(tmp_path, {
        "klepp/apen-dor": service_record(access=[{"route": "self_referral"}], hours="Tirsdag 10–14"),
        "klepp/med-vedtak": service_record(access=[{"route": "vedtak", "decided_by": "Tenestekontoret"}],
                                           types=["bolig"]),
        "klepp/usikker": service_record(access=[{"route": "gp_referral"}], types=["rusoppfolging"],
                                        uncertain=["Kilden oppgir to ulike åpningstider."]),
        "klepp/nedlagt": service_record(status="closed"),
        "klepp/pilot": service_record(status="pilot"),
        "klepp/planlagt": service_record(status="planned"),
        "klepp/planlagt-vedtak": service_record(status="planned", access=[{"route": "vedtak", "decided_by": None}]),
        "klepp/ukjent": service_record(access=[{"route": "unknown"}]),
    })
    return load(data)


def section(page: str, heading: str) -> str:
    """The text under one «## heading», up to the next one."""
    start = page.index(f"## {heading}")
    end = page.find("\n## ", start + 1)
    return page[start: end if end != -1 else None]


def test_municipality_page_groups_walk_in_services(cat):
    page = pages.municipality_page(cat, cat.municipalities["klepp"])
    walk_in = section(page, "Uten henvisning – pasienten kan ta kontakt selv")
    formal = section(page, "Krever henvisning, søknad eller vedtak")
    unclear = section(page, "Kilden sier ikke hvordan man kommer inn")
    assert "[Apen-dor](apen-dor.md)" in walk_in
    assert "Med-vedtak" not in walk_in and "Usikker" not in walk_in
    assert "Med-vedtak" in formal and "Tenestekontoret" in formal and "Usikker" in formal
    assert "Apen-dor" not in formal
    assert "Nedlagt" not in walk_in and "Nedlagt" not in formal, "a closed service is listed as open"
    assert "Ukjent" in unclear and "Apen-dor" not in unclear
    assert "## Alle tilbud (8)" in page


def test_municipality_page_lists_open_services_as_the_finder_does(cat):
    """Open means model.is_open (active, pilot) on the page and in the finder: planned
    services are listed apart, closed ones only under «Alle tilbud»."""
    assert OPEN_STATUSES == ("active", "pilot")
    assert [s for s in ("active", "pilot", "planned", "closed") if is_open({"status": s})] == ["active", "pilot"]
    page = pages.municipality_page(cat, cat.municipalities["klepp"])
    by_access = "".join(section(page, h) for h in ("Uten henvisning – pasienten kan ta kontakt selv",
                                                  "Krever henvisning, søknad eller vedtak",
                                                  "Kilden sier ikke hvordan man kommer inn"))
    assert "[Pilot](pilot.md) *(prosjekt eller pilot)*" in by_access
    assert "Planlagt" not in by_access, "a planned service is listed as open"
    planned = section(page, "Planlagte tilbud")
    assert "[Planlagt](planlagt.md)" in planned and "[Planlagt-vedtak](planlagt-vedtak.md)" in planned
    assert "Apen-dor" not in planned and "Pilot" not in planned and "Nedlagt" not in planned
    everything = section(page, "Alle tilbud (8)")
    assert "[Nedlagt](nedlagt.md) | Lavterskeltilbud | Nedlagt |" in everything
    assert "[Planlagt](planlagt.md) | Lavterskeltilbud | Planlagt |" in everything


def test_no_planned_section_without_planned_services(tmp_path):
    cat = load(make_catalogue(tmp_path, {"klepp/apen-dor": service_record()}))
    assert "Planlagte tilbud" not in pages.municipality_page(cat, cat.municipalities["klepp"])


def test_service_page_unknown_hours_and_known_hours(cat):
    unknown = pages.service_page(cat, cat.services["klepp/med-vedtak"])
    known = pages.service_page(cat, cat.services["klepp/apen-dor"])
    row = '<tr markdown="1"><th scope="row">{}</th><td markdown="span">{}</td></tr>'
    assert row.format("Åpningstider", "*Ikke kjent*") in unknown
    assert row.format("Åpningstider", "Tirsdag 10–14") in known
    assert row.format("Alder", "Ikke kjent") in unknown


def test_uncertain_notes_render_in_a_warning_box(cat):
    page = pages.service_page(cat, cat.services["klepp/usikker"])
    box = page.index('!!! warning "Usikkert eller motstridende i kilden"')
    assert page.index("    - Kilden oppgir to ulike åpningstider.") > box
    assert "!!! warning" not in pages.service_page(cat, cat.services["klepp/apen-dor"])


def test_service_page_cites_its_source_and_date(cat):
    page = pages.service_page(cat, cat.services["klepp/apen-dor"])
    assert "linje 1108 i tekstversjonen" in page
    assert "per **oktober 2020**" in page   # Norwegian month names wherever a date is shown


def test_service_page_links_its_feedback_figures(cat):
    page = pages.service_page(cat, cat.services["klepp/apen-dor"],
                              {"klepp/apen-dor": "tilbakemelding/klepp-apen-dor/index.md"})
    assert "[Tall fra brukernes tilbakemeldinger](../../tilbakemelding/klepp-apen-dor/index.md)" in page
    assert "Tilbakemeldinger" not in pages.service_page(cat, cat.services["klepp/pilot"], {})


def test_only_links_to_site_pages_stay_links():
    parts = pages.page_links("Se [skjemaet](../tilbakemelding/x/index.md), [x](javascript:alert(1)) og "
                             "[y](https://example.org/a.md) eller [z](../../../etc/passwd.md).", "verktoy/fit.md")
    assert parts[1] == ("skjemaet", "tilbakemelding/x/index.md")
    links = [p for p in parts if p[1]]
    assert len(links) == 1, links
    assert "[x](javascript:alert(1))" in parts[2][0] and "[y](https://example.org/a.md)" in parts[2][0]
    assert "[z](../../../etc/passwd.md)" in parts[2][0]


# --- the built site: municipality pages and the finder agree ----------------------------------

BY_ACCESS = ("Uten henvisning – pasienten kan ta kontakt selv", "Krever henvisning, søknad eller vedtak",
             "Kilden sier ikke hvordan man kommer inn")


def linked_services(html: str, headings: tuple[str, ...]) -> set[str]:
    """Slugs of the services linked under the given h2 headings of a municipality page."""
    article = re.search(r"<article.*?</article>", html, re.S)[0]
    parts = re.split(r"<h2[^>]*>(.*?)</h2>", article)
    found = set()
    for heading, body in zip(parts[1::2], parts[2::2]):
        if heading.strip() in headings:
            found |= {href.strip("/") for href in re.findall(r'<a href="([a-z0-9-]+/)"', body)}
    return found


def test_built_municipality_pages_list_what_the_finder_shows(site_dir):
    """Under the three «how to get in» headings a municipality page lists exactly the services
    the finder shows by default (open: vocabulary OPEN_STATUSES), less cooperation forums."""
    finder = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    checked = 0
    for m in finder["municipalities"]:
        html = (site_dir / "kommuner" / m["id"] / "index.html").read_text("utf-8")
        expected = {s["url"].split("/")[-2] for s in finder["services"]
                    if s["municipality"] == m["id"] and s["status"] in OPEN_STATUSES
                    and "samarbeidsforum" not in s["types"]}
        assert linked_services(html, BY_ACCESS) == expected, m["id"]
        planned = {s["url"].split("/")[-2] for s in finder["services"]
                   if s["municipality"] == m["id"] and s["status"] == "planned" and "samarbeidsforum" not in s["types"]}
        assert linked_services(html, ("Planlagte tilbud",)) == planned, m["id"]
        checked += len(expected)
    assert checked > 100, "too few services to compare"
