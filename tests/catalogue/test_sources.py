"""Every citation in data/ points at lines that exist in its report (../shared/seeds)."""
from __future__ import annotations

import re

import pytest
import yaml

from helpers import ROOT, SEEDS

DATA = ROOT / "data"


def cited_line_numbers(lines: str) -> list[int]:
    """'37, 531–533, 1296' -> [37, 531, 533, 1296] (range ends are what can overrun)."""
    return [int(n) for n in re.findall(r"\d+", lines)]


def citations(node):
    """Every {report, lines} mapping anywhere in a YAML document (sources, facts, front_door)."""
    if isinstance(node, dict):
        if "report" in node and "lines" in node:
            yield node
        for value in node.values():
            yield from citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from citations(value)


def test_citation_walker_finds_nested_facts():
    doc = {"front_door": {"text": "x", "source": {"report": "a", "lines": "1"}},
           "findings": [{"text": "y", "source": {"report": "b", "lines": "2-3"}}],
           "sources": [{"report": "c", "lines": "4"}]}
    assert [c["report"] for c in citations(doc)] == ["a", "b", "c"]
    assert cited_line_numbers("37, 531–533, 1296") == [37, 531, 533, 1296]


def test_cited_lines_exist_in_the_reports():
    if not SEEDS.is_dir():
        pytest.fail(f"the source reports are missing from {SEEDS} (../shared/seeds beside the project, "
                    "or set VEIVISER_SHARED)")
    reports = {r["id"]: r for r in yaml.safe_load((DATA / "sources.yaml").read_text("utf-8"))}
    length = {rid: len((SEEDS / r["seed"]).read_text("utf-8").splitlines()) for rid, r in reports.items()}
    checked, bad = 0, []
    for path in sorted(DATA.rglob("*.yaml")):
        for src in citations(yaml.safe_load(path.read_text("utf-8"))):
            for n in cited_line_numbers(src["lines"]):
                checked += 1
                if not 1 <= n <= length[src["report"]]:
                    bad.append(f"{path.relative_to(ROOT)}: {src['report']} line {n} (report has {length[src['report']]})")
    assert checked > 1000, f"only {checked} cited lines found; is data/ complete?"
    assert not bad, "\n".join(bad)
