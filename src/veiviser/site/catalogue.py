"""Load the catalogue in data/ and check it: schema, then cross-references.

Every problem names the file, the field and what is wrong. All problems are collected
before raising, so one build shows every broken entry at once.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

KINDS = ("service", "municipality", "law", "tool")


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field or '(top level)'}: {self.message}"


class CatalogueError(ValueError):
    """Raised with every problem found; str() lists them one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in the catalogue:"] + [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass
class Catalogue:
    root: Path
    sources: dict[str, dict]
    taxonomy: dict[str, dict]
    municipalities: dict[str, dict] = field(default_factory=dict)
    services: dict[str, dict] = field(default_factory=dict)  # key "<municipality>/<slug>"
    laws: dict[str, dict] = field(default_factory=dict)
    tools: dict[str, dict] = field(default_factory=dict)
    feedback_pages: dict[str, str] = field(default_factory=dict)  # service key -> docs path (set by the build)

    def services_in(self, municipality: str) -> list[dict]:
        return sorted((s for s in self.services.values() if s["municipality"] == municipality),
                      key=lambda s: s["name"].casefold())

    def districts_of(self, municipality: str) -> list[dict]:
        return [m for m in self.municipalities.values() if m.get("parent") == municipality]

    def services_using(self, kind: str, ident: str) -> list[dict]:
        """Services whose `laws` or `tools` list names ident."""
        return sorted((s for s in self.services.values() if ident in s.get(kind, [])),
                      key=lambda s: (s["municipality"], s["name"].casefold()))


def schema(kind: str) -> dict:
    """The published JSON Schema for one kind of catalogue file."""
    text = resources.files("veiviser.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


def _field_path(error) -> str:
    parts = []
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else (f".{p}" if parts else str(p)))
    return "".join(parts)


@functools.lru_cache(maxsize=None)
def _validator(kind: str) -> Draft202012Validator:
    """One validator per kind, reused for every file (a national catalogue has thousands)."""
    return Draft202012Validator(schema(kind))


def schema_problems(kind: str, data: Any, file: str) -> list[Problem]:
    validator = _validator(kind)
    problems = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        where = _field_path(err)
        if err.validator == "required":
            missing = err.message.split("'")[1] if "'" in err.message else err.message
            where = f"{where}.{missing}" if where else missing
            problems.append(Problem(file, where, "is required (use null when the source does not say)"))
        elif err.validator == "additionalProperties":
            problems.append(Problem(file, where, f"unknown field: {err.message}"))
        else:
            problems.append(Problem(file, where, err.message))
    return problems


def read_yaml(path: Path, rel: str, problems: list[Problem]) -> Any:
    try:
        # libyaml's C parser when PyYAML has it (same safe constructor, about 10x faster).
        return yaml.load(path.read_text("utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problems.append(Problem(rel, where, f"is not valid YAML: {getattr(exc, 'problem', exc)}"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(rel, "", f"is not UTF-8 text: {exc}"))
    return None


def load(data_dir: Path | str) -> Catalogue:
    """Read and check everything under data_dir. Raises CatalogueError listing all problems."""
    root = Path(data_dir)
    problems: list[Problem] = []

    def rel(p: Path) -> str:
        try:
            return str(p.relative_to(root.parent))
        except ValueError:
            return str(p)

    sources = {s["id"]: s for s in read_yaml(root / "sources.yaml", "data/sources.yaml", problems) or []}
    taxonomy = {t["id"]: t for t in read_yaml(root / "taxonomy.yaml", "data/taxonomy.yaml", problems) or []}
    cat = Catalogue(root=root, sources=sources, taxonomy=taxonomy)

    def load_kind(kind: str, folder: str, nested: bool) -> dict[str, dict]:
        out: dict[str, dict] = {}
        pattern = "*/*.yaml" if nested else "*.yaml"
        for path in sorted((root / folder).glob(pattern)):
            r = rel(path)
            before = len(problems)
            data = read_yaml(path, r, problems)
            if data is None:
                if len(problems) == before:
                    problems.append(Problem(r, "", "is empty"))
                continue
            if not isinstance(data, dict):
                problems.append(Problem(r, "", "must be a mapping of field: value"))
                continue
            found = schema_problems(kind, data, r)
            problems.extend(found)
            if found:
                continue
            slug = path.stem
            record = dict(data, slug=slug, file=r)
            if nested:
                record["key"] = f"{path.parent.name}/{slug}"
                if data["municipality"] != path.parent.name:
                    problems.append(Problem(r, "municipality",
                                            f"is {data['municipality']!r} but the file lies in folder {path.parent.name!r}"))
                out[record["key"]] = record
            else:
                record["key"] = slug
                out[slug] = record
        return out

    cat.municipalities = load_kind("municipality", "municipalities", nested=False)
    cat.services = load_kind("service", "services", nested=True)
    cat.laws = load_kind("law", "laws", nested=False)
    cat.tools = load_kind("tool", "tools", nested=False)
    problems.extend(cross_reference_problems(cat))
    if problems:
        raise CatalogueError(problems)
    return cat


def cross_reference_problems(cat: Catalogue) -> list[Problem]:
    """Checks a schema cannot express: ids that must exist elsewhere, ages in order."""
    problems = []
    for m in cat.municipalities.values():
        if m["kind"] == "bydel" and m.get("parent") not in cat.municipalities:
            problems.append(Problem(m["file"], "parent", f"must name a municipality in data/municipalities/ (got {m.get('parent')!r})"))
    for s in cat.services.values():
        f = s["file"]
        if s["municipality"] not in cat.municipalities:
            problems.append(Problem(f, "municipality", f"no file data/municipalities/{s['municipality']}.yaml"))
        for i, t in enumerate(s["types"]):
            if t not in cat.taxonomy:
                problems.append(Problem(f, f"types[{i}]", f"{t!r} is not in data/taxonomy.yaml"))
        for kind, known in (("laws", cat.laws), ("tools", cat.tools)):
            for i, ident in enumerate(s.get(kind, [])):
                if ident not in known:
                    problems.append(Problem(f, f"{kind}[{i}]", f"{ident!r} has no file data/{kind}/{ident}.yaml"))
        if s["min_age"] is not None and s["max_age"] is not None and s["min_age"] > s["max_age"]:
            problems.append(Problem(f, "max_age", f"{s['max_age']} is below min_age {s['min_age']}"))
        for i, a in enumerate(s["access"]):
            if a["route"] == "vedtak" and "decided_by" not in a:
                problems.append(Problem(f, f"access[{i}].decided_by",
                                        "is required for a vedtak route (use null when the source does not say who decides)"))
    for kind, records in (("laws", cat.laws), ("tools", cat.tools)):
        for r in records.values():
            for i, ident in enumerate(r.get("related", [])):
                if ident not in cat.laws and ident not in cat.tools:
                    problems.append(Problem(r["file"], f"related[{i}]", f"{ident!r} is neither a law nor a tool id"))
    for kind, records in (("municipalities", cat.municipalities), ("services", cat.services),
                          ("laws", cat.laws), ("tools", cat.tools)):
        for r in records.values():
            for i, src in enumerate(r.get("sources", [])):
                if src["report"] not in cat.sources:
                    problems.append(Problem(r["file"], f"sources[{i}].report", f"{src['report']!r} is not in data/sources.yaml"))
    return problems
