"""The catalogue as the other flows see it (the one module of this package they may import):
the Catalogue record, its queries, and where each record's page lives.

Records are the YAML files as read, plus slug, file and key ("<municipality>/<slug>" for
services). Labels come from the shared vocabulary (veiviser.core.vocabulary).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..core import vocabulary


@dataclass
class Catalogue:
    root: Path
    sources: dict[str, dict]
    taxonomy: dict[str, dict]
    municipalities: dict[str, dict] = field(default_factory=dict)
    services: dict[str, dict] = field(default_factory=dict)  # key "<municipality>/<slug>"
    laws: dict[str, dict] = field(default_factory=dict)
    tools: dict[str, dict] = field(default_factory=dict)
    help_lines: dict = field(default_factory=dict)          # data/help-lines.yaml (veiviser.help_lines)
    synonyms: list[dict] = field(default_factory=list)      # data/synonyms.yaml (catalogue.synonyms)

    def services_in(self, municipality: str) -> list[dict]:
        return sorted((s for s in self.services.values() if s["municipality"] == municipality),
                      key=lambda s: s["name"].casefold())

    def districts_of(self, municipality: str) -> list[dict]:
        return [m for m in self.municipalities.values() if m.get("parent") == municipality]

    def services_using(self, kind: str, ident: str) -> list[dict]:
        """Services whose `laws` or `tools` list names ident."""
        return sorted((s for s in self.services.values() if ident in s.get(kind, [])),
                      key=lambda s: (s["municipality"], s["name"].casefold()))


# --- where pages live (docs paths; the site's URL layout) ------------------------------------

def municipality_path(slug: str) -> str:
    return f"kommuner/{slug}/index.md"


def service_path(service: dict) -> str:
    return f"kommuner/{service['municipality']}/{service['slug']}.md"


def law_path(ident: str) -> str:
    return f"lover/{ident}.md"


def tool_path(ident: str) -> str:
    return f"verktoy/{ident}.md"


# --- what a service is -------------------------------------------------------------------------

def is_walk_in(service: dict) -> bool:
    return any(a["route"] == "self_referral" for a in service["access"])


def is_system_level(service: dict) -> bool:
    return "samarbeidsforum" in service["types"]


def access_unknown(service: dict) -> bool:
    return all(a["route"] == "unknown" for a in service["access"])


def is_open(service: dict) -> bool:
    """Takes people now (the finder and the pages use the same rule)."""
    return vocabulary.is_open(service["status"])


def age_text(service: dict, lang: str = "nb") -> str:
    """«16–25 år», «Fra 25 år (note)», «Ikke kjent»; lang "nn" gives the nynorsk words (and the
    service's nynorsk age note where it has one, see `localized`)."""
    words = vocabulary.phrases(lang)
    lo, hi = service["min_age"], service["max_age"]
    if lo is not None and hi is not None:
        text = words["age_range"].format(low=lo, high=hi)
    elif lo is not None:
        text = words["age_from"].format(low=lo)
    elif hi is not None:
        text = words["age_to"].format(high=hi)
    else:
        text = words["age_unknown"]
    note = localized(service, "age_note", lang)
    if note:
        text += f" ({note})"
    return text


def written_language(municipality: dict) -> str:
    """"nn" where the municipality writes nynorsk (its `written_language`), else "nb"."""
    return (municipality.get("written_language") or {}).get("value", "nb")


def localized(entry: dict, field: str, lang: str = "nb"):
    """entry[field] in the written language lang: the entry's own `nn` text for nynorsk where it
    has one, else the bokmål text (every catalogue text is written in bokmål first)."""
    if lang != "nb":
        # services and municipalities keep it under `nn`, the help lines under `translations.nn`
        own = (entry.get(lang) or {}).get(field) or ((entry.get("translations") or {}).get(lang) or {}).get(field)
        if own:
            return own
    return entry.get(field)


def access_text(access: list[dict]) -> str:
    parts = []
    for a in access:
        text = vocabulary.label("access_route", a["route"])
        if a.get("decided_by"):
            text += f" ({'vedtak fattes av' if a['route'] == 'vedtak' else 'via'} {a['decided_by']})"
        elif a["route"] == "vedtak":
            text += " (hvem som fatter vedtak: ikke kjent)"
        if a.get("inferred"):
            text += f" (utledet av en generell regel: {a['note']})"
        elif a.get("note"):
            text += f" – {a['note']}"
        parts.append(text)
    return "; ".join(parts)


def short_name(municipality: dict) -> str:
    """"Sandnes kommune" -> "Sandnes"; a bydel keeps its name ("Bydel Sagene")."""
    name = municipality["name"]
    return name[: -len(" kommune")] if name.endswith(" kommune") else name


# --- line references in running text -------------------------------------------------------------

# «(Klepp 2020, linje 37, 531)», «(linje 53, 410)», «(Klepp 2020, linje 1392–1396; Asker 2026, linje 467)»
_LINE_REF = re.compile(r"\s*\(([^()]*\blinje\b[^()]*)\)")
_REPORT_LINES = re.compile(r"^\s*(?:(?P<report>[^,;]+?),\s*)?linje\s+(?P<lines>[0-9][0-9–, -]*[0-9])\s*$")


def split_line_refs(text: str) -> tuple[str, list[tuple[str | None, str]]]:
    """Running text without its line numbers, and the references taken out of it as
    (report short name or None, lines): «… fem (Klepp 2020, linje 37)» -> «… fem (Klepp 2020)»,
    «… (linje 53)» -> «…» (the report named last before it in the text, or None). A parenthesis that is not a plain line reference stays as it is."""
    refs: list[tuple[str | None, str]] = []
    last: list[str | None] = [None]   # a bare «(linje 9)» after «(Klepp 2020, linje 5)» is Klepp's

    def replace(match: re.Match) -> str:
        parts = [_REPORT_LINES.match(p) for p in match[1].split(";")]
        if not all(parts):
            return match[0]
        reports = []
        for p in parts:
            if p["report"]:
                reports.append(p["report"])
            refs.append((p["report"] or last[0], p["lines"]))
            last[0] = p["report"] or last[0]
        return f" ({'; '.join(reports)})" if reports else ""

    return _LINE_REF.sub(replace, text), refs
