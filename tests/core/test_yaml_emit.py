"""veiviser.core.yaml_emit and the proposal form against PyYAML and git, on every real service
entry and on random text: every file it writes reads back (yaml.safe_load) as the data it was
given; an entry sent through the form unchanged gives back its file byte for byte; a changed
field changes only that field; the patch applies with `git apply` and the catalogue still loads."""
from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from veiviser.catalogue.load import load
from veiviser.core import proposal, schema_check, yaml_emit

from proposal_cases import form_pairs, set_pair

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "data" / "services").glob("*/*.yaml"))
SCHEMA = schema_check.schema("service")


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_real_entry(path):
    text = path.read_text("utf-8")
    entry = yaml.safe_load(text)
    # written whole, it reads back the same
    assert yaml.safe_load(yaml_emit.dump(entry, SCHEMA)) == entry
    # unchanged through the form: the same file, no diff, no changes
    pairs = form_pairs(entry)
    assert proposal.entry_from_form(pairs, entry) == entry
    out = proposal.propose({"pairs": pairs, "current": entry, "text": text, "file": rel(path)})
    assert out["ok"] and out["yaml"] == text and out["diff"] == "" and out["changes"] == []
    # one field changed: only that field's lines change
    changed = set_pair(pairs, "min_age", "16" if entry["min_age"] != 16 else "17")
    out = proposal.propose({"pairs": changed, "current": entry, "text": text, "file": rel(path)})
    assert out["ok"]
    assert yaml.safe_load(out["yaml"]) == dict(entry, min_age=int(dict(changed)["min_age"]))
    minus = [line for line in out["diff"].splitlines() if line.startswith("-") and not line.startswith("---")]
    plus = [line for line in out["diff"].splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert minus == [f"-min_age: {yaml_emit.scalar(entry['min_age'])}"] and plus == [f"+min_age: {dict(changed)['min_age']}"]
    assert [c["field"] for c in out["changes"]] == ["min_age"]


# --- random text and entries ----------------------------------------------------------------------

TEXT = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["yes", "No", "on", "OFF", "null", "~", "1:20", "0x1F", "1_000", "2021-10-05", "12:30", "- a", "a: b", "#",
     "a #b", "[x]", "{x}", "x,y", "&a", "*a", "!t", "|", ">", "%x", "@x", "`x", "'x", '"x', "<<", "=", ".inf",
     "\u2028", "\x85", "\ufeff", "a\u00a0b", "\t", "\r\n"])
LONG = st.lists(st.sampled_from(["ord", "en", "tjeneste", "NAV;", "(2021)", "«sitat»", "a:", "#1", "-", "x"]),
                min_size=10, max_size=80).map(" ".join)
SCALARS = st.none() | st.booleans() | st.integers(-10**6, 10**6) | TEXT | LONG
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.sampled_from(["route", "note", "report", "lines", "a-b", "x_y"]), inner,
                                        max_size=4), max_leaves=12)


@pytest.mark.parametrize("entry", [{"name": ["A?"]}, {"name": ["a:", "b"]}, {"name": ["x#", "?"]}])
def test_flow_lists_quote_what_pyyaml_would_misread(entry):
    """Found by hypothesis: «[A?]» does not read back (PyYAML ends the plain scalar at «?]»)."""
    text = yaml_emit.dump(entry, SCHEMA)
    assert yaml.safe_load(text) == entry, text


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(list(SCHEMA["properties"]) + ["extra"]), VALUES, min_size=1, max_size=8))
def test_random_entries_read_back_the_same(entry):
    text = yaml_emit.dump(entry, SCHEMA)
    assert yaml.safe_load(text) == entry, text


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FILES), st.sampled_from(["description", "hours", "name", "target_group", "findings"]), VALUES)
def test_updating_a_real_file_changes_only_that_field(path, key, value):
    text = path.read_text("utf-8")
    old = yaml.safe_load(text)
    new = dict(copy.deepcopy(old), **{key: value})
    updated = yaml_emit.update(text, old, new, SCHEMA)
    assert yaml.safe_load(updated) == new
    if key in old:
        before = [b for k, b in yaml_emit.blocks(text) if k != key]
        after = [b for k, b in yaml_emit.blocks(updated) if k != key]
        assert before == after


# --- the patch, applied by git ---------------------------------------------------------------------

def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_patch_applies_with_git_and_the_catalogue_still_loads(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("indicators"))
    assert git(project, "init", "-q").returncode == 0
    path = project / "data" / "services" / "sandnes" / "aks.yaml"
    text = path.read_text("utf-8")
    entry = yaml.safe_load(text)
    pairs = set_pair(set_pair(form_pairs(entry), "min_age", "18"), "access.0.route", "self_referral")
    changed = proposal.propose({"pairs": pairs, "current": entry, "text": text, "file": "data/services/sandnes/aks.yaml"})
    new = proposal.propose({"pairs": [["name", "Jobbsjansen Sandnes"], ["municipality", "sandnes"],
                                      ["description", "Et nytt arbeidstilbud for unge voksne i Sandnes."],
                                      ["access.0.route", "nav"], ["status", "planned"], ["types", "arbeid-aktivitet"],
                                      ["sources.0.report", "sandnes-2021"], ["sources.0.lines", "314"],
                                      ["as_of", "2026-11"]], "current": None})
    assert changed["ok"] and new["ok"], (changed, new)
    for name, result in (("endring.patch", changed), ("ny.patch", new)):
        (tmp_path / name).write_text(result["diff"], "utf-8")
        applied = git(project, "apply", "--check", str(tmp_path / name))
        assert applied.returncode == 0, applied.stderr
        assert git(project, "apply", str(tmp_path / name)).returncode == 0
    assert path.read_text("utf-8") == changed["yaml"]
    assert (project / new["file"]).read_text("utf-8") == new["yaml"]
    cat = load(project / "data")
    assert cat.services["sandnes/aks"]["min_age"] == 18
    assert cat.services["sandnes/jobbsjansen-sandnes"]["status"] == "planned"


def test_a_verification_applies_and_the_review_sees_it(tmp_path):
    from veiviser.catalogue import review
    import datetime
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("indicators"))
    path = data / "services" / "klepp" / "gnisten.yaml"
    text = path.read_text("utf-8")
    today = datetime.date.today().isoformat()
    out = proposal.verify({"pairs": [["verified.date", today], ["verified.by", "Tenestekontoret"],
                                     ["verified.how", "telefon"]],
                           "current": yaml.safe_load(text), "text": text, "file": "data/services/klepp/gnisten.yaml"})
    assert out["ok"]
    path.write_text(out["yaml"], "utf-8")     # the editor replaces the file
    cat = load(data)
    klepp = review.review(cat, datetime.date.today(), municipality="klepp")[0]
    assert [e.key for e in klepp.in_order] == ["klepp/gnisten"]
    assert all(e.state == "overdue" for e in klepp.to_check)
    assert json.loads(json.dumps(out["changes"]))[0]["label"] == "Bekreftet, Dato"
