"""Every survey definition is published as a FHIR Questionnaire that validates with
fhir.resources (R4B: the package's release closest to R4; it has no R4 module, and the
Questionnaire resource is practically unchanged from R4 to R4B). Item linkIds are the item ids,
sliders carry the standard SDC extensions, and answer options are the definition's answers."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from fhir.resources.R4B.questionnaire import Questionnaire
from veiviser.surveys import definitions as survey_definitions
from veiviser.surveys import fhir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def definitions():
    return survey_definitions.load_all(ROOT / "surveys", root=ROOT)


def ext(item: dict, url: str) -> list[dict]:
    return [e for e in item.get("extension", []) if e["url"] == url]


def test_every_definition_has_a_valid_questionnaire(definitions):
    assert len(definitions) >= 4
    for s in definitions:
        q = fhir.questionnaire(s)
        resource = Questionnaire.model_validate(q)
        assert resource.status == "active"
        assert resource.version == str(s.definition.version)
        assert resource.url == f"urn:veiviser:questionnaire:{s.definition.id}"


def test_items_keep_their_ids_types_and_answers(definitions):
    seen_types = set()
    for s in definitions:
        q = fhir.questionnaire(s)
        d = s.definition
        assert [i["linkId"] for i in q["item"]] == [i.id for i in d.items]
        for item, qi in zip(d.items, q["item"]):
            seen_types.add(item.type)
            assert qi["required"] == item.required
            assert qi["text"] == item.raw["text"]["nb"]
            if item.type == "vas":
                assert qi["type"] == "integer"
                [control] = ext(qi, fhir.ITEM_CONTROL)
                assert control["valueCodeableConcept"]["coding"][0]["code"] == "slider"
                assert ext(qi, fhir.MIN_VALUE)[0]["valueInteger"] == 0
                assert ext(qi, fhir.MAX_VALUE)[0]["valueInteger"] == 10
                assert ext(qi, fhir.SLIDER_STEP)[0]["valueInteger"] == 1
            elif item.type == "text":
                assert qi["type"] == "string"
            else:
                assert qi["type"] == "choice"
                codes = [o["valueCoding"]["code"] for o in qi["answerOption"]]
                assert codes == [str(v) for v in item.answer_values()]
                assert all(o["valueCoding"]["display"] for o in qi["answerOption"])
    assert {"vas", "rating", "text"} <= seen_types


def test_translations_use_the_standard_extension(definitions):
    s = next(x for x in definitions if x.definition.id == "brukerundersokelse")
    first = fhir.questionnaire(s)["item"][0]
    langs = {e["extension"][0]["valueCode"]: e["extension"][1]["valueString"]
             for e in first["_text"]["extension"] if e["url"] == fhir.TRANSLATION}
    assert langs["nn"] == s.raw["items"][0]["text"]["nn"] and langs["en"] == s.raw["items"][0]["text"]["en"]


def test_the_validator_rejects_a_broken_questionnaire(definitions):
    q = copy.deepcopy(fhir.questionnaire(definitions[0]))
    del q["item"][0]["linkId"]                # linkId is required
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(q)
    q = copy.deepcopy(fhir.questionnaire(definitions[0]))
    q["item"][0]["sliderStep"] = 1            # not a Questionnaire field (it is an extension)
    with pytest.raises(ValidationError):
        Questionnaire.model_validate(q)


def test_the_site_publishes_them_beside_the_definitions(site_dir, definitions):
    for s in definitions:
        d = s.definition
        path = site_dir / fhir.fhir_url(d.id, d.version)
        assert path.is_file(), path
        Questionnaire.model_validate(json.loads(path.read_text("utf-8")))


def test_the_survey_index_links_each_questionnaire(site_dir):
    entries = json.loads((site_dir / "data" / "surveys" / "index.json").read_text("utf-8"))
    assert entries
    for e in entries:
        assert e["fhir_url"] == fhir.fhir_url(e["id"], e["version"])
        assert (site_dir / e["fhir_url"]).is_file()
