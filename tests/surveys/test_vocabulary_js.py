"""The scripts' vocabulary helpers (docs/assets/veiviser/shared.js over the vocabulary.js the build
writes) give what veiviser.core.vocabulary gives in Python: multilingual text, the decimal comma,
the definition URL and the open statuses. Run in Node on the files themselves."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from helpers import ROOT

from veiviser.core import vocabulary
from veiviser.site.build import vocabulary_js

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js is not installed")

TEXTS = [({"nb": "Ja", "nn": "Ja", "en": "Yes"}, "en"), ({"nb": "Bokmål"}, "nn"), ({"nb": "x"}, "nb"),
         (None, "nb"), ("plain", "en")]
# The numbers the scripts show come rounded to two places from Python (core.summary).
NUMBERS = [(3.25, 2), (4, 2), (4.0, 2), (0.1, 2), (-1.5, 2), (100, 2), (12.34, 2), (2.5, 1), (7, 1),
           (3.31, 1), (0, 2), (10, 0)]
STATUSES = ["active", "pilot", "planned", "closed"]


def _enough_cases() -> list:
    """(definition, answers) pairs around the edges of core.response.too_few."""
    from core_cases import mixed_definition, vas_definition
    mixed, vas = mixed_definition(), vas_definition()
    only_text = {**vas, "items": [vas["items"][2]], "scales": []}
    strict = {**mixed, "min_answered": 5}
    answers = [{}, {"bedre": "tekst"}, {"r1": 4}, {"r1": 4, "r2": 3}, {"r1": 4, "r2": 3, "plan": "ja"},
               {"r1": "vet-ikke", "plan": "vet-ikke", "bolig": "  "}, {"r1": "vet-ikke", "plan": "vet-ikke", "bolig": "rod"},
               {"r1": 1, "r2": 2, "bosted": "by", "plan": "nei", "bolig": "gul"}, {"a": 0}, {"b": 10, "kommentar": "x"},
               {"kommentar": "x"}, {"a": None, "b": ""}]
    return [(d, a) for d in (mixed, vas, only_text, strict) for a in answers]


ENOUGH = _enough_cases()


@pytest.fixture(scope="module")
def from_js(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("assets")
    shutil.copy(ROOT / "docs" / "assets" / "veiviser" / "shared.js", folder / "shared.js")
    (folder / "vocabulary.js").write_text(vocabulary_js(), "utf-8")
    (folder / "package.json").write_text('{"type": "module"}', "utf-8")
    script = f"""
import {{ text, decimal, definitionUrl, isOpen, answeredEnough }} from "./shared.js";
const out = {{
  texts: {json.dumps(TEXTS)}.map(([v, lang]) => text(v, lang)),
  numbers: {json.dumps(NUMBERS)}.map(([v, d]) => decimal(v, d)),
  url: definitionUrl("om-samtalen", 2),
  open: {json.dumps(STATUSES)}.map(isOpen),
  enough: {json.dumps(ENOUGH)}.map(([d, a]) => answeredEnough(d, a).ok),
}};
console.log(JSON.stringify(out));
"""
    (folder / "run.js").write_text(script, "utf-8")
    result = subprocess.run([NODE, "run.js"], cwd=folder, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_text_as_in_python(from_js):
    assert from_js["texts"] == [vocabulary.text(v, lang) for v, lang in TEXTS]


def test_decimal_comma_as_in_python(from_js):
    assert from_js["numbers"] == [vocabulary.decimal(v, d) for v, d in NUMBERS]
    assert from_js["numbers"][0] == "3,25"


def test_definition_url_and_open_statuses_as_in_python(from_js):
    assert from_js["url"] == vocabulary.definition_url("om-samtalen", 2) == "data/surveys/om-samtalen-v2.json"
    assert from_js["open"] == [vocabulary.is_open(s) for s in STATUSES] == [True, True, False, False]


def test_answered_enough_as_core_decides(from_js):
    from veiviser.core import definition, response
    expected = [response.too_few(definition.check(d), a) is None for d, a in ENOUGH]
    assert from_js["enough"] == expected
    assert True in expected and False in expected
