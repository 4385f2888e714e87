"""The command line: veiviser aggregate (JSON Lines, CSV with a mapping), merge (the latest
per device wins, refusals, nothing written on error), validate with a local folder, and the
build-time loader. pytest only (files and subprocess-free calls to cli.main)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import SEEDS
import yaml

from core_cases import vas_definition

from veiviser import cli
from veiviser.core import export
from veiviser.problems import SurveyError
from veiviser.site import generator
from veiviser.site.settings import ENV
from veiviser.surveys import definitions

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project's mkdocs.yml and surveys/ (and an empty docs/) in tmp_path, as the
    current folder."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "surveys", tmp_path / "surveys")
    (tmp_path / "docs").mkdir()
    (tmp_path / "src").symlink_to(ROOT / "src")      # mkdocs.yml names the theme override in src/
    monkeypatch.chdir(tmp_path)
    for name in ENV.values():
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def load_project(project: Path) -> list:
    """The survey definitions a build of this project reads (settings as the build reads them)."""
    s = generator.read_settings(project / "mkdocs.yml")
    return definitions.load_all(s.surveys_dir, s.local_surveys_dir, root=s.root)


def run(*args) -> int:
    try:
        return cli.main([str(a) for a in args])
    except SystemExit as exc:      # argparse errors
        return exc.code


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def outcome_rows(n: int) -> list:
    return [{"personlig": i % 11, "nare": (2 * i) % 11, "sosialt": (3 * i) % 11, "generelt": 5} for i in range(n)]


def test_aggregate_jsonl(project, capsys):
    src = write_jsonl(project / "svar.jsonl", outcome_rows(23))
    assert run("aggregate", "slik-har-jeg-hatt-det", src, "-o", "ut.json", "--device", "dev1",
               "--month", "2026-03", "--service", "klepp/moteplassen") == 0
    doc = export.from_json((project / "ut.json").read_text("utf-8"))
    assert doc["n"] == 20 and doc["k"] == 10                   # two whole batches; 3 wait
    assert doc["period"] == {"from": "2026-03", "to": "2026-03"}
    assert doc["service"] == "klepp/moteplassen" and doc["device"] == "dev1"
    # Hand-computed: personlig = i % 11 for i in 0..19 -> bins 0..8 twice, 9 and 10 once.
    assert doc["items"]["personlig"]["histogram"] == [2] * 9 + [1, 1]
    totals = [i % 11 + (2 * i) % 11 + (3 * i) % 11 + 5 for i in range(20)]
    hist = doc["scales"]["total"]["histogram"]
    assert len(hist) == 41 and all(hist[t] == totals.count(t) for t in range(41))
    assert "n = 20 of 23" in capsys.readouterr().out


def test_aggregate_default_device_is_stable(project):
    src = write_jsonl(project / "svar.jsonl", outcome_rows(10))
    assert run("aggregate", "slik-har-jeg-hatt-det", src, "-o", "a.json", "--month", "2026-01") == 0
    assert run("aggregate", "slik-har-jeg-hatt-det", src, "-o", "b.json", "--month", "2026-01", "--k", "5") == 0
    a, b = (json.loads((project / f).read_text()) for f in ("a.json", "b.json"))
    assert a["device"] == b["device"] and len(a["device"]) == 16
    assert b["k"] == 5 and b["n"] == 10


def test_aggregate_csv_with_mapping(project):
    (project / "nettskjema.csv").write_text(
        "Innsendt;Respekt;Innflytelse;Hva kan vi gjøre bedre?\n"
        + "".join(f"2026-01-0{i + 1};{['I stor grad', 'I svært stor grad', 'Vet ikke'][i % 3]};{i % 5 + 1};tekst {i}\n"
                  for i in range(7)), "utf-8")
    (project / "kart.yaml").write_text(yaml.safe_dump({
        "columns": {"Respekt": "respekt", "Innflytelse": "innflytelse", "Hva kan vi gjøre bedre?": "bedre"},
        "values": {"respekt": {"I stor grad": 4, "I svært stor grad": 5, "Vet ikke": "vet-ikke"}}},
        allow_unicode=True), "utf-8")
    assert run("aggregate", "brukerundersokelse", "nettskjema.csv", "--map", "kart.yaml", "-o", "ut.json",
               "--k", "3", "--month", "2026-01") == 0
    doc = json.loads((project / "ut.json").read_text("utf-8"))
    assert doc["n"] == 6
    assert doc["items"]["respekt"]["counts"] == {"5": 2, "4": 2, "3": 0, "2": 0, "1": 0, "vet-ikke": 2}
    assert doc["items"]["innflytelse"]["counts"] == {"5": 1, "4": 1, "3": 1, "2": 1, "1": 2, "vet-ikke": 0}
    assert "bedre" not in doc["items"] and "tekst" not in (project / "ut.json").read_text("utf-8")


def test_aggregate_csv_numbers_and_flat_mapping(project):
    (project / "svar.csv").write_text("p,n,s,g\n1,2,3,4\n\"2,5\",0,10,7\n", "utf-8")
    (project / "kart.yaml").write_text("p: personlig\nn: nare\ns: sosialt\ng: generelt\n", "utf-8")
    assert run("aggregate", "slik-har-jeg-hatt-det", "svar.csv", "--map", "kart.yaml", "-o", "ut.json",
               "--k", "1", "--month", "2026-02") == 0
    doc = json.loads((project / "ut.json").read_text("utf-8"))
    hist = doc["scales"]["total"]["histogram"]
    assert hist[10] == 1 and hist[20] == 1 and sum(hist) == 2       # 1+2+3+4 and 2.5+0+10+7 = 19.5 -> 20


def test_aggregate_refuses_bad_responses_and_writes_nothing(project, capsys):
    rows = outcome_rows(10)
    rows[3]["personlig"] = 14
    rows[6]["nare"] = "mye"
    src = write_jsonl(project / "svar.jsonl", rows)
    assert run("aggregate", "slik-har-jeg-hatt-det", src, "-o", "ut.json") == 1
    err = capsys.readouterr().err
    assert "nothing written" in err
    assert "svar.jsonl: line 4: personlig: Svaret må ligge mellom 0 og 10." in err
    assert "svar.jsonl: line 7: nare: Svaret må være et tall fra 0 til 10." in err
    assert not (project / "ut.json").exists()


def test_aggregate_other_refusals(project, capsys):
    (project / "svar.jsonl").write_text('{"personlig": 1}\n[1, 2]\n', "utf-8")
    assert run("aggregate", "slik-har-jeg-hatt-det", "svar.jsonl", "-o", "ut.json") == 1
    assert "line 2: must be an object" in capsys.readouterr().err
    assert run("aggregate", "finnes-ikke", "svar.jsonl", "-o", "ut.json") == 1
    assert "no survey definition with id 'finnes-ikke'" in capsys.readouterr().err
    (project / "svar.csv").write_text("x,y\n1,2\n", "utf-8")
    assert run("aggregate", "slik-har-jeg-hatt-det", "svar.csv", "-o", "ut.json") == 1
    assert "no column matches" in capsys.readouterr().err
    assert run("aggregate", "slik-har-jeg-hatt-det", "svar.jsonl", "-o", "ut.json", "--month", "2026-03-01") == 1
    assert not (project / "ut.json").exists()


def make_export(project, name, rows, device, month="2026-01", survey="slik-har-jeg-hatt-det"):
    src = write_jsonl(project / f"{name}.jsonl", rows)
    assert run("aggregate", survey, src, "-o", f"{name}.json", "--device", device, "--month", month, "--k", "1") == 0
    return project / f"{name}.json"


def test_merge_latest_per_device(project, capsys):
    old = make_export(project, "old", outcome_rows(3), "dev-a")
    new = make_export(project, "new", outcome_rows(5), "dev-a", "2026-02")
    other = make_export(project, "other", outcome_rows(2), "dev-b")
    assert run("merge", new, other, old, "-o", "samlet.json") == 0
    doc = export.from_json((project / "samlet.json").read_text("utf-8"))
    assert doc["n"] == 5 + 2 and doc["devices"] == ["dev-a", "dev-b"]
    assert doc["period"] == {"from": "2026-01", "to": "2026-02"}
    assert "n = 7 from 2 device(s)" in capsys.readouterr().out


def test_merge_refuses_and_writes_nothing(project, capsys):
    a = make_export(project, "a", outcome_rows(3), "dev-a")
    b = make_export(project, "b", [{"lyttet": 1, "tema": 2, "arbeidsmate": 3, "samlet": 4}], "dev-b",
                    survey="om-samtalen")
    (project / "samlet.json").write_text("old content", "utf-8")
    assert run("merge", a, b, "-o", "samlet.json") == 1
    err = capsys.readouterr().err
    assert "nothing written" in err and "b.json: survey id is 'om-samtalen'" in err
    (project / "ødelagt.json").write_text('{"schema": "veiviser-aggregate/1", "survey": 3}', "utf-8")
    assert run("merge", a, "ødelagt.json", "mangler.json", "-o", "samlet.json") == 1
    err = capsys.readouterr().err
    assert "ødelagt.json: device: required field is missing" in err
    assert "mangler.json: cannot read" in err
    assert (project / "samlet.json").read_text("utf-8") == "old content"     # untouched
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".samlet")) == []


def test_validate_checks_surveys_and_a_local_folder(project, capsys):
    assert run("validate", "--data", ROOT / "data") == 0
    assert "survey definitions OK" in capsys.readouterr().out
    local = project / "lokale"
    local.mkdir()
    broken = vas_definition()
    broken["id"] = "lokal-test"
    broken["scales"][0]["max"] = 40
    (local / "lokal-test.yaml").write_text(yaml.safe_dump(broken, allow_unicode=True), "utf-8")
    assert run("validate", "--data", ROOT / "data", "--surveys", local) == 1
    err = capsys.readouterr().err
    assert "1 problem(s) in the survey definitions:" in err
    assert "lokale/lokal-test.yaml: scales[0] (sum): min/max are 0/40" in err


def test_local_definition_works_end_to_end(project, monkeypatch):
    """A municipality's own definition in a local folder: validated, aggregated and published."""
    local = project / "lokale"
    local.mkdir()
    own = vas_definition(k=2)
    own["id"] = "var-egen"
    (local / "var-egen.yaml").write_text(yaml.safe_dump(own, allow_unicode=True), "utf-8")
    src = write_jsonl(project / "svar.jsonl", [{"a": 1, "b": 2}, {"a": 3}])
    assert run("aggregate", "var-egen", src, "--surveys", local, "-o", "ut.json", "--month", "2026-04") == 0
    assert json.loads((project / "ut.json").read_text())["n"] == 2
    # The build finds it through the environment variable or mkdocs.yml `extra.veiviser`.
    monkeypatch.setenv(ENV["local_surveys_dir"], str(local))
    assert "var-egen" in [s.definition.id for s in load_project(project)]
    monkeypatch.delenv(ENV["local_surveys_dir"])
    assert "var-egen" not in [s.definition.id for s in load_project(project)]
    text = (project / "mkdocs.yml").read_text("utf-8")
    assert "  veiviser: {}" in text
    (project / "mkdocs.yml").write_text(text.replace("  veiviser: {}", "  veiviser: {local_surveys: lokale}", 1), "utf-8")
    found = load_project(project)
    assert "var-egen" in [s.definition.id for s in found]
    site = project / "site"
    definitions.publish(found, site)
    published = json.loads((site / "data/surveys/var-egen-v1.json").read_text("utf-8"))
    assert published == own


def test_build_loader_names_file_path_and_problem(project):
    bad = yaml.safe_load((project / "surveys/om-samtalen.yaml").read_text("utf-8"))
    bad["items"][1]["required"] = "ja"
    bad["kind"] = "outcome"
    (project / "surveys/om-samtalen.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True), "utf-8")
    (project / "surveys/feil-navn.yaml").write_text(
        (project / "surveys/livsomrader.yaml").read_text("utf-8"), "utf-8")
    with pytest.raises(SurveyError) as info:
        definitions.load_all(project / "surveys", root=project)
    assert str(info.value).splitlines() == [
        "2 problem(s) in the survey definitions:",
        "  surveys/feil-navn.yaml: id: 'livsomrader' must equal the file name (feil-navn.yaml)",
        "  surveys/om-samtalen.yaml: items[1].required: 'ja' is not of type 'boolean'",
    ]
    assert [(p.file, p.field) for p in info.value.problems] == [
        ("surveys/feil-navn.yaml", "id"), ("surveys/om-samtalen.yaml", "items[1].required")]


@pytest.mark.parametrize("survey, item, extra", [
    ("om-samtalen", 0, {}),                                  # a vas item (low and high)
    ("brukerundersokelse", 0, {}),                           # a rating item (options, dont_know)
    ("brukerundersokelse", 10, {}),                          # a text item (help)
    ("livsomrader", 0, {"options": "grad"}),                 # and a field the real type would refuse
])
def test_a_wrong_item_type_is_one_message(project, survey, item, extra):
    bad = yaml.safe_load((project / f"surveys/{survey}.yaml").read_text("utf-8"))
    bad["items"][item].update(type="glider", **extra)
    (project / f"surveys/{survey}.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True), "utf-8")
    with pytest.raises(SurveyError) as info:
        definitions.load_all(project / "surveys", root=project)
    assert str(info.value).splitlines() == [
        "1 problem(s) in the survey definitions:",
        f"  surveys/{survey}.yaml: items[{item}].type: 'glider' is not allowed; use one of "
        "'vas', 'rating', 'choice', 'yes_no', 'traffic_light', 'text'",
    ]


def test_shipped_definitions_are_valid_and_in_our_own_words():
    found = {s.definition.id: s for s in definitions.load_all(ROOT / "surveys", root=ROOT)}
    assert set(found) == {"slik-har-jeg-hatt-det", "om-samtalen", "brukerundersokelse",
                          "parorendeundersokelse", "livsomrader"}
    for sid in ("slik-har-jeg-hatt-det", "om-samtalen"):
        d = found[sid].definition
        assert [i.type for i in d.items] == ["vas"] * 4
        assert (d.scales[0].method, d.scales[0].min, d.scales[0].max) == ("sum", 0, 40)
    assert found["slik-har-jeg-hatt-det"].definition.personal is True
    assert [i.type for i in found["livsomrader"].definition.items] == ["traffic_light"] * 8
    bu = found["brukerundersokelse"].raw
    assert [(c["item"], c["indicator"], c["figures"][0]["percent"]) for c in bu["national_comparison"]] == \
        [("innflytelse", "35", 36), ("tilpasset", "36", 42)]
    # The national figures are the ones in the source (Fafo 2019, lines 1295-1296).
    seed = SEEDS / "002_8ceffd757f77f65e.txt"
    if seed.is_file():
        lines = seed.read_text("utf-8").splitlines()
        assert lines[1294].startswith("35\t") and "36 %" in lines[1294]
        assert lines[1295].startswith("36\t") and "42 %" in lines[1295]
    # Never the licensed ORS/SRS wording.
    text = json.dumps([s.raw for s in found.values()], ensure_ascii=False).lower()
    for phrase in ("individually", "interpersonally", "outcome rating scale", "session rating scale",
                   "mellommenneskelig", "i felt heard, understood"):
        assert phrase not in text
    for s in found.values():
        assert all("nb" in i["text"] for i in s.raw["items"])


def test_published_site_has_the_definitions(site_dir):
    for s in definitions.load_all(ROOT / "surveys", root=ROOT):
        path = site_dir / s.published_name
        assert path.is_file(), f"{path} is missing"
        assert json.loads(path.read_text("utf-8")) == s.raw
    for name in ("survey.schema.json", "aggregate.schema.json"):
        assert (site_dir / "data/schemas" / name).is_file()


def test_a_bad_definition_stops_the_build(project):
    from veiviser.site import build
    (project / "surveys/om-samtalen.yaml").write_text("id: om-samtalen\nversion: 1\nkind: session\n", "utf-8")
    ctx = build.Context(generator.read_settings(project / "mkdocs.yml"))
    with pytest.raises(SurveyError) as info:
        build.load_surveys(ctx)                 # the build's load step for the survey definitions
    text = str(info.value)
    assert text.startswith("2 problem(s) in the survey definitions:\n")
    assert "surveys/om-samtalen.yaml: title: is required" in text
    assert "surveys/om-samtalen.yaml: items: is required" in text


def test_aggregate_one_column_csv(project):
    (project / "svar.csv").write_text("respekt\n5\n4\n\n3\n", "utf-8")
    assert run("aggregate", "brukerundersokelse", "svar.csv", "-o", "ut.json", "--k", "3", "--month", "2026-01") == 0
    counts = json.loads((project / "ut.json").read_text())["items"]["respekt"]["counts"]
    assert (counts["5"], counts["4"], counts["3"]) == (1, 1, 1)


def test_aggregate_refuses_an_empty_response_as_the_form_does(project, capsys):
    """core decides (response.too_few), so the command line and the browser agree: a response
    with too few answers is named with its line, and nothing is written."""
    rows = [{"respekt": 5, "innflytelse": 4, "tilpasset": 4, "informasjon": 3, "hjelp-ved-behov": 5}] * 3
    write_jsonl(project / "svar.jsonl", [*rows, {}, {"respekt": "vet-ikke", "bedre": "bare tekst"}])
    assert run("aggregate", "brukerundersokelse", "svar.jsonl", "-o", "ut.json", "--k", "3", "--month", "2026-01") == 1
    err = capsys.readouterr().err
    assert "svar.jsonl: line 4: For få svar: svar på minst 5 av de 10 spørsmålene (nå 0)." in err
    assert "line 5: For få svar" in err and "line 1" not in err
    assert not (project / "ut.json").exists()
