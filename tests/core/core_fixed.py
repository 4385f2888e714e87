"""A fixed set of results (scores, aggregates, exports, merges, summaries, bridge output)
for fixed inputs, as one JSON text. tests/pyodide/run-core-tests.mjs computes it in Pyodide
and in CPython and compares the two byte for byte: the browser must count as the build does.

Run in CPython: PYTHONPATH=src:tests/core python -m core_fixed
"""
from __future__ import annotations

import json

from core_cases import VAS_RESPONSES, mixed_definition, records, vas_definition

from veiviser.core import bridge, definition, export, merge, response, summary


def _mixed_records():
    answers = []
    values = [5, 4, 3, 2, 1, "vet-ikke"]
    for i in range(17):
        answers.append((f"2026-{1 + i % 12:02d}", {
            "r1": values[i % 6], "r2": values[(i * 5) % 5],
            "bosted": ["by", "land", ""][i % 3], "plan": ["ja", "nei", "vet-ikke"][i % 3],
            "bolig": ["gronn", "gul", "rod"][(i * 2) % 3], "bedre": f"tekst {i}" if i % 4 == 0 else ""}))
    return records(mixed_definition(), answers)


def compute() -> str:
    vas = vas_definition(2)
    mixed = mixed_definition()
    out = {}
    out["hashes"] = [definition.canonical_hash(vas), definition.canonical_hash(mixed)]
    out["scores"] = [response.check_answers(definition.check(vas), a).scales
                     for a in ({"a": 0.1, "b": 0.2}, {"a": "2,5", "b": 9.95}, {"a": 10, "b": 10},
                               {"a": 1 / 3, "b": 2 / 3})]
    vas_docs = [export.build(definition.check(vas), records(vas, VAS_RESPONSES), "dev-a"),
                export.build(definition.check(vas), records(vas, VAS_RESPONSES[:3]), "dev-b", "x/y")]
    mixed_doc = export.build(definition.check(mixed), _mixed_records(), "dev-m", "klepp/moteplassen")
    merged = merge.merge_exports(vas_docs)
    out["exports"] = [export.to_json(d) for d in vas_docs + [mixed_doc, merged]]
    out["summaries"] = [summary.summarize(merged), summary.summarize(mixed_doc, mixed)]
    out["bridge"] = [
        bridge.check_definition(json.dumps(mixed)),
        bridge.score(json.dumps(mixed), json.dumps({"r1": "4", "r2": 5, "bolig": "rod"})),
        bridge.summary(export.to_json(mixed_doc), json.dumps(mixed)),
        bridge.trajectory(json.dumps(vas), json.dumps(records(vas, VAS_RESPONSES))),
    ]
    return json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True)


if __name__ == "__main__":
    print(compute(), end="")
