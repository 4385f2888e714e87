"""Aggregation, batch release, export, merge and summary against hand-computed cases.
Plain asserts, no fixtures (runs in Pyodide too)."""
PYODIDE = True

import copy
import json

from core_cases import VAS_RESPONSES, mixed_definition, records, vas_definition

from veiviser.core import definition, export, merge, release, summary
from veiviser.core.export import ExportError
from veiviser.core.merge import MergeError


def vas_export(device="dev-a", k=2, responses=VAS_RESPONSES, service=None):
    d = vas_definition(k)
    return export.build(definition.check(d), records(d, responses), device, service)


def expect_error(fn, *args, kind=ValueError) -> str:
    try:
        fn(*args)
    except kind as exc:
        return str(exc)
    raise AssertionError(f"{fn.__name__} did not refuse")


def test_vas_export_is_hand_computed():
    doc = vas_export()
    # Oldest first, whole batches of 2: the four records from 2026-01..03; 2026-04 waits.
    assert doc["n"] == 4 and doc["k"] == 2
    assert doc["period"] == {"from": "2026-01", "to": "2026-03"}
    assert doc["items"] == {"a": {"histogram": [1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1]},
                            "b": {"histogram": [0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0]}}
    hist = [0] * 21
    for total in (6, 10, 19):         # 5.5 rounds half up to 6; 19.4 to 19; the 4th has no b
        hist[total] = 1
    assert doc["scales"] == {"sum": {"min": 0, "step": 1, "histogram": hist, "n": 3, "cutoffs": [10]}}
    assert "kommentar" not in doc["items"]          # free text never enters an aggregate
    assert "Fint" not in export.to_json(doc)
    assert doc["survey"]["hash"] == definition.canonical_hash(vas_definition(2))
    assert doc["cumulative"] is True and "service" not in doc


def test_mixed_export_counts_every_answer():
    d = mixed_definition(k=3)
    recs = records(d, [
        ("2026-05", {"r1": 5, "r2": 4, "bosted": "by", "plan": "ja", "bolig": "gronn"}),
        ("2026-05", {"r1": "vet-ikke", "r2": 2, "plan": "nei"}),
        ("2026-06", {"r1": 3, "bosted": "land", "bolig": "rod", "bedre": "x"}),
    ])
    recs.append({"survey": "another", "version": 1, "month": "2026-01", "answers": {}})   # not ours
    doc = export.build(definition.check(d), recs, "dev-x", "klepp/moteplassen")
    assert doc["n"] == 3 and doc["service"] == "klepp/moteplassen"
    assert doc["items"]["r1"] == {"counts": {"5": 1, "4": 0, "3": 1, "2": 0, "1": 0, "vet-ikke": 1}}
    assert doc["items"]["r2"] == {"counts": {"5": 0, "4": 1, "3": 0, "2": 1, "1": 0}}
    assert doc["items"]["bosted"] == {"counts": {"by": 1, "land": 1}}
    assert doc["items"]["plan"] == {"counts": {"ja": 1, "nei": 1, "vet-ikke": 0}}
    assert doc["items"]["bolig"] == {"counts": {"gronn": 1, "gul": 0, "rod": 1}}
    scale = doc["scales"]["snitt"]
    assert scale["min"] == 1 and scale["step"] == 0.1 and len(scale["histogram"]) == 41
    assert [i for i, c in enumerate(scale["histogram"]) if c] == [10, 20, 35]   # 2.0, 3.0, 4.5


def test_batch_release_whole_batches_oldest_first():
    recs = [{"month": m} for m in ("2026-03", "2026-01", "2026-02", "2026-01", "2026-05")]
    out = release.releasable(recs, 2)
    assert [r["month"] for r in out] == ["2026-01", "2026-01", "2026-02", "2026-03"]
    assert out[0] is recs[1] and out[1] is recs[3]          # equal months keep their order
    assert release.releasable(recs, 10) == []
    assert len(release.releasable(recs, 1)) == 5
    assert vas_export(k=10)["n"] == 0 and vas_export(k=10)["period"] is None


def test_months_only():
    d = vas_definition()
    for month in ("2026-03-05", "2026-13", "26-03", None):
        recs = records(d, [(month, {"a": 1})])
        message = expect_error(export.build, definition.check(d), recs, "dev")
        assert "YYYY-MM" in message


def test_export_refuses_bad_device_service_and_answers():
    d = definition.check(vas_definition(1))
    recs = records(vas_definition(1), [("2026-01", {"a": 1})])
    assert "enheten 'ein enhet'" in expect_error(export.build, d, recs, "ein enhet")
    assert "tjenesten 'Klepp Kommune'" in expect_error(export.build, d, recs, "dev", "Klepp Kommune")
    bad = records(vas_definition(1), [("2026-01", {"a": 12})])
    assert "a: 12 er utenfor skalaen; svaret må ligge mellom 0 og 10." in expect_error(export.build, d, bad, "dev")


def test_json_round_trip():
    doc = vas_export()
    text = export.to_json(doc)
    assert export.from_json(text) == doc
    assert export.to_json(export.from_json(text)) == text


def test_from_json_names_the_problem():
    good = vas_export()

    def broken(change) -> str:
        doc = copy.deepcopy(good)
        change(doc)
        return expect_error(export.from_json, json.dumps(doc), "x.json", kind=ExportError)

    assert expect_error(export.from_json, "{nope", "x.json", kind=ExportError).startswith(
        "x.json: er ikke gyldig JSON (linje 1)")
    assert "schema" in broken(lambda d: d.update(schema="other/1"))
    assert "n: 3 er ikke et helt antall puljer på k = 2" in broken(lambda d: d.update(n=3))
    assert "items.a.histogram: må være 11" in broken(lambda d: d["items"]["a"].update(histogram=[1, 2]))
    assert "mer enn n = 4" in broken(lambda d: d["items"]["b"].update(histogram=[5] + [0] * 10))
    assert "period.to" in broken(lambda d: d["period"].update(to="2026-03-01"))
    assert "survey.hash" in broken(lambda d: d["survey"].update(hash="md5:1"))
    assert "scales.sum.n" in broken(lambda d: d["scales"]["sum"].update(n=2))
    assert "extra: ukjent felt" in broken(lambda d: d.update(extra=1))
    assert "x.json: device: mangler" in broken(lambda d: d.pop("device"))
    assert "x.json: k: mangler" in broken(lambda d: d.pop("k"))
    # Numbers beyond sense (export.MAX_N, MAX_BINS) are refused whatever else the file says.
    assert "x.json: n: 1000000000000000000000000000000 er mer enn grensen" in broken(lambda d: d.update(n=10 ** 30))
    assert "grensen på 10001" in broken(lambda d: d["scales"]["sum"].update(histogram=[0] * 5_000_000))


def test_from_json_refuses_k_below_the_publication_k():
    text = export.to_json(vas_export())              # k = 2
    assert export.from_json(text, "x.json", k_min=2)["k"] == 2
    message = expect_error(export.from_json, text, "x.json", 10, kind=ExportError)
    assert message.startswith("x.json: k: k = 2 er mindre enn k = 10, som tallene publiseres med")


def test_check_fit_refuses_what_the_definition_does_not_make():
    good = vas_export()
    d = definition.check(vas_definition(2))
    export.check_fit(good, d, "x.json")

    def misfit(change) -> str:
        doc = copy.deepcopy(good)
        change(doc)
        return expect_error(export.check_fit, doc, d, "x.json", kind=ExportError)

    assert "x.json: items.c: skjemaet test-vas har ikke noe spørsmål" in misfit(
        lambda doc: doc["items"].update(c={"histogram": [0] * 11}))
    assert "x.json: items.b: mangler" in misfit(lambda doc: doc["items"].pop("b"))
    assert "x.json: items.a: 3 svar, men spørsmålet må besvares, så alle n = 4" in misfit(
        lambda doc: doc["items"]["a"].update(histogram=[0] * 10 + [3]))
    assert "x.json: scales.sum.histogram: 5000 søyler, men skalaen går fra 0 til 20 (21 søyler)" in misfit(
        lambda doc: doc["scales"]["sum"].update(histogram=[0] * 4997 + [1, 1, 1]))
    assert "scales.sum.cutoffs" in misfit(lambda doc: doc["scales"]["sum"].update(cutoffs=[12]))
    assert "survey.hash: stemmer ikke" in misfit(lambda doc: doc["survey"].update(hash="sha256:" + "0" * 64))
    m = definition.check(mixed_definition(3))
    doc = export.build(m, records(mixed_definition(3), [("2026-01", {"r1": 5})] * 3), "dev")
    export.check_fit(doc, m, "m.json")
    doc["items"]["r1"]["counts"]["7"] = 0
    assert expect_error(export.check_fit, doc, m, "m.json", kind=ExportError) == (
        "m.json: items.r1.counts: «7» er ikke et svaralternativ; svaralternativene er 5, 4, 3, 2, 1, vet-ikke")
    del doc["items"]["r1"]["counts"]["7"]
    del doc["items"]["plan"]["counts"]["nei"]
    assert "items.plan.counts: svaralternativet «nei» mangler" in expect_error(
        export.check_fit, doc, m, "m.json", kind=ExportError)


def test_merge_sums_different_devices():
    a, b = vas_export("dev-a"), vas_export("dev-b", responses=VAS_RESPONSES[:2])
    out = merge.merge_exports([a, b])
    assert out["n"] == 6 and out["devices"] == ["dev-a", "dev-b"] and out["device"] == "merged"
    assert out["items"]["a"]["histogram"] == [p + q for p, q in zip(a["items"]["a"]["histogram"],
                                                                     b["items"]["a"]["histogram"])]
    assert out["scales"]["sum"]["n"] == 3 + 2       # both of b's responses have a sum
    assert out["period"] == {"from": "2026-01", "to": "2026-03"}
    assert out["cumulative"] is False
    export.check(out)                      # a merged export is a valid export


def test_merge_latest_cumulative_export_per_device_wins():
    old = vas_export("dev-a", responses=VAS_RESPONSES[:2])          # n = 2
    new = vas_export("dev-a")                                       # n = 4, same device
    for order in ([old, new], [new, old]):
        out = merge.merge_exports(order)
        assert out["n"] == 4 and out["items"] == new["items"]
    # Equal n: the later period.to wins.
    early = vas_export("dev-a", responses=[("2026-01", {"a": 1, "b": 1}), ("2026-01", {"a": 2, "b": 2})])
    late = vas_export("dev-a", responses=[("2026-01", {"a": 1, "b": 1}), ("2026-02", {"a": 3, "b": 3})])
    assert merge.merge_exports([late, early])["items"] == late["items"]
    assert merge.merge_exports([early, late])["items"] == late["items"]


def test_merge_refuses_mismatches_with_the_file_name():
    a = vas_export()
    other_version = copy.deepcopy(a)
    other_version["survey"]["version"] = 2
    message = expect_error(merge.merge_exports, [a, other_version], ["a.json", "b.json"], kind=MergeError)
    assert message.startswith("b.json: versjon er 2, men a.json har 1")
    other_hash = copy.deepcopy(a)
    other_hash["survey"]["hash"] = "sha256:" + "0" * 64
    assert "skjematekst (hash)" in expect_error(merge.merge_exports, [a, other_hash], kind=MergeError)
    assert "ingenting å slå sammen" in expect_error(merge.merge_exports, [], kind=MergeError)
    elsewhere = vas_export("dev-b", service="klepp/moteplassen")
    assert "slå bare sammen eksporter fra samme tjeneste" in expect_error(
        merge.merge_exports, [vas_export(service="klepp/annen"), elsewhere], kind=MergeError)


def test_merge_files_checks_every_file_and_says_what_became_of_each():
    d = vas_definition(2)
    old = export.to_json(vas_export("dev-a", responses=VAS_RESPONSES[:2]))
    new = export.to_json(vas_export("dev-a"))
    other = export.to_json(vas_export("dev-b"))
    out = merge.merge_files([("gammel.json", old), ("ny.json", new), ("b.json", other)], [d], 2)
    assert out["merged"] == merge.merge_exports([json.loads(new), json.loads(other)])
    assert [(f["name"], f["used"]) for f in out["files"]] == [("gammel.json", False), ("ny.json", True),
                                                             ("b.json", True)]
    assert "nyere eksport fra samme enhet (ny.json)" in out["files"][0]["note"]
    # Every bad file at once, each by name; a file the reader has no definition for is refused.
    broken = json.loads(other)
    broken["items"]["a"]["histogram"][0] += 2          # more answers than n
    unknown = json.loads(other)
    unknown["survey"]["version"] = 9
    try:
        merge.merge_files([("ok.json", new), ("feil.json", json.dumps(broken)), ("tull.json", "{"),
                           ("ukjent.json", json.dumps(unknown)), ("ok.json", new)], [d], 2)
    except MergeError as exc:
        problems = exc.problems
    else:
        raise AssertionError("merge_files accepted bad files")
    assert len(problems) == 4
    assert problems[0] == "feil.json: items.a.histogram: summen er 6, mer enn n = 4"
    assert problems[1].startswith("tull.json: er ikke gyldig JSON")
    assert problems[2].startswith("ukjent.json: survey: skjemaet test-vas versjon 9 finnes ikke her")
    assert problems[3] == "ok.json: filen er valgt to ganger"
    assert "k = 2 er mindre enn k = 10" in expect_error(merge.merge_files, [("x.json", new)], [d], 10,
                                                       kind=MergeError)


def test_merged_export_merges_again_but_not_twice():
    a, b, c = vas_export("dev-a"), vas_export("dev-b"), vas_export("dev-c")
    ab = merge.merge_exports([a, b])
    assert merge.merge_exports([ab, c]) == merge.merge_exports([a, b, c])
    message = expect_error(merge.merge_exports, [ab, a], ["ab.json", "a.json"], kind=MergeError)
    assert "enheten dev-a" in message and "ab.json" in message


def test_summary_from_histograms_is_hand_computed():
    s = summary.summarize(vas_export())
    total = s["scales"]["sum"]
    # Scores 6, 10, 19: mean 35/3; quartiles by linear interpolation at p*(n-1).
    assert (total["n"], total["mean"], total["median"], total["q1"], total["q3"]) == (3, 11.67, 10, 8, 14.5)
    assert total["below_cutoffs"] == [{"value": 10, "count": 1, "share": 0.333}]
    a = s["items"]["a"]                  # bins 0, 3, 4, 10
    assert (a["n"], a["mean"], a["median"], a["q1"], a["q3"]) == (4, 4.25, 3.5, 2.25, 5.5)


def test_summary_of_counts_and_the_national_comparison():
    d = mixed_definition(k=1)
    d["min_answered"] = 1            # one rating item answered is enough here
    d["national_comparison"] = [{"item": "r1", "values": [4, 5], "indicator": "35", "text": {"nb": "Andel"},
                                 "source": "fafo-2019", "lines": "1295",
                                 "figures": [{"year": 2017, "percent": 36}]}]
    recs = records(d, [("2026-01", {"r1": 5}), ("2026-01", {"r1": 3}), ("2026-01", {"r1": "vet-ikke", "plan": "nei"}),
                       ("2026-01", {"r1": 4})])
    s = summary.summarize(export.build(definition.check(d), recs, "dev"), d)
    r1 = s["items"]["r1"]
    assert r1["n"] == 4 and r1["shares"]["vet-ikke"] == 0.25
    assert (r1["n_numeric"], r1["mean"], r1["median"]) == (3, 4, 4)
    assert s["national_comparison"][0]["share"] == 0.667        # 2 of the 3 who did not say «vet ikke»
    assert s["national_comparison"][0]["national"] == [{"year": 2017, "percent": 36}]
    assert s["items"]["bosted"]["shares"] == {"by": None, "land": None}    # nobody answered


def test_quantile_edge_cases():
    assert summary.quantile([], 0.5) is None
    assert summary.quantile([(7, 1)], 0.25) == 7
    assert summary.quantile([(1, 2), (3, 2)], 0.5) == 2


def test_nine_blank_answers_never_complete_a_batch_around_one_real_answer():
    """The probe on a kiosk tablet: one person answers, the next sends nine blank (or
    «vet ikke»-only) forms to fill the batch of 10. Stored before the forms refused them,
    they are still left out: nothing is released, so nobody can read the one real answer."""
    d = mixed_definition(k=10)
    real = ("2026-01", {"r1": 5, "r2": 1, "plan": "nei", "bedre": "Jeg heter Ola og ble dårlig behandlet"})
    blanks = [("2026-01", {})] * 5 + [("2026-01", {"r1": "vet-ikke", "plan": "vet-ikke", "bolig": None})] * 4
    recs = records(d, [real, *blanks])
    doc = export.build(definition.check(d), recs, "dev")
    assert doc["n"] == 0 and doc["period"] is None
    from veiviser.core import bridge
    import json
    comments = json.loads(bridge.comments(json.dumps(d), json.dumps(recs), 10))
    assert comments == {"available": False, "k": 10, "comments": []}
    # With nine real answers beside it, the batch is released as before.
    fuller = records(d, [real] + [("2026-01", {"r1": 3, "r2": 3, "bosted": "by"})] * 9)
    assert export.build(definition.check(d), fuller, "dev")["n"] == 10
