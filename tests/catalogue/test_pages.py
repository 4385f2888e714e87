"""Unit tests of the page renderers in veiviser.site.pages, on a small temporary catalogue."""
from __future__ import annotations

import pytest

from veiviser.site import pages
from veiviser.site.catalogue import load

from helpers import make_catalogue, service_record


def test_age_text():
    assert pages.age_text({"min_age": 18, "max_age": 67}) == "18–67 år"
    assert pages.age_text({"min_age": 25, "max_age": None}) == "Fra 25 år"
    assert pages.age_text({"min_age": None, "max_age": 30}) == "Til og med 30 år"
    assert pages.age_text({"min_age": None, "max_age": None}) == "Ikke kjent"
    assert pages.age_text({"min_age": 25, "max_age": None, "age_note": "kilden sier «over 25 år»"}) == \
        "Fra 25 år (kilden sier «over 25 år»)"


def test_access_text():
    assert pages.access_text([{"route": "self_referral"}]) == "Uten henvisning – ta kontakt direkte"
    assert pages.access_text([{"route": "vedtak", "decided_by": "Tildelingskontoret"}]) == \
        "Vedtak (enkeltvedtak) (vedtak fattes av Tildelingskontoret)"
    assert pages.access_text([{"route": "vedtak", "decided_by": None}]) == \
        "Vedtak (enkeltvedtak) (hvem som fatter vedtak: ikke kjent)"
    assert pages.access_text([{"route": "gp_referral", "decided_by": "DPS"}, {"route": "nav", "note": "via veileder"}]) == \
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
    assert "[Apen-dor](apen-dor.md)" in walk_in
    assert "Med-vedtak" not in walk_in and "Usikker" not in walk_in
    assert "Med-vedtak" in formal and "Tenestekontoret" in formal and "Usikker" in formal
    assert "Apen-dor" not in formal
    assert "Nedlagt" not in walk_in and "Nedlagt" not in formal, "a closed service is listed as open"
    assert "## Alle tilbud (4)" in page


def test_service_page_unknown_hours_and_known_hours(cat):
    unknown = pages.service_page(cat, cat.services["klepp/med-vedtak"])
    known = pages.service_page(cat, cat.services["klepp/apen-dor"])
    assert "| **Åpningstider** | *Ikke kjent* |" in unknown
    assert "| **Åpningstider** | Tirsdag 10–14 |" in known
    assert "| **Alder** | Ikke kjent |" in unknown


def test_uncertain_notes_render_in_a_warning_box(cat):
    page = pages.service_page(cat, cat.services["klepp/usikker"])
    box = page.index('!!! warning "Usikkert eller motstridende i kilden"')
    assert page.index("    - Kilden oppgir to ulike åpningstider.") > box
    assert "!!! warning" not in pages.service_page(cat, cat.services["klepp/apen-dor"])


def test_service_page_cites_its_source_and_date(cat):
    page = pages.service_page(cat, cat.services["klepp/apen-dor"])
    assert "linje 1108 i tekstversjonen" in page
    assert "per **2020-10**" in page
