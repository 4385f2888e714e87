"""The HSDS 3.0 export validates against Open Referral's official schemas, made strict.

Like the HSDS project's own example check, every object schema gets additionalProperties
false, so a field HSDS does not define fails. $refs between the schema files ("phone.json")
resolve from the local copy in ../shared/hsds-3.0 through a `referencing` Registry: no
network. Formats are checked too (uuid, email, date-time, and uri as an absolute URI).
"""
from __future__ import annotations

import copy
import json
import uuid
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from veiviser.catalogue import hsds
from veiviser.catalogue.load import load as load_catalogue
from veiviser.core.vocabulary import OPEN_STATUSES
from veiviser.site import build, generator

from helpers import HSDS_SCHEMAS, ROOT, make_catalogue, service_record

HSDS_DIR = HSDS_SCHEMAS
BASE = "https://hsds.invalid/schema/"  # a made-up base: refs resolve in the registry, never online


def strict(schema):
    """A copy with additionalProperties false on every object schema that lists properties."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "properties" in node:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(schema)
    return schema


def format_checker() -> FormatChecker:
    checker = FormatChecker()

    @checker.checks("uri")
    def absolute_uri(value) -> bool:
        parts = urlsplit(value)
        return bool(parts.scheme) and bool(parts.netloc or parts.path)

    @checker.checks("date-time", raises=ValueError)
    def date_time(value) -> bool:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return checker


@pytest.fixture(scope="module")
def validators():
    if not (HSDS_DIR / "service.json").is_file():
        pytest.fail(f"the HSDS 3.0 schemas are missing from {HSDS_DIR}")
    resources = []
    for path in sorted(HSDS_DIR.glob("*.json")):
        if path.name == "openapi.json":
            continue
        contents = strict(json.loads(path.read_text("utf-8")))
        contents["$id"] = BASE + path.name
        resources.append((BASE + path.name, Resource(contents=contents, specification=DRAFT202012)))
    for path in sorted((HSDS_DIR / "compiled").glob("*.json")):
        contents = strict(json.loads(path.read_text("utf-8")))
        contents["$id"] = BASE + "compiled/" + path.name
        resources.append((BASE + "compiled/" + path.name, Resource(contents=contents, specification=DRAFT202012)))
    registry = Registry().with_resources(resources)

    def validator(name: str) -> Draft202012Validator:
        return Draft202012Validator({"$ref": BASE + name}, registry=registry, format_checker=format_checker())

    return {"service": validator("service.json"), "service_compiled": validator("compiled/service.json"),
            "organization": validator("compiled/organization.json"), "taxonomy": validator("taxonomy.json")}


def errors(validator, obj) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(obj)]


def assert_valid(validators, services: list[dict], organizations: list[dict]) -> None:
    problems = []
    for svc in services:
        for kind in ("service", "service_compiled"):
            problems += [f"service {svc.get('name')!r} ({kind}): {e}" for e in errors(validators[kind], svc)]
    for org in organizations:
        problems += [f"organization {org.get('name')!r}: {e}" for e in errors(validators["organization"], org)]
    assert problems == [], "\n".join(problems[:30])


# --- the strict validator itself must be able to say no ----------------------------------

def test_strict_schemas_reject_unknown_fields_and_bad_values(validators):
    good = {"id": str(uuid.uuid4()), "name": "Test", "status": "active"}
    assert errors(validators["service"], good) == []
    assert errors(validators["service"], dict(good, colour="blue")), "unknown top-level field passed"
    nested = dict(good, schedules=[{"id": str(uuid.uuid4()), "description": "x", "colour": "blue"}])
    assert errors(validators["service"], nested), "unknown field inside a $ref'd schedule passed"
    assert errors(validators["service"], dict(good, status="open")), "status outside the enum passed"
    assert errors(validators["service"], dict(good, id="not-a-uuid")), "id that is no uuid passed"
    assert errors(validators["service"], dict(good, url="kommuner/klepp/")), "relative url passed as uri"
    assert errors(validators["service"], dict(good, minimum_age=None)), "null passed where HSDS has a number"


def test_open_statuses_are_hsds_active():
    """A service the finder and the pages count as open is `active` in HSDS, and only those."""
    assert {ours for ours, theirs in hsds.STATUS.items() if theirs == "active"} == set(OPEN_STATUSES)


# --- a small catalogue that uses every optional field ------------------------------------

@pytest.fixture
def rich_catalogue(tmp_path):
    data = make_catalogue(tmp_path, {
        "klepp/full": service_record(
            other_names=["Fullt tilbud"], hours="Mandag 10–14", capacity="12 plasser (2020)",
            conditions="Kan ikke ruse seg på stedet.", age_note="kilden sier «over 18»", min_age=18, max_age=67,
            contact={"phone": "12 34 56 78", "address": "Testveien 1, 4353 Klepp", "web": "https://example.org/full"},
            status="pilot", access=[{"route": "self_referral"}, {"route": "vedtak", "decided_by": "Tenestekontoret"}]),
        "klepp/bare": service_record(hours=None, min_age=None, max_age=None, target_group=None, status="closed"),
    })
    return load_catalogue(data)


def test_rich_catalogue_validates_and_keeps_every_fact(validators, rich_catalogue):
    services = hsds.services(rich_catalogue, {"klepp/full": "tilbakemelding/klepp-full/"})
    organizations = hsds.organizations(rich_catalogue, services)
    assert_valid(validators, services, organizations)
    by_name = {s["name"]: s for s in services}
    full, bare = by_name["Full"], by_name["Bare"]
    assert (full["minimum_age"], full["maximum_age"]) == (18, 67)
    assert full["phones"][0]["number"] == "12 34 56 78"
    assert full["url"] == "https://example.org/full"
    assert full["schedules"] == [{"id": full["schedules"][0]["id"], "service_id": full["id"], "description": "Mandag 10–14"}]
    assert full["service_at_locations"][0]["location"]["description"] == "Testveien 1, 4353 Klepp"
    assert full["alternate_name"] == "Fullt tilbud"
    assert full["status"] == "active" and bare["status"] == "defunct"
    assert full["alert"] == "Prosjekt eller pilot per 2020-10." and bare["alert"] == "Nedlagt per 2020-10."
    assert "Kan ikke ruse seg" in full["eligibility_description"]
    assert "Tenestekontoret" in full["application_process"]
    values = {a["link_type"]: a.get("value") for a in full["attributes"]}
    assert values["veiviser-side"] == "kommuner/klepp/full/"
    assert values["tilbakemelding"] == "tilbakemelding/klepp-full/"
    assert values["per-dato"] == "2020-10"
    assert {a["taxonomy_term"]["code"] for a in full["attributes"] if a["link_type"] == "access_route"} == {"self_referral", "vedtak"}
    # Nothing invented for the service that has no facts beyond the required ones.
    for absent in ("phones", "schedules", "url", "minimum_age", "maximum_age", "eligibility_description",
                   "service_at_locations"):
        assert absent not in bare, f"{absent} exported although the catalogue does not have it"
    assert "tilbakemelding" not in {a["link_type"] for a in bare["attributes"]}


def test_ids_are_stable_and_unique(tmp_path, rich_catalogue):
    first = hsds.services(rich_catalogue)
    again = hsds.services(load_catalogue(rich_catalogue.root))
    assert [s["id"] for s in first] == [s["id"] for s in again]
    assert first[0]["id"] == str(uuid.uuid5(hsds.NAMESPACE, "service/" + sorted(rich_catalogue.services)[0]))
    ids = []

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("organization", "taxonomy_term"):
                    continue  # repeated on purpose: the same organization and terms recur
                collect(value)
            if "id" in node:
                ids.append(node["id"])
        elif isinstance(node, list):
            for value in node:
                collect(value)
    collect(first)
    assert len(ids) == len(set(ids)), "two exported objects share an id"


# --- the real catalogue and the published files ------------------------------------------

def test_real_catalogue_exports_valid_hsds(validators):
    ctx = build.load(generator.read_settings(ROOT / "mkdocs.yml", data_dir=ROOT / "data"))
    services = hsds.services(ctx.catalogue)
    assert len(services) == len(ctx.catalogue.services)
    assert_valid(validators, services, hsds.organizations(ctx.catalogue, services))
    for svc in services:
        record = ctx.catalogue.services[next(k for k in ctx.catalogue.services
                                             if hsds.uid("service", k) == svc["id"])]
        contact = record.get("contact") or {}
        assert ("phones" in svc) == bool(contact.get("phone")), f"{record['file']}: phone exported without data"
        assert ("schedules" in svc) == bool(record["hours"]), f"{record['file']}: schedule without hours"
        assert ("service_at_locations" in svc) == bool(contact.get("address")), f"{record['file']}: location without address"
        assert svc.get("url") in (None, contact.get("web")), f"{record['file']}: url not from the data"
        assert ("alert" in svc) == (record["status"] != "active")


def test_published_files_validate(validators, site_dir):
    services = json.loads((site_dir / hsds.SERVICES_JSON).read_text("utf-8"))
    organizations = json.loads((site_dir / hsds.ORGANIZATIONS_JSON).read_text("utf-8"))
    assert isinstance(services, list) and services, "services.json is not a non-empty array"
    assert_valid(validators, services, organizations)
    in_orgs = sorted(s["id"] for o in organizations for s in o["services"])
    assert in_orgs == sorted(s["id"] for s in services), "organizations.json does not list every service once"
    links = [(s["name"], a["value"]) for s in services for a in s["attributes"]
             if a["link_type"] in ("veiviser-side", "tilbakemelding")]
    assert len(links) >= len(services), "a service lacks the link to its page"
    broken = [f"{name}: {path}" for name, path in links if not (site_dir / path / "index.html").is_file()]
    assert broken == [], "links to pages that are not in the built site:\n" + "\n".join(broken)
    taxonomies = json.loads((site_dir / hsds.TAXONOMIES_JSON).read_text("utf-8"))
    assert [e for t in taxonomies for e in errors(validators["taxonomy"], t)] == []
    used = {a["taxonomy_term"]["taxonomy_id"] for s in services for a in s["attributes"]}
    assert used <= {t["id"] for t in taxonomies}, "an attribute names a taxonomy that taxonomies.json lacks"


def test_synthetic_national_catalogue_is_valid(validators, tmp_path):
    """scripts/make-national-catalogue.py writes a catalogue the loader accepts, outside data/."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("national", ROOT / "scripts" / "make-national-catalogue.py")
    national = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(national)
    data = national.write_catalogue(tmp_path, 3)
    assert data == tmp_path / "data"
    cat = load_catalogue(data)
    assert len(cat.municipalities) == 3 and len(cat.services) == 3 * national.SERVICES_PER_MUNICIPALITY
    assert all(m["name"].startswith("Testkommune ") for m in cat.municipalities.values())
    services = hsds.services(cat)
    assert_valid(validators, services, hsds.organizations(cat, services))
    with pytest.raises(SystemExit):
        national.write_catalogue(ROOT, 1)  # never into the real data/
