"""The «Trenger du hjelp nå?» box on the hand-written pages (docs/index.md, the theme's 404 page)
is the shared fragment rendered from data/help-lines.yaml, byte for byte; the help lines are
checked against their schema, and their sources are not older than a year when checked."""
from __future__ import annotations

import datetime
import re

import pytest
from helpers import ROOT

from veiviser import help_lines
from veiviser.problems import Problem

BLOCK = re.compile(r"<!-- help-now:start[^\n]*-->\n(.*?)<!-- help-now:end -->", re.S)


def data() -> dict:
    problems: list[Problem] = []
    lines = help_lines.load(ROOT / "data", problems)
    assert problems == []
    return lines


@pytest.mark.parametrize("path, prominent", [("docs/index.md", False), ("overrides/404.html", True)])
def test_hand_written_box_is_the_fragment(path, prominent):
    text = (ROOT / path).read_text("utf-8")
    found = BLOCK.search(text)
    assert found, f"{path} has no <!-- help-now:start --> … <!-- help-now:end --> block"
    expected = str(help_lines.box(data(), prominent=prominent))
    assert found[1] == expected, f"{path}: paste this between the markers:\n{expected}"


def test_help_lines_have_sources_and_a_recent_check():
    lines = data()
    assert [line["number"] for line in lines["lines"]] == ["113", "116 117", "116 123", "22 40 00 40"]
    assert all(line["sources"] for line in lines["lines"])
    checked = datetime.date.fromisoformat(lines["checked"])
    assert checked <= datetime.date.today()


def test_a_bad_help_line_file_is_named_with_its_field(tmp_path):
    (tmp_path / "help-lines.yaml").write_text("checked: '2026-11-29'\nrule: Ring fastlegen først.\n"
                                              "lines:\n  - {number: '11 3x', name: Nød, when: Alltid, sources: []}\n", "utf-8")
    problems: list[Problem] = []
    assert help_lines.load(tmp_path, problems) is None
    fields = {p.field for p in problems}
    assert {"lines[0].number", "lines[0].sources"} <= fields, problems
    assert all(p.file == "data/help-lines.yaml" for p in problems)
