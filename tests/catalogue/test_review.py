"""The review cycle (veiviser.catalogue.review and `veiviser review`) on a catalogue with known
dates, counted from a fixed day."""
from __future__ import annotations

import csv
import datetime
import io
import json

import pytest

from veiviser import cli
from veiviser.catalogue import review
from veiviser.catalogue.load import load

from helpers import MUNICIPALITY, make_catalogue, service_record

TODAY = datetime.date(2026, 8, 15)


def verified(date: str) -> dict:
    return {"date": date, "by": "Tenestekontoret", "how": "telefon"}


SERVICES = {
    # never verified, source from 2020: both cycles long past
    "klepp/gammel": service_record(as_of="2020-10"),
    # verified six weeks ago: nothing due
    "klepp/fersk": service_record(verified=verified("2026-07-01")),
    # access cycle due in 5 days
    "klepp/snart": service_record(verified=verified("2026-02-20")),
    # access cycle passed in July, whole entry not before January
    "klepp/adgang": service_record(verified=verified("2026-01-10")),
    # the same date, but closed: there is no door to check
    "klepp/nedlagt": service_record(status="closed", verified=verified("2026-01-10")),
    # whole entry due in 17 days, access long overdue: check everything
    "klepp/arlig": service_record(verified=verified("2025-09-01")),
    # a source dated by year only counts from its first day
    "klepp/arstall": service_record(as_of="2026"),
}


@pytest.fixture
def cat(tmp_path):
    m = dict(MUNICIPALITY, verified=verified("2026-08-01"))
    other = dict(MUNICIPALITY, name="Sandnes kommune")
    return load(make_catalogue(tmp_path, SERVICES, {"klepp": m, "sandnes": other}))


def entries(cat, **kwargs) -> dict[str, review.Entry]:
    return {e.key: e for m in review.review(cat, TODAY, **kwargs) for e in m.entries}


def test_each_entry_gets_its_state_date_and_scope(cat):
    found = entries(cat)
    got = {key: (e.state, e.due, e.scope) for key, e in found.items()}
    assert got == {
        "klepp": ("ok", "2027-02-01", "none"),
        "klepp/gammel": ("overdue", "2021-04-01", "all"),
        "klepp/fersk": ("ok", "2027-01-01", "none"),
        "klepp/snart": ("due", "2026-08-20", "access"),
        "klepp/adgang": ("overdue", "2026-07-10", "access"),
        "klepp/nedlagt": ("ok", "2027-01-10", "none"),
        "klepp/arlig": ("overdue", "2026-03-01", "all"),
        "klepp/arstall": ("overdue", "2026-07-01", "access"),
        "sandnes": ("overdue", "2021-04-01", "all"),
    }


def test_what_to_check(cat):
    found = entries(cat)
    assert found["klepp/adgang"].fields == ["access", "contact", "hours"]
    assert found["klepp/fersk"].fields == []
    assert found["klepp/gammel"].fields == ["name", "owner", "description", "target_group", "min_age", "max_age",
                                            "access", "hours", "capacity", "status", "types"]
    assert found["sandnes"].fields[:3] == ["name", "county", "summary"]
    assert (found["klepp/fersk"].basis, found["klepp/fersk"].counted_from, found["klepp/fersk"].verified_by) == \
        ("verified", "2026-07-01", "Tenestekontoret")
    assert (found["klepp/gammel"].basis, found["klepp/gammel"].counted_from) == ("source", "2020-10")


def test_order_within_a_municipality(cat):
    klepp = review.review(cat, TODAY)[0]
    assert klepp.name == "Klepp kommune"
    assert [e.key for e in klepp.entries] == [
        "klepp",                                                    # the municipality page first
        "klepp/gammel", "klepp/arlig", "klepp/arstall", "klepp/adgang",   # overdue, oldest first
        "klepp/snart",                                              # due
        "klepp/fersk", "klepp/nedlagt"]                             # in order
    assert [e.key for e in klepp.to_check] == ["klepp/gammel", "klepp/arlig", "klepp/arstall",
                                               "klepp/adgang", "klepp/snart"]


def test_the_cycle_is_a_setting(cat):
    found = entries(cat, cycle=review.Cycle(months=24, access_months=12))
    assert (found["klepp/adgang"].state, found["klepp/adgang"].due) == ("ok", "2027-01-10")
    assert (found["klepp/arlig"].state, found["klepp/arlig"].scope) == ("due", "access")


def test_one_municipality(cat):
    assert [m.slug for m in review.review(cat, TODAY, municipality="sandnes")] == ["sandnes"]


def test_month_arithmetic():
    assert review.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert review.add_months(datetime.date(2026, 11, 15), 6) == datetime.date(2027, 5, 15)
    assert review.start_of("2021") == datetime.date(2021, 1, 1)
    assert review.start_of("2021-10") == datetime.date(2021, 10, 1)
    assert review.start_of("2021-10-05") == datetime.date(2021, 10, 5)


def test_markdown(cat):
    text = review.report(cat, TODAY, review.Cycle(), "md")
    assert text.startswith("# Gjennomgang av Veivisers katalog per 2026-08-15\n")
    assert ("| Gammel | data/services/klepp/gammel.yaml | kilden, per 2020-10 | 2021-04-01 | Forfalt | "
            "Hele oppføringen |") in text
    assert ("| Snart | data/services/klepp/snart.yaml | bekreftet 2026-02-20 av Tenestekontoret | 2026-08-20 | "
            "Snart | Slik kommer man inn, kontakt og åpningstider |") in text
    assert "I orden: Klepp kommune (bekreftet 2026-08-01 av Tenestekontoret; neste frist 2027-02-01); Fersk" in text


def test_site_page_links_every_entry(cat):
    pages = review.page(cat, TODAY, review.Cycle())
    text = pages[review.REVIEW_PAGE]
    assert "| [Gammel](../kommuner/klepp/gammel.md) | kilden, per 2020-10 | 2021-04-01 | Forfalt |" in text
    assert "[Veiledning for redaktører](../redaktorer.md)" in text
    assert "| Klepp kommune | 4 | 1 | 3 |" in text


def run(capsys, *args) -> tuple[int, str, str]:
    code = cli.main(["review", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_json_csv_and_md(cat, capsys):
    data = str(cat.root)
    code, out, _ = run(capsys, "--data", data, "--today", "2026-08-15", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["today"] == "2026-08-15" and doc["cycle"] == {"months": 12, "access_months": 6, "notice_days": 30}
    klepp = doc["municipalities"][0]
    assert [e["key"] for e in klepp["in_order"]] == ["klepp", "klepp/fersk", "klepp/nedlagt"]
    assert klepp["to_check"][0] == {
        "municipality": "klepp", "kind": "service", "key": "klepp/gammel", "name": "Gammel",
        "file": "data/services/klepp/gammel.yaml", "page": "kommuner/klepp/gammel.md",
        "counted_from": "2020-10", "basis": "source", "verified_by": None, "state": "overdue",
        "due": "2021-04-01", "scope": "all",
        "fields": ["name", "owner", "description", "target_group", "min_age", "max_age", "access", "hours",
                   "capacity", "status", "types"]}

    code, out, _ = run(capsys, "--data", data, "--today", "2026-08-15", "--format", "csv", "--municipality", "klepp")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 8
    assert rows[4]["key"] == "klepp/adgang" and rows[4]["fields"] == "access contact hours"
    assert rows[4]["state"] == "overdue" and rows[4]["verified_by"] == "Tenestekontoret"

    code, out, _ = run(capsys, "--data", data, "--today", "2026-08-15", "--municipality", "sandnes")
    assert "## Sandnes kommune" in out and "Klepp" not in out


def test_cli_refuses_an_unknown_municipality_and_a_bad_date(cat, capsys):
    code, _, err = run(capsys, "--data", str(cat.root), "--municipality", "bergen")
    assert code == 2 and "no municipality 'bergen'; known: klepp, sandnes" in err
    code, _, err = run(capsys, "--data", str(cat.root), "--today", "15.08.2026")
    assert code == 2 and "is not a date" in err


def test_the_real_catalogue_reviews(capsys):
    code, out, _ = run(capsys, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    total = sum(len(m["to_check"]) + len(m["in_order"]) for m in doc["municipalities"])
    assert total > 290
