"""core.publish (what the site publishes, and the merge page previews), core.device (the device
page's figures) and the bridge functions the merge page calls. Plain asserts, no fixtures
(runs in Pyodide too)."""
PYODIDE = True

import csv
import io
import json

from core_cases import mixed_definition, records

from veiviser.core import bridge, definition, device, export, publish


def grad_export(counts_r1: dict, device_id="dev", k=3, month="2026-01"):
    """An export of mixed_definition whose r1 answers follow counts_r1 (value -> how many)."""
    d = mixed_definition(k)
    # r2 and plan too: a record must answer enough of the form to count (core's min_answered)
    answers = [{"r1": v if v == "vet-ikke" else int(v), "r2": 3, "plan": "ja"}
               for v, c in counts_r1.items() for _ in range(c)]
    doc = export.build(definition.check(d), records(d, [(month, a) for a in answers]), device_id, "klepp/moteplassen")
    return d, doc


def test_headline_share_leaves_dont_know_apart():
    d, doc = grad_export({"5": 4, "4": 5, "3": 3, "2": 0, "1": 0, "vet-ikke": 3})     # n = 15
    pub = publish.publication(doc, definition.check(d), 3, "klepp/moteplassen")
    r1 = pub["tables"]["r1"]
    assert r1["published"]["n"] == 15 and r1["published"]["cells"] == {"5": 4, "4": 5, "3": 3, "2": 0, "1": 0,
                                                                      "vet-ikke": 3}
    h = r1["headline"]
    assert (h["share"], h["count"], h["n"], h["dont_know"]) == (75, 9, 12, 3)      # 9 of the 12 with an answer
    assert h["label"] == "grad 4 eller grad 5"                                      # the options' own words
    assert pub["hidden_note"] == "Tall fra færre enn 3 personer vises ikke."


def test_a_hidden_cell_hides_the_headline_and_says_why():
    d, doc = grad_export({"5": 14, "4": 1, "3": 15, "2": 0, "1": 0, "vet-ikke": 0}, k=10)    # n = 30
    pub = publish.publication(doc, definition.check(d), 10, "klepp/moteplassen")
    r1 = pub["tables"]["r1"]
    assert r1["published"]["cells"]["4"] is None and r1["published"]["suppressed"]["4"]
    assert r1["headline"]["share"] is None
    assert r1["headline"]["reason"] == "andelen vises ikke: et av tallene den bygger på, er skjult"
    chart = bridge_call(bridge.publish, json.dumps(doc), json.dumps(d), 10, "klepp/moteplassen")["charts"]["r1"]
    shown = {v["svar"]: v["tekst"] for v in chart["data"]["values"]}
    assert shown["Grad 4"] == "skjult"                       # labelled, not a zero bar
    assert chart["layer"][0]["transform"] == [{"filter": "datum.prosent !== null"}]


def test_too_few_answers_publish_nothing():
    d, doc = grad_export({"5": 3}, k=3)
    pub = publish.publication(doc, definition.check(d), 10, "klepp/moteplassen")
    assert pub["too_few"] and pub["n"] is None and pub["comparison"] == []
    assert all(r["antall"] is None and r["for_fa_svar"] for r in pub["rows"])


def test_excel_csv_reads_back_with_semicolons_and_decimal_commas():
    d, doc = grad_export({"5": 4, "4": 5, "3": 3, "2": 0, "1": 0, "vet-ikke": 3})
    rows = publish.publication(doc, definition.check(d), 3, "klepp/moteplassen")["rows"]
    text = publish.csv_text(rows, excel=True)
    assert text.startswith("\ufefftjeneste;skjema;versjon;") and "\r\n" in text
    back = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(back) == len(rows)
    first = next(r for r in back if r["sporsmal"] == "r1" and r["kategori"] == "5")
    assert first["andel_prosent"] == "26,7" and first["antall"] == "4"             # 4 of 15, decimal comma
    plain = list(csv.DictReader(io.StringIO(publish.csv_text(rows))))
    assert next(r for r in plain if r["sporsmal"] == "r1" and r["kategori"] == "5")["andel_prosent"] == "26.7"


def test_device_figures_say_dont_know_apart_and_one_title():
    d, doc = grad_export({"5": 4, "4": 5, "3": 3, "2": 0, "1": 0, "vet-ikke": 3})
    qs = {q["id"]: q for q in device.questions(doc, definition.check(d))}
    r1 = qs["r1"]
    assert (r1["n"], r1["dont_know"], r1["headline"]["share"], r1["headline"]["n"]) == (15, 3, 75, 12)
    assert r1["stats"]["n"] == 12                              # the mean is over those with a number
    assert "title" not in r1["chart"] and r1["chart"]["encoding"]["x"]["axis"]["tickMinStep"] == 1
    assert r1["chart"]["config"]["locale"]["number"]["decimal"] == ","
    assert qs["plan"]["headline"]["label"] == "ja" and qs["bolig"]["headline"]["label"] == "grønt"
    assert qs["bosted"]["headline"] is None                     # a choice has no top answer


def bridge_call(fn, *args):
    return json.loads(fn(*args))


def test_bridge_merge_gives_the_merged_file_its_name_or_every_problem():
    d, a = grad_export({"5": 3}, "nettbrett-a")
    _, b = grad_export({"4": 6}, "nettbrett-b", month="2026-02")
    files = [{"name": "a.json", "text": export.to_json(a)}, {"name": "b.json", "text": export.to_json(b)}]
    out = bridge_call(bridge.merge, json.dumps(files), json.dumps([d]), 3)
    assert out["merged"]["n"] == 9 and out["merged"]["devices"] == ["nettbrett-a", "nettbrett-b"]
    assert out["name"] == "klepp-moteplassen-test-mix-v2-2026-01-2026-02.json"
    assert export.from_json(out["text"]) == out["merged"]
    bad = files + [{"name": "c.json", "text": "[]"}]
    out = bridge_call(bridge.merge, json.dumps(bad), json.dumps([d]), 10)
    assert out["errors"][0].startswith("a.json: k: k = 3 er mindre enn k = 10")
    assert out["errors"][2] == "c.json: (hele filen): en eksportfil må være et JSON-objekt"


def test_bridge_publish_is_core_publication():
    d, doc = grad_export({"5": 4, "4": 5, "3": 3, "2": 0, "1": 0, "vet-ikke": 3})
    out = bridge_call(bridge.publish, json.dumps(doc), json.dumps(d), 3, "klepp/moteplassen")
    want = json.loads(json.dumps(publish.publication(doc, definition.check(d), 3, "klepp/moteplassen")))
    assert out["rows"] == want["rows"] and out["tables"] == want["tables"]
    assert out["excel_csv"] == publish.csv_text(want["rows"], excel=True)
    assert "error" in bridge_call(bridge.publish, json.dumps(doc), json.dumps(d), 10, "klepp/moteplassen")
