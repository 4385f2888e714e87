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
        assert found[key] == "påkrevd felt mangler"


def test_not_a_map():
    assert errors_of(["x"]) == {"": "en definisjon må være et oppslag med felt, ikke list"}


def test_bad_values_name_the_path():
    d = vas_definition()
    d["id"] = "Min Id"
    d["version"] = 0
    d["kind"] = "survey"
    d["title"] = {"nn": "Berre nynorsk"}
    d["k"] = 0
    d["colour"] = "blue"
    found = errors_of(d)
    assert "ikke en gyldig id" in found["id"]
    assert "helt tall fra 1" in found["version"]
    assert "outcome, session, experience, relatives, life-domains" in found["kind"]
    assert found["title"] == "teksten på bokmål (nb) mangler"
    assert "puljestørrelsen" in found["k"]
    assert found["colour"].startswith("ukjent felt 'colour'")


def test_item_problems():
    d = mixed_definition()
    d["items"][1]["id"] = "r1"                        # duplicate
    d["items"][2]["options"] = "finnes-ikke"         # unknown option set
    d["items"][3]["options"] = [{"value": "x", "label": {"nb": "X"}}]   # yes_no has fixed answers
    d["items"][4]["type"] = "slider"
    d["items"][5]["required"] = True                  # free text is never required
    found = errors_of(d)
    assert found["items[1] (r1).id"] == "spørsmåls-id-en 'r1' står to ganger"
    assert found["items[2] (bosted).options"] == "ingen sett med navnet 'finnes-ikke' i option_sets"
    assert "fjern options" in found["items[3] (plan).options"]
    assert "må være en av vas, rating" in found["items[4] (bolig).type"]
    assert "alltid valgfri" in found["items[5] (bedre).required"]


def test_option_problems():
    d = mixed_definition()
    d["option_sets"]["grad"][1]["value"] = 5            # duplicate value
    d["option_sets"]["grad"][2]["value"] = "vet-ikke"   # reserved
    d["option_sets"]["grad"][3]["label"] = {}
    found = errors_of(d)
    assert found["option_sets.grad[1].value"] == "verdien 5 står to ganger"
    assert "reservert" in found["option_sets.grad[2].value"]
    assert found["option_sets.grad[3].label"] == "teksten på bokmål (nb) mangler"


def test_rating_needs_numbers_and_dont_know_only_on_rating_or_choice():
    d = mixed_definition()
    d["items"][1]["options"] = [{"value": "lite", "label": {"nb": "Lite"}}]
    d["items"][3]["dont_know"] = True
    found = errors_of(d)
    assert "hele tall som verdi" in found["items[1] (r2).options"]
    assert "dont_know gjelder bare" in found["items[3] (plan).dont_know"]


def test_scale_problems():
    d = vas_definition()
    d["scales"][0]["items"] = ["a", "kommentar", "nope"]
    found = errors_of(d)
    assert "bare vas- og rating-spørsmål" in found["scales[0] (sum).items[1]"]
    assert found["scales[0] (sum).items[2]"] == "ingen spørsmål med id-en 'nope'"


def test_scale_range_must_match_its_items():
    d = vas_definition()
    d["scales"][0]["max"] = 40
    assert errors_of(d)["scales[0] (sum)"] == \
        "min/max er 0/40, men sum av disse spørsmålene går fra 0 til 20"
    d = mixed_definition()
    d["scales"][0]["min"] = 0
    assert "mean av disse spørsmålene går fra 1 til 5" in errors_of(d)["scales[0] (snitt)"]


def test_cutoff_outside_scale_and_bad_reliable_change():
    d = vas_definition()
    d["scales"][0]["cutoffs"] = [{"value": 25, "below": {"nb": "Lav"}}]
    d["scales"][0]["reliable_change"] = -1
    found = errors_of(d)
    assert found["scales[0] (sum).cutoffs[0].value"] == "25 ligger utenfor skalaen (0 til 20)"
    assert "positivt" in found["scales[0] (sum).reliable_change"]


def test_national_comparison_is_checked():
    d = mixed_definition()
    d["national_comparison"] = [{"item": "r1", "values": [4, 9], "indicator": "35",
                                 "text": {"nb": "Andel"}, "source": "fafo-2019", "lines": "1295",
                                 "figures": [{"year": 2017, "percent": 36}]}]
    assert errors_of(d) == {"national_comparison[0].values": "9 er ikke et svar på 'r1'"}


def test_check_raises_with_every_problem():
    d = vas_definition()
    d["version"] = "1"
    d["items"][0]["type"] = "?"
    exc = raises_invalid(d)
    assert len(exc.errors) == 2
    assert "version: '1': må være et helt tall fra 1" in str(exc)


def test_hash_is_canonical():
    d = vas_definition()
    same = dict(reversed(list(d.items())))          # another key order, same meaning
    assert definition.canonical_hash(d) == definition.canonical_hash(same)
    d2 = vas_definition()
    d2["items"][0]["text"] = {"nb": "Annen tekst"}
    assert definition.canonical_hash(d) != definition.canonical_hash(d2)
    assert definition.canonical_hash(d).startswith("sha256:") and len(definition.canonical_hash(d)) == 71
