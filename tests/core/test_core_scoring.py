"""Responses and scoring against hand-computed cases. Plain asserts, no fixtures:
tests/pyodide/run-core-tests.mjs runs this file in Pyodide too."""
PYODIDE = True

from core_cases import mixed_definition, vas_definition

from veiviser.core import definition, response


def check(d, answers):
    return response.check_answers(definition.check(d), answers)


def test_vas_sum_is_hand_computed():
    result = check(vas_definition(), {"a": 4, "b": 6})
    assert result.valid and result.errors == []
    assert result.scales == {"sum": 10}


def test_numbers_may_come_as_strings_with_comma_or_point():
    assert check(vas_definition(), {"a": "2,5", "b": "3"}).scales == {"sum": 5.5}
    assert check(vas_definition(), {"a": " 7 ", "b": 0.1}).scales == {"sum": 7.1}


def test_sum_has_no_float_noise():
    assert check(vas_definition(), {"a": 0.1, "b": 0.2}).scales == {"sum": 0.3}


def test_sum_needs_every_item():
    result = check(vas_definition(), {"a": 3})
    assert result.valid
    assert result.scales == {"sum": None}


def test_required_item_missing_gives_one_bokmal_message():
    result = check(vas_definition(), {"a": "", "b": 5})
    assert not result.valid
    assert result.errors == [{"item": "a", "message": "Dette spørsmålet må besvares."}]


def test_vas_out_of_range_and_not_a_number():
    result = check(vas_definition(), {"a": 11, "b": "mye"})
    assert [e["item"] for e in result.errors] == ["a", "b"]
    assert "mellom 0 og 10" in result.errors[0]["message"]
    assert "et tall" in result.errors[1]["message"]
    assert not check(vas_definition(), {"a": True}).valid      # a boolean is not a number


def test_unknown_item_is_reported():
    result = check(vas_definition(), {"a": 1, "zzz": 3})
    assert result.errors == [{"item": "zzz", "message": "Skjemaet har ikke noe spørsmål med denne id-en."}]


def test_rating_choice_yes_no_traffic_light():
    result = check(mixed_definition(), {"r1": "4", "r2": 2, "bosted": "land", "plan": "ja",
                                        "bolig": "gul", "bedre": "  mer tid  "})
    assert result.valid
    assert result.answers == {"r1": 4, "r2": 2, "bosted": "land", "plan": "ja", "bolig": "gul",
                              "bedre": "mer tid"}
    assert result.scales == {"snitt": 3}


def test_rating_value_is_the_definitions_own():
    result = check(mixed_definition(), {"r1": 4.0})
    assert result.answers["r1"] == 4 and isinstance(result.answers["r1"], int)


def test_mean_scale_ignores_dont_know_and_needs_half():
    assert check(mixed_definition(), {"r1": "vet-ikke", "r2": 5}).scales == {"snitt": 5}
    assert check(mixed_definition(), {"r1": 5, "r2": 4}).scales == {"snitt": 4.5}
    assert check(mixed_definition(), {"r1": "vet-ikke"}).scales == {"snitt": None}
    assert check(mixed_definition(), {"r1": 1, "r2": 2}).scales == {"snitt": 1.5}


def test_bad_answers_have_clear_messages():
    result = check(mixed_definition(), {"r1": 6, "r2": "vet-ikke", "bosted": "hav", "plan": "kanskje",
                                        "bolig": "blå", "bedre": 3})
    messages = {e["item"]: e["message"] for e in result.errors}
    assert messages == {     # the bad value and the allowed ones, for the CLI and the form alike
        "r1": "«6» er ikke et av svaralternativene (5, 4, 3, 2, 1, vet-ikke).",
        "r2": "«vet-ikke» er ikke et av svaralternativene (5, 4, 3, 2, 1).",     # r2 has no dont_know
        "bosted": "«hav» er ikke et av svaralternativene (by, land).",
        "plan": "«kanskje» er ikke et av svaralternativene (ja, nei, vet-ikke).",
        "bolig": "«blå» er ikke et av svaralternativene (gronn, gul, rod).",
        "bedre": "Svaret må være tekst.",
    }


def test_answers_must_be_a_map():
    result = check(mixed_definition(), ["r1", 4])
    assert not result.valid and result.errors[0]["item"] == ""
