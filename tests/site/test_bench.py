"""The pure helpers of scripts/bench.py (no browser, no builds): medians, budgets, the
results.json shape and the table. `make bench` itself is not part of `make test`."""
from __future__ import annotations

import gzip
import importlib.util
import json
import sys

import pytest
from helpers import ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module   # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_summary_is_median_min_max_with_budget(bench):
    fig = bench.summarise("staff_aggregate_10k_ms", [12.0, 30.0, 9.0, 14.0, 11.0])
    assert (fig["median"], fig["min"], fig["max"]) == (12.0, 9.0, 30.0)
    assert fig["unit"] == "ms" and fig["budget"] == 1000 and fig["pass"] is True
    assert fig["runs"] == [12.0, 30.0, 9.0, 14.0, 11.0]


def test_an_even_number_of_runs_takes_the_middle_pair(bench):
    assert bench.summarise("merge_1000_s", [1.0, 2.0, 3.0, 10.0, 4.0, 5.0])["median"] == 3.5


def test_a_median_over_budget_fails_and_one_at_the_budget_passes(bench):
    assert bench.summarise("submit_persist_ms", [250, 240, 10, 260, 230])["pass"] is False
    assert bench.summarise("submit_persist_ms", [200, 200, 200, 900, 1])["pass"] is True
    assert bench.passes(None, 5) is None and bench.passes(3, None) is None


def test_figure_without_budget_has_no_verdict(bench):
    assert bench.summarise("plain_form_first_input_ms", [5, 6, 7, 8, 9])["pass"] is None


def test_unknown_figure_and_empty_runs_are_errors(bench):
    with pytest.raises(KeyError):
        bench.summarise("page_fast_kb", [1, 2, 3, 4, 5])
    with pytest.raises(ValueError):
        bench.summarise("staff_aggregate_10k_ms", [])


def test_ratios_pair_runs_made_side_by_side(bench):
    assert bench.ratios([357.0, 714.0], [100.0, 100.0], 3.57) == pytest.approx([1.0, 2.0])
    with pytest.raises(ValueError):
        bench.ratios([1.0], [1.0, 2.0])


def document(bench, **figures):
    return {"schema": bench.SCHEMA_VERSION, "date": "2026-11-23T00:00:00+00:00", "machine": {"cpus": 2},
            "figures": figures}


def test_results_schema_accepts_a_good_document_and_survives_json(bench, tmp_path):
    doc = document(bench, merge_1000_s=bench.summarise("merge_1000_s", [1, 2, 3, 4, 5]),
                   **bench.paired("aggregate_vs_pandas", [1, 1, 1, 1, 2], [2, 2, 2, 2, 1]),
                   page_home_kb=bench.summarise("page_home_kb", [100, 101, 99, 100, 100]))
    bench.write_results(doc, tmp_path / "results.json")
    again = json.loads((tmp_path / "results.json").read_text("utf-8"))
    bench.check_results(again)
    assert again["figures"]["merge_1000_s"]["median"] == 3


@pytest.mark.parametrize("spoil, message", [
    (lambda d: d.pop("machine"), "machine"),
    (lambda d: d["figures"]["merge_1000_s"].pop("budget"), "missing"),
    (lambda d: d["figures"]["merge_1000_s"].update(runs=[1, 2, 3]), "at least 5"),
    (lambda d: d["figures"]["page_home_kb"].update({"pass": True}), "pass does not match"),   # median 300 > 100
    (lambda d: d["figures"]["merge_1000_s"].update(median=99), "outside"),
    (lambda d: d["figures"].update(other=d["figures"]["merge_1000_s"]), "unknown"),
])
def test_results_schema_rejects_broken_documents(bench, spoil, message):
    doc = document(bench, merge_1000_s=bench.summarise("merge_1000_s", [1, 2, 3, 4, 5]),
                   page_home_kb=bench.summarise("page_home_kb", [300, 300, 300, 300, 300]))
    spoil(doc)
    with pytest.raises(ValueError, match=message):
        bench.check_results(doc)


def test_a_page_that_loads_pyodide_must_be_marked_failed(bench):
    fig = bench.summarise("page_home_kb", [10, 10, 10, 10, 10], {"loads_pyodide": True})
    with pytest.raises(ValueError, match="pass does not match"):
        bench.check_results(document(bench, page_home_kb=fig))
    fig["pass"] = False
    bench.check_results(document(bench, page_home_kb=fig))


def test_table_lists_every_figure_with_its_verdict(bench):
    doc = document(bench, page_home_kb=bench.summarise("page_home_kb", [200, 210, 220, 230, 240]),
                   submit_persist_ms=bench.summarise("submit_persist_ms", [1, 1, 1, 1, 1]),
                   merge_1000_s=bench.summarise("merge_1000_s", [5, 5, 5, 5, 5]),
                   **bench.paired("form_vs_plain", [300, 300, 300, 300, 300], [200, 200, 200, 200, 200]))
    lines = bench.format_table(doc).splitlines()
    row = {line.split()[0]: line.split() for line in lines[2:]}
    assert row["page_home_kb"][-1] == "MISSED" and row["page_home_kb"][1] == "220"
    assert row["submit_persist_ms"][-1] == "ok"
    assert row["merge_1000_s"][-1] == "-"
    assert row["form_vs_plain"][1:3] == ["(300", "÷"] and row["form_vs_plain"][-1] == "MISSED"   # 1.5 > 1.2


def test_gzip_size_is_the_compressed_length(bench):
    data = b"Veiviser " * 1000
    assert bench.gzip_size(data) == len(gzip.compress(data, compresslevel=6, mtime=0)) < len(data)


def test_every_budget_in_the_issue_is_there(bench):
    budgets = {name: b.limit for name, b in bench.BUDGETS.items()}
    assert budgets["worker_snapshot_vs_normal"] == 0.35 and budgets["worker_normal_vs_bare"] == 1.15
    assert budgets["form_vs_plain"] == 1.2 and budgets["aggregate_vs_pandas"] == 1.0
    assert budgets["build_real_vs_mkdocs"] == 1.1 and budgets["build_national_vs_mkdocs"] == 1.1
    assert all(budgets[p] == 100 for p in ("page_home_kb", "page_municipality_kb", "page_service_kb",
                                           "page_finder_kb", "page_figures_kb",
                                           "survey_bytes_before_first_answer_kb"))
    assert budgets["staff_aggregate_10k_ms"] == 1000 and budgets["submit_persist_ms"] == 200
    assert budgets["hugo_national_s"] is None and budgets["merge_1000_s"] is None


def test_a_ratio_keeps_both_sides_as_pairs(bench):
    figs = bench.paired("worker_snapshot_vs_normal", [1000, 1200, 900, 1100, 1000], [4000, 4000, 3000, 4400, 2000])
    ratio = figs["worker_snapshot_vs_normal"]
    assert ratio["runs"] == [0.25, 0.3, 0.3, 0.25, 0.5] and ratio["median"] == 0.3 and ratio["pass"] is True
    assert ratio["numerator"] == "worker_ready_snapshot_ms" and ratio["anchor"] == "worker_ready_normal_ms"
    assert figs["worker_ready_normal_ms"]["median"] == 4000 and figs["worker_ready_snapshot_ms"]["unit"] == "ms"
    bench.check_results(document(bench, **figs))
    broken = dict(figs)
    del broken["worker_ready_normal_ms"]
    with pytest.raises(ValueError, match="side"):
        bench.check_results(document(bench, **broken))
    broken = dict(figs, worker_ready_normal_ms=bench.summarise("worker_ready_normal_ms", [1] * 6))
    with pytest.raises(ValueError, match="pairs"):
        bench.check_results(document(bench, **broken))


def test_every_figure_belongs_to_a_group_and_only_names_rerun_their_group(bench):
    for name in bench.BUDGETS:
        group = bench.group_of(name)
        pair = bench.BUDGETS[name].ratio_of
        assert name in group and (not pair or set(pair) <= group)


def test_list_names_every_figure_and_measures_nothing(bench, capsys, monkeypatch):
    monkeypatch.setattr(bench, "GROUPS", [])       # nothing may be measured
    monkeypatch.setattr(bench, "bench_browser", None)
    assert bench.main(["--list"]) == 0
    out = capsys.readouterr().out
    for name, budget in bench.BUDGETS.items():
        assert name in out
        if budget.ratio_of:
            assert f"{name} " in out and f"= {budget.ratio_of[0]} ÷ {budget.ratio_of[1]}" in out


def test_only_reruns_one_group_and_keeps_the_rest_marked_as_older(bench, tmp_path, monkeypatch):
    """--only NAME measures NAME's group (a ratio with its anchor) and nothing else; the other
    figures of the last results.json stay, marked with the date of their run. No real bench:
    the groups are stand-ins."""
    calls = []

    def aggregate_group(runs):
        calls.append(("aggregate", runs))
        return {**bench.paired("aggregate_vs_pandas", [1.0] * runs, [2.0] * runs),
                "csv_counter_s": bench.summarise("csv_counter_s", [0.5] * runs)}

    def must_not_run(*args):
        raise AssertionError("a group that was not asked for ran")

    monkeypatch.setattr(bench, "OUT", tmp_path)
    monkeypatch.setattr(bench, "machine", lambda: {"cpus": 2})
    monkeypatch.setattr(bench, "GROUPS", [(names, aggregate_group if "aggregate_vs_pandas" in names else must_not_run)
                                          for names, _ in bench.GROUPS])
    monkeypatch.setattr(bench, "bench_browser", must_not_run)
    earlier = document(bench, merge_1000_s=bench.summarise("merge_1000_s", [1, 2, 3, 4, 5]),
                       **bench.paired("aggregate_vs_pandas", [3] * 5, [1] * 5))
    bench.write_results(earlier, tmp_path / "results.json")
    assert bench.main(["--only", "aggregate_vs_pandas"]) == 0
    assert calls == [("aggregate", bench.MIN_RUNS)]
    doc = json.loads((tmp_path / "results.json").read_text("utf-8"))
    bench.check_results(doc)
    figs = doc["figures"]
    assert figs["aggregate_vs_pandas"]["median"] == 0.5 and figs["aggregate_vs_pandas"]["pass"] is True
    assert "from_earlier_run" not in figs["aggregate_vs_pandas"]
    assert figs["merge_1000_s"]["from_earlier_run"] == earlier["date"]
    assert "aggregate_vs_pandas" in (tmp_path / "results.txt").read_text("utf-8")
    with pytest.raises(SystemExit):
        bench.main(["--only", "no_such_figure"])
    with pytest.raises(SystemExit):
        bench.main(["--runs", "3"])        # fewer than 5 pairs is no figure


@pytest.fixture(scope="module")
def report():
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "scripts" / "bench-report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_report_shows_every_ratio_beside_its_anchor_with_machine_load_and_date(bench, report, tmp_path,
                                                                                monkeypatch):
    monkeypatch.setattr(report, "SITE", tmp_path / "no-site")      # no snapshot facts, no search index
    figs = {**bench.paired("aggregate_vs_pandas", [1.5, 1.4, 1.6, 1.5, 1.5], [2.0] * 5,
                           {"load_average": [1.5, 2.25], "wall_ratio_median": 0.8}),
            **bench.paired("form_vs_plain", [300] * 5, [200] * 5),
            "merge_1000_s": bench.summarise("merge_1000_s", [1, 2, 3, 4, 5])}
    doc = document(bench, **figs)
    doc["machine"].update(cpu="Test CPU", load_average_at_start=[3.5, 2, 1], load_average_at_end=[4, 3, 2],
                          commit="abc1234")
    doc.update(seconds=12.0, runs=5)
    bench.check_results(doc)
    text = report.page(doc)
    assert text.startswith("---\n") and "search:\n  exclude: true" in text
    assert doc["date"] in text and "Test CPU" in text and "`abc1234`" in text
    assert "ved start: 3,50, 2, 1" in text and "ved slutt: 4, 3, 2" in text
    assert "--only aggregate_vs_pandas" in text        # how to rerun one figure
    row = next(line for line in text.splitlines() if "`aggregate_vs_pandas`" in line)
    assert "`veiviser aggregate`, 100 000 CSV-rader: 1,50 (1,40–1,60) s" in row
    assert "pandas `read_csv` + `value_counts`, samme fil: 2 (2–2) s" in row
    assert "0,75 (0,70–0,80) ×" in row and "| ja |" in row
    form = next(line for line in text.splitlines() if "`form_vs_plain`" in line)
    assert "**nei**" in form                            # 1.5 > 1.2: missed, and said why below
    assert "### Skjema ÷ skjema uten Python" in text
    assert "`merge_1000_s`" in text.split("## Absolutte mål")[1]
    assert "1,50–2,25" in text                          # the load during the aggregate pairs
