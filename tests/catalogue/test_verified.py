"""The `verified` record (issue 10, item 1): someone checked an entry against reality, apart
from the source's `as_of`. Schema, the check against a future date, the pages and HSDS."""
from __future__ import annotations

import datetime

import pytest

from veiviser.catalogue import hsds, pages
from veiviser.catalogue.load import load
from veiviser.problems import CatalogueError

from helpers import MUNICIPALITY, make_catalogue, service_record

VERIFIED = {"date": "2026-03-05", "by": "Tildelingskontoret", "how": "telefon"}


def catalogue(tmp_path, service_verified=VERIFIED, municipality_verified=None, **service):
    m = dict(MUNICIPALITY)
    if municipality_verified:
        m["verified"] = municipality_verified
    record = service_record(**service)
    if service_verified:
        record["verified"] = service_verified
    return make_catalogue(tmp_path, {"klepp/bekreftet": record, "klepp/ubekreftet": service_record()},
                          {"klepp": m})


def test_service_page_shows_verification_beside_the_source(tmp_path):
    cat = load(catalogue(tmp_path))
    page = pages.service_page(cat, cat.services["klepp/bekreftet"])
    assert ('<th scope="row">Bekreftet</th><td markdown="span">Bekreftet av Tildelingskontoret, mars 2026 '
            "(på telefon); kilde: forvaltningsrevisjonen 2020</td>") in page
    # The source's own date stays.
    assert '<th scope="row">Status</th><td markdown="span">I drift (per oktober 2020)</td>' in page
    assert "Bekreftet av" not in pages.service_page(cat, cat.services["klepp/ubekreftet"])


def test_a_source_other_than_the_municipalitys_report_is_named_by_its_short_name(tmp_path):
    cat = load(catalogue(tmp_path, sources=[{"report": "fafo-2019", "lines": "12"}],
                         service_verified=dict(VERIFIED, how="nettside", note="sjekket mot kommunens side")))
    page = pages.service_page(cat, cat.services["klepp/bekreftet"])
    assert ("Bekreftet av Tildelingskontoret, mars 2026 (mot tjenestens nettside) – sjekket mot kommunens side; "
            "kilde: Fafo 2019") in page


def test_municipality_page_shows_verification(tmp_path):
    cat = load(catalogue(tmp_path, municipality_verified={"date": "2026-01", "by": "Kommunalsjefens stab",
                                                          "how": "kilde"}))
    page = pages.municipality_page(cat, cat.municipalities["klepp"])
    assert ("    Bekreftet av Kommunalsjefens stab, januar 2026 (mot en ny skriftlig kilde); "
            "kilde: forvaltningsrevisjonen 2020.") in page


def test_verified_text_is_escaped(tmp_path):
    cat = load(catalogue(tmp_path, service_verified=dict(VERIFIED, by="<b>Enhet</b> [x](javascript:1)")))
    page = pages.service_page(cat, cat.services["klepp/bekreftet"])
    assert "&lt;b&gt;Enhet&lt;/b&gt; \\[x\\]\\(javascript:1\\)" in page


@pytest.mark.parametrize("verified, field", [
    ({"date": "2026-03-05", "by": "Tildelingskontoret"}, "verified.how"),
    ({"date": "2026-03-05", "how": "telefon"}, "verified.by"),
    (dict(VERIFIED, how="brev"), "verified.how"),
    (dict(VERIFIED, date="2026"), "verified.date"),
    (dict(VERIFIED, date="2026-13-01"), "verified.date"),
    (dict(VERIFIED, date="5. mars 2026"), "verified.date"),
    (dict(VERIFIED, by="X"), "verified.by"),
    (dict(VERIFIED, who="Kari Nordmann"), "verified"),
])
def test_schema_refuses_a_bad_verified_record(tmp_path, verified, field):
    with pytest.raises(CatalogueError) as err:
        load(catalogue(tmp_path, service_verified=verified))
    assert [p.field for p in err.value.problems] == [field]


def test_a_verification_in_the_future_is_refused(tmp_path):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    with pytest.raises(CatalogueError) as err:
        load(catalogue(tmp_path, municipality_verified=dict(VERIFIED, date=tomorrow)))
    assert [(p.file, p.field) for p in err.value.problems] == [("data/municipalities/klepp.yaml", "verified.date")]


def test_hsds_carries_the_verification(tmp_path):
    cat = load(catalogue(tmp_path))
    by_name = {s["name"]: s for s in hsds.services(cat)}
    svc = by_name["Bekreftet"]
    assert svc["assured_date"] == "2026-03-05"
    values = {a["taxonomy_term"]["code"]: a.get("value") for a in svc["attributes"]}
    assert values["bekreftet"] == "2026-03-05 av Tildelingskontoret (telefon)"
    assert "assured_date" not in by_name["Ubekreftet"]


def test_sources_may_be_empty_only_for_a_verified_entry(tmp_path):
    with pytest.raises(CatalogueError) as err:
        load(catalogue(tmp_path, service_verified=None, sources=[]))
    assert [p.field for p in err.value.problems] == ["sources"]


def test_a_new_offer_the_municipality_vouches_for(tmp_path):
    cat = load(catalogue(tmp_path, sources=[], service_verified=dict(VERIFIED, how="skjema")))
    page = pages.service_page(cat, cat.services["klepp/bekreftet"])
    assert "Bekreftet av Tildelingskontoret, mars 2026 (i Veivisers skjema); kilde: kommunen selv" in page
    assert "Ingen av rapportene beskriver dette tilbudet: opplysningene kommer fra kommunen selv" in page
    svc = {s["name"]: s for s in hsds.services(cat)}["Bekreftet"]
    assert "kilde" not in {a["taxonomy_term"]["code"] for a in svc["attributes"]}
