"""Small definitions and responses with hand-computed results, shared by the plain tests
(which also run in Pyodide) and the pytest-only ones. Standard library only."""
from __future__ import annotations

import copy


def txt(nb: str) -> dict:
    return {"nb": nb}


def vas_definition(k: int = 2) -> dict:
    """Two vas items and their sum (0-20), a cut-off at 10 and reliable change 3."""
    return {
        "id": "test-vas", "version": 1, "kind": "outcome", "title": txt("Test"), "k": k,
        "personal": True,
        "items": [
            {"id": "a", "type": "vas", "text": txt("A"), "low": txt("Lav"), "high": txt("Høy"),
             "required": True},
            {"id": "b", "type": "vas", "text": txt("B")},
            {"id": "kommentar", "type": "text", "text": txt("Noe mer?")},
        ],
        "scales": [{"id": "sum", "title": txt("Sum"), "method": "sum", "items": ["a", "b"],
                    "min": 0, "max": 20, "cutoffs": [{"value": 10, "below": txt("Under 10")}],
                    "reliable_change": 3}],
    }


def mixed_definition(k: int = 3) -> dict:
    """One item of each counted type and a mean scale over two rating items (1-5)."""
    return {
        "id": "test-mix", "version": 2, "kind": "experience", "title": txt("Blandet"), "k": k,
        "option_sets": {"grad": [{"value": v, "label": txt(f"Grad {v}")} for v in (5, 4, 3, 2, 1)]},
        "items": [
            {"id": "r1", "type": "rating", "options": "grad", "dont_know": True, "text": txt("R1"),
             "required": True},
            {"id": "r2", "type": "rating", "options": "grad", "text": txt("R2")},
            {"id": "bosted", "type": "choice", "text": txt("Bosted"),
             "options": [{"value": "by", "label": txt("By")}, {"value": "land", "label": txt("Land")}]},
            {"id": "plan", "type": "yes_no", "text": txt("Plan?")},
            {"id": "bolig", "type": "traffic_light", "text": txt("Bolig")},
            {"id": "bedre", "type": "text", "text": txt("Hva kan vi gjøre bedre?")},
        ],
        "scales": [{"id": "snitt", "title": txt("Snitt"), "method": "mean", "items": ["r1", "r2"],
                    "min": 1, "max": 5}],
    }


def records(survey: dict, answers_by_month: list) -> list:
    """Stored browser records from [(month, answers)]."""
    return [{"survey": survey["id"], "version": survey["version"], "month": m, "answers": copy.deepcopy(a)}
            for m, a in answers_by_month]


# Five vas responses, deliberately not in month order. Hand-computed below.
VAS_RESPONSES = [
    ("2026-03", {"a": 4, "b": 6, "kommentar": "Fint"}),       # sum 10
    ("2026-01", {"a": "2.5", "b": 3}),                        # sum 5.5; a 2.5 rounds (half up) to bin 3
    ("2026-02", {"a": 10, "b": 9.4}),                         # sum 19.4 -> bin 19
    ("2026-01", {"a": 0}),                                    # b missing: no sum
    ("2026-04", {"a": 7, "b": 7, "kommentar": "Mer tid"}),    # sum 14 (the 5th: not released with k=2)
]
