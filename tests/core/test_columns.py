"""Many responses checked column by column (response.read_columns / check_columns,
aggregate.from_columns, export.build with columns, surveys.responses.CsvResponses) give
exactly what checking each response on its own gives: the same aggregate, byte for byte, and
None (so the caller checks each response for its messages) whenever any response does not fit."""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core_cases import mixed_definition, records, vas_definition

from veiviser.core import aggregate, definition, export
from veiviser.core.response import BLANK, check_answers, check_columns, read_columns
from veiviser.surveys.responses import CsvResponses, ResponseError, aggregate_file, read_responses

VAS = definition.check(vas_definition(k=1))
MIXED = definition.check(mixed_definition(k=1))

# Answers as they come: good ones, the same numbers as text or floats, bools (which equal 1
# and 0 but are not answers), blanks, unknown items, and unhashable values.
anything = st.one_of(
    st.sampled_from([1, 2, 3, 4, 5, "1", " 4 ", "5.0", 4.0, 1.5, True, False, 0, "vet-ikke", "ja", "nei",
                     "by", "land", "gronn", "gul", "rod", "", "  ", None, "x"]),
    st.floats(-1, 11, allow_nan=False), st.lists(st.integers(), max_size=1))
mixed_answers = st.dictionaries(st.sampled_from(["r1", "r2", "bosted", "plan", "bolig", "bedre", "ukjent"]),
                                anything, max_size=7)
vas_answers = st.dictionaries(st.sampled_from(["a", "b", "kommentar"]), anything, max_size=3)


def one_by_one(d, many):
    """The reference: check_answers on each response, then aggregate (None if one does not fit)."""
    checked = [check_answers(d, a) for a in many]
    if not all(c.valid for c in checked):
        return None
    return aggregate.aggregate(d, checked)


def by_columns(d, many):
    columns = read_columns(d, many)
    return None if columns is None else aggregate.from_columns(d, columns, len(many))


@settings(max_examples=300, deadline=None)
@given(st.lists(mixed_answers, max_size=8))
def test_columns_agree_with_one_by_one_for_any_answers(many):
    assert json.dumps(by_columns(MIXED, many)) == json.dumps(one_by_one(MIXED, many))


@settings(max_examples=300, deadline=None)
@given(st.lists(vas_answers, max_size=8))
def test_columns_agree_with_one_by_one_for_vas_and_a_sum_scale(many):
    assert json.dumps(by_columns(VAS, many)) == json.dumps(one_by_one(VAS, many))


good_mixed = st.fixed_dictionaries(
    {"r1": st.sampled_from([1, 2, 3, 4, 5, "vet-ikke", "3", 2.0])},
    optional={"r2": st.sampled_from([1, 2, 3, 4, 5, "4", None, ""]), "bosted": st.sampled_from(["by", "land"]),
              "plan": st.sampled_from(["ja", "nei", "vet-ikke"]), "bolig": st.sampled_from(["gronn", "gul", "rod"]),
              "bedre": st.text(max_size=4)})


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["2026-01", "2026-02", "2025-12"]), good_mixed), max_size=14),
       st.integers(1, 4))
def test_export_with_columns_is_the_export_without(answers_by_month, k):
    """build() given the columns of every record (as veiviser aggregate gives them) makes the
    same export as build() reading the released records itself, and as the old way did."""
    recs = records(mixed_definition(), answers_by_month)
    without = export.build(MIXED, recs, "dev", None, k)
    given_columns = export.build(MIXED, recs, "dev", None, k, read_columns(MIXED, [r["answers"] for r in recs]))
    released = sorted(recs, key=lambda r: r["month"])[: len(recs) // k * k]
    old = aggregate.aggregate(MIXED, [check_answers(MIXED, r["answers"]) for r in released])
    assert export.to_json(given_columns) == export.to_json(without)
    assert without["items"] == old["items"] and without["scales"] == old["scales"] and without["n"] == old["n"]


def test_a_column_nobody_answered_and_required_items():
    columns = check_columns(MIXED, {"r1": ["1", "vet-ikke"]}, 2)
    assert columns["bosted"].keys == [None, None] and columns["bosted"].clean == {None: BLANK}
    assert check_columns(MIXED, {"r2": ["1", "2"]}, 2) is None       # r1 is required
    assert check_columns(MIXED, {}, 0) is not None                    # no responses: nothing missing


def test_one_true_among_ones_is_not_an_answer():
    assert read_columns(MIXED, [{"r1": 1}, {"r1": True}]) is None
    assert read_columns(MIXED, [{"r1": 1}, {"r1": 1.0}]) is not None  # 1.0 is the answer 1, as check_answers says


# --- CSV ----------------------------------------------------------------------------------

def dict_reader_answers(text: str, delimiter: str, used: dict, values: dict) -> list[dict]:
    """How read_responses read a CSV before (csv.DictReader, row by row): the reference."""
    out = []
    for row in csv.DictReader(io.StringIO(text), delimiter=delimiter):
        answers = {}
        for col, item_id in used.items():
            cell = (row.get(col) or "").strip()
            answers[item_id] = values.get(item_id, {}).get(cell, cell)
        out.append(answers)
    return out


cell = st.sampled_from(["1", " 2", "3 ", "vet-ikke", "", "Ja", "nei", "a;b", 'si "hei"', "x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.lists(cell, min_size=5, max_size=5), st.lists(cell, max_size=6)), max_size=8),
       st.sampled_from([";", ","]))
def test_csv_columns_are_the_rows_dict_reader_gave(rows, delimiter):
    header = ["r1", "plan", "ekstra", "r1", "bosted"]        # a repeated column: the last one wins
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    text = buf.getvalue()
    used = {"r1": "r1", "plan": "plan", "bosted": "bosted"}
    values = {"plan": {"Ja": "ja"}}
    expected = dict_reader_answers(text, delimiter, used, values)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "svar.csv"
        path.write_text(text, "utf-8")
        (Path(tmp) / "kart.yaml").write_text(json.dumps({"columns": used, "values": values}), "utf-8")
        responses = read_responses(path, MIXED, Path(tmp) / "kart.yaml", [])
        assert isinstance(responses, CsvResponses)
        assert [answers for _, answers in responses] == expected
        assert [where for where, _ in responses] == [f"{path}: line {i + 2}" for i in range(len(expected))]


def test_aggregate_file_lists_every_bad_csv_row_with_its_line():
    responses = CsvResponses("svar.csv", [["4", "ja"], ["9", "ja"], ["", "kanskje"]], ["r1", "plan"],
                             {"r1": "r1", "plan": "plan"}, {})
    with pytest.raises(ResponseError) as info:
        aggregate_file(MIXED, responses, "2026-01", "dev", None, 1)
    text = str(info.value)
    assert "svar.csv: line 3: r1: Velg et av svaralternativene." in text
    assert "svar.csv: line 4: r1: Dette spørsmålet må besvares." in text
    assert "svar.csv: line 4: plan: Velg ja, nei eller vet ikke." in text
    assert "line 2" not in text
