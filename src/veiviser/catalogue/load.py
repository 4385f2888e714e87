"""Load the catalogue in data/ and check it: schema, then cross-references.

Every problem names the file, the field and what is wrong. All problems are collected
before raising, so one build shows every broken entry at once.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from .. import help_lines, schemas
from ..problems import CatalogueError, Problem, read_yaml, schema_problems
from . import synonyms
from .model import Catalogue

KINDS = ("service", "municipality", "law", "tool")


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
                    problems.append(Problem(r, "", "er tom"))
                continue
            if not isinstance(data, dict):
                problems.append(Problem(r, "", "må være et oppslag med felt: verdi"))
                continue
            found = schema_problems(schemas.validator(kind), data, r)
            problems.extend(found)
            if found:
                continue
            slug = path.stem
            record = dict(data, slug=slug, file=r)
            if nested:
                record["key"] = f"{path.parent.name}/{slug}"
                if data["municipality"] != path.parent.name:
                    problems.append(Problem(r, "municipality",
                                            f"er {data['municipality']!r}, men filen ligger i mappen {path.parent.name!r}"))
                out[record["key"]] = record
            else:
                record["key"] = slug
                out[slug] = record
        return out

    cat.municipalities = load_kind("municipality", "municipalities", nested=False)
    cat.services = load_kind("service", "services", nested=True)
    cat.laws = load_kind("law", "laws", nested=False)
    cat.tools = load_kind("tool", "tools", nested=False)
    cat.help_lines = help_lines.load(root, problems) or {}
    cat.synonyms = synonyms.load(root, taxonomy, problems)
    problems.extend(cross_reference_problems(cat))
    if problems:
        raise CatalogueError(problems)
    return cat


def cross_reference_problems(cat: Catalogue) -> list[Problem]:
    """Checks a schema cannot express: ids that must exist elsewhere, ages in order."""
    problems = []
    for m in cat.municipalities.values():
        if m["kind"] == "bydel" and m.get("parent") not in cat.municipalities:
            problems.append(Problem(m["file"], "parent", f"må være en kommune i data/municipalities/ (ikke {m.get('parent')!r})"))
    for s in cat.services.values():
        f = s["file"]
        if s["municipality"] not in cat.municipalities:
            problems.append(Problem(f, "municipality", f"ingen fil data/municipalities/{s['municipality']}.yaml"))
        for i, t in enumerate(s["types"]):
            if t not in cat.taxonomy:
                problems.append(Problem(f, f"types[{i}]", f"{t!r} finnes ikke i data/taxonomy.yaml"))
        for kind, known in (("laws", cat.laws), ("tools", cat.tools)):
            for i, ident in enumerate(s.get(kind, [])):
                if ident not in known:
                    problems.append(Problem(f, f"{kind}[{i}]", f"{ident!r} har ingen fil data/{kind}/{ident}.yaml"))
        if s["min_age"] is not None and s["max_age"] is not None and s["min_age"] > s["max_age"]:
            problems.append(Problem(f, "max_age", f"{s['max_age']} er lavere enn min_age {s['min_age']}"))
        for i, a in enumerate(s["access"]):
            if a["route"] == "vedtak" and "decided_by" not in a:
                problems.append(Problem(f, f"access[{i}].decided_by",
                                        "er påkrevd for vedtak (bruk null når kilden ikke sier hvem som vedtar)"))
    for law in cat.laws.values():
        replaced_by = (law.get("repealed") or {}).get("replaced_by")
        if replaced_by is not None and replaced_by not in cat.laws:
            problems.append(Problem(law["file"], "repealed.replaced_by", f"{replaced_by!r} has no file data/laws/{replaced_by}.yaml"))
        if replaced_by == law["slug"]:
            problems.append(Problem(law["file"], "repealed.replaced_by", "names the law itself"))
    today = datetime.date.today().isoformat()
    for r in (*cat.municipalities.values(), *cat.services.values()):
        if "verified" in r and r["verified"]["date"] > today:
            problems.append(Problem(r["file"], "verified.date", f"{r['verified']['date']} is in the future"))
    for kind, records in (("laws", cat.laws), ("tools", cat.tools)):
        for r in records.values():
            for i, ident in enumerate(r.get("related", [])):
                if ident not in cat.laws and ident not in cat.tools:
                    problems.append(Problem(r["file"], f"related[{i}]", f"{ident!r} er verken en lov eller et verktøy"))
    for kind, records in (("municipalities", cat.municipalities), ("services", cat.services),
                          ("laws", cat.laws), ("tools", cat.tools)):
        for r in records.values():
            for i, src in enumerate(r.get("sources", [])):
                if src["report"] not in cat.sources:
                    problems.append(Problem(r["file"], f"sources[{i}].report", f"{src['report']!r} finnes ikke i data/sources.yaml"))
    return problems
