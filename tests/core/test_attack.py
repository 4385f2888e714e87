"""Play the attacker who knows the publication rules (issue 12, item 7 (b)): for small tables,
go through EVERY table of the same n, publish each with core's rules, and group the tables by
what gets published. A reader of one publication cannot tell apart the tables in its group,
so every hidden cell must take at least two values within each group.

1. Suppression (core.suppression.suppress): the published cells and the pattern of hidden
   ones. Rules 1–3 alone fail this (the pattern gives cells away); rule 4 closes it.
2. Statistics beside the bands (core.publish.numeric_stats): mean, median and quartiles with
   the band counts of a 0–10 line. Every value held by 1 to k - 1 people must keep two
   possible counts; the old rule (statistics whenever no band is hidden) fails this.
"""
from __future__ import annotations

import itertools
from collections import defaultdict

import pytest

from veiviser.core import publish, summary, suppression


def all_tables(n: int, cats: int):
    for values in suppression.compositions(n, cats, lo=0):
        yield dict(zip("abcdefgh", values))


def key_of(published: dict) -> tuple:
    return (published["too_few"], tuple(published["cells"].items()), tuple(published["suppressed"].items()))


def pinned_cells(rule, k: int, cats: int, sizes) -> list:
    """(n, published, cell) for every hidden cell a reader can work out under `rule`."""
    found = []
    for n in sizes:
        groups: dict = defaultdict(list)
        for table in all_tables(n, cats):
            groups[key_of(rule(table, k))].append(table)
        for key, tables in groups.items():
            too_few, cells, hidden = key
            if too_few:
                continue
            for cell, is_hidden in hidden:
                if is_hidden and len({t[cell] for t in tables}) < 2:
                    found.append((n, dict(cells), cell))
    return found


@pytest.mark.parametrize("k, cats, sizes", [(3, 3, range(3, 16)), (5, 4, range(5, 19)), (10, 3, range(10, 31))])
def test_knowing_the_suppression_rules_gives_no_hidden_cell_away(k, cats, sizes):
    assert pinned_cells(suppression.suppress, k, cats, sizes) == []


def test_rules_one_to_three_alone_would_give_cells_away():
    """What the security probe found: the pattern alone narrows some hidden cells to one value."""
    assert pinned_cells(suppression._suppress, 5, 4, range(5, 19)) != []


def fine_histograms(band_counts: tuple):
    bands = publish.vas_bands()
    per_band = [list(suppression.compositions(c, len(idx), lo=0)) for c, (_, idx) in zip(band_counts, bands)]
    for parts in itertools.product(*per_band):
        yield [x for part in parts for x in part]


def stats_pins(rule, k: int, band_counts: tuple) -> list:
    """Values held by 1..k-1 people whose count a reader of (band counts, statistics) can work out."""
    groups: dict = defaultdict(list)
    bands = publish.vas_bands()
    for hist in fine_histograms(band_counts):
        published = suppression.suppress(publish.band_counts(hist, bands), k)
        shown = rule(hist, published, k)
        if shown is not None:
            groups[tuple(sorted(shown.items()))].append(hist)
    pins = []
    for shown, hists in groups.items():
        for b in range(11):
            values = {h[b] for h in hists}
            if len(values) < 2 and 0 < next(iter(values)) < k:
                pins.append((band_counts, dict(shown), b, values))
    return pins


def new_rule(hist, published, k):
    return publish.numeric_stats(list(enumerate(hist)), published, k, publish.vas_bands())


def old_rule(hist, published, k):
    return publish.numeric_stats(list(enumerate(hist)), published, k)


@pytest.mark.parametrize("band_counts", [(0, 0, 10), (0, 10, 0), (0, 0, 20), (0, 10, 10), (10, 0, 0)])
def test_statistics_are_published_only_where_they_give_no_small_count_away(band_counts):
    assert stats_pins(new_rule, 10, band_counts) == []


def test_the_old_statistics_rule_gave_counts_away():
    """All ten answers in 8–10 with mean 10: everybody answered 10; mean 9.9: nine 10s and one 9."""
    pins = stats_pins(old_rule, 10, (0, 0, 10))
    assert any(p[2] == 9 and p[3] == {1} for p in pins)


def test_statistics_still_shown_where_safe():
    """Not everything is hidden: a spread of answers keeps its mean and quartiles."""
    hist = [2, 3, 4, 3, 4, 12, 19, 17, 16, 12, 11]
    published = suppression.suppress(publish.band_counts(hist, publish.vas_bands()), 10)
    assert new_rule(hist, published, 10) == {k: v for k, v in summary.stats(list(enumerate(hist))).items()
                                             if k in ("mean", "median", "q1", "q3")}
