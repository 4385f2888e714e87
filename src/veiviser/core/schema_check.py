"""A JSON Schema validator in the standard library, for the browser: the proposal form checks a
service entry with the same schema the build checks it with (src/veiviser/schemas/), with
messages in plain bokmål, one per mistake, each naming its field.

It covers the Draft 2020-12 keywords our catalogue schemas use, and refuses a schema with any
other keyword (so a new keyword in a schema fails loudly instead of being skipped):

  type (one or a list), enum, const, required, properties, additionalProperties,
  patternProperties, propertyNames, minProperties, maxProperties, items, prefixItems, minItems, maxItems,
  uniqueItems, minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum,
  exclusiveMaximum, multipleOf, $ref (within the schema) and $defs, allOf, anyOf, oneOf, not,
  if/then/else; annotations ($schema, $id, title, description, default, format, ...) are read
  and ignored, as jsonschema does without a format checker.

Behaviour follows jsonschema (tests/core/test_schema_check.py compares the two on real and
mutated entries): patterns are Python regular expressions searched anywhere in the string,
lengths count code points, true and 1 are different values, 1 and 1.0 the same.

An error is {"path": "access[0].decided_by", "message": "må ha minst 2 tegn"}: the path in the
one path syntax of veiviser.problems; a missing field is named by its own path ("sources",
"access[1].note"), an unknown field by the object that holds it.
"""
from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources

ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "default", "examples", "format",
               "deprecated", "readOnly", "writeOnly", "$defs", "definitions"}
KEYWORDS = {"type", "enum", "const", "required", "properties", "additionalProperties", "patternProperties",
            "propertyNames", "minProperties", "maxProperties", "items", "prefixItems", "minItems", "maxItems", "uniqueItems",
            "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "multipleOf", "$ref", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"}

TYPE_TEXT = {"string": "tekst", "integer": "et heltall", "number": "et tall", "boolean": "ja eller nei",
             "null": "tom", "array": "en liste", "object": "en gruppe med felt"}

# Patterns of our schemas, said in words (others: «har feil form»).
PATTERN_TEXT = {
    r"^[a-z0-9-]+$": "kan bare ha små bokstaver fra a til z, tall og bindestrek",
    r"^\d{4}(-\d{2}(-\d{2})?)?$": "skrives som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD (for eksempel 2027-03)",
    r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$": "skrives som ÅÅÅÅ-MM-DD (for eksempel 2027-03-05)",
}


def field_path(parts) -> str:
    """['access', 0, 'route'] -> 'access[0].route' (the path syntax of veiviser.problems)."""
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += f".{p}" if out else str(p)
    return out


# --- JSON values -------------------------------------------------------------------------------

def is_type(value, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)
                or isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "null":
        return value is None
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    raise ValueError(f"unknown type {kind!r} in the schema")


def equal(a, b) -> bool:
    """JSON equality: true is not 1, 1 is 1.0, lists and objects compared item by item."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def shown(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@lru_cache(maxsize=None)
def _regex(pattern: str):
    return re.compile(pattern)


# --- the checker -----------------------------------------------------------------------------------

class Checker:
    """One schema, checked for unknown keywords once; `errors(instance)` as often as needed."""

    def __init__(self, schema: dict):
        self.root = schema
        self._check_keywords(schema, "#")

    def _check_keywords(self, schema, where: str) -> None:
        if isinstance(schema, bool):
            return
        if not isinstance(schema, dict):
            raise ValueError(f"{where}: a schema must be an object or a boolean")
        unknown = set(schema) - KEYWORDS - ANNOTATIONS
        if unknown:
            raise ValueError(f"{where}: keyword(s) {', '.join(sorted(unknown))} not supported by schema_check")
        for key in ("properties", "patternProperties", "$defs", "definitions"):
            for name, sub in schema.get(key, {}).items():
                self._check_keywords(sub, f"{where}/{key}/{name}")
        for key in ("additionalProperties", "propertyNames", "items", "not", "if", "then", "else"):
            if key in schema:
                self._check_keywords(schema[key], f"{where}/{key}")
        for key in ("allOf", "anyOf", "oneOf", "prefixItems"):
            for i, sub in enumerate(schema.get(key, [])):
                self._check_keywords(sub, f"{where}/{key}/{i}")
        ref = schema.get("$ref")
        if ref is not None:
            self._resolve(ref)

    def _resolve(self, ref: str) -> dict:
        if not ref.startswith("#"):
            raise ValueError(f"$ref {ref!r}: only references within the schema (#/...) are supported")
        node = self.root
        for part in [p for p in ref[1:].split("/") if p]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, list):
                node = node[int(part)]
            elif isinstance(node, dict) and part in node:
                node = node[part]
            else:
                raise ValueError(f"$ref {ref!r} points nowhere")
        return node

    def errors(self, instance) -> list[dict]:
        """Every error as {"path", "message"}, sorted by path (as veiviser.problems sorts)."""
        found: list[tuple[list, str]] = []
        self._validate(instance, self.root, [], found)
        found.sort(key=lambda e: [str(p) for p in e[0]])
        return [{"path": field_path(path), "message": message} for path, message in found]

    def is_valid(self, instance, schema=None) -> bool:
        found: list = []
        self._validate(instance, self.root if schema is None else schema, [], found)
        return not found

    # Each keyword appends (path, message) to `out`; keywords that do not apply to the value's
    # type add nothing (as in JSON Schema: minLength says nothing about a number).
    def _validate(self, value, schema, path: list, out: list) -> None:
        if schema is True:
            return
        if schema is False:
            out.append((path, "er ikke tillatt her"))
            return
        if "$ref" in schema:
            self._validate(value, self._resolve(schema["$ref"]), path, out)
        if "type" in schema:
            kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(is_type(value, k) for k in kinds):
                named = [TYPE_TEXT[k] for k in kinds if k != "null"] or [TYPE_TEXT["null"]]
                out.append((path, "må være " + " eller ".join(named) + (" (eller stå tomt)" if "null" in kinds and
                                                                       len(kinds) > 1 else "")))
        if "enum" in schema and not any(equal(value, v) for v in schema["enum"]):
            out.append((path, "er ikke et av valgene"))
        if "const" in schema and not equal(value, schema["const"]):
            out.append((path, f"må være {shown(schema['const'])}"))
        if isinstance(value, str):
            self._string(value, schema, path, out)
        elif is_type(value, "number"):
            self._number(value, schema, path, out)
        elif isinstance(value, list):
            self._array(value, schema, path, out)
        elif isinstance(value, dict):
            self._object(value, schema, path, out)
        self._combined(value, schema, path, out)

    def _string(self, value: str, schema: dict, path: list, out: list) -> None:
        n = len(value)
        if "minLength" in schema and n < schema["minLength"]:
            out.append((path, "må fylles ut" if n == 0 else f"må ha minst {schema['minLength']} tegn"))
        if "maxLength" in schema and n > schema["maxLength"]:
            out.append((path, f"kan ha høyst {schema['maxLength']} tegn"))
        if "pattern" in schema and not _regex(schema["pattern"]).search(value):
            out.append((path, PATTERN_TEXT.get(schema["pattern"], "har feil form")))

    def _number(self, value, schema: dict, path: list, out: list) -> None:
        if "minimum" in schema and value < schema["minimum"]:
            out.append((path, f"kan ikke være lavere enn {schema['minimum']}"))
        if "maximum" in schema and value > schema["maximum"]:
            out.append((path, f"kan ikke være høyere enn {schema['maximum']}"))
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            out.append((path, f"må være høyere enn {schema['exclusiveMinimum']}"))
        if "exclusiveMaximum" in schema and value >= schema["exclusiveMaximum"]:
            out.append((path, f"må være lavere enn {schema['exclusiveMaximum']}"))
        if "multipleOf" in schema:
            quotient = value / schema["multipleOf"]
            if not (math.isfinite(quotient) and quotient == int(quotient)):
                out.append((path, f"må gå opp i {schema['multipleOf']}"))

    def _array(self, value: list, schema: dict, path: list, out: list) -> None:
        n = len(value)
        if "minItems" in schema and n < schema["minItems"]:
            out.append((path, "må ha minst én" if schema["minItems"] == 1 else f"må ha minst {schema['minItems']}"))
        if "maxItems" in schema and n > schema["maxItems"]:
            out.append((path, f"kan ha høyst {schema['maxItems']}"))
        if schema.get("uniqueItems") and any(equal(value[i], value[j]) for i in range(n) for j in range(i)):
            out.append((path, "har samme verdi mer enn én gang"))
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(value):
            if i < len(prefix):
                self._validate(item, prefix[i], path + [i], out)
            elif "items" in schema:
                self._validate(item, schema["items"], path + [i], out)

    def _object(self, value: dict, schema: dict, path: list, out: list) -> None:
        for name in schema.get("required", []):
            if name not in value:
                out.append((path + [name], "må fylles ut"))
        n = len(value)
        if "minProperties" in schema and n < schema["minProperties"]:
            out.append((path, f"må ha minst {schema['minProperties']} felt"))
        if "maxProperties" in schema and n > schema["maxProperties"]:
            out.append((path, f"kan ha høyst {schema['maxProperties']} felt"))
        if "propertyNames" in schema:   # a bad name is the object's error (as in jsonschema)
            for name in value:
                self._validate(name, schema["propertyNames"], path, out)
        properties = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        extra = []
        for name, item in value.items():
            matched = False
            if name in properties:
                matched = True
                self._validate(item, properties[name], path + [name], out)
            for pattern, sub in patterns.items():
                if _regex(pattern).search(name):
                    matched = True
                    self._validate(item, sub, path + [name], out)
            if not matched and "additionalProperties" in schema:
                if schema["additionalProperties"] is False:
                    extra.append(name)
                else:
                    self._validate(item, schema["additionalProperties"], path + [name], out)
        if extra:   # one message for all unknown fields of an object, as jsonschema gives
            out.append((path, "ukjent felt: " + ", ".join(f"«{name}»" for name in extra)))

    def _combined(self, value, schema: dict, path: list, out: list) -> None:
        for sub in schema.get("allOf", []):
            self._validate(value, sub, path, out)
        for key in ("anyOf", "oneOf"):
            if key not in schema:
                continue
            branches = []
            for sub in schema[key]:
                found: list = []
                self._validate(value, sub, path, found)
                branches.append(found)
            passing = sum(1 for b in branches if not b)
            if key == "oneOf" and passing > 1:
                out.append((path, "passer med mer enn én av de tillatte formene"))
            elif passing == 0:
                out.extend(closest(branches, path))
        if "not" in schema and self.is_valid(value, schema["not"]):
            out.append((path, "er ikke tillatt"))
        if "if" in schema:
            branch = "then" if self.is_valid(value, schema["if"]) else "else"
            if branch in schema:
                self._validate(value, schema[branch], path, out)


def closest(branches: list[list], path: list) -> list:
    """The errors of the branch the value came closest to: the one that does not fail on its
    type at the value itself, then the one with the fewest errors."""
    def wrong_type(errors) -> bool:
        return any(p == path and m.startswith("må være ") for p, m in errors)
    return min(branches, key=lambda errors: (wrong_type(errors), len(errors)))


# --- our schemas -------------------------------------------------------------------------------------

# Every schema's text, read at import: a Python restored from a memory snapshot keeps what was
# imported, not the files (the browser's worker starts that way; scripts/make-snapshot.mjs).
_TEXTS = {entry.name[: -len(".schema.json")]: entry.read_text("utf-8")
          for entry in resources.files("veiviser").joinpath("schemas").iterdir()
          if entry.name.endswith(".schema.json")}


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    """A schema of src/veiviser/schemas/ ("service"), read as data: the browser wheel carries the
    JSON files, and core imports nothing outside the standard library."""
    return json.loads(_TEXTS[name])


@lru_cache(maxsize=None)
def checker(name: str) -> Checker:
    return Checker(schema(name))


def check(name: str, instance) -> list[dict]:
    """check("service", entry) -> [] or [{"path", "message"}, ...]."""
    return checker(name).errors(instance)
