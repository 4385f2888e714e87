"""Every survey definition also as a FHIR R4 Questionnaire: data/surveys/<id>-v<version>.fhir.json.

Mapping (validated in tests/surveys/test_fhir.py with fhir.resources.R4B, the package's release closest
to R4; Questionnaire is practically unchanged from R4 to R4B, and only R4 elements are used):
- url: a stable identifier made from the definition's id and version (the site has no fixed
  origin, so this is a urn, not a web address); identifier; version; name; title; status
  "active"; description from the intro;
- item[]: linkId = the item id (stable across versions), text in bokmål with the standard
  translation extension for nynorsk and English; required;
  rating/choice/yes_no/traffic_light -> type "choice" with answerOption (valueCoding: our
  answer value as code, label as display); vas -> type "integer" with minValue/maxValue, the
  SDC itemControl "slider" and questionnaire-sliderStepValue 1; text -> type "string";
  help text -> a display item inside the question (SDC itemControl "flyover").
Scales and suppression have no place in a Questionnaire and are left out.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import atomic
from ..core.definition import VAS_MAX, VAS_MIN
from ..core import vocabulary
from .model import Survey

URL_PREFIX = "urn:veiviser:questionnaire:"
ANSWER_SYSTEM = "urn:veiviser:answer"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
SLIDER_STEP = "http://hl7.org/fhir/StructureDefinition/questionnaire-sliderStepValue"
FIXED_LABELS = vocabulary.VOCABULARY["answers"]["nb"]


def fhir_url(survey_id: str, version: int) -> str:
    """Where the site publishes the Questionnaire (next to the definition)."""
    return vocabulary.definition_url(survey_id, version).replace(".json", ".fhir.json")


def text_nb(value) -> str:
    return vocabulary.text(value)


def translations(value) -> list[dict]:
    if not isinstance(value, dict):
        return []
    return [{"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": lang},
                                                {"url": "content", "valueString": value[lang]}]}
            for lang in ("nn", "en") if value.get(lang)]


def text_fields(value) -> dict:
    out: dict[str, Any] = {"text": text_nb(value)}
    ext = translations(value)
    if ext:
        out["_text"] = {"extension": ext}
    return out


def item_control(code: str) -> dict:
    return {"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [
        {"system": ITEM_CONTROL_SYSTEM, "code": code}]}}


def answer_options(d, item) -> list[dict]:
    out = []
    for value in item.answer_values():
        label = next((o["label"] for o in item.options if o["value"] == value), None)
        coding: dict[str, Any] = {"system": ANSWER_SYSTEM, "code": str(value)}
        coding["display"] = text_nb(label) if label is not None else FIXED_LABELS.get(value, str(value))
        if label is not None and translations(label):
            coding["_display"] = {"extension": translations(label)}
        out.append({"valueCoding": coding})
    return out


def questionnaire_item(d, item) -> dict:
    out = {"linkId": item.id, **text_fields(item.raw.get("text"))}
    if item.type == "vas":
        out["type"] = "integer"
        out["extension"] = [item_control("slider"),
                            {"url": MIN_VALUE, "valueInteger": VAS_MIN},
                            {"url": MAX_VALUE, "valueInteger": VAS_MAX},
                            {"url": SLIDER_STEP, "valueInteger": 1}]
    elif item.type == "text":
        out["type"] = "string"
    else:
        out["type"] = "choice"
        out["answerOption"] = answer_options(d, item)
    out["required"] = bool(item.required)
    help_parts = [("help", item.raw.get("help")), ("low", item.raw.get("low")), ("high", item.raw.get("high"))]
    subitems = []
    for name, value in help_parts:
        if value:
            prefix = {"low": "0 = ", "high": "10 = "}.get(name, "")
            sub: dict[str, Any] = {"linkId": f"{item.id}.{name}", "type": "display", "text": prefix + text_nb(value)}
            if translations(value):
                sub["_text"] = {"extension": [
                    {"url": TRANSLATION, "extension": [e["extension"][0],
                                                       {"url": "content", "valueString": prefix + e["extension"][1]["valueString"]}]}
                    for e in translations(value)]}
            if name == "help":
                sub["extension"] = [item_control("flyover")]
            subitems.append(sub)
    if subitems:
        out["item"] = subitems
    return out


def questionnaire(survey: Survey) -> dict:
    d = survey.definition
    raw = survey.raw
    out = {"resourceType": "Questionnaire",
           "id": f"{d.id}-v{d.version}",
           "url": f"{URL_PREFIX}{d.id}",
           "identifier": [{"system": "urn:veiviser:survey", "value": d.id}],
           "version": str(d.version),
           "name": "".join(part.capitalize() for part in d.id.split("-")),
           **{("title" if key == "text" else "_title"): v for key, v in text_fields(raw["title"]).items()},
           "status": "active",
           "subjectType": ["Patient"],
           "language": "nb"}
    if raw.get("intro"):
        out["description"] = text_nb(raw["intro"])
    if raw.get("licence"):
        out["copyright"] = text_nb(raw["licence"]) if not isinstance(raw["licence"], str) else raw["licence"]
    out["item"] = [questionnaire_item(d, item) for item in d.items]
    return out


def publish(surveys: list[Survey], site_dir: Path) -> None:
    """A Questionnaire beside every published definition."""
    for s in surveys:
        d = s.definition
        atomic.write_text(Path(site_dir) / fhir_url(d.id, d.version),
                          json.dumps(questionnaire(s), ensure_ascii=False, indent=1) + "\n")
