"""National figures as read (veiviser.indicators.load): every CSV matches its schema, row counts
and totals match the reports' own totals, and a bad CSV is refused naming file, line and field."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from veiviser.indicators import load
from veiviser.problems import IndicatorError

from helpers import ROOT, SEEDS

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def data():
    return load.load_all(DATA)


def as_int(text: str) -> int:
    return int(text)


def test_every_csv_matches_its_schema(data):
    assert set(data) == set(load.CSV_FILES)


def test_fafo_has_85_indicators_with_unique_numbers(data):
    rows = data["fafo-indicators"]
    assert len(rows) == 85
    assert len({r["nr"] for r in rows}) == 85
    # The report: goal 3 has 18 indicators (l.1456); table 5.1 has 8.
    by_table = {}
    for r in rows:
        by_table[r["tabell"]] = by_table.get(r["tabell"], 0) + 1
    assert by_table["9.1"] == 18 and by_table["5.1"] == 8


def test_fafo_values_are_the_seed_lines(data):
    """Each value is on the seed line the row names (when the seed is available)."""
    seed = SEEDS / "002_8ceffd757f77f65e.txt"
    if not seed.exists():
        pytest.skip("seed text not available")
    lines = seed.read_text("utf-8").split("\n")
    for r in data["fafo-indicators"]:
        line = lines[int(r["seed_linje"]) - 1]
        for col in ("verdi_2016", "verdi_2017", "verdi_2018", "endring_per_ar"):
            assert r[col] in line, f"indicator {r['nr']}: {col}={r[col]!r} not on line {r['seed_linje']}"


def test_national_user_survey_figures(data):
    """Fafo indicators 35 and 36 (BU 2017): 36 % and 42 %, used beside local survey results."""
    by_nr = {r["nr"]: r for r in data["fafo-indicators"]}
    assert by_nr["35"]["tall_2017"] == "36" and by_nr["36"]["tall_2017"] == "42"
    assert by_nr["35"]["tall_2016"] == "" and by_nr["35"]["verdi_2016"] == "N/A"


def test_known_report_errors_are_flagged_not_fixed(data):
    by_nr = {r["nr"]: r for r in data["fafo-indicators"]}
    assert by_nr["43"]["endring_2017_2018"] == "1,0 %" and "trykkfeil" in by_nr["43"]["merknad"]
    assert by_nr["3"]["endring_per_ar"] == "2,4 %" and "2,5 %" in by_nr["3"]["merknad"]
    assert by_nr["52"]["nr_utledet"] == "ja" and by_nr["57"]["nr_utledet"] == "ja"


def test_sintef_national_tables_add_up_to_the_reports_totals(data):
    for name, label in (("sintef-2016-tiltak", "tiltak"), ("sintef-2016-utdanning", "utdanning")):
        for group, total_2015, total_2016 in (("voksne", 10429, 11063), ("barn og unge", 2702, 2873)):
            rows = [r for r in data[name] if r["malgruppe"] == group]
            total = next(r for r in rows if r[label] == "Totalt")
            parts = [r for r in rows if r[label] != "Totalt"]
            assert as_int(total["arsverk_2015"]) == total_2015 and as_int(total["arsverk_2016"]) == total_2016
            # Rounded parts: the report's own sums differ by at most a few årsverk.
            assert abs(sum(as_int(r["arsverk_2016"]) for r in parts) - total_2016) <= 3, (name, group)


def test_sintef_appendix_rows_and_totals(data):
    rows = data["sintef-2016-kommuner"]
    kinds = {}
    for r in rows:
        kinds[r["type"]] = kinds.get(r["type"], 0) + 1
    # 428 municipalities of 2016: 427 outside Oslo + Oslo (15 districts, 2 agencies, one total row).
    assert kinds == {"kommune": 427, "oslo_del": 17, "oslo_samlet": 1, "land": 1}
    assert len({r["knr"] for r in rows if r["type"] == "kommune"}) == 427
    land = load.national_row(rows)
    assert (land["arsverk_totalt"], land["arsverk_voksne"], land["arsverk_barn_unge"]) == ("13936", "11063", "2873")
    assert land["per_10000_totalt"] == "27"
    oslo = next(r for r in rows if r["type"] == "oslo_samlet")
    assert abs(sum(as_int(r["arsverk_totalt"]) for r in rows if r["type"] == "oslo_del") - as_int(oslo["arsverk_totalt"])) <= 10
    everyone = sum(as_int(r["arsverk_totalt"]) for r in rows if r["type"] in ("kommune", "oslo_samlet"))
    assert abs(everyone - 13936) <= 0.01 * 13936, everyone   # rounding per row only
    assert not any(r["navn"] in ("Åremark", "Norrdal", "Sunnadal") for r in rows)


def test_fit_and_brukerplan(data):
    fit = {(r["mal"], r["ar"]): r for r in data["sandnes-fit"]}
    assert fit[("antall_tilbakemeldinger", "totalt")]["verdi"] == "3230"
    assert sum(int(fit[("antall_tilbakemeldinger", y)]["verdi"]) for y in ("2018", "2019", "2020")) == 3230
    sandnes = [r for r in data["brukerplan"] if r["rapport"] == "sandnes-2021"]
    assert len(sandnes) == 20   # 10 municipalities x (IP, ansvarsgruppe)


def copy_indicators(tmp_path) -> Path:
    (tmp_path / "indicators").mkdir()
    for name in load.CSV_FILES:
        shutil.copy(DATA / "indicators" / f"{name}.csv", tmp_path / "indicators" / f"{name}.csv")
    return tmp_path / "indicators"


def rewrite(path: Path, change) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8")))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def test_bad_csv_names_file_line_and_field(tmp_path):
    folder = copy_indicators(tmp_path)
    rewrite(folder / "sintef-2016-tiltak.csv", lambda rows: rows[2].__setitem__(4, "mange"))
    with pytest.raises(IndicatorError) as err:
        load.load_all(tmp_path)
    [problem] = err.value.problems
    assert problem.file == f"{tmp_path.name}/indicators/sintef-2016-tiltak.csv"
    assert problem.field == "linje 3, felt arsverk_2016"
    assert "1 feil i indikatortabellene" in str(err.value)


def test_every_problem_in_every_file_at_once(tmp_path):
    """Two bad cells in one file and a wrong header in another: three messages, one each."""
    folder = copy_indicators(tmp_path)
    def two_cells(rows):
        rows[2][4] = "mange"
        rows[5][0] = "9.9"
    rewrite(folder / "sintef-2016-tiltak.csv", two_cells)
    rewrite(folder / "brukerplan.csv", lambda rows: rows[0].__setitem__(0, "kommunen"))
    with pytest.raises(IndicatorError) as err:
        load.load_all(tmp_path)
    fields = sorted((p.file.split("/")[-1], p.field) for p in err.value.problems)
    assert fields == [("brukerplan.csv", "linje 1"), ("sintef-2016-tiltak.csv", "linje 3, felt arsverk_2016"),
                      ("sintef-2016-tiltak.csv", "linje 6, felt tabell")]
    enum = next(p for p in err.value.problems if p.field.endswith("tabell"))
    assert "'9.9' er ikke tillatt" in enum.message
