"""Many responses checked column by column (response.read_columns / check_columns,
aggregate.from_columns, export.build with columns) give exactly what checking each response on
its own gives: the same aggregate, byte for byte, and None (so the caller checks each response
for its messages) whenever any response does not fit or answers too little (response.too_few).
The CSV side (surveys.responses.CsvResponses, aggregate_file) is in tests/surveys."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from core_cases import mixed_definition, records, vas_definition

from veiviser.core import aggregate, definition, export
from veiviser.core.response import BLANK, check_answers, check_columns, read_columns

VAS = definition.check(vas_definition(k=1))
MIXED = definition.check(mixed_definition(k=1))

# Answers as they come: good ones, the same numbers as text or floats, bools (which equal 1
# and 0 but are not answers), blanks, unknown items, and unhashable values.
anything = st.one_of(
    st.sampled_from([1, 2, 3, 4, 5, "1", " 4 ", "5.0", 4.0, 1.5, True, False, 0, "vet-ikke", "ja", "nei",
                     "by", "land", "gronn", "gul", "rod", "", "  ", None, "x"]),
    st.floats(-1, 11, allow_nan=False), st.lists(st.integers(), max_size=1))
mixed_answers = st.dictionaries(st.sampled_from(["r1", "r2", "bosted", "plan", "bolig", "bedre", "ukjent"]),
                                anything, max_size=7)
vas_answers = st.dictionaries(st.sampled_from(["a", "b", "kommentar"]), anything, max_size=3)


# The items a CSV file asked (response.too_few then needs half of those at most).
asked_sets = st.sampled_from([None, {"r1", "r2"}, {"r1", "plan", "bosted"}, {"r1"}, set()])


def one_by_one(d, many, asked=None):
    """The reference: check_answers on each response, then aggregate (None if one does not fit,
    one that answers too little included: check_answers says so as an error)."""
    checked = [check_answers(d, a, asked) for a in many]
    if not all(c.valid for c in checked):
        return None
    return aggregate.aggregate(d, checked)


def by_columns(d, many, asked=None):
    columns = read_columns(d, many, asked)
    return None if columns is None else aggregate.from_columns(d, columns, len(many))


@settings(max_examples=300, deadline=None)
@given(st.lists(mixed_answers, max_size=8), asked_sets)
def test_columns_agree_with_one_by_one_for_any_answers(many, asked):
    assert json.dumps(by_columns(MIXED, many, asked)) == json.dumps(one_by_one(MIXED, many, asked))


enough_mixed = st.fixed_dictionaries(
    {"r1": st.sampled_from([1, 2, 3, 4, 5, "vet-ikke", "3", 2.0, " 4 "]),
     "r2": st.sampled_from([1, 2, 3, 4, 5, "4", 5.0, None, ""]),
     "bosted": st.sampled_from(["by", "land", "", None]), "plan": st.sampled_from(["ja", "nei", "vet-ikke", " ja"]),
     "bolig": st.sampled_from(["gronn", "gul", "rod", "", None])},
    optional={"bedre": st.text(max_size=4)})


@settings(max_examples=300, deadline=None)
@given(st.lists(enough_mixed, max_size=10), asked_sets)
def test_columns_agree_when_most_answer_enough(many, asked):
    """Most of these fit (min_answered 3 of 5); some answer too little or only «vet ikke»."""
    assert json.dumps(by_columns(MIXED, many, asked)) == json.dumps(one_by_one(MIXED, many, asked))


def test_a_response_that_answers_too_little_leaves_no_columns():
    enough = {"r1": 4, "r2": 3, "plan": "ja"}
    assert read_columns(MIXED, [enough, enough]) is not None
    assert read_columns(MIXED, [enough, {"r1": 4, "r2": 3}]) is None                   # 2 of the 3 needed
    assert read_columns(MIXED, [enough, {"r1": "vet-ikke", "plan": "vet-ikke", "bosted": ""}]) is None
    assert read_columns(MIXED, [enough, {"r1": 4}], asked={"r1", "r2"}) is not None    # half of those asked
    assert check_columns(MIXED, {"r1": ["4", " vet-ikke "]}, 2, asked={"r1"}) is None  # only «vet ikke»


@settings(max_examples=300, deadline=None)
@given(st.lists(vas_answers, max_size=8))
def test_columns_agree_with_one_by_one_for_vas_and_a_sum_scale(many):
    assert json.dumps(by_columns(VAS, many)) == json.dumps(one_by_one(VAS, many))


good_mixed = st.fixed_dictionaries(
    {"r1": st.sampled_from([1, 2, 3, 4, 5, "vet-ikke", "3", 2.0])},
    optional={"r2": st.sampled_from([1, 2, 3, 4, 5, "4", None, ""]), "bosted": st.sampled_from(["by", "land"]),
              "plan": st.sampled_from(["ja", "nei", "vet-ikke"]), "bolig": st.sampled_from(["gronn", "gul", "rod"]),
              "bedre": st.text(max_size=4)})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2026-01", "2026-02", "2025-12"]), st.one_of(good_mixed, enough_mixed)),
                max_size=14),
       st.integers(1, 4), asked_sets)
def test_export_with_columns_is_the_export_without(answers_by_month, k, asked):
    """build() given the columns of every record (as veiviser aggregate gives them) makes the
    same export as build() checking the records one by one; there are columns only when no
    record answers too little (build() would leave such a record out of every batch)."""
    recs = records(mixed_definition(), answers_by_month)
    without = export.build(MIXED, recs, "dev", None, k, asked)
    columns = read_columns(MIXED, [r["answers"] for r in recs], asked)
    kept = [r for r in recs if not check_answers(MIXED, r["answers"], asked).too_few]
    released = sorted(kept, key=lambda r: r["month"])[: len(kept) // k * k]
    old = aggregate.aggregate(MIXED, [check_answers(MIXED, r["answers"], asked) for r in released])
    assert without["items"] == old["items"] and without["scales"] == old["scales"] and without["n"] == old["n"]
    if columns is None:
        assert len(kept) < len(recs)        # good_mixed always fits: only too little makes None
    else:
        assert len(kept) == len(recs)
        given_columns = export.build(MIXED, recs, "dev", None, k, asked, columns=columns)
        assert export.to_json(given_columns) == export.to_json(without)


def test_export_with_columns_keeps_only_this_survey_and_names_a_bad_month():
    """Records of another survey are skipped; a bad month or a record that is not a map is
    named as build() names it one by one."""
    enough = {"r1": 4, "r2": 3, "plan": "ja"}
    recs = records(mixed_definition(), [("2026-02", enough), ("2026-01", enough), ("2026-01", enough)])
    recs.insert(1, {**recs[0], "survey": "annen"})
    columns = read_columns(MIXED, [r["answers"] for r in recs])
    assert export.to_json(export.build(MIXED, recs, "dev", None, 2, columns=columns)) == \
        export.to_json(export.build(MIXED, recs, "dev", None, 2))
    for bad in ({**recs[2], "month": "2026-13"}, {**recs[2], "month": ["2026-01"]}, "ikke et svar"):
        wrong = recs[:2] + [bad] + recs[3:]
        errors = []
        for given_columns in (None, columns):
            try:
                export.build(MIXED, wrong, "dev", None, 2, columns=given_columns)
            except export.ExportError as exc:
                errors.append(str(exc))
        assert len(errors) == 2 and errors[0] == errors[1] and "records[2]" in errors[0]


def test_a_column_nobody_answered_and_required_items():
    columns = check_columns(MIXED, {"r1": ["1", "2"]}, 2, asked={"r1"})     # a file that asked r1 only
    assert columns is not None and columns["bosted"].keys == [None, None] and columns["bosted"].clean == {None: BLANK}
    assert check_columns(MIXED, {"r1": ["1", "2"]}, 2) is None          # 1 of the 3 needed of all 5
    assert check_columns(MIXED, {"r2": ["1", "2"]}, 2, asked={"r2"}) is None       # r1 is required
    assert check_columns(MIXED, {}, 0) is not None                    # no responses: nothing missing


def test_one_true_among_ones_is_not_an_answer():
    assert read_columns(MIXED, [{"r1": 1}, {"r1": True}], asked={"r1"}) is None
    assert read_columns(MIXED, [{"r1": 1}, {"r1": 1.0}], asked={"r1"}) is not None  # 1.0 is the answer 1, as check_answers says


