"""The review cycle: which catalogue entries are due for a check, and what to check.

Every entry (a municipality page or a service) is counted from the last time someone checked
it against reality (`verified.date`), or, when nobody has, from the date its source describes
(`as_of`). Two cycles run from that date:

- the whole entry, every `Cycle.months` (default 12);
- access routes and contact details, every `Cycle.access_months` (default 6): they change
  most often, and a wrong one sends a patient to a door that is not there.

An entry is *overdue* when a cycle's date has passed, *due* when it falls within the next
`Cycle.notice_days` (so an editor can send each municipality its list ahead of time), and
*in order* otherwise. A closed service has no door to check, so only the whole-entry cycle
applies to it. A re-check that changes nothing still counts: the editor sets `verified`.

`today` is always an argument (the CLI and the build pass the real date; tests a fixed one).
Used by `veiviser review` and by the editors' page (redaktorer/gjennomgang.md).
"""
from __future__ import annotations

import calendar
import csv
import datetime
import io
import json
from dataclasses import asdict, dataclass, field

from .. import schemas
from ..render import render
from .model import Catalogue, municipality_path, service_path

# The fields each cycle asks to check. The whole-entry cycle covers every field.
ACCESS_FIELDS = {"service": ("access", "contact", "hours"),
                 "municipality": ("front_door", "coordination")}
SCOPE_TEXT = {"all": "Hele oppføringen",
              "access": "Slik kommer man inn, kontakt og åpningstider",
              "access-municipality": "Søknader og henvisninger, koordinering"}
STATE_TEXT = {"overdue": "Forfalt", "due": "Snart", "ok": "I orden"}
ORDER = {"overdue": 0, "due": 1, "ok": 2}
REVIEW_PAGE = "redaktorer/gjennomgang.md"
FORMATS = ("md", "csv", "json")


@dataclass(frozen=True)
class Cycle:
    months: int = 12
    access_months: int = 6
    notice_days: int = 30


@dataclass
class Entry:
    """One entry's place in the cycle (JSON and CSV carry these fields as they are)."""
    municipality: str          # slug of the municipality (or bydel) the entry belongs to
    kind: str                  # "municipality" or "service"
    key: str                   # service key "<municipality>/<slug>", or the municipality slug
    name: str
    file: str                  # data/services/<m>/<slug>.yaml
    page: str                  # docs path of its page
    counted_from: str          # the date the cycle runs from (verified.date or as_of)
    basis: str                 # "verified" or "source"
    verified_by: str | None
    state: str                 # "overdue", "due" or "ok"
    due: str                   # the date the next check is (or was) due, YYYY-MM-DD
    scope: str                 # "all", "access" or "none" (nothing due yet)
    fields: list[str] = field(default_factory=list)   # the fields to check (empty when in order)


@dataclass
class Municipality:
    slug: str
    name: str
    entries: list[Entry]

    @property
    def to_check(self) -> list[Entry]:
        return [e for e in self.entries if e.state != "ok"]

    @property
    def in_order(self) -> list[Entry]:
        return [e for e in self.entries if e.state == "ok"]


# --- dates -------------------------------------------------------------------------------------

def start_of(text: str) -> datetime.date:
    """The first day a date of the catalogue can mean: "2021" -> 2021-01-01, "2021-10" -> 2021-10-01.
    The earliest reading is the careful one: an entry is never taken as younger than it is."""
    parts = [int(p) for p in str(text).split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def add_months(day: datetime.date, months: int) -> datetime.date:
    """31 January + 1 month -> 28 (or 29) February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def state_of(due: datetime.date, today: datetime.date, cycle: Cycle) -> str:
    if due < today:
        return "overdue"
    if (due - today).days <= cycle.notice_days:
        return "due"
    return "ok"


# --- the review ----------------------------------------------------------------------------------

def entry_fields(record: dict, kind: str) -> list[str]:
    """Every fact the entry has, in the schema's order (where it comes from and when left out)."""
    skip = {"municipality", "sources", "as_of", "verified", "report", "kind", "parent"}
    return [k for k in schemas.load(kind)["properties"] if k in record and k not in skip]


def review_entry(record: dict, kind: str, municipality: str, today: datetime.date, cycle: Cycle) -> Entry:
    verified = record.get("verified")
    counted_from = verified["date"] if verified else record["as_of"]
    start = start_of(counted_from)
    whole = add_months(start, cycle.months)
    access = add_months(start, cycle.access_months)
    closed = kind == "service" and record["status"] == "closed"
    access_fields = list(ACCESS_FIELDS[kind])   # also when missing: a phone number may be added
    cycles = [(state_of(whole, today, cycle), whole, "all")]
    if not closed:
        cycles.append((state_of(access, today, cycle), access, "access"))
    running = [c for c in cycles if c[0] != "ok"]
    if running:   # the worse state, the earlier date; the whole entry when its cycle has come
        state = min((c[0] for c in running), key=ORDER.__getitem__)
        due = min(c[1] for c in running)
        scope = "all" if any(c[2] == "all" for c in running) else "access"
    else:
        state, due, scope = "ok", min(c[1] for c in cycles), "none"
    fields = {"all": entry_fields(record, kind), "access": access_fields, "none": []}[scope]
    page = service_path(record) if kind == "service" else municipality_path(record["slug"])
    return Entry(municipality=municipality, kind=kind, key=record["key"], name=record["name"],
                 file=record["file"], page=page, counted_from=counted_from,
                 basis="verified" if verified else "source", verified_by=verified["by"] if verified else None,
                 state=state, due=due.isoformat(), scope=scope, fields=fields)


def review(cat: Catalogue, today: datetime.date, cycle: Cycle = Cycle(),
           municipality: str | None = None) -> list[Municipality]:
    """Per municipality (by name), its own page first, then its services: overdue, due, in
    order; within each, the one due first first."""
    out = []
    for m in sorted(cat.municipalities.values(), key=lambda m: m["name"].casefold()):
        if municipality and m["slug"] != municipality:
            continue
        services = [review_entry(s, "service", m["slug"], today, cycle) for s in cat.services_in(m["slug"])]
        services.sort(key=lambda e: (ORDER[e.state], e.due, e.name.casefold()))
        out.append(Municipality(m["slug"], m["name"],
                                [review_entry(m, "municipality", m["slug"], today, cycle), *services]))
    return out


# --- output ----------------------------------------------------------------------------------------

CSV_COLUMNS = ("municipality", "kind", "key", "name", "file", "state", "due", "scope", "fields",
               "counted_from", "basis", "verified_by")


def as_json(found: list[Municipality], today: datetime.date, cycle: Cycle) -> str:
    data = {"today": today.isoformat(), "cycle": asdict(cycle),
            "municipalities": [{"slug": m.slug, "name": m.name,
                                "to_check": [asdict(e) for e in m.to_check],
                                "in_order": [asdict(e) for e in m.in_order]} for m in found]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def as_csv(found: list[Municipality]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for m in found:
        for e in m.entries:
            row = asdict(e)
            row["fields"] = " ".join(e.fields)
            writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return out.getvalue()


def view(found: list[Municipality], today: datetime.date, cycle: Cycle) -> dict:
    """What the Markdown templates (the CLI's and the site page's) show."""
    def scope(e: Entry) -> str:
        return SCOPE_TEXT["access-municipality" if e.scope == "access" and e.kind == "municipality" else e.scope]
    return {"today": today.isoformat(), "cycle": cycle, "municipalities": found,
            "scope": scope, "state_text": STATE_TEXT,
            "counted": lambda e: (f"bekreftet {e.counted_from} av {e.verified_by}" if e.basis == "verified"
                                  else f"kilden, per {e.counted_from}")}


def as_markdown(found: list[Municipality], today: datetime.date, cycle: Cycle) -> str:
    return render("catalogue/review.md.j2", **view(found, today, cycle))


def page(cat: Catalogue, today: datetime.date, cycle: Cycle) -> dict[str, str]:
    """The editors' page: the same table, with links to each entry's page."""
    return {REVIEW_PAGE: render("catalogue/review-page.md.j2", here=REVIEW_PAGE,
                                **view(review(cat, today, cycle), today, cycle))}


def report(cat: Catalogue, today: datetime.date, cycle: Cycle, fmt: str = "md",
           municipality: str | None = None) -> str:
    found = review(cat, today, cycle, municipality)
    if fmt == "json":
        return as_json(found, today, cycle)
    if fmt == "csv":
        return as_csv(found)
    return as_markdown(found, today, cycle)
