"""The proposal forms' Python (forslag/): it runs in the browser's worker, and the build lays the
form out from the same field list, so the form and its checks cannot drift apart.

- `fields()`: the form's fields, read from service.schema.json (one control per field: text,
  whole number, choice, checkbox, a set of checkboxes, one item per line, a repeatable group,
  a group of fields), with labels and help from service_form.json.
- `form_values(entry)`: what each control shows for an entry (the form is prefilled with it).
- `entry_from_form(pairs, current)`: the controls' values (FormData pairs) back into an entry.
  Empty means null, or leaves the field out, whichever the current entry had: so an entry sent
  through the form unchanged comes back equal, field for field.
- `propose`, `verify`, `report_problem`: checked entry -> the YAML file (only changed fields
  written anew, see yaml_emit.update), a patch for `git apply`, a list of changes in words,
  and a mailto: link and a web-editor link where the site has them. Nothing is sent anywhere.

Checks are the schema's (schema_check) plus what the catalogue loader checks across fields
(ages in order; who decides a vedtak is given, as null when not known).
"""
from __future__ import annotations

import copy
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import quote

from . import schema_check, vocabulary, yaml_emit

FORM: dict = json.loads(resources.files(__package__).joinpath("service_form.json").read_text("utf-8"))
MISSING = object()   # a field the entry does not have
OMIT = object()      # leave the field out


# --- the fields --------------------------------------------------------------------------------

@dataclass
class Field:
    key: str                 # "route"
    path: str                # "access.route": where its texts are in service_form.json
    kind: str                # text, integer, choice, checkbox, set, lines, group, object
    required: bool           # the key must be there (it may still be null)
    nullable: bool           # null is allowed (an empty control means null)
    needed: bool             # the person filling in must give a value («må fylles ut»)
    choices: list = field(default_factory=list)   # the schema's enum
    default: object = None
    fields: list = field(default_factory=list)    # a group's or an object's own fields

    @property
    def label(self) -> str:
        return FORM["fields"].get(self.path, {}).get("label", self.key)


def _kind(node: dict) -> str:
    types = node.get("type", [])
    types = [types] if isinstance(types, str) else list(types)
    if "enum" in node:
        return "choice"
    if "object" in types:
        return "object"
    if "array" in types:
        items = node.get("items", {})
        if "properties" in items:
            return "group"
        return "set" if "pattern" in items else "lines"
    if "integer" in types:
        return "integer"
    if "boolean" in types:
        return "checkbox"
    return "text"


def _fields(node: dict, prefix: str) -> list[Field]:
    out = []
    required = set(node.get("required", []))
    for key, sub in node.get("properties", {}).items():
        types = sub.get("type", [])
        kind = _kind(sub)
        children = []
        if kind == "object":
            children = _fields(sub, f"{prefix}{key}.")
        elif kind == "group":
            children = _fields(sub["items"], f"{prefix}{key}.")
        nullable = "null" in (types if isinstance(types, list) else [types])
        if kind in ("group", "set", "lines"):
            needed = key in required and sub.get("minItems", 0) >= 1
        else:
            needed = key in required and not nullable and kind not in ("checkbox", "object")
        out.append(Field(key=key, path=prefix + key, kind=kind, required=key in required, nullable=nullable,
                         needed=needed,
                         choices=list(sub.get("enum", [])), default=sub.get("default"), fields=children))
    return out


def fields(schema: dict | None = None) -> list[Field]:
    """The fields of service.schema.json, in its order."""
    return _fields(schema or schema_check.schema("service"), "")


# Labels of the schema's choices, from the one vocabulary.
CHOICE_LABELS = {"provider_kind": "provider", "status": "status", "access.route": "access_route",
                 "verified.how": "verified_how"}


def choice_labels(path: str) -> dict[str, str]:
    kind = CHOICE_LABELS.get(path)
    if not kind:
        return {}
    return {k: v[:1].upper() + v[1:] for k, v in vocabulary.LABELS[kind].items()}


# --- entry -> controls ---------------------------------------------------------------------------

def form_values(entry: dict) -> dict:
    """{"values": {control name: text, list of checked values, or true/false},
        "groups": {group name: [the index of each item]}} for an entry."""
    values: dict = {}
    groups: dict = {}
    _values(fields(), entry if isinstance(entry, dict) else {}, "", values, groups)
    return {"values": values, "groups": groups}


def _values(fs: list[Field], data: dict, prefix: str, values: dict, groups: dict) -> None:
    for f in fs:
        name = prefix + f.key
        v = data.get(f.key, MISSING)
        if f.kind == "group":
            items = v if isinstance(v, list) else []
            groups[name] = list(range(len(items)))
            for i, item in enumerate(items):
                _values(f.fields, item if isinstance(item, dict) else {}, f"{name}.{i}.", values, groups)
        elif f.kind == "object":
            _values(f.fields, v if isinstance(v, dict) else {}, name + ".", values, groups)
        elif v is MISSING:
            if f.default is not None and f.kind == "choice":
                values[name] = f.default
        elif f.kind == "set":
            values[name] = [str(x) for x in v] if isinstance(v, list) else []
        elif f.kind == "lines":
            values[name] = "\n".join(str(x) for x in v) if isinstance(v, list) else ""
        elif f.kind == "checkbox":
            values[name] = v is True
        else:
            values[name] = "" if v is None else str(v)


# --- controls -> entry ---------------------------------------------------------------------------

def entry_from_form(pairs: list, current: dict | None = None) -> dict:
    """FormData pairs ([name, value], ...) -> an entry. `current` (the entry the form was filled
    with) decides whether an empty control means null or leaves the field out."""
    values: dict[str, list[str]] = {}
    for pair in pairs:
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and isinstance(pair[0], str):
            values.setdefault(pair[0], []).append(str(pair[1]))
    entry = _convert(fields(), values, "", current if isinstance(current, dict) else MISSING)
    for item in entry.get("access", []) if isinstance(entry.get("access"), list) else []:
        if isinstance(item, dict) and item.get("route") == "vedtak" and "decided_by" not in item:
            item["decided_by"] = None   # the loader wants it said: null when not known
    return entry


def _one(values: dict, name: str) -> str | None:
    found = values.get(name)
    return found[-1] if found else None


def _empty(f: Field, current) -> object:
    """What an empty control means for this field."""
    if current is None:
        return None
    if f.required:
        return None if f.nullable else ""
    return OMIT


def _list(f: Field, items: list, current) -> object:
    if items or f.required or (isinstance(current, list) and not current):
        return items
    return OMIT


def _indices(values: dict, name: str) -> list[int]:
    found = set()
    for key in values:
        if key.startswith(name + "."):
            head = key[len(name) + 1:].split(".")[0]
            if head.isdigit():
                found.add(int(head))
    return sorted(found)


def _meaningful(item: dict) -> bool:
    return any(v not in (None, False, "", []) for v in item.values())


def _convert(fs: list[Field], values: dict, prefix: str, cur) -> dict:
    out: dict = {}
    for f in fs:
        name = prefix + f.key
        c = cur.get(f.key, MISSING) if isinstance(cur, dict) else MISSING
        value: object
        if f.kind == "group":
            items = []
            for i in _indices(values, name):
                ci = c[i] if isinstance(c, list) and i < len(c) else MISSING
                item = _convert(f.fields, values, f"{name}.{i}.", ci)
                if _meaningful(item):
                    items.append(item)
            value = _list(f, items, c)
        elif f.kind == "object":
            sub = _convert(f.fields, values, name + ".", c)
            if _meaningful(sub) or (isinstance(c, dict) and schema_check.equal(sub, c)):
                value = sub
            else:
                value = OMIT   # every control empty: no such group
        elif f.kind == "set":
            checked = [v for v in values.get(name, []) if v]
            kept = [x for x in c if x in checked] if isinstance(c, list) else []
            value = _list(f, kept + [v for v in dict.fromkeys(checked) if v not in kept], c)
        elif f.kind == "lines":
            raw = (_one(values, name) or "").replace("\r\n", "\n").replace("\r", "\n")
            value = _list(f, [line.strip() for line in raw.split("\n") if line.strip()], c)
        elif f.kind == "checkbox":
            value = True if _one(values, name) is not None else (False if c is False else OMIT)
        elif f.kind == "choice":
            choice = _one(values, name)
            if not choice:
                value = OMIT
            elif c is MISSING and choice == f.default:
                value = OMIT      # the default the form showed, not a choice made
            else:
                value = choice
        else:
            raw = (_one(values, name) or "").replace("\r\n", "\n").strip()
            if raw == "":
                value = _empty(f, c)
            elif f.kind == "integer" and re.fullmatch(r"-?[0-9]+", raw):
                value = int(raw)
            else:
                value = raw      # not a whole number: the schema says so
        if value is not OMIT:
            out[f.key] = value
    return out


# --- checks -------------------------------------------------------------------------------------

def control_name(path: str) -> str:
    """"access[0].route" -> "access.0.route" (the form control's name)."""
    return re.sub(r"\[(\d+)\]", r".\1", path)


def problems(entry: dict, current: dict | None = None, today: str | None = None,
             existing: list | None = None) -> list[dict]:
    """The schema's errors and the catalogue's own rules, each with the control's name."""
    errors = schema_check.check("service", entry)
    for e in errors:
        if e["path"] == "sources" and e["message"] == "må ha minst én":
            e["message"] = "velg minst én rapport, eller fyll ut «Bekreftet» nederst i skjemaet"
        elif _at(entry, e["path"]) == "":
            e["message"] = "må fylles ut"   # an empty field says so, whatever rule it breaks
    lo, hi = entry.get("min_age"), entry.get("max_age")
    if isinstance(lo, int) and isinstance(hi, int) and not isinstance(lo, bool) and lo > hi:
        errors.append({"path": "max_age", "message": "kan ikke være lavere enn «Alder fra»"})
    if current and entry.get("municipality") != current.get("municipality"):
        errors.append({"path": "municipality",
                       "message": "kan ikke endres her; foreslå tilbudet som nytt i den andre kommunen"})
    verified = entry.get("verified")
    if today and isinstance(verified, dict) and isinstance(verified.get("date"), str) and verified["date"] > today:
        errors.append({"path": "verified.date", "message": "kan ikke være etter i dag"})
    if current is None and isinstance(entry.get("name"), str) and len(entry["name"].strip()) >= 2:
        slug = slug_of(entry["name"])
        if not slug:
            errors.append({"path": "name", "message": "må ha minst én bokstav eller ett tall"})
        elif existing and slug in existing:
            errors.append({"path": "name", "message": f"kommunen har allerede et tilbud med filnavnet {slug}.yaml; "
                                                      "velg et annet navn, eller foreslå endring i det som finnes"})
    seen = set()
    out = []
    for e in errors:
        if e["path"] not in seen:   # one message per field: the first says what to do first
            seen.add(e["path"])
            out.append({"path": e["path"], "name": control_name(e["path"]), "message": e["message"]})
    return out


def _at(entry, path: str):
    """The value at "access[0].route", or None."""
    node = entry
    for part in re.findall(r"[^.\[\]]+", path):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def slug_of(name: str) -> str:
    """"Møteplassen på Bryne" -> "moteplassen-pa-bryne" (the file name of a new service)."""
    text = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:80].strip("-")


# --- what changed, in words ------------------------------------------------------------------------

def _leaves(fs: list[Field], data, prefix: tuple) -> list[tuple[tuple, object]]:
    out = []
    for f in fs:
        v = data.get(f.key, MISSING) if isinstance(data, dict) else MISSING
        if f.kind == "group" and isinstance(v, list):
            for i, item in enumerate(v):
                out += _leaves(f.fields, item, prefix + (f.key, i))
        elif f.kind == "object" and isinstance(v, dict):
            out += _leaves(f.fields, v, prefix + (f.key,))
        else:
            out.append((prefix + (f.key,), v))
    return out


def _label(path: tuple) -> str:
    """("access", 0, "route") -> "Vei inn 1, Hva slags vei inn"; ("contact", "phone") -> "Kontakt, Telefon"."""
    parts: list[str] = []
    dotted: list[str] = []
    for p in path:
        texts = FORM["fields"].get(".".join(dotted), {})
        if isinstance(p, int):
            parts[-1] = f"{texts.get('item', parts[-1])} {p + 1}"
        else:
            dotted.append(p)
            parts.append(FORM["fields"].get(".".join(dotted), {}).get("label", p))
    return ", ".join(parts)


DATE_FIELDS = {"as_of", "verified.date"}
DATE_RE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-[0-3][0-9])?)?$")


def _shown(path: tuple, value, labels: dict) -> str:
    texts = FORM["values"]
    if value is MISSING:
        return texts["missing"]
    if value is None:
        return texts["null"]
    if isinstance(value, bool):
        return texts["true" if value else "false"]
    dotted = ".".join(p for p in path if isinstance(p, str))
    if isinstance(value, list):
        return "; ".join(_shown(path, v, labels) for v in value) or texts["empty"]
    if dotted in DATE_FIELDS and isinstance(value, str) and DATE_RE.match(value):
        return vocabulary.month_text(value)       # «30. november 2026», as the pages show dates
    known = {**choice_labels(dotted), **(labels.get(dotted) or {})}
    return known.get(str(value), str(value))


def changes(old: dict | None, new: dict, labels: dict | None = None) -> list[dict]:
    """[{"field", "label", "old", "new"}] for every value that differs, in the form's order."""
    labels = labels or {}
    fs = fields()
    before = dict(_leaves(fs, old or {}, ()))
    after = _leaves(fs, new, ())
    paths = [p for p, _ in after] + [p for p in before if p not in dict(after)]
    now = dict(after)
    out = []
    for p in paths:
        a, b = before.get(p, MISSING), now.get(p, MISSING)
        if a is MISSING and b is MISSING or (a is not MISSING and b is not MISSING and schema_check.equal(a, b)):
            continue
        out.append({"field": schema_check.field_path(p), "label": _label(p),
                    "old": _shown(p, a, labels), "new": _shown(p, b, labels)})
    return out


# --- the outputs ------------------------------------------------------------------------------------

def mailto(email: str | None, subject: str, body: str) -> str | None:
    if not email:
        return None
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def edit_link(template: str | None, path: str | None) -> str | None:
    return template.replace("{path}", path) if template and path else None


def _result(request: dict, entry: dict, current: dict | None, path: str, subject: str, intro: str) -> dict:
    schema = schema_check.schema("service")
    text = request.get("text") if current is not None else None
    new_text = yaml_emit.update(text, current, entry, schema)
    diff = yaml_emit.unified_diff(text or "", new_text, path)
    body = f"{intro}\n\nFil: {path}\n\n{new_text}"
    return {"ok": True, "errors": [], "entry": entry, "file": path, "filename": path.rsplit("/", 1)[-1],
            "yaml": new_text, "diff": diff, "changes": changes(current, entry, request.get("labels")),
            "unchanged": current is not None and new_text == text,
            "mailto": mailto(request.get("email"), subject, body),
            "edit_url": edit_link(request.get("edit_url"), path) if current is not None else None}


def propose(request: dict) -> dict:
    """A changed or new service from the form: {"pairs", "current" (null for a new one), "text",
    "file", "labels", "email", "edit_url", "today", "existing" (file names in the municipality)}."""
    current = request.get("current")
    current = current if isinstance(current, dict) else None
    entry = entry_from_form(request.get("pairs") or [], current)
    existing = request.get("existing")
    if isinstance(existing, dict):   # file names per municipality: the chosen one's
        existing = existing.get(entry.get("municipality"), [])
    errors = problems(entry, current, request.get("today"), existing)
    if errors:
        return {"ok": False, "errors": errors}
    name = entry["name"]
    if current is not None:
        path = request.get("file") or f"data/services/{entry['municipality']}/{slug_of(current['name'])}.yaml"
        return _result(request, entry, current, path, f"Veiviser: forslag til endring – {name}",
                       f"Forslag til endring i «{name}», laget med skjemaet i Veiviser.")
    path = f"data/services/{entry['municipality']}/{slug_of(name)}.yaml"
    return _result(request, entry, None, path, f"Veiviser: forslag til nytt tilbud – {name}",
                   f"Forslag til nytt tilbud, «{name}», laget med skjemaet i Veiviser.")


def verify(request: dict) -> dict:
    """«Bekreft at dette stemmer»: the current entry with only `verified` new."""
    current = request.get("current")
    if not isinstance(current, dict):
        raise ValueError("current: the entry to confirm is missing")
    pairs = [p for p in request.get("pairs") or [] if isinstance(p, (list, tuple)) and str(p[0]).startswith("verified.")]
    verified_field = next(f for f in fields() if f.key == "verified")
    values: dict = {}
    for name, value in pairs:
        values.setdefault(name, []).append(str(value))
    verified = _convert(verified_field.fields, values, "verified.", MISSING)
    entry = copy.deepcopy(current)
    entry["verified"] = verified
    errors = problems(entry, current, request.get("today"))
    for name in ("date", "by", "how"):   # all three are needed, also when nothing else is given
        if name not in verified and not any(e["path"] == f"verified.{name}" for e in errors):
            errors.append({"path": f"verified.{name}", "name": f"verified.{name}", "message": "må fylles ut"})
    if errors:
        return {"ok": False, "errors": errors}
    path = request.get("file") or ""
    return _result(request, entry, current, path, f"Veiviser: bekreftet – {entry['name']}",
                   f"«{entry['name']}» er sjekket og stemmer (bekreftet av {verified['by']}).")


def report_problem(request: dict) -> dict:
    """«Meld feil»: what is wrong (and what should stand there) as a small YAML file for the
    editors: {"pairs", "key", "name", "file", "page_url", "today", "email"}."""
    values: dict = {}
    for pair in request.get("pairs") or []:
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            values[str(pair[0])] = str(pair[1]).replace("\r\n", "\n").strip()
    problem = values.get("problem", "")
    if len(problem) < 5:
        message = "må fylles ut" if not problem else "må ha minst 5 tegn"
        return {"ok": False, "errors": [{"path": "problem", "name": "problem", "message": message}]}
    key = str(request.get("key") or "")
    today = str(request.get("today") or "")
    report = {"tjeneste": key, "navn": request.get("name"), "fil": request.get("file"),
              "side": request.get("page_url"), "dato": today, "hva_er_feil": problem,
              "forslag": values.get("suggestion") or None, "meldt_av": values.get("reporter") or None}
    report = {k: v for k, v in report.items() if v not in (None, "")}
    text = "# Feilmelding til Veivisers redaksjon, laget med skjemaet «Meld feil»\n" + yaml_emit.dump(report)
    filename = f"feilmelding-{key.replace('/', '-') or 'veiviser'}-{today}.yaml".replace("--", "-")
    name = request.get("name") or key
    return {"ok": True, "errors": [], "file": filename, "filename": filename, "yaml": text,
            "mailto": mailto(request.get("email"), f"Veiviser: feil i «{name}»", text)}
