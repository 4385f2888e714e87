"""veiviser.core.proposal and yaml_emit, as the proposal form uses them in the browser: plain
asserts on fixed entries, so the same tests run in CPython and in Pyodide (PYODIDE = True)."""
PYODIDE = True

import json

from veiviser.core import bridge, proposal, yaml_emit

from proposal_cases import form_pairs, set_pair

TEXT = '''name: Møteplassen
municipality: klepp
provider_kind: kommune
owner: Psykisk helse- og rustenesta
description: >-
  Et lavterskel møtested med frokost og aktiviteter; ingen henvisning, og ingen krav om rusfrihet for å komme
  innom.
target_group: Voksne med rus- eller psykiske helseproblemer
min_age: null
max_age: null
access:
  - route: nav
    note: via NAV
  - route: vedtak
    decided_by: null
hours: "Tirsdag og torsdag 10-14"
capacity: null
status: active
types: [lavterskel, moteplass]
laws: [hol-3-10]
findings:
  - Revisjonen fant at tilbudet er lite kjent blant fastlegene.
sources:
  - {report: klepp-2020, lines: "377, 393"}
as_of: "2020-10"
'''

ENTRY = {
    "name": "Møteplassen", "municipality": "klepp", "provider_kind": "kommune", "owner": "Psykisk helse- og rustenesta",
    "description": "Et lavterskel møtested med frokost og aktiviteter; ingen henvisning, og ingen krav om rusfrihet "
                   "for å komme innom.",
    "target_group": "Voksne med rus- eller psykiske helseproblemer", "min_age": None, "max_age": None,
    "access": [{"route": "nav", "note": "via NAV"}, {"route": "vedtak", "decided_by": None}],
    "hours": "Tirsdag og torsdag 10-14", "capacity": None, "status": "active", "types": ["lavterskel", "moteplass"],
    "laws": ["hol-3-10"], "findings": ["Revisjonen fant at tilbudet er lite kjent blant fastlegene."],
    "sources": [{"report": "klepp-2020", "lines": "377, 393"}], "as_of": "2020-10",
}
FILE = "data/services/klepp/moteplassen.yaml"


def request(pairs, **more):
    return dict({"pairs": pairs, "current": ENTRY, "text": TEXT, "file": FILE, "today": "2026-11-30"}, **more)


def test_fields_follow_the_schema():
    kinds = {f.key: f.kind for f in proposal.fields()}
    assert kinds["name"] == "text" and kinds["min_age"] == "integer" and kinds["status"] == "choice"
    assert kinds["types"] == "set" and kinds["findings"] == "lines" and kinds["access"] == "group"
    assert kinds["contact"] == "object" and kinds["verified"] == "object" and kinds["sources"] == "group"
    access = next(f for f in proposal.fields() if f.key == "access")
    assert [(f.key, f.kind) for f in access.fields] == [("route", "choice"), ("decided_by", "text"),
                                                         ("note", "text"), ("inferred", "checkbox")]
    needed = {f.key for f in proposal.fields() if f.needed}
    assert needed == {"name", "municipality", "description", "access", "status", "types", "as_of"}


def test_every_field_has_a_label():
    def walk(fields):
        for f in fields:
            assert f.path in proposal.FORM["fields"], f.path
            walk(f.fields)
    walk(proposal.fields())


def test_an_unchanged_entry_comes_back_the_same_file():
    pairs = form_pairs(ENTRY)
    assert proposal.entry_from_form(pairs, ENTRY) == ENTRY
    out = proposal.propose(request(pairs))
    assert out["ok"] and out["unchanged"] and out["yaml"] == TEXT and out["diff"] == "" and out["changes"] == []


def test_a_changed_field_changes_only_that_field():
    pairs = set_pair(set_pair(form_pairs(ENTRY), "min_age", "18"), "access.0.route", "self_referral")
    out = proposal.propose(request(pairs))
    assert out["ok"] and not out["unchanged"]
    assert out["entry"] == dict(ENTRY, min_age=18, access=[{"route": "self_referral", "note": "via NAV"},
                                                          {"route": "vedtak", "decided_by": None}])
    assert out["yaml"] == TEXT.replace("min_age: null", "min_age: 18").replace("- route: nav", "- route: self_referral")
    changed = [line for line in out["diff"].splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-min_age: null", "+min_age: 18", "-  - route: nav", "+  - route: self_referral"]
    assert out["diff"].startswith(f"--- a/{FILE}\n+++ b/{FILE}\n@@ ")
    assert [(c["label"], c["old"], c["new"]) for c in out["changes"]] == [
        ("Alder fra", "ikke kjent", "18"),
        ("Vei inn 1, Hva slags vei inn", "Via NAV", "Uten henvisning – ta kontakt direkte")]
    assert out["file"] == FILE and out["filename"] == "moteplassen.yaml"


def test_removing_a_route_and_adding_a_contact():
    pairs = [p for p in form_pairs(ENTRY) if not p[0].startswith("access.1.")]
    pairs += [["contact.phone", "51 42 00 00"]]
    out = proposal.propose(request(pairs))
    assert out["ok"]
    assert out["entry"]["access"] == [{"route": "nav", "note": "via NAV"}]
    assert out["entry"]["contact"] == {"phone": "51 42 00 00"}
    assert "contact:\n  phone: \"51 42 00 00\"\n" in out["yaml"]
    assert out["yaml"].index("contact:") > out["yaml"].index("types:")   # in the schema's place


def errors_of(pairs, **more):
    out = proposal.propose(request(pairs, **more))
    assert not out["ok"] and "yaml" not in out      # no file when anything is wrong
    return {e["name"]: e["message"] for e in out["errors"]}


def test_every_kind_of_invalid_input_is_refused_with_its_field():
    base = form_pairs(ENTRY)
    cases = [
        (set_pair(base, "name", ""), "name", "må fylles ut"),
        (set_pair(base, "name", "M"), "name", "må ha minst 2 tegn"),
        (set_pair(base, "description", "Kort."), "description", "må ha minst 10 tegn"),
        (set_pair(base, "min_age", "atten"), "min_age", "må være et heltall (eller stå tomt)"),
        (set_pair(base, "min_age", "-1"), "min_age", "kan ikke være lavere enn 0"),
        (set_pair(base, "max_age", "130"), "max_age", "kan ikke være høyere enn 120"),
        (set_pair(set_pair(base, "min_age", "30"), "max_age", "18"), "max_age", "kan ikke være lavere enn «Alder fra»"),
        ([p for p in base if p[0] != "status"], "status", "må fylles ut"),
        ([p for p in base if p[0] != "types"], "types", "må ha minst én"),
        ([p for p in base if not p[0].startswith("access.")], "access", "må ha minst én"),
        (set_pair(base, "as_of", "i fjor"), "as_of", "skrives som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD (for eksempel 2027-03)"),
        (set_pair(base, "as_of", ""), "as_of", "må fylles ut"),
        (set_pair(base, "access.0.note", "") + [["access.0.inferred", "on"]], "access.0.note", "må fylles ut"),
        (set_pair(base, "access.1.decided_by", "N"), "access.1.decided_by", "må ha minst 2 tegn"),
        (set_pair(base, "sources.0.lines", ""), "sources.0.lines", "må fylles ut"),
        (set_pair(base, "municipality", "sandnes"), "municipality",
         "kan ikke endres her; foreslå tilbudet som nytt i den andre kommunen"),
        (base + [["verified.date", "2026-13-05"], ["verified.by", "Tildelingskontoret"], ["verified.how", "telefon"]],
         "verified.date", "skrives som ÅÅÅÅ-MM-DD (for eksempel 2027-03-05)"),
        (base + [["verified.date", "2027-01-05"], ["verified.by", "Tildelingskontoret"], ["verified.how", "telefon"]],
         "verified.date", "kan ikke være etter i dag"),
        (base + [["verified.date", "2026-11-05"], ["verified.how", "telefon"]], "verified.by", "må fylles ut"),
        (set_pair(base, "hours", "x"), "hours", "må ha minst 2 tegn"),
    ]
    for pairs, name, message in cases:
        assert errors_of(pairs).get(name) == message, (name, errors_of(pairs))


def test_sources_may_be_left_out_only_when_someone_vouches():
    base = [p for p in form_pairs(ENTRY) if not p[0].startswith("sources.")]
    assert errors_of(base)["sources"] == "velg minst én rapport, eller fyll ut «Bekreftet» nederst i skjemaet"
    out = proposal.propose(request(base + [["verified.date", "2026-11-05"], ["verified.by", "Tildelingskontoret"],
                                           ["verified.how", "skjema"]]))
    assert out["ok"] and out["entry"]["sources"] == []


def test_a_new_offer():
    pairs = [["name", "Ny Start på Bryne"], ["municipality", "klepp"], ["provider_kind", "kommune"],
             ["owner", ""], ["description", "Et nytt tilbud om arbeid og aktivitet for unge voksne."],
             ["target_group", ""], ["min_age", "18"], ["max_age", "30"], ["access.0.route", "self_referral"],
             ["access.0.decided_by", ""], ["access.0.note", ""], ["hours", ""], ["capacity", ""],
             ["status", "active"], ["types", "arbeid-aktivitet"], ["as_of", "2026-11"],
             ["verified.date", "2026-11-30"], ["verified.by", "Tenestekontoret"], ["verified.how", "skjema"]]
    out = proposal.propose({"pairs": pairs, "current": None, "today": "2026-11-30",
                            "existing": {"klepp": ["moteplassen"]}, "email": "red@veiviser.example.org",
                            "edit_url": "https://git.example.org/edit/{path}"})
    assert out["ok"], out
    assert out["file"] == "data/services/klepp/ny-start-pa-bryne.yaml"
    assert out["entry"] == {
        "name": "Ny Start på Bryne", "municipality": "klepp", "owner": None,
        "description": "Et nytt tilbud om arbeid og aktivitet for unge voksne.", "target_group": None,
        "min_age": 18, "max_age": 30, "access": [{"route": "self_referral"}], "hours": None, "capacity": None,
        "status": "active", "types": ["arbeid-aktivitet"], "sources": [], "as_of": "2026-11",
        "verified": {"date": "2026-11-30", "by": "Tenestekontoret", "how": "skjema"}}
    assert out["diff"].startswith("--- /dev/null\n+++ b/data/services/klepp/ny-start-pa-bryne.yaml\n@@ -0,0 +1,")
    assert out["edit_url"] is None          # no file to edit yet
    assert out["mailto"].startswith("mailto:red@veiviser.example.org?subject=Veiviser%3A%20forslag%20til%20nytt")
    taken = errors_of(set_pair(pairs, "name", "Møteplassen"), current=None, existing={"klepp": ["moteplassen"]})
    assert taken["name"].startswith("kommunen har allerede et tilbud med filnavnet moteplassen.yaml")


def test_verify_changes_only_verified():
    pairs = [["verified.date", "2026-11-30"], ["verified.by", "Tenestekontoret"], ["verified.how", "telefon"],
             ["verified.note", ""], ["name", "Noe annet"]]   # anything else is ignored
    out = proposal.verify(request(pairs, edit_url="https://git.example.org/edit/main/{path}"))
    assert out["ok"]
    assert out["yaml"] == TEXT + 'verified:\n  date: "2026-11-30"\n  by: Tenestekontoret\n  how: telefon\n'
    assert [c["field"] for c in out["changes"]] == ["verified.date", "verified.by", "verified.how"]
    assert out["changes"][0]["new"] == "30. november 2026"      # dates as the pages write them
    assert out["edit_url"] == "https://git.example.org/edit/main/" + FILE
    missing = proposal.verify(request([["verified.date", "2026-11-30"]]))
    assert {e["name"] for e in missing["errors"]} == {"verified.by", "verified.how"}


def test_report_problem():
    out = proposal.report_problem({"pairs": [["problem", "Telefonnummeret er feil."], ["suggestion", ""],
                                             ["reporter", "fastlege"]],
                                   "key": "klepp/moteplassen", "name": "Møteplassen", "file": FILE,
                                   "page_url": "https://veiviser.example.org/kommuner/klepp/moteplassen/",
                                   "today": "2026-11-30", "email": "red@veiviser.example.org"})
    assert out["ok"] and out["filename"] == "feilmelding-klepp-moteplassen-2026-11-30.yaml"
    assert out["yaml"] == (
        "# Feilmelding til Veivisers redaksjon, laget med skjemaet «Meld feil»\n"
        "tjeneste: klepp/moteplassen\nnavn: Møteplassen\nfil: data/services/klepp/moteplassen.yaml\n"
        "side: https://veiviser.example.org/kommuner/klepp/moteplassen/\ndato: \"2026-11-30\"\n"
        "hva_er_feil: Telefonnummeret er feil.\nmeldt_av: fastlege\n")
    assert "mailto:red@veiviser.example.org?subject=" in out["mailto"]
    empty = proposal.report_problem({"pairs": [["problem", "  "]]})
    assert empty["errors"] == [{"path": "problem", "name": "problem", "message": "må fylles ut"}]


def test_bridge_functions():
    shown = json.loads(bridge.form_values(json.dumps(ENTRY)))
    assert shown["values"]["types"] == ["lavterskel", "moteplass"] and shown["groups"]["access"] == [0, 1]
    out = json.loads(bridge.propose_service(json.dumps(request(form_pairs(ENTRY)))))
    assert out["ok"] and out["unchanged"]
    assert "must be an object" in json.loads(bridge.propose_service("[]"))["error"]
    assert "ikke gyldig JSON" in json.loads(bridge.verify_service("{"))["error"]


def test_yaml_scalars_are_quoted_when_yaml_would_misread_them():
    cases = {"yes": '"yes"', "No": '"No"', "on": '"on"', "null": '"null"', "~": '"~"', "2021-10": '"2021-10"',
             "12": '"12"', "1e3": '"1e3"', ".5": '".5"', "- x": '"- x"', "a: b": '"a: b"', "a #b": '"a #b"',
             "#x": '"#x"', "x:": '"x:"', "*x": '"*x"', "&x": '"&x"', "!x": '"!x"', "'x'": "\"'x'\"",
             "": '""', " x": '" x"', "x ": '"x "', "a\nb": '"a\\nb"', "tab\there": '"tab\\there"',
             "NEL\x85": '"NEL\\x85"', "LS\u2028": '"LS\\u2028"', "bom\ufeff": '"bom\\uFEFF"',
             'si "hei"': 'si "hei"', "Møteplassen": "Møteplassen", "Helse og velferd": "Helse og velferd",
             "via NAV; se note": "via NAV; se note"}
    for text, expected in cases.items():
        assert yaml_emit.scalar(text) == expected, (text, yaml_emit.scalar(text))
    assert yaml_emit.scalar("a, b", flow=True) == '"a, b"' and yaml_emit.scalar("a, b") == "a, b"
    assert [yaml_emit.scalar(v) for v in (None, True, False, 0, 18, -3, 1.5)] == \
        ["null", "true", "false", "0", "18", "-3", "1.5"]


def test_folded_text_keeps_single_spaces():
    text = "ord " * 60 + "slutt"
    lines = yaml_emit.fold(text.strip(), 40)
    assert " ".join(lines) == text.strip() and all(len(line) <= 40 for line in lines)
    assert yaml_emit.fold("a" * 50 + " b", 40) == ["a" * 50, "b"]


def test_a_file_with_anchors_or_text_at_the_left_edge_is_written_anew():
    assert yaml_emit.blocks("a: &x 1\nb: *x\n") is None
    assert yaml_emit.blocks("a: 1\nplain text\n") is None
    assert yaml_emit.blocks("# note\na: 1\n\nb: 2\n") == [(None, "# note\n"), ("a", "a: 1\n\n"), ("b", "b: 2\n")]
    assert yaml_emit.update("a: &x 1\nb: *x\n", {"a": 1, "b": 1}, {"a": 2, "b": 1}) == "a: 2\nb: 1\n"
