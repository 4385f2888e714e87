#!/usr/bin/env python3
"""Transcribe the national figures in the seed reports into data/indicators/*.csv.

Run once by hand (`.venv/bin/python scripts/make-indicator-csvs.py ../shared/seeds
../shared/research`); the CSVs are committed, this script records how they were made.
Values are copied from the seed lines as printed; the research extraction is only used to
map the Fafo table rows to indicator numbers (table 9.1 prints no number on its first rows)
and as a cross-check: any disagreement stops the script.
"""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "indicators"

GOAL_AREAS = {  # Fafo table -> goal area as the report names it (l.255-264, table captions)
    "5.1": "Overordnet innsats",
    "6.1": "Overordnede effektindikatorer",
    "7.1": "Hovedmål 1 – bruker- og pårørendemedvirkning",
    "8.1": "Hovedmål 2 – tidlig innsats",
    "9.1": "Hovedmål 3 – tilgjengelig, variert og helhetlig tjenesteapparat",
    "10.1": "Hovedmål 4 – aktiv og meningsfylt tilværelse",
    "11.1": "Hovedmål 5 – alternative straffereaksjoner",
}
UNITS = {  # research extraction's English unit -> short Norwegian unit
    "mean score 1–4": "gjennomsnitt (skala 1–4)", "% of users (BU)": "% av brukere (BU)",
    "% of TSB patients": "% av pasienter i TSB", "% of municipalities": "% av kommuner",
    "days": "dager", "persons": "personer", "NOK million": "mill. kr",
    "ratio": "forholdstall", "FTEs": "årsverk", "NOK million, 2018-NOK": "mill. 2018-kr",
    "% of pupils": "% av elever", "places": "plasser", "thousand 2018-NOK": "1000 2018-kr",
    "count": "antall", "sentences": "dommer", "% of users (BrukerPlan)": "% av brukere (BrukerPlan)",
    "cases": "saker", "% of respondents": "% av de spurte",
    "FTEs per 10,000 aged 0–5": "årsverk per 10 000 barn 0–5 år",
}
UNIT_PREFIX = {"NOK million (2016": "mill. 2018-kr", "as printed 'i kroner'": "oppgitt «i kroner» (trolig mill. kr)"}

# Known problems in the report (research/fafo.md §1.4 and §7, checked against the seed lines).
# The report's value is kept; the note says what is wrong or unusual.
FAFO_NOTES = {
    "2": "Verdiene for 2016 og 2017 er revidert i denne rapporten for å ta med Husbankens boligsosiale innsats (125 mill. kr per år) (l.1143).",
    "3": "Teksten oppgir vekst på 2,5 % per år (l.155, 1104); tabellen viser 2,4 %.",
    "6": "«Den gylne regel»: over 1 betyr at TSB vokste raskere enn somatikken. Måles her bare nasjonalt på kostnader (l.1096, 1172).",
    "7": "Spørsmålet ble innført i 2017, så 2017 er første måling (l.1196).",
    "8": "Enheten er trykt som «i kroner», men størrelsen tyder på millioner kroner (usikkert).",
    "16": "Teksten sier både at «blålys» er stabilt 13–14 % (l.167) og at det er 14 % og har økt (l.1264).",
    "24": "64 % av kommunene svarte ikke eller svarte null; rapporten kaller indikatoren svært sårbar for lokale avgrensninger (l.1306, 1311).",
    "32": "Brudd i tidsserien i 2018 (ny svarskala); bare 2018 vises (l.1302).",
    "33": "Teksten omtaler pårørendeindikatorene som «33 og 35» (l.1389); tabellen har 33 og 34.",
    "39": "Endret fra kostnader per innbygger til avtalte årsverk per 10 000 innbyggere 0–5 år (l.1430). Endringskolonnene kan ikke regnes nøyaktig ut fra de avrundede verdiene.",
    "43": "Endringen 2017–2018 er trykt som «1,0 %», ikke «1,0 %-poeng» (trykkfeil i rapporten).",
    "52": "Tabell 9.1 trykker ikke nummer på de første radene; nummer 52 er utledet av rekkefølgen (l.1456–1458).",
    "54": "25 % tilsvarer 104 av 422 kommuner som svarte (l.1499).",
    "56": "Median, ikke gjennomsnitt (l.1520, 1528).",
    "57": "Tabell 9.1 trykker ikke nummer på de første radene; nummer 57 er utledet av rekkefølgen (l.1456–1458).",
    "87": "Rapporten bruker desimalpunktum i endringskolonnene her, komma ellers.",
    "88": "Paragrafen omtales både som straffelovens og straffegjennomføringslovens § 12 (l.181, 1644).",
    "91": "Tallene for 2016 og 2017 er justert ned med 3 dommer hver (l.1653).",
    "92": "To tidligere indikatorer er slått sammen fordi Konfliktrådet endret rapporteringen (l.1651).",
    "93": "Endret til gjennomsnittsskår på en skala fra 1 til 4 (l.1628).",
}


def number(text: str) -> float | None:
    """'13 936' -> 13936.0, '36 %' -> 36.0, '2,4' -> 2.4, '8.2 %' -> 8.2, 'N/A' or '' -> None."""
    t = text.replace("\u00a0", " ").replace("%-poeng", "").replace("%", "").replace(" ", "").replace(",", ".")
    if t in ("", "N/A", "."):
        return None
    return float(t)


def clean(text: str) -> str:
    """Drop footnote marks and join words the PDF conversion split at a line break ('hen- lagte')."""
    text = re.sub(r"\s*<sup>[^<]*</sup>", "", text)
    text = re.sub(r"(\w)- (?!og\b|eller\b|til\b)([a-zæøå])", r"\1\2", text)
    return text.replace("Fylkes - mannen", "Fylkesmannen").strip()


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(rows)} rows")


def fafo(seeds: Path, research: Path) -> None:
    seed = (seeds / "002_8ceffd757f77f65e.txt").read_text("utf-8").split("\n")
    mapping = list(csv.DictReader((research / "fafo-indicators.csv").open(encoding="utf-8")))
    rows = []
    for r in mapping:
        line_no = int(r["source_line"])
        fields = seed[line_no - 1].split("\t")
        fields = [clean(f) for f in fields]
        k = fields.index(r["source"])
        name = fields[k - 1]
        if r["table"] == "5.1":            # table 5.1 prints "1 Name" in one cell
            name = re.sub(r"^\d+ ", "", name)
        kind = fields[k - 2] if k >= 2 and not fields[k - 2].isdigit() else ""
        values = (fields[k + 1:k + 7] + [""] * 6)[:6]
        expected = [r["v2016"], r["v2017"], r["v2018"], r["chg_2016_2017"], r["chg_2017_2018"],
                    r["chg_2016_2018_avg_per_year"]]
        if values != expected or name != clean(r["name_no"]):
            sys.exit(f"indicator {r['number']}: seed line {line_no} gives {values} {name!r}, "
                     f"research gives {expected} {r['name_no']!r}")
        unit = UNITS.get(r["unit"]) or next(v for p, v in UNIT_PREFIX.items() if r["unit"].startswith(p))
        nums = [number(v) for v in values[:3]]
        rows.append([int(r["number"]), "ja" if r["number_inferred"] == "True" else "nei", r["table"],
                     GOAL_AREAS[r["table"]], kind or r["type_as_printed"], name.rstrip("*").strip(),
                     r["source"], unit, *values[:3], *["" if n is None else f"{n:g}" for n in nums],
                     *values[3:], FAFO_NOTES.get(r["number"], ""), line_no])
    write_csv(OUT / "fafo-indicators.csv",
              ["nr", "nr_utledet", "tabell", "malomrade", "type", "indikator", "kilde", "enhet",
               "verdi_2016", "verdi_2017", "verdi_2018", "tall_2016", "tall_2017", "tall_2018",
               "endring_2016_2017", "endring_2017_2018", "endring_per_ar", "merknad", "seed_linje"], rows)


def table_rows(seed: list[str], first: int, last: int):
    """Tab-separated data rows between two seed lines (inclusive), with their line numbers."""
    for no in range(first, last + 1):
        fields = seed[no - 1].split("\t")
        if len(fields) >= 3 and fields[0].strip():
            yield no, fields


def sintef(seeds: Path) -> None:
    seed = (seeds / "003_e52f7d5da3592bf4.txt").read_text("utf-8").split("\n")
    rows = []
    for table, group, first, last in [("3.4", "voksne", 819, 825), ("3.7", "barn og unge", 876, 879)]:
        for no, f in table_rows(seed, first, last):
            rows.append([table, group, f[0], int(number(f[1])), int(number(f[2])), int(number(f[3])), int(number(f[4])), no])
    write_csv(OUT / "sintef-2016-tiltak.csv",
              ["tabell", "malgruppe", "tiltak", "arsverk_2015", "arsverk_2016", "endring", "endring_prosent", "seed_linje"], rows)
    rows = []
    for table, group, first, last in [("3.10", "voksne", 928, 938), ("3.12", "barn og unge", 972, 982)]:
        for no, f in table_rows(seed, first, last):
            rows.append([table, group, f[0], int(number(f[1])), int(number(f[2])), int(number(f[3])), int(number(f[4])), no])
    write_csv(OUT / "sintef-2016-utdanning.csv",
              ["tabell", "malgruppe", "utdanning", "arsverk_2015", "arsverk_2016", "endring", "endring_prosent", "seed_linje"], rows)
    # Appendix «Grunnlagsdata 2016» (L3984-4440): one row per municipality, Oslo by district.
    names = {"Åremark": "Aremark", "Norrdal": "Norddal", "Sunnadal": "Sunndal"}  # sintef.md §8 no. 13
    rows = []
    for no in range(3988, 4441):
        f = seed[no - 1].split("\t")
        if len(f) < 8:
            continue
        knr, name = f[0].strip(), f[1].strip()
        kind = ("land" if name == "Landet" else "oslo_samlet" if name == "Samlet Oslo"
                else "oslo_del" if knr == "301" else "kommune")
        note = f"Skrevet «{name}» i rapporten." if name in names else ""
        if kind == "oslo_del" and f[5].strip() == ".":
            note = "Rapporten oppgir ikke årsverk per innbygger for etaten."
        vals = [number(v) for v in f[2:8]]
        rows.append([knr, names.get(name, name), kind, *["" if v is None else int(v) for v in vals], note, no])
    write_csv(OUT / "sintef-2016-kommuner.csv",
              ["knr", "navn", "type", "arsverk_totalt", "arsverk_voksne", "arsverk_barn_unge",
               "per_10000_totalt", "per_10000_voksne", "per_10000_barn_unge", "merknad", "seed_linje"], rows)


def local(seeds: Path) -> None:
    """Sandnes FIT table (Sandnes 2021 L480-488) and BrukerPlan figures quoted in the audits."""
    seed = (seeds / "001_f4d81d0f091a68ce.txt").read_text("utf-8").split("\n")
    labels = {483: "forventet_effekt_prosent", 484: "avsluttede_tilbud", 485: "drop_out_prosent", 486: "antall_tilbakemeldinger"}
    rows = []
    for no, key in labels.items():
        f = seed[no - 1].split("\t")
        for year, text in zip(["2018", "2019", "2020", "totalt"], f[1:5]):
            n = number(text)
            rows.append([key, f[0], year, text.strip(), "" if n is None else f"{n:g}", no])
    write_csv(OUT / "sandnes-fit.csv", ["mal", "rad_i_rapporten", "ar", "verdi_trykt", "verdi", "seed_linje"], rows)
    rows = []
    for no, f in table_rows(seed, 851, 860):
        rows.append(["sandnes-2021", "BrukerPlan 2018 (KORFOR)", 2018, f[0], "individuell_plan_prosent", int(number(f[1])), no])
        rows.append(["sandnes-2021", "BrukerPlan 2018 (KORFOR)", 2018, f[0], "ansvarsgruppe_prosent", int(number(f[2])), no])
    # Klepp 2020 K:1082 and Asker 2026 A:936, A:1049: quoted in running text, copied by hand.
    rows += [["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "kartlagte_brukere", 90, 1082],
             ["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "bare_rusproblem", 10, 1082],
             ["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "rus_og_psykisk_helseproblem", 80, 1082],
             ["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "i_kommunale_aktiviteter", 16, 1082],
             ["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "i_aktiviteter_i_frivillige_organisasjoner", 11, 1082],
             ["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "i_aktiviteter_i_brukerorganisasjoner", 6, 1082],
             ["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "i_jobb_eller_skole", 22, 1082],
             ["klepp-2020", "BrukerPlan 2018", 2018, "Klepp", "aktivitet_i_egen_regi", 25, 1082],
             ["asker-2026", "BrukerPlan 2024 (Helse Stavanger)", 2024, "Asker", "kartlagte_brukere", 939, 936],
             ["asker-2026", "BrukerPlan 2024 (Helse Stavanger)", 2024, "Asker", "individuell_plan_prosent_rus", 4, 936],
             ["asker-2026", "BrukerPlan 2024 (Helse Stavanger)", 2024, "Asker", "individuell_plan_prosent_psykisk_helse", 6, 936],
             ["asker-2026", "BrukerPlan 2024 (Helse Stavanger)", 2024, "Asker", "brukere_med_egne_barn", 147, 1049],
             ["asker-2026", "BrukerPlan 2024 (Helse Stavanger)", 2024, "Asker", "brukere_med_kontakt_med_andres_barn", 33, 1049]]
    write_csv(OUT / "brukerplan.csv", ["rapport", "kartlegging", "ar", "kommune", "mal", "verdi", "seed_linje"], rows)


if __name__ == "__main__":
    shared = Path(__file__).resolve().parents[2] / "shared"   # ../shared beside the project
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else shared / "seeds"
    research = Path(sys.argv[2]) if len(sys.argv) > 2 else shared / "research"
    OUT.mkdir(parents=True, exist_ok=True)
    fafo(seeds, research)
    sintef(seeds)
    local(seeds)
