"""The command line on a staff machine: `veiviser aggregate`, `merge` and `validate` run from a
temporary folder outside the project (no mkdocs.yml anywhere above it), with the definitions
that come with the package. Norwegian Excel's cp1252 CSV is read (or refused with «lagre filen
som UTF-8»), a bad value names itself and the allowed values, an unknown column is an error
unless --ignore-columns, an empty file says so, -o into a missing folder is an error, and
every message is in bokmål. Each case runs `python -m veiviser.cli` as a subprocess."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

# English words that would give away a message in the other language (whole words only).
ENGLISH = re.compile(r"\b(error|errors|nothing|written|line|must|problem|problems|cannot|missing|"
                     r"unknown|file|folder|responses|device|devices|from|empty|allowed|value)\b", re.I)


@pytest.fixture
def away(tmp_path):
    """A folder outside the project, with no mkdocs.yml above it."""
    folder = tmp_path / "kontor"
    folder.mkdir()
    for parent in (folder, *folder.parents):
        assert not (parent / "mkdocs.yml").exists(), f"{parent} has a mkdocs.yml"
    return folder


def veiviser(cwd: Path, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    for name in ("VEIVISER_SURVEYS", "VEIVISER_LOCAL_SURVEYS", "VEIVISER_EXPORTS", "VEIVISER_FEEDBACK_K"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "veiviser.cli", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def norwegian_only(result: subprocess.CompletedProcess) -> None:
    """Every line the command printed is bokmål (file names, ids and values aside)."""
    for line in (result.stdout + result.stderr).splitlines():
        words = re.sub(r"\S*[/.]\S*|«[^»]*»|'[^']*'|\([^)]*\)|--[a-z-]+", " ", line)   # names, quotes, options
        assert not ENGLISH.search(words), f"not bokmål: {line!r}"


def csv_rows(n: int, bad: str | None = None) -> str:
    rows = ["Respekt;Innflytelse;Hva kan vi gjøre bedre?"]
    for i in range(n):
        rows.append(f"{5 - i % 5};{bad if bad and i == 3 else 1 + i % 5};Større rom, så vi slipper å vente i gangen")
    return "\r\n".join(rows) + "\r\n"


MAP = "columns:\n  Respekt: respekt\n  Innflytelse: innflytelse\n  Hva kan vi gjøre bedre?: bedre\n"


def test_validate_from_any_folder_checks_the_shipped_definitions(away):
    result = veiviser(away, "validate")
    assert result.returncode == 0, result.stderr
    assert "ingen mkdocs.yml her eller over" in result.stdout
    assert "skjemadefinisjonene er i orden: brukerundersokelse.yaml, livsomrader.yaml" in result.stdout
    norwegian_only(result)
    # --surveys adds local definitions; a broken one is named with its field, in bokmål.
    local = away / "lokale"
    local.mkdir()
    (local / "eget.yaml").write_text("id: eget\nversion: 1\nkind: samtale\n", "utf-8")
    result = veiviser(away, "validate", "--surveys", local)
    assert result.returncode == 1
    assert "eget.yaml: kind: 'samtale' er ikke tillatt; bruk en av" in result.stderr
    assert "eget.yaml: title: er påkrevd" in result.stderr
    norwegian_only(result)


def test_aggregate_reads_norwegian_excel_cp1252(away):
    (away / "svar.csv").write_bytes(csv_rows(12).encode("cp1252"))
    (away / "kart.yaml").write_text(MAP, "utf-8")
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "--map", "kart.yaml",
                      "-o", "eksport.json", "--month", "2026-03", "--service", "klepp/moteplassen")
    assert result.returncode == 0, result.stderr
    assert "lest som Windows-1252 (cp1252)" in result.stderr
    assert "eksport.json: n = 10 av 12 svar" in result.stdout
    doc = json.loads((away / "eksport.json").read_text("utf-8"))
    assert doc["n"] == 10 and doc["k"] == 10 and doc["service"] == "klepp/moteplassen"
    assert doc["items"]["respekt"]["counts"] == {"5": 2, "4": 2, "3": 2, "2": 2, "1": 2, "vet-ikke": 0}
    assert "Større" not in (away / "eksport.json").read_text("utf-8")      # free text never leaves
    norwegian_only(result)


def test_aggregate_refuses_text_that_is_neither_utf8_nor_norwegian_cp1252(away):
    (away / "svar.csv").write_bytes(csv_rows(10).encode("cp1252").replace("ø".encode("cp1252"), b"\x81"))
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "-o", "eksport.json")
    assert result.returncode == 1
    assert "svar.csv: linje 1: er ikke UTF-8-tekst; lagre filen som UTF-8" in result.stderr
    assert not (away / "eksport.json").exists()
    norwegian_only(result)


def test_a_bad_value_names_itself_and_the_allowed_values(away):
    (away / "svar.csv").write_text(csv_rows(10, bad="6"), "utf-8")
    (away / "kart.yaml").write_text(MAP, "utf-8")
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "--map", "kart.yaml", "-o", "e.json")
    assert result.returncode == 1
    assert ("svar.csv: linje 5: innflytelse: «6» er ikke et av svaralternativene (5, 4, 3, 2, 1, vet-ikke)."
            in result.stderr)
    assert "ingenting er skrevet" in result.stderr and not (away / "e.json").exists()
    norwegian_only(result)


def test_an_unknown_column_is_an_error_unless_ignored(away):
    (away / "svar.csv").write_text("respekt;Tidsmerke\n" + "5;2026-03-01 10:12\n" * 10, "utf-8")
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "-o", "e.json")
    assert result.returncode == 1
    assert "svar.csv: kolonnen «Tidsmerke»: er ikke et spørsmål i brukerundersokelse" in result.stderr
    assert not (away / "e.json").exists()
    norwegian_only(result)
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "-o", "e.json", "--ignore-columns")
    assert result.returncode == 0, result.stderr
    assert "hoppet over kolonnene «Tidsmerke»" in result.stderr
    assert json.loads((away / "e.json").read_text("utf-8"))["n"] == 10
    norwegian_only(result)


@pytest.mark.parametrize("content, message", [
    (b"", "svar.csv: filen er tom: den har ingen svar"),
    (b"\r\n  \r\n", "svar.csv: filen er tom: den har ingen svar"),
    ("respekt;innflytelse\r\n".encode("utf-8-sig"), "svar.csv: filen har ingen svar, bare overskriftsraden"),
])
def test_an_empty_file_says_it_is_empty(away, content, message):
    (away / "svar.csv").write_bytes(content)
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "-o", "e.json")
    assert result.returncode == 1
    assert message in result.stderr
    norwegian_only(result)


def test_output_into_a_missing_folder_is_an_error(away):
    (away / "svar.csv").write_text("respekt\n" + "5\n" * 10, "utf-8")
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "-o", "finnes-ikke/e.json")
    assert result.returncode == 1
    assert "finnes-ikke: mappen finnes ikke" in result.stderr
    assert not (away / "finnes-ikke").exists()
    norwegian_only(result)
    result = veiviser(away, "aggregate", "brukerundersokelse", "svar.csv", "-o", ".")
    assert result.returncode == 1 and "er en mappe; -o skal være navnet på en fil" in result.stderr


def test_merge_from_any_folder_with_the_shipped_definitions(away):
    for device, n in (("nettbrett-1", 10), ("nettbrett-2", 20)):
        (away / f"{device}.csv").write_text("respekt;innflytelse\n" + "5;4\n" * n, "utf-8")
        result = veiviser(away, "aggregate", "brukerundersokelse", f"{device}.csv", "-o", f"{device}.json",
                          "--device", device, "--month", "2026-02")
        assert result.returncode == 0, result.stderr
    (away / "feil.json").write_text("{}", "utf-8")
    result = veiviser(away, "merge", "nettbrett-1.json", "nettbrett-2.json", "feil.json", "mangler.json",
                      "-o", "samlet.json")
    assert result.returncode == 1
    assert "2 feil i eksportfilene:" in result.stderr
    assert "feil.json: schema: mangler; dette er ikke en eksportfil fra Veiviser" in result.stderr
    assert "mangler.json: finnes ikke" in result.stderr
    norwegian_only(result)
    result = veiviser(away, "merge", "nettbrett-1.json", "nettbrett-2.json", "-o", "samlet.json")
    assert result.returncode == 0, result.stderr
    assert "samlet.json: n = 30 fra 2 enheter" in result.stdout
    norwegian_only(result)


def test_argparse_speaks_bokmal_too(away):
    result = veiviser(away, "aggregate", "brukerundersokelse")
    assert result.returncode == 2
    assert "veiviser aggregate: feil: disse må være med: SVARFIL, -o/--out" in result.stderr
    assert result.stderr.startswith("bruk: veiviser aggregate")
    norwegian_only(result)
    result = veiviser(away, "merge", "--help")
    assert "vis denne hjelpen og avslutt" in result.stdout and "valg:" in result.stdout
    norwegian_only(result)


def test_the_package_ships_the_definitions():
    """src/veiviser/surveys/shipped links to surveys/, and the package data names its YAML files,
    so a wheel holds them (not the exports below it)."""
    from veiviser.surveys import definitions
    shipped = definitions.shipped_dir()
    assert shipped.resolve() == (ROOT / "surveys").resolve()
    assert sorted(p.name for p in shipped.glob("*.yaml")) == sorted(p.name for p in (ROOT / "surveys").glob("*.yaml"))
    assert '"surveys/shipped/*.yaml"' in (ROOT / "pyproject.toml").read_text("utf-8")
