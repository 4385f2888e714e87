"""National figures: every CSV matches its schema, row counts and totals match the reports'
own totals, and the pages are generated with a chart, a table and downloads."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from veiviser.indicators import figures

from helpers import SEEDS

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def data():
    return figures.load_all(DATA)


def as_int(text: str) -> int:
    return int(text)


def test_every_csv_matches_its_schema(data):
    assert set(data) == set(figures.CSV_FILES)


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
    land = figures.national_row(rows)
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


def test_bad_csv_names_file_line_and_field(tmp_path):
    src = DATA / "indicators"
    (tmp_path / "indicators").mkdir()
    for name in figures.CSV_FILES:
        shutil.copy(src / f"{name}.csv", tmp_path / "indicators" / f"{name}.csv")
    path = tmp_path / "indicators" / "sintef-2016-tiltak.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[2][4] = "mange"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    with pytest.raises(figures.FiguresError) as err:
        figures.load_all(tmp_path)
    assert "sintef-2016-tiltak.csv" in str(err.value) and "line 3" in str(err.value) and "arsverk_2016" in str(err.value)


def test_pages_have_chart_table_and_downloads():
    figs = figures.build(DATA)
    assert "tall/index.md" in figs.pages and "tall/sintef-kommuner.md" in figs.pages
    assert sum(p.startswith("tall/fafo/") for p in figs.pages) == 7
    for path, text in figs.pages.items():
        if 'class="vv-chart__plot"' in text:
            assert "Kilde:" in text and ".csv\" download>CSV" in text and ".json\" download>JSON" in text, path
    big = figs.pages["tall/sintef-kommuner.md"]
    assert big.count("<tr") == 446 + 1      # every row is in the HTML, plus the header
    for c in figs.charts:
        spec = c.spec()
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert len(c.data) > 0 and c.source.startswith("Kilde:")
