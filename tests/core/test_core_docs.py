"""Every item type, kind and schema field must be documented in docs/utviklere/skjemaformat.md
(as `name`), so the format page cannot fall behind the schemas (Datasette-style)."""
from __future__ import annotations

import json
import re
from pathlib import Path

from veiviser.core import definition

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "utviklere" / "skjemaformat.md"
SCHEMAS = ROOT / "src" / "veiviser" / "schemas"


def schema_names(node, found: set) -> set:
    """Every property name, and every string enum value of a field, anywhere in a JSON Schema."""
    if isinstance(node, dict):
        for name, sub in (node.get("properties") or {}).items():
            found.add(name)
            for value in sub.get("enum", []) if isinstance(sub, dict) else []:
                if isinstance(value, str):        # names such as item types, not numbers
                    found.add(value)
        for value in node.values():
            schema_names(value, found)
    elif isinstance(node, list):
        for value in node:
            schema_names(value, found)
    return found


def documented() -> set:
    return set(re.findall(r"`([^`\s]+)`", DOC.read_text("utf-8")))


def undocumented(names) -> list:
    have = documented()
    return sorted(n for n in names if n not in have)


def test_item_types_and_kinds_are_documented():
    assert undocumented(definition.ITEM_TYPES + definition.KINDS) == []


def test_definition_schema_fields_are_documented():
    names = schema_names(json.loads((SCHEMAS / "survey.schema.json").read_text("utf-8")), set())
    assert {"items", "dont_know", "reliable_change", "figures", "below"} <= names   # the walk finds them
    assert undocumented(names) == []


def test_export_schema_fields_are_documented():
    names = schema_names(json.loads((SCHEMAS / "aggregate.schema.json").read_text("utf-8")), set())
    assert {"counts", "histogram", "step", "devices", "cumulative", "from"} <= names
    assert undocumented(names) == []


def test_the_check_can_fail():
    assert undocumented(["no_such_field_anywhere"]) == ["no_such_field_anywhere"]
