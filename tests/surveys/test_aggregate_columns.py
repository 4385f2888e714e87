"""`veiviser aggregate` reads a CSV column by column (surveys.responses.CsvResponses) and checks
it column by column (core.response.check_columns): the same rows csv.DictReader gave, the same
export as checking each row on its own, and on any bad row the same problems, each with its line."""
from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core_cases import mixed_definition

from veiviser.core import definition, export
from veiviser.surveys.responses import (CsvResponses, ResponseError, aggregate_file, asked_items,
                                        read_responses)

MIXED = definition.check(mixed_definition(k=1))
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
        if not expected:
            with pytest.raises(ResponseError, match="bare overskriftsraden"):
                read_responses(path, MIXED, Path(tmp) / "kart.yaml", [], ignore_columns=True)
            return
        responses = read_responses(path, MIXED, Path(tmp) / "kart.yaml", [], ignore_columns=True)
        assert isinstance(responses, CsvResponses)
        assert [answers for _, answers in responses] == expected
        assert [where for where, _ in responses] == [(str(path), f"linje {i + 2}") for i in range(len(expected))]


def one_by_one_problems(d, responses, asked):
    """What aggregate_file said before it read columns: check_answers on every row."""
    from veiviser.core.response import check_answers
    out = []
    for (file, line), answers in responses:
        for e in check_answers(d, answers, asked).errors:
            out.append(f"{file}: {line}: " + (f"{e['item']}: {e['message']}" if e["item"] else e["message"]))
    return out


def test_aggregate_file_lists_every_bad_csv_row_with_its_line():
    responses = CsvResponses("svar.csv", [["4", "ja", "by"], ["9", "ja", "by"], ["", "kanskje", "by"],
                                          ["3", "", ""], ["vet-ikke", "vet-ikke", ""]], ["r1", "plan", "bosted"],
                             {"r1": "r1", "plan": "plan", "bosted": "bosted"}, {})
    asked = asked_items(Path("svar.csv"), responses)
    assert asked == {"r1", "plan", "bosted"}
    with pytest.raises(ResponseError) as info:
        aggregate_file(MIXED, responses, "2026-01", "dev", None, 1, asked)
    problems = [str(p) for p in info.value.problems]
    assert problems == one_by_one_problems(MIXED, responses, asked)
    text = str(info.value)
    assert "svar.csv: linje 3: r1: «9» er ikke et av svaralternativene" in text
    assert "svar.csv: linje 4: r1: Dette spørsmålet må besvares." in text
    assert "svar.csv: linje 4: plan: «kanskje» er ikke et av svaralternativene" in text
    assert "svar.csv: linje 5: For få svar" in text                 # 1 of the 2 needed (half of 3 asked)
    assert "svar.csv: linje 6: Minst ett svar må være noe annet enn «vet ikke»." in text
    assert "linje 2" not in text


rows_of = st.lists(st.lists(st.sampled_from(["1", "4", " 5 ", "vet-ikke", "", "ja", "nei", "by", "x"]),
                            min_size=3, max_size=3), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(rows_of, st.integers(1, 3))
def test_aggregate_file_by_columns_is_the_same_as_row_by_row(rows, k):
    """The export (byte for byte) or the problems (every one, with its line) are those of
    checking each row on its own, as aggregate_file did before it read columns."""
    header = ["r1", "plan", "bosted"]
    responses = CsvResponses("svar.csv", rows, header, {c: c for c in header}, {})
    asked = asked_items(Path("svar.csv"), responses)
    expected_problems = one_by_one_problems(MIXED, responses, asked)
    try:
        doc = aggregate_file(MIXED, responses, "2026-01", "dev", None, k, asked)
    except ResponseError as exc:
        assert expected_problems and [str(p) for p in exc.problems] == expected_problems
        return
    assert not expected_problems
    records = [{"survey": MIXED.id, "version": MIXED.version, "month": "2026-01", "answers": a}
               for _, a in responses]
    assert export.to_json(doc) == export.to_json(export.build(MIXED, records, "dev", None, k, asked))


def test_a_jsonl_file_goes_the_same_way(tmp_path):
    lines = [{"r1": 4, "r2": 3, "plan": "ja"}, {"r1": "5", "r2": 2, "bolig": "gul"},
             {"survey": MIXED.id, "version": MIXED.version, "month": "2025-12", "answers": {"r1": 1, "r2": 1, "plan": "nei"}}]
    path = tmp_path / "svar.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    responses = read_responses(path, MIXED)
    doc = aggregate_file(MIXED, responses, "2026-01", "dev", None, 1, asked_items(path, responses))
    records = [x if "answers" in x else {"survey": MIXED.id, "version": MIXED.version, "month": "2026-01", "answers": x}
               for x in lines]
    assert export.to_json(doc) == export.to_json(export.build(MIXED, records, "dev", None, 1))
    path.write_text(json.dumps(lines[0]) + "\n" + json.dumps({"r1": 4}) + "\n", "utf-8")
    with pytest.raises(ResponseError, match="linje 2: For få svar"):
        aggregate_file(MIXED, read_responses(path, MIXED), "2026-01", "dev", None, 1)
