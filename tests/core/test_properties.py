"""Property tests (hypothesis): merging is associative and commutative, and the aggregate
of a split equals the aggregate of the whole."""
from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from core_cases import mixed_definition, records, vas_definition

from veiviser.core import aggregate, definition, export, merge
from veiviser.core.response import check_answers

VAS = definition.check(vas_definition(k=1))
MIXED = definition.check(mixed_definition(k=1))

months = st.sampled_from(["2025-11", "2025-12", "2026-01", "2026-02"])
vas_value = st.one_of(st.integers(0, 10), st.floats(0, 10, allow_nan=False).map(lambda x: round(x, 1)))
vas_answers = st.fixed_dictionaries({"a": vas_value}, optional={"b": vas_value, "kommentar": st.text(max_size=5)})
rating = st.sampled_from([1, 2, 3, 4, 5])
mixed_answers = st.fixed_dictionaries(
    {"r1": st.one_of(rating, st.just("vet-ikke"))},
    optional={"r2": rating, "bosted": st.sampled_from(["by", "land"]),
              "plan": st.sampled_from(["ja", "nei", "vet-ikke"]),
              "bolig": st.sampled_from(["gronn", "gul", "rod"])})


def vas_export(device: str, responses: list) -> dict:
    return export.build(VAS, records(vas_definition(k=1), responses), device)


responses = st.lists(st.tuples(months, vas_answers), max_size=12)


def same(a: dict, b: dict) -> bool:
    return export.to_json(a) == export.to_json(b)


@settings(max_examples=60, deadline=None)
@given(responses, responses, responses)
def test_merge_is_commutative_and_associative(r1, r2, r3):
    a, b, c = vas_export("dev-a", r1), vas_export("dev-b", r2), vas_export("dev-c", r3)
    whole = merge.merge_exports([a, b, c])
    for order in ([b, a, c], [c, b, a], [a, c, b]):
        assert same(merge.merge_exports(order), whole)
    assert same(merge.merge_exports([merge.merge_exports([a, b]), c]), whole)
    assert same(merge.merge_exports([a, merge.merge_exports([b, c])]), whole)


@settings(max_examples=60, deadline=None)
@given(st.lists(responses, min_size=1, max_size=4))
def test_latest_export_per_device_wins_in_any_order(growing):
    """A device's cumulative exports: each holds everything before it plus more."""
    so_far, docs = [], []
    for batch in growing:
        so_far = so_far + batch
        docs.append(vas_export("dev-a", list(so_far)))
    latest = merge.merge_exports([docs[-1]])
    assert same(merge.merge_exports(list(reversed(docs))), latest)
    assert same(merge.merge_exports(docs), latest)


@settings(max_examples=60, deadline=None)
@given(st.lists(vas_answers, max_size=20), st.integers(0, 20))
def test_aggregate_of_a_split_equals_aggregate_of_the_whole_vas(answers, cut):
    checked = [check_answers(VAS, a) for a in answers]
    assert all(c.valid for c in checked)
    whole = aggregate.aggregate(VAS, checked)
    parts = aggregate.merge(aggregate.aggregate(VAS, checked[:cut]), aggregate.aggregate(VAS, checked[cut:]))
    assert parts == whole
    assert whole["n"] == len(answers)
    assert sum(whole["items"]["a"]["histogram"]) == len(answers)


@settings(max_examples=60, deadline=None)
@given(st.lists(mixed_answers, max_size=20), st.integers(0, 20))
def test_aggregate_of_a_split_equals_aggregate_of_the_whole_mixed(answers, cut):
    checked = [check_answers(MIXED, a) for a in answers]
    whole = aggregate.aggregate(MIXED, checked)
    left = aggregate.aggregate(MIXED, checked[:cut])
    right = aggregate.aggregate(MIXED, checked[cut:])
    assert aggregate.merge(left, right) == whole == aggregate.merge(right, left)
    for item_id, entry in whole["items"].items():
        assert sum(entry["counts"].values()) == sum(1 for a in answers if item_id in a)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(months, vas_answers), max_size=25), st.integers(1, 6))
def test_released_n_is_whole_batches(responses_, k):
    d = vas_definition(k=k)
    doc = export.build(definition.check(d), records(d, responses_), "dev")
    assert doc["n"] == len(responses_) // k * k
    export.check(copy.deepcopy(doc))
