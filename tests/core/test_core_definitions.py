"""Malformed definitions: every problem is found, with a path and a clear message.
Plain asserts, no fixtures (runs in Pyodide too)."""
PYODIDE = True

from core_cases import mixed_definition, vas_definition

from veiviser.core import definition


def errors_of(d) -> dict:
    return {e.path: e.message for e in definition.problems(d)}


def raises_invalid(d) -> definition.InvalidDefinition:
    try:
        definition.check(d)
    except definition.InvalidDefinition as exc:
        return exc
    raise AssertionError("check() accepted a broken definition")


def test_good_definitions_pass():
    assert definition.problems(vas_definition()) == []
    d = definition.check(mixed_definition())
    assert [i.id for i in d.items] == ["r1", "r2", "bosted", "plan", "bolig", "bedre"]
    assert d.item("r1").answer_values() == [5, 4, 3, 2, 1, "vet-ikke"]
    assert d.scales[0].step == 0.1 and d.k == 3


def test_defaults():
    d = vas_definition()
    del d["k"], d["personal"]
    checked = definition.check(d)
    assert checked.k == 10 and checked.personal is False


def test_missing_top_level_fields():
    found = errors_of({"id": "x"})
    for key in ("version", "kind", "title", "items"):
        assert found[key] == "required field is missing"


def test_not_a_map():
    assert errors_of(["x"]) == {"": "a definition must be a map of fields, not list"}


def test_bad_values_name_the_path():
    d = vas_definition()
    d["id"] = "Min Id"
    d["version"] = 0
    d["kind"] = "survey"
    d["title"] = {"nn": "Berre nynorsk"}
    d["k"] = 0
    d["colour"] = "blue"
    found = errors_of(d)
    assert "not a valid id" in found["id"]
    assert "whole number from 1" in found["version"]
    assert "outcome, session, experience, relatives, life-domains" in found["kind"]
    assert found["title"] == "the bokmål text (nb) is missing"
    assert "batch size" in found["k"]
    assert found["colour"].startswith("unknown field 'colour'")


def test_item_problems():
    d = mixed_definition()
    d["items"][1]["id"] = "r1"                        # duplicate
    d["items"][2]["options"] = "finnes-ikke"         # unknown option set
    d["items"][3]["options"] = [{"value": "x", "label": {"nb": "X"}}]   # yes_no has fixed answers
    d["items"][4]["type"] = "slider"
    d["items"][5]["required"] = True                  # free text is never required
    found = errors_of(d)
    assert found["items[1] (r1).id"] == "the item id 'r1' appears twice"
    assert found["items[2] (bosted).options"] == "no option set named 'finnes-ikke' in option_sets"
    assert "remove options" in found["items[3] (plan).options"]
    assert "must be one of vas, rating" in found["items[4] (bolig).type"]
    assert "always optional" in found["items[5] (bedre).required"]


def test_option_problems():
    d = mixed_definition()
    d["option_sets"]["grad"][1]["value"] = 5            # duplicate value
    d["option_sets"]["grad"][2]["value"] = "vet-ikke"   # reserved
    d["option_sets"]["grad"][3]["label"] = {}
    found = errors_of(d)
    assert found["option_sets.grad[1].value"] == "the value 5 appears twice"
    assert "reserved" in found["option_sets.grad[2].value"]
    assert found["option_sets.grad[3].label"] == "the bokmål text (nb) is missing"


def test_rating_needs_numbers_and_dont_know_only_on_rating_or_choice():
    d = mixed_definition()
    d["items"][1]["options"] = [{"value": "lite", "label": {"nb": "Lite"}}]
    d["items"][3]["dont_know"] = True
    found = errors_of(d)
    assert "whole-number values" in found["items[1] (r2).options"]
    assert "dont_know applies only" in found["items[3] (plan).dont_know"]


def test_scale_problems():
    d = vas_definition()
    d["scales"][0]["items"] = ["a", "kommentar", "nope"]
    found = errors_of(d)
    assert "only vas and rating items" in found["scales[0] (sum).items[1]"]
    assert found["scales[0] (sum).items[2]"] == "no item with id 'nope'"


def test_scale_range_must_match_its_items():
    d = vas_definition()
    d["scales"][0]["max"] = 40
    assert errors_of(d)["scales[0] (sum)"] == \
        "min/max are 0/40, but the sum of these items runs from 0 to 20"
    d = mixed_definition()
    d["scales"][0]["min"] = 0
    assert "the mean of these items runs from 1 to 5" in errors_of(d)["scales[0] (snitt)"]


def test_cutoff_outside_scale_and_bad_reliable_change():
    d = vas_definition()
    d["scales"][0]["cutoffs"] = [{"value": 25, "below": {"nb": "Lav"}}]
    d["scales"][0]["reliable_change"] = -1
    found = errors_of(d)
    assert found["scales[0] (sum).cutoffs[0].value"] == "25 lies outside the scale (0 to 20)"
    assert "positive" in found["scales[0] (sum).reliable_change"]


def test_national_comparison_is_checked():
    d = mixed_definition()
    d["national_comparison"] = [{"item": "r1", "values": [4, 9], "indicator": "35",
                                 "text": {"nb": "Andel"}, "source": "fafo-2019", "lines": "1295",
                                 "figures": [{"year": 2017, "percent": 36}]}]
    assert errors_of(d) == {"national_comparison[0].values": "9 is not an answer to 'r1'"}


def test_check_raises_with_every_problem():
    d = vas_definition()
    d["version"] = "1"
    d["items"][0]["type"] = "?"
    exc = raises_invalid(d)
    assert len(exc.errors) == 2
    assert "version: '1': must be a whole number from 1" in str(exc)


def test_hash_is_canonical():
    d = vas_definition()
    same = dict(reversed(list(d.items())))          # another key order, same meaning
    assert definition.canonical_hash(d) == definition.canonical_hash(same)
    d2 = vas_definition()
    d2["items"][0]["text"] = {"nb": "Annen tekst"}
    assert definition.canonical_hash(d) != definition.canonical_hash(d2)
    assert definition.canonical_hash(d).startswith("sha256:") and len(definition.canonical_hash(d)) == 71
