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


# --- min_answered: no empty or near-empty response is stored or counted ----------------------

def test_min_answered_default_is_half_of_the_items_that_are_not_free_text():
    assert definition.check(vas_definition()).min_answered == 1          # 2 items (and free text)
    assert definition.check(mixed_definition()).min_answered == 3        # 5 items, rounded up
    d = mixed_definition()
    d["min_answered"] = 5
    assert definition.check(d).min_answered == 5


def test_min_answered_must_fit_the_items():
    for bad in (0, 6, "3", True):
        d = mixed_definition()
        d["min_answered"] = bad
        messages = [e.message for e in definition.problems(d) if e.path == "min_answered"]
        assert messages and "from 1 to 5" in messages[0], bad


def test_an_empty_response_is_refused_with_one_message():
    d = mixed_definition()
    d["items"][0]["required"] = False
    result = check(d, {})
    assert not result.valid
    assert result.errors == [{"item": "", "message": "For få svar: svar på minst 3 av de 5 spørsmålene (nå 0)."}]
    assert result.too_few == result.errors[0]["message"]
    assert check(d, {"bedre": "bare tekst"}).too_few    # free text does not count
    # A missing required item is the one message; too_few still tells the export to leave it out.
    required = check(mixed_definition(), {})
    assert required.errors == [{"item": "r1", "message": "Dette spørsmålet må besvares."}]
    assert required.too_few


def test_near_empty_and_dont_know_only_responses_are_refused():
    assert check(mixed_definition(), {"r1": 4, "r2": 3}).too_few                   # 2 of 3
    assert check(mixed_definition(), {"r1": 4, "r2": 3, "plan": "ja"}).valid        # 3 of 3
    only_dont_know = check(mixed_definition(), {"r1": "vet-ikke", "plan": "vet-ikke", "bosted": "by"})
    assert only_dont_know.valid                                                     # «by» is an answer
    result = check(mixed_definition(), {"r1": "vet-ikke", "plan": "vet-ikke"} | {"r2": None})
    assert result.too_few.startswith("For få svar")
    d = mixed_definition()
    d["min_answered"] = 2
    all_dont_know = check(d, {"r1": "vet-ikke", "plan": "vet-ikke"})
    assert all_dont_know.too_few == "Minst ett svar må være noe annet enn «vet ikke»."


def test_other_faults_come_first():
    result = check(mixed_definition(), {"r1": 9})
    assert [e["item"] for e in result.errors] == ["r1"]


def test_asked_narrows_the_items_to_those_shown():
    # A CSV file from another tool with two of the five items: one answer of the two is enough.
    assert check(mixed_definition(), {"r1": 4}).too_few
    assert response.check_answers(definition.check(mixed_definition()), {"r1": 4}, {"r1", "r2"}).valid
