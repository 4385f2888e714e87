"""The browser bridge: JSON strings in and out, errors as JSON. Plain asserts, no fixtures
(runs in Pyodide too, which is where the browser calls it)."""
PYODIDE = True

import json

from core_cases import VAS_RESPONSES, mixed_definition, records, vas_definition

from veiviser.core import bridge


def call(fn, *args):
    out = fn(*args)
    assert isinstance(out, str)
    return json.loads(out)


D = json.dumps(vas_definition(2))


def test_check_definition():
    assert call(bridge.check_definition, D) == {"ok": True}
    broken = vas_definition()
    broken["items"][1]["type"] = "slider"
    out = call(bridge.check_definition, json.dumps(broken))
    assert out["ok"] is False
    assert out["errors"][0]["path"] == "items[1] (b).type"
    assert "slider" in out["errors"][0]["message"]
    assert "er ikke gyldig JSON" in call(bridge.check_definition, "{")["error"]


def test_score():
    assert call(bridge.score, D, json.dumps({"a": 3, "b": "4,5"})) == {"valid": True, "errors": [], "scales": {"sum": 7.5}}
    out = call(bridge.score, D, json.dumps({"b": 4}))
    assert out["valid"] is False
    assert out["errors"] == [{"item": "a", "message": "Dette spørsmålet må besvares."}]
    assert "error" in call(bridge.score, json.dumps({"id": "x"}), "{}")


def test_export_and_summary():
    recs = json.dumps(records(vas_definition(2), VAS_RESPONSES))
    doc = call(bridge.export, D, recs, "abcdef0123456789", None)
    assert doc["n"] == 4 and doc["device"] == "abcdef0123456789"
    s = call(bridge.summary, json.dumps(doc))
    assert s["scales"]["sum"]["median"] == 10
    assert set(s["charts"]["items"]) == {"a", "b"} and set(s["charts"]["scales"]) == {"sum"}
    chart = s["charts"]["scales"]["sum"]
    assert chart["mark"]["type"] == "bar" and chart["data"]["values"][10] == {"verdi": 10, "antall": 1}
    with_def = call(bridge.summary, json.dumps(doc), D)
    assert "«Sum»" in with_def["charts"]["scales"]["sum"]["description"]
    assert "title" not in with_def["charts"]["scales"]["sum"]        # the page heading says it, once
    assert "enheten 'not ok!'" in call(bridge.export, D, recs, "not ok!", None)["error"]
    assert "error" in call(bridge.summary, "{}")


def test_summary_chart_labels_come_from_the_definition():
    d = mixed_definition(k=1)
    recs = records(d, [("2026-01", {"r1": 5, "plan": "ja", "bolig": "gul"})])
    doc = call(bridge.export, json.dumps(d), json.dumps(recs), "dev", "klepp/moteplassen")
    chart = call(bridge.summary, json.dumps(doc), json.dumps(d))["charts"]["items"]["r1"]
    assert chart["data"]["values"][0] == {"svar": "Grad 5", "antall": 1}
    assert chart["data"]["values"][-1] == {"svar": "Vet ikke / ikke aktuelt", "antall": 0}


def test_comments_only_in_whole_batches_undated_and_shuffled():
    d = mixed_definition(k=3)
    texts = [f"kommentar {i}" for i in range(7)]
    recs = records(d, [(f"2026-0{1 + i % 3}", {"r1": 3, "r2": 4, "plan": "nei", "bedre": t})
                       for i, t in enumerate(texts)])
    recs.append({"survey": "test-mix", "version": 2, "month": "2026-01", "answers": {"bedre": "   "}})
    out = call(bridge.comments, json.dumps(d), json.dumps(recs), 3)
    assert out["available"] is True
    assert len(out["comments"]) == 6                   # two whole batches of 3; the 7th waits
    assert all(set(c) == {"item", "text"} for c in out["comments"])       # no month, no order
    assert "2026" not in json.dumps(out["comments"])
    assert {c["text"] for c in out["comments"]} <= set(texts)
    few = call(bridge.comments, json.dumps(d), json.dumps(recs[:2]), 3)
    assert few == {"available": False, "k": 3, "comments": []}
    orders = {tuple(c["text"] for c in call(bridge.comments, json.dumps(d), json.dumps(recs), 3)["comments"])
              for _ in range(20)}
    assert len(orders) > 1                              # shuffled


def test_trajectory():
    recs = records(vas_definition(), [("2026-02", {"a": 8, "b": 9}), ("2026-01", {"a": 2, "b": 3}),
                                      ("2026-01", {"a": 99}), ("2026-03", {"a": 6, "b": 5})])
    out = call(bridge.trajectory, D, json.dumps(recs))
    assert [p["scales"]["sum"] for p in out["points"]] == [5, 17, 11]     # month order; the bad one skipped
    assert [p["month"] for p in out["points"]] == ["2026-01", "2026-02", "2026-03"]
    assert out["points"][0]["answers"] == {"a": 2, "b": 3}
    assert out["change"] == {"sum": {"from": 5, "to": 11, "change": 6, "min": 0, "max": 20, "reliable": True}}
    chart = out["chart"]
    assert chart["mark"]["type"] == "line" and chart["encoding"]["y"]["scale"]["domain"] == [0, 20]
    assert chart["encoding"]["y"]["title"] == "Skår (0–20)"
    assert chart["data"]["values"][1] == {"dato": "feb. 2026", "linje": "Sum", "skår": 17}
    # Each question as well as the total; no timeline without traffic lights.
    items = out["item_chart"]["data"]["values"]
    assert {v["linje"] for v in items} == {"1. A", "2. B"} and items[0] == {"dato": "jan. 2026", "linje": "1. A", "skår": 2}
    assert out["timeline"] is None


def test_trajectory_with_dates_and_a_traffic_light_timeline():
    d = mixed_definition()
    d["min_answered"] = 1
    d["items"][0]["required"] = False
    recs = records(d, [("2026-02", {"bolig": "gul", "r1": 4}), ("2026-02", {"bolig": "rod"}), ("2026-01", {"bolig": "gronn"}),
                       ("2026-02", {"bolig": "gronn"})])
    recs[0]["date"], recs[1]["date"], recs[3]["date"] = "2026-02-14", "2026-02-03", "2026-02-14"
    recs[2]["date"] = "2025-12-31"          # not within its month: left out, the month stays
    out = call(bridge.trajectory, json.dumps(d), json.dumps(recs))
    assert [p["label"] for p in out["points"]] == ["jan. 2026", "3. feb. 2026", "14. feb. 2026", "14. feb. 2026 (2)"]
    assert "date" not in out["points"][0] and out["points"][1]["date"] == "2026-02-03"
    assert out["timeline"]["columns"] == [p["label"] for p in out["points"]]
    assert out["timeline"]["rows"][0] == {"item": "bolig", "text": "Bolig", "values": ["gronn", "rod", "gul", "gronn"]}
    assert out["chart"]["data"]["values"] == [{"dato": "14. feb. 2026", "linje": "Snitt", "skår": 4}]
    # Livsområder: no scale, no numbers: no charts with a made-up axis, only the timeline.
    lights = {**d, "items": [i for i in d["items"] if i["type"] == "traffic_light"], "scales": []}
    lights.pop("min_answered")
    only = call(bridge.trajectory, json.dumps(lights), json.dumps(recs))
    assert only["chart"] is None and only["item_chart"] is None and len(only["timeline"]["rows"]) == 1
