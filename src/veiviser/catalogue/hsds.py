"""The catalogue as Open Referral HSDS 3.0 (Human Services Data Specification), the open
format for service directories. HSDS is published under CC BY-SA 4.0 by Open Referral.

Written after the site is generated (a PUBLISH_STEPS entry in site/build.py):
  data/hsds/services.json        JSON array of `service` objects in HSDS's compiled form
                                 (organization, service areas, locations, schedules and
                                 taxonomy attributes nested)
  data/hsds/organizations.json   JSON array of `organization` objects (one per municipality
                                 or bydel), each listing its services by id and name
  data/hsds/taxonomies.json      JSON array of the `taxonomy` objects our terms belong to

Rules (checked by tests/catalogue/test_hsds.py against the official schemas with additionalProperties
false everywhere):
- Ids are UUIDv5 from NAMESPACE and the catalogue key, so they stay the same across rebuilds.
- Nothing is invented. A fact the catalogue does not hold is left out (HSDS fields are not
  nullable). Schedules carry only the `hours` text, as a free-text `description`. Phones,
  addresses and web addresses appear only when the service file has them (from a source).
- HSDS `url` means the service's own web address and must be an absolute URI. Our pages have
  no fixed origin (the site can be hosted anywhere, and mkdocs.yml sets no site_url), so
  `url` is the service's own web address when a source gives one, and the link to our page is
  an attribute (term `veiviser-side`) whose value is the page's path relative to the site root.
- Provenance travels along: the report, line numbers and as_of date are attributes too.
"""
from __future__ import annotations

import functools
import json
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from .. import atomic
from ..core.vocabulary import LABELS
from ..render import url_of
from .model import Catalogue, access_text, age_text, service_path

ACCESS_LABELS, STATUS_LABELS = LABELS["access_route"], LABELS["status"]

SERVICES_JSON = "data/hsds/services.json"
ORGANIZATIONS_JSON = "data/hsds/organizations.json"
TAXONOMIES_JSON = "data/hsds/taxonomies.json"

# Fixed forever: changing it changes every published id.
NAMESPACE = uuid.UUID("6f1c4a52-3b0e-5d7a-9c41-2a8e0f5b7d13")

# Our status -> HSDS status. HSDS `active` is exactly the statuses that count as open
# (vocabulary OPEN_STATUSES; tests/catalogue/test_hsds.py checks they agree).
STATUS = {"active": "active", "pilot": "active", "planned": "inactive", "closed": "defunct"}

# Our own small taxonomies, described once and referenced by attributes.
TAXONOMIES = {
    "veiviser-tjenestetype": "Tjenestetyper i Veiviser (data/taxonomy.yaml).",
    "veiviser-tilgang": "Slik kommer man inn i tjenesten: uten henvisning, henvisning, vedtak, søknad og annet.",
    "veiviser-felt": "Opplysninger i Veiviser som HSDS ikke har egne felt for (kilde, dato, lenke).",
}
FIELD_TERMS = {
    "veiviser-side": ("Side i Veiviser", "Tjenestens side i Veiviser, som sti fra nettstedets rot."),
    "kilde": ("Kilde", "Rapport og linjenumre i tekstversjonen som opplysningene bygger på."),
    "per-dato": ("Gjelder per", "Når opplysningene var riktige ifølge kilden (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)."),
    "ansvarlig-enhet": ("Eier / ansvarlig enhet", "Enheten som eier eller driver tjenesten, slik kilden skriver det."),
    "kapasitet": ("Kapasitet", "Plasser, brukere eller ansatte slik kilden oppgir dem."),
    "bekreftet": ("Bekreftet", "Når, av hvilken enhet og hvordan opplysningene sist ble sjekket mot virkeligheten (kilde, telefon, e-post, nettside eller skjema)."),
    "tilbakemelding": ("Tilbakemeldinger", "Side i Veiviser med samlede, anonyme tilbakemeldinger fra brukere av tjenesten."),
}


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def taxonomy_detail(name: str) -> dict:
    return {"id": uid("taxonomy", name), "name": name, "description": TAXONOMIES[name]}


@functools.lru_cache(maxsize=None)  # the same few dozen terms recur in every service
def term(taxonomy: str, code: str, name: str, description: str) -> dict:
    # taxonomy_detail is left out of each term (it would repeat in every attribute of every
    # service); the taxonomies are described once in data/hsds/taxonomies.json.
    return {"id": uid("taxonomy", taxonomy, code), "code": code, "name": name, "description": description,
            "taxonomy": taxonomy, "taxonomy_id": uid("taxonomy", taxonomy), "language": "nb"}


def attribute(link_id: str, link_type: str, t: dict, value: str | None = None) -> dict:
    out = {"id": uid("attribute", link_id, t["id"]), "link_id": link_id, "link_type": link_type,
           "link_entity": "service", "taxonomy_term_id": t["id"], "taxonomy_term": t}
    if value is not None:
        out["value"] = value
    return out


def field_attribute(service_id: str, code: str, value: str) -> dict:
    name, description = FIELD_TERMS[code]
    return attribute(service_id, code, term("veiviser-felt", code, name, description), value)


def is_absolute_uri(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def organization_id(slug: str) -> str:
    return uid("organization", slug)


def organization(cat: Catalogue, m: dict) -> dict:
    org = {"id": organization_id(m["slug"]), "name": m["name"], "description": " ".join(m["summary"].split())}
    if m.get("parent"):
        org["parent_organization_id"] = organization_id(m["parent"])
    return org


def sources_text(cat: Catalogue, sources: list[dict]) -> str:
    return "; ".join(f"{cat.sources[s['report']]['short']}, linje {s['lines']}" for s in sources)


def eligibility_text(s: dict) -> str | None:
    parts = [s.get("target_group"), f"Alder: {age_text(s)}" if s.get("age_note") else None, s.get("conditions")]
    parts = [" ".join(p.split()) for p in parts if p]
    return ". ".join(p.rstrip(".") for p in parts) + "." if parts else None


def service(cat: Catalogue, s: dict, feedback: dict[str, str]) -> dict:
    key = s["key"]
    sid = uid("service", key)
    m = cat.municipalities[s["municipality"]]
    contact = s.get("contact") or {}
    out: dict = {
        "id": sid,
        "organization_id": organization_id(m["slug"]),
        "name": s["name"],
        "description": " ".join(s["description"].split()),
        "status": STATUS[s["status"]],
        "application_process": access_text(s["access"]),
    }
    if s["status"] != "active":
        # HSDS has no pilot or planned status; say it in the alert rather than lose it.
        out["alert"] = f"{STATUS_LABELS[s['status']]} per {s['as_of']}."
    verified = s.get("verified")
    if verified and len(verified["date"]) == 10:   # HSDS's assured_date is a whole date
        out["assured_date"] = verified["date"]
    if s.get("other_names"):
        out["alternate_name"] = ", ".join(s["other_names"])
    if contact.get("web") and is_absolute_uri(contact["web"]):
        out["url"] = contact["web"]
    eligibility = eligibility_text(s)
    if eligibility:
        out["eligibility_description"] = eligibility
    if s["min_age"] is not None:
        out["minimum_age"] = s["min_age"]
    if s["max_age"] is not None:
        out["maximum_age"] = s["max_age"]
    if contact.get("phone"):
        out["phones"] = [{"id": uid("phone", key), "service_id": sid, "number": contact["phone"]}]
    if s["hours"]:
        out["schedules"] = [{"id": uid("schedule", key), "service_id": sid, "description": " ".join(s["hours"].split())}]
    out["service_areas"] = [{"id": uid("service_area", key), "service_id": sid, "name": m["name"],
                             "description": f"Tjenesten slik den er beskrevet for {m['name']}."}]
    if contact.get("address"):
        # The address is free text in the source: HSDS's address object needs it split into
        # street, postcode and city, which we would have to guess, so it stays in the
        # location's description.
        lid = uid("location", key)
        location = {"id": lid, "location_type": "physical", "organization_id": out["organization_id"],
                    "name": s["name"], "description": " ".join(contact["address"].split())}
        out["service_at_locations"] = [{"id": uid("service_at_location", key), "service_id": sid,
                                        "location_id": lid, "location": location}]
    out["organization"] = organization(cat, m)
    attributes = [attribute(sid, "service_type", term("veiviser-tjenestetype", t, cat.taxonomy[t]["label"],
                                                      cat.taxonomy[t].get("description") or cat.taxonomy[t]["label"]))
                  for t in s["types"]]
    for route in sorted({a["route"] for a in s["access"]}):
        attributes.append(attribute(sid, "access_route",
                                    term("veiviser-tilgang", route, ACCESS_LABELS[route], ACCESS_LABELS[route])))
    attributes.append(field_attribute(sid, "veiviser-side", url_of(service_path(s))))
    if key in feedback:
        attributes.append(field_attribute(sid, "tilbakemelding", feedback[key]))
    if s.get("owner"):
        attributes.append(field_attribute(sid, "ansvarlig-enhet", s["owner"]))
    if s.get("capacity"):
        attributes.append(field_attribute(sid, "kapasitet", " ".join(s["capacity"].split())))
    if s["sources"]:   # none for a new offer the municipality has verified itself
        attributes.append(field_attribute(sid, "kilde", sources_text(cat, s["sources"])))
    attributes.append(field_attribute(sid, "per-dato", s["as_of"]))
    if verified:
        attributes.append(field_attribute(sid, "bekreftet", f"{verified['date']} av {verified['by']} ({verified['how']})"))
    out["attributes"] = attributes
    return out


def services(cat: Catalogue, feedback: dict[str, str] | None = None) -> list[dict]:
    feedback = feedback or {}
    return [service(cat, s, feedback) for _, s in sorted(cat.services.items())]


SERVICE_SUMMARY = ("id", "organization_id", "name", "status")


def organizations(cat: Catalogue, exported: list[dict]) -> list[dict]:
    """Each municipality (or bydel) with its services by id and name only: the full services
    are in services.json, and repeating them here would double the download."""
    by_org: dict[str, list[dict]] = {}
    for svc in exported:
        by_org.setdefault(svc["organization_id"], []).append({k: svc[k] for k in SERVICE_SUMMARY})
    out = []
    for slug in sorted(cat.municipalities):
        org = organization(cat, cat.municipalities[slug])
        org["services"] = by_org.get(org["id"], [])
        out.append(org)
    return out


def taxonomies() -> list[dict]:
    return [taxonomy_detail(name) for name in TAXONOMIES]


def write_compact(path: Path, data) -> None:
    # Compact, not indented: at national scale (5000+ services) indentation alone adds ~20 %.
    atomic.write_text(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")


def publish(cat: Catalogue, feedback: dict[str, str], site_dir: Path) -> None:
    """services.json, organizations.json and taxonomies.json; feedback: service key ->
    site-relative URL of its feedback figures."""
    exported = services(cat, feedback)
    write_compact(site_dir / SERVICES_JSON, exported)
    write_compact(site_dir / ORGANIZATIONS_JSON, organizations(cat, exported))
    write_compact(site_dir / TAXONOMIES_JSON, taxonomies())
