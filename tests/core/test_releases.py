"""Releases over time (issue 12, item 7): fixed periods, published after they end, frozen once
recorded, and a new period only where its difference from the last release shows nothing below k.

The attacker keeps every release and subtracts: with one new batch of ten between two
publications (nine alike and one different), the running totals would move one cell by 9 and
another by 1, and the one who answered differently is found. The tests play that attack.
"""
from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod
from veiviser.core import publish, releases

from helpers import ROOT

K = 10


@pytest.fixture(scope="module")
def survey():
    return definition_mod.check(yaml.safe_load((ROOT / "surveys" / "brukerundersokelse.yaml").read_text("utf-8")))


def record(d, month: str, value: str) -> dict:
    """One answer: every rating question answered with the same value."""
    return {"survey": d.id, "version": d.version, "month": month,
            "answers": {i.id: value for i in d.items if i.type == "rating"}}


def published_cells(export: dict, d) -> dict:
    """(question, answer) -> the count a reader sees (hidden cells left out), and n per question."""
    out = {("*", "n"): export["n"]}
    for item_id, t in publish.tables(export, d, K).items():
        p = t["published"]
        if p["n"] is not None:
            out[(item_id, "n")] = p["n"]
        for cell, count in p["cells"].items():
            if count is not None:
                out[(item_id, cell)] = count
    return out


def moves_below_k(before: dict, after: dict) -> list:
    return [(key, after[key] - before[key]) for key in before.keys() & after.keys()
            if 0 < abs(after[key] - before[key]) < K]


def test_periods_are_fixed_and_end_before_they_are_published():
    assert releases.period_of("2026-03", 6) == {"from": "2026-01", "to": "2026-06"}
    assert releases.period_of("2026-12", 3) == {"from": "2026-10", "to": "2026-12"}
    assert releases.last_ended("2026-11-30", 6) == {"from": "2026-01", "to": "2026-06"}
    assert releases.last_ended("2026-07-01", 6) == {"from": "2026-01", "to": "2026-06"}
    assert releases.last_ended("2026-06-30", 6) == {"from": "2025-07", "to": "2025-12"}   # June not over
    assert releases.last_ended("2026-01-15", 12) == {"from": "2025-01", "to": "2025-12"}
    assert releases.upcoming("2026-11-30", 6) == {"from": "2026-07", "to": "2026-12"}
    with pytest.raises(ValueError, match="5"):
        releases.period_of("2026-01", 5)


def test_a_cumulative_export_is_split_by_the_period_its_answers_end_in(survey):
    """Of one tablet, the latest export whose answers end inside the period holds its answers up
    to then; a later export (with answers after the period) waits for the next period."""
    d = survey
    early = [record(d, "2025-10", "5")] * 20
    late = early + [record(d, "2026-02", "4")] * 10
    docs = [export_mod.build(d, early, "a", "klepp/moteplassen"), export_mod.build(d, late, "a", "klepp/moteplassen")]
    names = ["a-okt.json", "a-feb.json"]
    h2 = releases.candidate(docs, names, {"from": "2025-07", "to": "2025-12"})
    assert h2["n"] == 20 and h2["period"] == {"from": "2025-10", "to": "2025-10"}
    assert releases.candidate(docs, names, {"from": "2026-01", "to": "2026-06"})["n"] == 30
    assert releases.candidate(docs, names, {"from": "2025-01", "to": "2025-06"}) is None


def test_nothing_is_published_before_the_period_has_ended(survey):
    d = survey
    docs = [export_mod.build(d, [record(d, "2026-09", "5")] * 30, "a", "klepp/moteplassen")]
    decision = releases.decide(docs, ["a.json"], [], d, K, "2026-11-30", 6)
    assert decision["status"] == "waiting" and decision["export"] is None
    assert decision["period"] == {"from": "2026-07", "to": "2026-12"}
    assert releases.decide(docs, ["a.json"], [], d, K, "2027-01-02", 6)["status"] == "ready"


def test_one_new_batch_between_two_releases_moves_no_cell_by_1_to_9(survey):
    """(a) The attack: a first release of 40 answers, then one batch of ten in the next period,
    nine alike and one different. Unprotected, the totals move by 9 and by 1 (the test can
    fail: it checks that first). Protected, the last release stays: nothing moves, and the
    reason names the moves; both the frozen build and `veiviser release` keep it."""
    d = survey
    first = [record(d, "2025-10", v) for v in ["5"] * 10 + ["4"] * 10 + ["3"] * 10 + ["1"] * 10]
    batch = [record(d, "2026-02", "5")] * 9 + [record(d, "2026-02", "1")]
    docs1 = [export_mod.build(d, first, "a", "klepp/moteplassen")]
    d1 = releases.decide(docs1, ["a.json"], [], d, K, "2026-01-05", 6)
    assert d1["status"] == "ready"
    recorded = [releases.release(d1, "2026-01-05")]
    published_1 = published_cells(recorded[-1]["export"], d)

    docs2 = docs1 + [export_mod.build(d, first + batch, "a", "klepp/moteplassen")]
    unprotected = releases.candidate(docs2, ["a.json", "a2.json"], {"from": "2026-01", "to": "2026-06"})
    moved = moves_below_k(published_1, published_cells(unprotected, d))
    assert {m for _, m in moved} == {9, 1}, moved         # the one who answered «1» is found

    d2 = releases.decide(docs2, ["a.json", "a2.json"], recorded, d, K, "2026-07-02", 6)
    assert d2["status"] == "kept"
    assert any("endres med 1" in p for p in d2["problems"]) and any("endres med 9" in p for p in d2["problems"])
    with pytest.raises(ValueError):
        releases.release(d2, "2026-07-02")                # `veiviser release` records nothing
    assert moves_below_k(published_1, published_cells(recorded[-1]["export"], d)) == []


def test_a_period_released_is_frozen_when_late_exports_arrive(survey):
    """An export that arrives after its period was released does not change what is published."""
    d = survey
    first = [record(d, "2025-10", "5")] * 20
    docs = [export_mod.build(d, first, "a", "klepp/moteplassen")]
    recorded = [releases.release(releases.decide(docs, ["a.json"], [], d, K, "2026-01-05", 6), "2026-01-05")]
    late = docs + [export_mod.build(d, [record(d, "2025-11", "2")] * 10, "b", "klepp/moteplassen")]
    decision = releases.decide(late, ["a.json", "b.json"], recorded, d, K, "2026-03-01", 6)
    assert decision["status"] == "current" and decision["period"] == {"from": "2025-07", "to": "2025-12"}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(["1", "2", "3", "4", "5", "vet-ikke"]), min_size=0, max_size=60),
                min_size=2, max_size=5))
def test_no_two_successive_publications_differ_by_1_to_9_anywhere(survey, periods):
    """Any history of half-years, each with any answers: between every two successive
    publications a reader can see, no count and no n moves by 1 to k - 1."""
    d = survey
    records, docs, names, recorded = [], [], [], []
    shown = None
    for i, answers in enumerate(periods):
        year, half = 2024 + i // 2, i % 2
        month = f"{year}-{'03' if half == 0 else '09'}"
        records += [record(d, month, v) for v in answers]
        docs.append(export_mod.build(d, list(records), "a", "klepp/moteplassen"))
        names.append(f"a-{i}.json")
        today = f"{year + half}-{'07' if half == 0 else '01'}-02"        # the day after the period
        decision = releases.decide(docs, names, recorded, d, K, today, 6)
        if decision["status"] == "ready":
            recorded.append(releases.release(decision, today))
        if recorded:
            now = published_cells(recorded[-1]["export"], d)
            if shown is not None:
                assert moves_below_k(shown, now) == []
            shown = now


def test_enough_new_answers_make_a_new_release(survey):
    """Twenty new answers, ten «5» and ten «4»: every published count moves by 0 or at least
    ten, so the next period is released, and the release before it stays as it was."""
    d = survey
    first = [record(d, "2025-10", v) for v in ["5"] * 10 + ["4"] * 10]
    docs = [export_mod.build(d, first, "a", "klepp/moteplassen")]
    recorded = [releases.release(releases.decide(docs, ["a.json"], [], d, K, "2026-01-05", 6), "2026-01-05")]
    more = first + [record(d, "2026-03", v) for v in ["5"] * 10 + ["4"] * 10]
    docs.append(export_mod.build(d, more, "a", "klepp/moteplassen"))      # the tablet's next export
    decision = releases.decide(docs, ["a-okt.json", "a-mar.json"], recorded, d, K, "2026-07-02", 6)
    assert decision["status"] == "ready", decision["problems"]
    recorded.append(releases.release(decision, "2026-07-02"))
    before, after = published_cells(recorded[0]["export"], d), published_cells(recorded[1]["export"], d)
    assert after[("*", "n")] == 40 and moves_below_k(before, after) == []
    assert recorded[0]["export"]["n"] == 20
