"""Earlier versions of a definition (surveys/previous/<id>-v<n>.yaml): a changed wording gets a
new version, and the old file stays known, unchanged, so answers and exports made with it still
count. The forms show only the newest version; the staff page knows every version."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from veiviser.problems import SurveyError
from veiviser.surveys import definitions, forms

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shipped():
    return definitions.load_all(ROOT / "surveys", root=ROOT)


def test_both_versions_are_known_and_the_forms_show_the_newest(shipped):
    versions = {(s.definition.id, s.definition.version) for s in shipped}
    assert {("brukerundersokelse", 1), ("brukerundersokelse", 2), ("parorendeundersokelse", 1),
            ("parorendeundersokelse", 2)} <= versions
    assert {s.definition.id: s.definition.version for s in definitions.latest(shipped)}["brukerundersokelse"] == 2
    pages = forms.survey_pages(shipped, {}, {})
    assert '"version": 2' in pages[forms.form_path("brukerundersokelse")].replace('"version":2', '"version": 2')
    staff = pages[forms.STAFF_PATH]
    assert "brukerundersokelse@1" in staff and "brukerundersokelse@2" in staff


def test_the_example_exports_still_match_their_definition(shipped):
    """Every example export names a definition version that is known, with the same hash."""
    import json
    known = {(s.definition.id, s.definition.version): s.definition.hash for s in shipped}
    files = sorted((ROOT / "surveys" / "exports").rglob("*.json"))
    assert files
    for f in files:
        survey = json.loads(f.read_text("utf-8"))["survey"]
        assert known.get((survey["id"], survey["version"])) == survey["hash"], f


def test_an_earlier_version_must_be_named_by_id_and_version(tmp_path):
    folder = tmp_path / "surveys"
    shutil.copytree(ROOT / "surveys", folder, ignore=shutil.ignore_patterns("exports"))
    shutil.move(folder / "previous" / "brukerundersokelse-v1.yaml", folder / "previous" / "gammel.yaml")
    with pytest.raises(SurveyError) as info:
        definitions.load_all(folder, root=tmp_path)
    assert "brukerundersokelse-v1.yaml, ikke gammel.yaml" in str(info.value)


def test_a_changed_wording_without_a_new_version_is_caught(tmp_path):
    folder = tmp_path / "surveys"
    shutil.copytree(ROOT / "surveys", folder, ignore=shutil.ignore_patterns("exports"))
    current = yaml.safe_load((folder / "brukerundersokelse.yaml").read_text("utf-8"))
    current["version"] = 1                      # new words, old number: clashes with previous/
    (folder / "brukerundersokelse.yaml").write_text(yaml.safe_dump(current, allow_unicode=True), "utf-8")
    with pytest.raises(SurveyError) as info:
        definitions.load_all(folder, root=tmp_path)
    assert "brukerundersokelse versjon 1 er også definert i" in str(info.value)
