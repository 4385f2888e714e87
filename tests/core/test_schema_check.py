"""veiviser.core.schema_check (the standard-library validator the browser runs) against
jsonschema on service.schema.json: the same verdict (valid or not) and the same failing fields
(as veiviser.problems.schema_problems names them) on every real service entry and on well over
a thousand mutated ones, made by hand-written mutations and by hypothesis."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veiviser import schemas
from veiviser.core import schema_check
from veiviser.problems import schema_problems

ROOT = Path(__file__).resolve().parents[2]
ENTRIES = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "data" / "services").glob("*/*.yaml"))]
MUNICIPALITIES = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "data" / "municipalities").glob("*.yaml"))]
CORPUS: dict[str, int] = {"valid": 0, "invalid": 0}


def verdicts(entry, name: str = "service") -> tuple[set[str], set[str]]:
    """(fields jsonschema finds fault with, fields schema_check finds fault with)."""
    theirs = {p.field for p in schema_problems(schemas.validator(name), entry, "x")}
    ours = {e["path"] for e in schema_check.check(name, entry)}
    return theirs, ours


def agree(entry, name: str = "service") -> None:
    theirs, ours = verdicts(entry, name)
    assert ours == theirs, json.dumps(entry, ensure_ascii=False)[:400]
    CORPUS["invalid" if theirs else "valid"] += 1


# --- every keyword of our schemas is known ----------------------------------------------------------

@pytest.mark.parametrize("name", schemas.names())
def test_every_schema_of_the_project_is_supported(name):
    schema_check.Checker(schemas.load(name))


def test_an_unknown_keyword_is_refused():
    with pytest.raises(ValueError, match="dependentRequired"):
        schema_check.Checker({"type": "object", "properties": {"a": {"dependentRequired": {}}}})
    with pytest.raises(ValueError, match="only references within the schema"):
        schema_check.Checker({"$ref": "https://example.org/x.json"})


def test_the_schema_is_read_from_the_package_as_data():
    assert schema_check.schema("service") == schemas.load("service")


# --- the real catalogue ------------------------------------------------------------------------------

def test_every_real_service_is_valid_for_both():
    assert len(ENTRIES) > 250
    for entry in ENTRIES:
        assert schema_check.check("service", entry) == []
        agree(entry)


def test_every_real_municipality_is_valid_for_both():
    for entry in MUNICIPALITIES:
        agree(entry, "municipality")


# --- hand-written mutations ---------------------------------------------------------------------------

def setter(path, value):
    def mutate(e):
        node = e
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
    return mutate


def dropper(path):
    def mutate(e):
        node = e
        for p in path[:-1]:
            node = node[p]
        node.pop(path[-1], None)
    return mutate


MUTATIONS = {
    "name missing": dropper(["name"]),
    "name too short": setter(["name"], "A"),
    "name empty": setter(["name"], ""),
    "name a number": setter(["name"], 42),
    "name null": setter(["name"], None),
    "municipality with capitals": setter(["municipality"], "Klepp"),
    "municipality with a space": setter(["municipality"], "klepp kommune"),
    "provider unknown": setter(["provider_kind"], "kirke"),
    "owner too short": setter(["owner"], "X"),
    "owner a list": setter(["owner"], ["Helse"]),
    "description too short": setter(["description"], "Kort."),
    "description null": setter(["description"], None),
    "target group too short": setter(["target_group"], "Ja"),
    "min age negative": setter(["min_age"], -1),
    "min age text": setter(["min_age"], "18"),
    "min age float": setter(["min_age"], 18.5),
    "min age whole float": setter(["min_age"], 18.0),
    "min age true": setter(["min_age"], True),
    "max age too high": setter(["max_age"], 121),
    "max age 120": setter(["max_age"], 120),
    "age note too short": setter(["age_note"], "ok"),
    "access empty": setter(["access"], []),
    "access not a list": setter(["access"], {"route": "nav"}),
    "access route unknown": setter(["access", 0, "route"], "fax"),
    "access route missing": dropper(["access", 0, "route"]),
    "access extra field": setter(["access", 0, "phone"], "123"),
    "access inferred without note": lambda e: e["access"].__setitem__(0, {"route": "vedtak", "decided_by": None,
                                                                          "inferred": True}),
    "access inferred with note": lambda e: e["access"].__setitem__(0, {"route": "vedtak", "decided_by": None,
                                                                       "inferred": True,
                                                                       "note": "utledet av regelen"}),
    "access inferred false": lambda e: e["access"].__setitem__(0, {"route": "nav", "inferred": False}),
    "access inferred text": setter(["access", 0, "inferred"], "ja"),
    "access decided_by short": setter(["access", 0, "decided_by"], "N"),
    "access second bad": lambda e: e["access"].append({"route": "nav", "note": "x"}),
    "hours empty": setter(["hours"], ""),
    "capacity a number": setter(["capacity"], 12),
    "status unknown": setter(["status"], "open"),
    "status missing": dropper(["status"]),
    "status note short": setter(["status_note"], "ok"),
    "types empty": setter(["types"], []),
    "types twice": lambda e: e["types"].append(e["types"][0]),
    "types bad id": setter(["types"], ["Bolig"]),
    "types a string": setter(["types"], "bolig"),
    "contact extra": setter(["contact"], {"email": "a@b.no"}),
    "contact phone number": setter(["contact"], {"phone": 12345678}),
    "contact null": setter(["contact"], None),
    "contact fine": setter(["contact"], {"phone": "51 42 00 00", "address": None, "channels": "SMS"}),
    "partners with a short one": setter(["partners"], ["NAV", "X"]),
    "laws twice": setter(["laws"], ["hol-7-3", "hol-7-3"]),
    "tools bad id": setter(["tools"], ["IP plan"]),
    "uncertain short": setter(["uncertain"], ["kort"]),
    "findings a string": setter(["findings"], "Et funn uten liste"),
    "sources empty": setter(["sources"], []),
    "sources empty but verified": lambda e: e.update(sources=[], verified={"date": "2026-03-05", "by": "Enheten",
                                                                           "how": "skjema"}),
    "source report unknown": setter(["sources", 0, "report"], "oslo-2030"),
    "source lines empty": setter(["sources", 0, "lines"], ""),
    "source lines a number": setter(["sources", 0, "lines"], 12),
    "source extra": setter(["sources", 0, "page"], 3),
    "as_of as a date word": setter(["as_of"], "oktober 2021"),
    "as_of a number": setter(["as_of"], 2021),
    "as_of full": setter(["as_of"], "2021-10-05"),
    "as_of with a newline": setter(["as_of"], "2021-10\n"),
    "verified fine": setter(["verified"], {"date": "2026-03", "by": "Tildelingskontoret", "how": "telefon"}),
    "verified bad how": setter(["verified"], {"date": "2026-03-05", "by": "Tildelingskontoret", "how": "brev"}),
    "verified bad month": setter(["verified"], {"date": "2026-13-05", "by": "Tildelingskontoret", "how": "kilde"}),
    "verified missing by": setter(["verified"], {"date": "2026-03-05", "how": "kilde"}),
    "verified extra": setter(["verified"], {"date": "2026-03-05", "by": "Enheten", "how": "kilde", "name": "Kari"}),
    "verified a string": setter(["verified"], "2026-03-05"),
    "unknown field": setter(["phone"], "12345678"),
    "two unknown fields": lambda e: e.update(phone="1", email="2"),
    "everything wrong": lambda e: e.update(name="", min_age=-5, status="x", types=[], access=[{}], as_of="i fjor"),
}


@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutations_agree(mutation):
    for entry in ENTRIES[::12]:
        changed = copy.deepcopy(entry)
        MUTATIONS[mutation](changed)
        agree(changed)


def test_messages_are_in_norwegian_and_name_the_field():
    entry = copy.deepcopy(ENTRIES[0])
    entry.update(name="", min_age="atten", status="open", types=[], as_of="i fjor")
    entry["access"] = [{"route": "vedtak", "inferred": True}]
    del entry["description"]
    got = {e["path"]: e["message"] for e in schema_check.check("service", entry)}
    assert got == {
        "name": "må fylles ut",
        "description": "må fylles ut",
        "min_age": "må være et heltall (eller stå tomt)",
        "status": "er ikke et av valgene",
        "types": "må ha minst én",
        "as_of": "skrives som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD (for eksempel 2027-03)",
        "access[0].note": "må fylles ut",
    }


def test_municipality_mutations_agree_on_the_verdict():
    for entry in MUNICIPALITIES:
        for change in ({"front_door": {"text": "Tildelingskontoret"}}, {"front_door": None},
                       {"front_door": "Tildelingskontoret"}, {"findings": []}, {"kind": "fylke"},
                       {"coordination": [{"text": "kort", "source": {"report": "klepp-2020", "lines": ""}}]}):
            changed = dict(copy.deepcopy(entry), **change)
            theirs, ours = verdicts(changed, "municipality")
            assert bool(theirs) == bool(ours), change
            CORPUS["invalid" if theirs else "valid"] += 1


# --- hypothesis: random values anywhere in a real entry -------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-200, 200) | st.floats(-1e3, 1e3, allow_nan=False)
    | st.text(max_size=12) | st.sampled_from(["bolig", "vedtak", "active", "2021-10", "klepp-2020", "telefon", ""]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["route", "note", "report", "lines", "phone", "x", "inferred", "decided_by"]), children, max_size=3),
    max_leaves=6)


def paths(value, prefix=()):
    """Every place in an entry: (path to a container, key or index in it)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield prefix, k
            yield from paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield prefix, i
            yield from paths(v, prefix + (i,))


@st.composite
def mutated_entries(draw):
    entry = copy.deepcopy(draw(st.sampled_from(ENTRIES)))
    for _ in range(draw(st.integers(1, 3))):
        places = list(paths(entry))
        container_path, key = draw(st.sampled_from(places))
        node = entry
        for p in container_path:
            node = node[p]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "replace":
            node[key] = draw(JSON_VALUES)
        elif action == "delete":
            if isinstance(node, dict):
                del node[key]
            else:
                node.pop(key)
        elif isinstance(node, dict):
            node[draw(st.sampled_from(["x", "verified", "age_note", "contact", "inferred", "note"]))] = draw(JSON_VALUES)
        else:
            node.append(draw(JSON_VALUES))
    return entry


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_entries())
def test_random_mutations_agree(entry):
    agree(entry)


SURVEYS = [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "surveys").glob("*.yaml"))]


def test_survey_definitions_agree_on_the_verdict():
    """The survey schema uses oneOf, anyOf, allOf, not and if/then: the same verdict on every
    definition and on each of these changes to it."""
    changes = [lambda d: d.update(k=1), lambda d: d.update(kind="quiz"), lambda d: d["items"].append({"id": "x"}),
               lambda d: d["items"][0].update(type="slider"), lambda d: d["items"][0].pop("text"),
               lambda d: d.update(title={"de": "Titel"}), lambda d: d.update(title=""),
               lambda d: d["items"][0].update(options=[]), lambda d: d.update(extra=1), lambda d: d.pop("items")]
    for definition in SURVEYS:
        for change in [lambda d: None, *changes]:
            changed = copy.deepcopy(definition)
            change(changed)
            theirs, ours = verdicts(changed, "survey")
            assert bool(theirs) == bool(ours), (definition["id"], theirs, ours)
            CORPUS["invalid" if theirs else "valid"] += 1


def test_zz_corpus_size():
    """Runs last (pytest keeps the file's order): the size of the corpus the tests above compared."""
    if not any(CORPUS.values()):
        pytest.skip("the agreement tests did not run (selected with -k)")
    assert CORPUS["valid"] >= 200 and CORPUS["invalid"] >= 200, CORPUS
    print(f"\nschema_check agreement corpus: {CORPUS['valid']} valid, {CORPUS['invalid']} invalid")


def test_bridge_check_service():
    from veiviser.core import bridge
    assert json.loads(bridge.check_service(json.dumps(ENTRIES[0]))) == {"ok": True, "errors": []}
    broken = dict(ENTRIES[0], max_age=200)
    assert json.loads(bridge.check_service(json.dumps(broken))) == {
        "ok": False, "errors": [{"path": "max_age", "message": "kan ikke være høyere enn 120"}]}
    assert "ikke gyldig JSON" in json.loads(bridge.check_service("{"))["error"]
