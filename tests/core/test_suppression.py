"""Suppression: brute force over every table consistent with the published cells and n shows
that no hidden cell can be worked out (each keeps at least two possible values)."""
from __future__ import annotations


import pytest
from hypothesis import given, settings, strategies as st

from veiviser.core import suppression as sup
from helpers import consistent_tables


def assert_nothing_recoverable(counts: dict, k: int):
    published = sup.suppress(counts, k)
    if published["too_few"]:
        assert all(v is None for v in published["cells"].values()) and published["n"] is None
        return
    for c, v in published["cells"].items():
        assert v is None or v == 0 or v >= k, f"published small cell {c}={v}"
    hidden = [c for c in counts if published["suppressed"][c]]
    if not hidden:
        return
    # The reader knows zeros are published (hidden cells are >= 1) unless every cell is hidden,
    # and may guess that all hidden cells are below k. Under each view, if the true table fits
    # it, every hidden cell must keep at least two possible values.
    lo = 0 if all(published["suppressed"].values()) else 1
    for hi in (None, k - 1):
        tables = list(consistent_tables(published, lo, hi))
        if counts not in tables:
            continue                   # this guess is wrong for the true table: it misleads the reader
        for c in hidden:
            possible = {t[c] for t in tables}
            assert len(possible) >= 2, f"hidden cell {c} is determined: {possible} (counts {counts}, hi {hi})"


@pytest.mark.parametrize("counts", [
    {"a": 3, "b": 20, "c": 30},           # one small cell: a complementary cell must go too
    {"a": 9, "b": 9, "c": 40},            # two primaries at k-1: both 9 would be recoverable
    {"a": 1, "b": 1, "c": 25},            # two ones: sum 2 over two cells >= 1 is determined
    {"a": 5, "b": 0, "c": 12, "d": 11},
    {"a": 2, "b": 15},                    # only two categories
    {"a": 12, "b": 0, "c": 0},            # one non-zero cell: nothing small to hide
])
def test_crafted_tables_hide_nothing_recoverable(counts):
    assert_nothing_recoverable(counts, 10)


def test_small_survey_shows_too_few():
    published = sup.suppress({"ja": 4, "nei": 5}, 10)
    assert published["too_few"] and published["n"] is None
    assert sup.share_text(None, published["n"]) == "for få svar"


def test_large_cells_are_published_with_their_n():
    published = sup.suppress({"ja": 40, "nei": 17}, 10)
    assert published["cells"] == {"ja": 40, "nei": 17}
    assert sup.share_text(40, 57) == "70 % (n = 57)"


def test_k_is_configurable():
    assert sup.suppress({"a": 6, "b": 30, "c": 30}, 5)["cells"]["a"] == 6
    assert sup.suppress({"a": 6, "b": 30, "c": 30}, 10)["cells"]["a"] is None


def test_download_rows_flag_hidden_values():
    rows = sup.rows_for_download("q1", sup.suppress({"a": 3, "b": 20, "c": 30}, 10))
    hidden = [r for r in rows if r["skjult"]]
    assert hidden and all(r["antall"] is None and r["andel_prosent"] is None for r in hidden)


def test_bad_counts_are_refused():
    with pytest.raises(ValueError):
        sup.suppress({"a": -1, "b": 20}, 10)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=14), min_size=2, max_size=4), st.integers(min_value=3, max_value=6))
def test_random_small_tables(values, k):
    assert_nothing_recoverable({f"c{i}": v for i, v in enumerate(values)}, k)
