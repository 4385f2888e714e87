"""The catalogue's pages: which records each page shows, laid out by the Jinja2 templates in
templates/catalogue/ (Markdown, every value escaped so data always shows literally).

This module only decides what to show: which services a GP can walk into, which need a
referral or decision, which the source says nothing about, and so on. Every word and line of
Markdown is in the templates.

Paths follow the site's URL layout:
  kommuner/index.md                  municipality index
  kommuner/<m>/index.md              municipality page
  kommuner/<m>/<slug>.md             service page
  lover/index.md, lover/<id>.md      laws and guidelines
  verktoy/index.md, verktoy/<id>.md  recovery tools and methods
Links are relative .md links, so `mkdocs build --strict` checks every one of them.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from .. import help_lines
from . import synonyms
from ..core.vocabulary import LABELS
from ..render import fragment, render
from . import proposals
from .model import (Catalogue, access_text, access_unknown, age_text, is_open, is_system_level, is_walk_in,
                    law_path, localized, municipality_path, service_path, short_name, split_line_refs, tool_path,
                    written_language)

# The newest changes a service page lists under «Endringer» (from git, see history.py).
HISTORY_SHOWN = 10

# Providers whose services a municipality page lists among «other partners».
PARTNER_PROVIDERS = ("spesialisthelsetjeneste", "frivillig", "privat", "nav")

# A Markdown link in trusted data text (tools' `in_veiviser`) that stays a link: a relative
# path to another page of this site. Anything else shows literally, brackets and all.
_DATA_LINK = re.compile(r"\[([^\[\]]+)\]\(([^()\s]+)\)")
_PAGE_PATH = re.compile(r"^[A-Za-z0-9_./-]+\.md$")


def _paths() -> dict:
    """What every catalogue template may call to place a link."""
    return {"service_path": service_path, "municipality_path": municipality_path,
            "law_path": law_path, "tool_path": tool_path}


def _render(template: str, cat: Catalogue, here: str, **context) -> str:
    return render(f"catalogue/{template}", here=here, reports=cat.sources, **_paths(), **context)


@dataclass
class LineRefs:
    """Line numbers taken out of a page's running text, to be listed under «Kilder».

    Templates pass every text that may carry «(Klepp 2020, linje 37)» through `text()`; the
    reference goes to `items` as («first words of the text …», «Klepp 2020, linje 37»). A bare
    «(linje 53)» belongs to the page's own report (`default`)."""
    default: str
    items: list[tuple[str, str]] = field(default_factory=list)

    def text(self, value: str | None) -> str | None:
        if value is None:
            return None
        clean, refs = split_line_refs(value)
        for report, lines in refs:
            self.items.append((_opening(clean), f"{report or self.default}, linje {lines}"))
        return clean

    def texts(self, values: list[str] | None) -> list[str] | None:
        return None if values is None else [self.text(v) for v in values]

    def cite(self, text: str, source: dict, reports: dict) -> str:
        """A fact's own source: the report's short name for the running text, the lines here."""
        short = reports[source["report"]]["short"]
        self.items.append((_opening(text), f"{short}, linje {source['lines']}"))
        return short


def _opening(text: str, words: int = 7) -> str:
    """The first words of a text, to say which passage a line reference belongs to."""
    parts = " ".join(text.split()).split(" ")
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def types_text(cat: Catalogue, s: dict) -> str:
    return ", ".join(cat.taxonomy[t]["label"] for t in s["types"])


def page_links(text: str, here: str) -> list[tuple[str, str | None]]:
    """Text split into (text, docs path or None): only links to a page of this site
    (a relative .md path inside the docs) become links; the text is one line."""
    text = " ".join(text.split())
    parts: list[tuple[str, str | None]] = []
    end = 0
    for match in _DATA_LINK.finditer(text):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(here), match[2]))
        if not _PAGE_PATH.match(match[2]) or target.startswith("../"):
            continue
        parts += [(text[end:match.start()], None), (match[1], target)]
        end = match.end()
    parts.append((text[end:], None))
    return [p for p in parts if p[0]]


def report_kind(m: dict) -> str:
    """How a municipality page names its report: «forvaltningsrevisjonen» or «casestudien»."""
    return "forvaltningsrevisjonen" if m["report"]["kind"] == "forvaltningsrevisjon" else "casestudien"


def source_text(cat: Catalogue, record: dict, m: dict) -> str:
    """The source a verification stands beside: «forvaltningsrevisjonen 2021» when the record's
    first source is its municipality's own report, else the report's short name («Fafo 2019»)."""
    if not record["sources"]:   # a new offer the municipality vouches for itself
        return "kommunen selv"
    first = record["sources"][0]["report"]
    if first == m["report"]["source"]:
        return f"{report_kind(m)} {m['report']['date'][:4]}"
    return cat.sources[first]["short"]


# --- service page ------------------------------------------------------------------------------

def service_title(cat: Catalogue, s: dict) -> str:
    """«Rask psykisk helsehjelp – Sandnes»: the page title and heading name the municipality."""
    return f"{s['name']} – {short_name(cat.municipalities[s['municipality']])}"


def help_box(cat: Catalogue, prominent: bool = False):
    return help_lines.box(cat.help_lines, prominent=prominent)


def service_page(cat: Catalogue, s: dict, feedback_pages: dict[str, str] | None = None,
                 history: list[dict] | None = None) -> str:
    m = cat.municipalities[s["municipality"]]
    contact = s.get("contact") or {}
    contact_parts = [(name, contact.get(key)) for name, key in
                     (("Telefon", "phone"), ("Adresse", "address"), ("Nettside", "web"), (None, "channels"))]
    return _render(
        "service.md.j2", cat, service_path(s), s=s, m=m, m_short=short_name(m), title=service_title(cat, s),
        age=age_text(s), types=types_text(cat, s),
        contact=[(name, value) for name, value in contact_parts if value],
        contact_known=any(contact.get(k) for k in ("phone", "address", "web")),
        walk_in=is_walk_in(s), front_door=m.get("front_door"), public=m.get("public_contact") or {},
        help_box=help_box(cat),
        search_words=synonyms.page_words(cat.synonyms, " ".join(
            [s["name"], *s.get("other_names", []), s["description"], s["target_group"] or ""]),
            # A low-threshold service whose source does not say one can walk in is not offered
            # to «uten henvisning» (the type is not the route).
            [t for t in s["types"] if t != "lavterskel" or is_walk_in(s)]),
        refs=LineRefs(cat.sources[s["sources"][0]["report"]]["short"] if s["sources"] else ""),
        laws=[cat.laws[i] for i in s.get("laws", [])], tools=[cat.tools[i] for i in s.get("tools", [])],
        feedback_page=(feedback_pages or {}).get(s["key"]),
        source_text=source_text(cat, s, m),
        history=(history or [])[:HISTORY_SHOWN], older=max(0, len(history or []) - HISTORY_SHOWN),
        propose=fragment("catalogue/proposal-links.html.j2", links=proposals.service_links(s), key=s["key"]))


# --- municipality page ---------------------------------------------------------------------------

def municipality_sections(cat: Catalogue, m: dict) -> dict[str, list[dict]]:
    """The services of a municipality page, section by section.

    Only open services (model.is_open: the statuses the finder shows by default) are listed
    by how to get in; planned ones are listed apart, closed ones only under «Alle tilbud».
    Unknown access is kept apart so a GP never reads "unknown" as "needs a referral".
    Cooperation forums are not offers a patient can use: listed apart, after the partners."""
    services = cat.services_in(m["slug"])
    for_people = [s for s in services if not is_system_level(s)]
    open_ = [s for s in for_people if is_open(s)]
    return {
        "all": services,
        "walk_in": [s for s in open_ if is_walk_in(s)],
        "formal": [s for s in open_ if not is_walk_in(s) and not access_unknown(s)],
        "unclear": [s for s in open_ if not is_walk_in(s) and access_unknown(s)],
        "planned": [s for s in for_people if s["status"] == "planned"],
        "coordination": [s for s in services if "koordinering" in s["types"]],
        "relatives": [s for s in services if "parorende" in s["types"]],
        "partners": [s for s in for_people if "spesialisthelsetjeneste" in s["types"]
                     or s.get("provider_kind") in PARTNER_PROVIDERS],
        "system": [s for s in services if is_system_level(s)],
    }


# «Hvor sender jeg …?»: the needs a GP asks about, and the service types that answer each.
NEEDS = {
    "bolig": {"bolig"},
    "rus": {"rusoppfolging", "skadereduksjon"},
    "psykisk-helse": {"psykisk-helse-oppfolging", "rask-psykisk-helsehjelp"},
    "ung": set(),                 # by age, see serves_need
    "parorende": {"parorende"},
    "arbeid": {"arbeid-aktivitet"},
    "akutt": {"akutt"},
}
YOUNG = (16, 25)


def serves_need(s: dict, need: str) -> bool:
    if need == "ung":
        lo, hi = s["min_age"], s["max_age"]
        overlaps = (lo is None or lo <= YOUNG[1]) and (hi is None or hi >= YOUNG[0])
        return overlaps and ("barn-unge" in s["types"] or (hi is not None and hi <= 30))
    return bool(NEEDS[need] & set(s["types"]))


def need_rows(services: list[dict]) -> list[tuple[str, list[dict], list[dict], list[dict]]]:
    """(need, walk-in, by referral or decision, route not given) among open services for people."""
    rows = []
    for need in NEEDS:
        found = [s for s in services if serves_need(s, need)]
        rows.append((need, [s for s in found if is_walk_in(s)],
                     [s for s in found if not is_walk_in(s) and not access_unknown(s)],
                     [s for s in found if access_unknown(s)]))
    return rows


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«])")


def first_sentence(text: str, count: int = 1) -> str:
    """The first sentence (or count sentences) of a text: the handout's «what it is»."""
    return " ".join(_SENTENCE_END.split(" ".join(text.split()), maxsplit=count)[:count])


def municipality_page(cat: Catalogue, m: dict) -> str:
    report = cat.sources[m["report"]["source"]]
    sections = municipality_sections(cat, m)
    open_for_people = [s for s in sections["all"] if is_open(s) and not is_system_level(s)]
    lang = written_language(m)
    door = (split_line_refs(first_sentence(localized(m["front_door"], "text", lang), 2))[0]
            if m.get("front_door") else None)
    return _render(
        "municipality.md.j2", cat, municipality_path(m["slug"]), m=m, m_short=short_name(m),
        parent=cat.municipalities[m["parent"]] if m.get("parent") else None,
        report=report,
        kind=report_kind(m),
        districts=cat.districts_of(m["slug"]),
        access_text=access_text, types_text=lambda s: types_text(cat, s),
        needs=need_rows(open_for_people), help_box=help_box(cat), help_lines=cat.help_lines,
        public=m.get("public_contact") or {}, refs=LineRefs(report["short"]),
        lang=lang, local=lambda entry, key: localized(entry, key, lang),
        handout_text=lambda s: split_line_refs(first_sentence(localized(s, "description", lang)))[0],
        age_of=lambda s: age_text(s, lang), handout_door=door,
        propose=fragment("catalogue/proposal-new.html.j2", link=proposals.new_service_link(m), slug=m["slug"],
                         name=m["name"]),
        **sections)


def municipality_index(cat: Catalogue) -> str:
    rows = [(m, len(cat.services_in(m["slug"])), cat.sources[m["report"]["source"]]["short"])
            for m in sorted(cat.municipalities.values(), key=lambda m: m["name"].casefold())]
    return _render("municipality_index.md.j2", cat, "kommuner/index.md", rows=rows)


# --- laws and tools ---------------------------------------------------------------------------------

def related(cat: Catalogue, record: dict) -> list[tuple[str, str]]:
    """(title, docs path) of each law or tool the record names under `related`."""
    return [(cat.laws[i]["title"], law_path(i)) if i in cat.laws else (cat.tools[i]["name"], tool_path(i))
            for i in record.get("related", [])]


def with_municipality(cat: Catalogue, services: list[dict]) -> list[tuple[dict, dict, str]]:
    """(service, its municipality, docs path of its page) for each service."""
    return [(s, cat.municipalities[s["municipality"]], service_path(s)) for s in services]


def own_refs(cat: Catalogue, record: dict) -> LineRefs:
    """Line references of a law or tool page; a bare «(linje 9)» is its first source's."""
    return LineRefs(cat.sources[record["sources"][0]["report"]]["short"])


def law_page(cat: Catalogue, law: dict) -> str:
    replaced_by = (law.get("repealed") or {}).get("replaced_by")
    return _render("law.md.j2", cat, law_path(law["slug"]), law=law, related=related(cat, law),
                   replaced_by=cat.laws[replaced_by] if replaced_by else None, refs=own_refs(cat, law),
                   search_words=synonyms.page_words(cat.synonyms, law["title"] + " " + law["summary"]),
                   users=with_municipality(cat, cat.services_using("laws", law["slug"])))


def tool_page(cat: Catalogue, tool: dict) -> str:
    here = tool_path(tool["slug"])
    return _render("tool.md.j2", cat, here, tool=tool, related=related(cat, tool), refs=own_refs(cat, tool),
                   in_veiviser=page_links(tool["in_veiviser"], here) if tool.get("in_veiviser") else None,
                   users=with_municipality(cat, cat.services_using("tools", tool["slug"])))


def by_kind(records: list[dict], kinds: dict[str, str], key: str) -> list[tuple[str, list[dict]]]:
    """(label, records sorted by key) for each kind in vocabulary order that has records."""
    groups = [(label, sorted((r for r in records if r["kind"] == kind), key=lambda r: r[key].casefold()))
              for kind, label in kinds.items()]
    return [(label, items) for label, items in groups if items]


def law_index(cat: Catalogue) -> str:
    return _render("law_index.md.j2", cat, "lover/index.md",
                   groups=by_kind(list(cat.laws.values()), LABELS["law_kind"], "title"))


def tool_index(cat: Catalogue) -> str:
    return _render("tool_index.md.j2", cat, "verktoy/index.md",
                   groups=by_kind(list(cat.tools.values()), LABELS["tool_kind"], "name"))


def all_pages(cat: Catalogue, feedback_pages: dict[str, str],
              history: dict[str, list[dict]] | None = None) -> dict[str, str]:
    """Every generated page: docs path -> Markdown. feedback_pages: service key -> docs path
    of its published feedback figures; history: service key -> its file's commits, newest first."""
    pages = {"kommuner/index.md": municipality_index(cat),
             "lover/index.md": law_index(cat),
             "verktoy/index.md": tool_index(cat)}
    for m in cat.municipalities.values():
        pages[municipality_path(m["slug"])] = municipality_page(cat, m)
    for s in cat.services.values():
        pages[service_path(s)] = service_page(cat, s, feedback_pages, (history or {}).get(s["key"]))
    for law in cat.laws.values():
        pages[law_path(law["slug"])] = law_page(cat, law)
    for tool in cat.tools.values():
        pages[tool_path(tool["slug"])] = tool_page(cat, tool)
    return pages
