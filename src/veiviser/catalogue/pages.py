"""Render catalogue records as Markdown pages (plain functions; the MkDocs hooks only call these).

Paths follow the site's URL layout:
  kommuner/index.md                  municipality index
  kommuner/<m>/index.md              municipality page
  kommuner/<m>/<slug>.md             service page
  lover/index.md, lover/<id>.md      laws and guidelines
  verktoy/index.md, verktoy/<id>.md  recovery tools and methods
Links are relative .md links, so `mkdocs build --strict` checks every one of them.
"""
from __future__ import annotations

from markupsafe import Markup

from ..core.vocabulary import LABELS
from ..render import link, render, url_of  # noqa: F401
from .model import (Catalogue, access_text, access_unknown, age_text, is_system_level, is_walk_in,
                    law_path, municipality_path, service_path, tool_path)

UNKNOWN = "*Ikke kjent*"
ACCESS_LABELS = LABELS["access_route"]
STATUS_LABELS = LABELS["status"]
PROVIDER_LABELS = LABELS["provider"]
LAW_KIND_LABELS = LABELS["law_kind"]
TOOL_KIND_LABELS = LABELS["tool_kind"]


# --- small formatters ----------------------------------------------------------------------

def fact_table(rows: list[tuple[str, str]]) -> str:
    """Label/value rows as a table whose labels are row headers; values are Markdown."""
    return render("catalogue/facts.md.j2", rows=[(label, Markup(value)) for label, value in rows]).strip()


def cell(text: str | None) -> str:
    """Safe inside a Markdown table cell."""
    if text is None:
        return UNKNOWN
    return " ".join(str(text).split()).replace("|", "\\|")



def cite(cat: Catalogue, source: dict) -> str:
    report = cat.sources[source["report"]]
    note = f"; {source['note']}" if source.get("note") else ""
    return f"{report['short']}, linje {source['lines']}{note}"


def sources_block(cat: Catalogue, sources: list[dict], as_of: str | None) -> str:
    lines = ["## Kilder", ""]
    for s in sources:
        report = cat.sources[s["report"]]
        note = f" – {s['note']}" if s.get("note") else ""
        lines.append(f"- *{report['title']}* ({report['publisher']}, {report['published']}), "
                     f"linje {s['lines']} i tekstversjonen{note}.")
    if as_of:
        lines += ["", f"Opplysningene gjelder per **{as_of}**, slik kilden beskriver det. "
                      "Sjekk med tjenesten før du henviser."]
    return "\n".join(lines) + "\n"






def service_line(cat: Catalogue, from_path: str, s: dict) -> str:
    target = f" – {s['target_group']}" if s.get("target_group") else ""
    status = "" if s["status"] == "active" else f" *({STATUS_LABELS[s['status']].lower()})*"
    return f"- [{s['name']}]({link(from_path, service_path(s))}){status}{target}"


# --- service page ------------------------------------------------------------------------------

def service_page(cat: Catalogue, s: dict, feedback_pages: dict[str, str]) -> str:
    here = service_path(s)
    m = cat.municipalities[s["municipality"]]
    contact = s.get("contact") or {}
    contact_bits = [f"Telefon: {contact['phone']}" if contact.get("phone") else None,
                    f"Adresse: {contact['address']}" if contact.get("address") else None,
                    f"Nettside: {contact['web']}" if contact.get("web") else None,
                    contact.get("channels")]
    contact_text = "; ".join(b for b in contact_bits if b) or "*Ikke oppgitt i kildene*"
    types = ", ".join(cat.taxonomy[t]["label"] for t in s["types"])
    out = [
        "---",
        f"title: \"{s['name']} – {m['name']}\"",
        "---",
        "",
        f"# {s['name']}",
        "",
        f"[{m['name']}]({link(here, municipality_path(m['slug']))}) · {PROVIDER_LABELS[s.get('provider_kind', 'kommune')]}",
        "",
    ]
    if s["status"] != "active":
        out += [f"!!! warning \"Status: {STATUS_LABELS[s['status']]}\"",
                f"    Per {s['as_of']} var dette tilbudet {STATUS_LABELS[s['status']].lower()}.", ""]
    out += [s["description"].strip(), ""]
    if s.get("other_names"):
        out += [f"Også kalt: {', '.join(s['other_names'])}.", ""]
    facts = [
        ("Slik kommer man inn", cell(access_text(s['access']))),
        ("Målgruppe", cell(s['target_group'])),
        ("Alder", cell(age_text(s))),
        ("Eier / ansvarlig enhet", cell(s['owner'])),
        ("Åpningstider", cell(s['hours'])),
        ("Kapasitet", cell(s['capacity'])),
    ]
    if s.get("conditions"):
        facts.append(("Vilkår", cell(s['conditions'])))
    facts += [
        ("Kontakt", cell(contact_text)),
        ("Type tilbud", cell(types)),
        ("Status", f"{STATUS_LABELS[s['status']]} (per {s['as_of']})"),
    ]
    if s.get("partners"):
        facts.append(("Samarbeidspartnere", cell(', '.join(s['partners']))))
    out += [fact_table(facts), ""]
    if s.get("uncertain"):
        out += ["!!! warning \"Usikkert eller motstridende i kilden\"", ""]
        out += [f"    - {u}" for u in s["uncertain"]] + [""]
    if s.get("findings"):
        out += ["## Hva rapporten sier", ""] + [f"- {f}" for f in s["findings"]] + [""]
    if s.get("laws"):
        out += ["## Lover og retningslinjer", ""]
        out += [f"- [{cat.laws[i]['title']}]({link(here, law_path(i))})" for i in s["laws"]] + [""]
    if s.get("tools"):
        out += ["## Verktøy og metoder", ""]
        out += [f"- [{cat.tools[i]['name']}]({link(here, tool_path(i))})" for i in s["tools"]] + [""]
    feedback_page = feedback_pages.get(f"{s['municipality']}/{s['slug']}")
    if feedback_page:
        out += ["## Tilbakemeldinger", "",
                f"[Tall fra brukernes tilbakemeldinger]({link(here, feedback_page)}) (samlede svar fra skjemaene i Veiviser).", ""]
    out.append(sources_block(cat, s["sources"], s["as_of"]))
    return "\n".join(out)


# --- municipality page ---------------------------------------------------------------------------

def fact_line(cat: Catalogue, fact: dict) -> str:
    return f"- {fact['text']} *({cite(cat, fact['source'])})*"


def municipality_page(cat: Catalogue, m: dict) -> str:
    here = municipality_path(m["slug"])
    services = cat.services_in(m["slug"])
    report = cat.sources[m["report"]["source"]]
    kind = "forvaltningsrevisjonen" if m["report"]["kind"] == "forvaltningsrevisjon" else "casestudien"
    out = ["---", f"title: \"{m['name']}\"", "---", "", f"# {m['name']}", ""]
    if m.get("parent"):
        parent = cat.municipalities[m["parent"]]
        out += [f"Bydel i [{parent['name']}]({link(here, municipality_path(parent['slug']))}).", ""]
    out += [
        f"!!! info \"Bygger på {kind} fra {m['report']['date']}\"",
        f"    Alt på denne siden er hentet fra *{report['title']}* ({report['publisher']}). "
        "Tilbud kan ha endret seg siden; sjekk med kommunen før du henviser.",
        "",
        m["summary"].strip(),
        "",
        "## Uten henvisning – pasienten kan ta kontakt selv",
        "",
    ]
    # Cooperation forums are not offers a patient can use: listed apart, after the partners.
    system = [s for s in services if is_system_level(s)]
    services_for_people = [s for s in services if not is_system_level(s)]
    walk_in = [s for s in services_for_people if is_walk_in(s) and s["status"] != "closed"]
    out += [service_line(cat, here, s) for s in walk_in] or ["*Ingen slike tilbud er beskrevet i kilden.*"]
    out += ["", "## Krever henvisning, søknad eller vedtak", ""]
    open_ = [s for s in services_for_people if not is_walk_in(s) and s["status"] != "closed"]
    formal = [s for s in open_ if not access_unknown(s)]
    if formal:
        out += ["| Tilbud | Slik kommer man inn |", "|---|---|"]
        out += [f"| [{cell(s['name'])}]({link(here, service_path(s))}) | {cell(access_text(s['access']))} |" for s in formal]
    else:
        out.append("*Ingen slike tilbud er beskrevet i kilden.*")
    # Kept apart so a GP never reads "unknown" as "needs a referral".
    unclear = [s for s in open_ if access_unknown(s)]
    if unclear:
        out += ["", "## Kilden sier ikke hvordan man kommer inn", ""]
        out += [service_line(cat, here, s) for s in unclear]
    out += ["", "## Koordinering og individuell plan", ""]
    if m.get("front_door"):
        out += [f"**Søknader og henvisninger:** {m['front_door']['text']} *({cite(cat, m['front_door']['source'])})*", ""]
    else:
        out += [f"**Søknader og henvisninger:** {UNKNOWN}", ""]
    out += [fact_line(cat, f) for f in m["coordination"]]
    coord = [s for s in services if "koordinering" in s["types"]]
    if coord:
        out += ["", "Tjenester for koordinering:", ""] + [service_line(cat, here, s) for s in coord]
    out += ["", "## For pårørende", ""]
    relatives = [s for s in services if "parorende" in s["types"]]
    out += [service_line(cat, here, s) for s in relatives] or ["*Ingen egne tilbud til pårørende er beskrevet i kilden.*"]
    out += ["", "## Spesialisthelsetjenesten og andre samarbeidspartnere", ""]
    partners = [s for s in services_for_people if "spesialisthelsetjeneste" in s["types"]
                or s.get("provider_kind") in ("spesialisthelsetjeneste", "frivillig", "privat", "nav")]
    out += [service_line(cat, here, s) for s in partners] or ["*Ikke beskrevet i kilden.*"]
    if system:
        out += ["", "## Samarbeid på systemnivå (ikke tilbud til pasienter)", ""]
        out += [service_line(cat, here, s) for s in system]
    if m.get("gp_notes"):
        out += ["", "## Fastlegens rolle", ""] + [fact_line(cat, f) for f in m["gp_notes"]]
    out += ["", f"## Hovedfunn i {kind} ({m['report']['date']})", ""]
    out += [fact_line(cat, f) for f in m["findings"]]
    if m.get("uncertain"):
        out += ["", "!!! warning \"Usikkert eller motstridende i kilden\"", ""] + [f"    - {u}" for u in m["uncertain"]]
    districts = cat.districts_of(m["slug"])
    if districts:
        out += ["", "## Bydeler", ""]
        out += [f"- [{d['name']}]({link(here, municipality_path(d['slug']))})" for d in districts]
    out += ["", f"## Alle tilbud ({len(services)})", ""]
    if services:
        out += ["| Tilbud | Type | Status |", "|---|---|---|"]
        out += [f"| [{cell(s['name'])}]({link(here, service_path(s))}) | "
                f"{cell(', '.join(cat.taxonomy[t]['label'] for t in s['types']))} | {STATUS_LABELS[s['status']]} |"
                for s in services]
    out += ["", sources_block(cat, m["sources"], m["as_of"])]
    return "\n".join(out)


def municipality_index(cat: Catalogue) -> str:
    here = "kommuner/index.md"
    out = ["# Kommuner", "",
           "Velg kommune for å se hva pasienten kan oppsøke selv, hva som krever henvisning eller vedtak, "
           "hvem som koordinerer, og hva som finnes for pårørende. "
           f"Du kan også [søke på tvers av kommuner]({link(here, 'finn.md')}).", "",
           "| Kommune | Tilbud | Kilde | Per |", "|---|---|---|---|"]
    for m in sorted(cat.municipalities.values(), key=lambda m: m["name"].casefold()):
        n = len(cat.services_in(m["slug"]))
        out.append(f"| [{cell(m['name'])}]({link(here, municipality_path(m['slug']))}) | {n} | "
                   f"{cat.sources[m['report']['source']]['short']} | {m['as_of']} |")
    return "\n".join(out) + "\n"


# --- laws and tools ---------------------------------------------------------------------------------

def used_by_block(cat: Catalogue, here: str, kind: str, ident: str, heading: str) -> list[str]:
    users = cat.services_using(kind, ident)
    out = [f"## {heading}", ""]
    if not users:
        return out + ["*Ingen tjenester i katalogen er knyttet til denne ennå.*", ""]
    for s in users:
        m = cat.municipalities[s["municipality"]]
        out.append(f"- [{s['name']}]({link(here, service_path(s))}) – {m['name']}")
    return out + [""]


def related_block(cat: Catalogue, here: str, record: dict) -> list[str]:
    if not record.get("related"):
        return []
    out = ["## Se også", ""]
    for ident in record["related"]:
        if ident in cat.laws:
            out.append(f"- [{cat.laws[ident]['title']}]({link(here, law_path(ident))})")
        else:
            out.append(f"- [{cat.tools[ident]['name']}]({link(here, tool_path(ident))})")
    return out + [""]


def law_page(cat: Catalogue, law: dict) -> str:
    here = law_path(law["slug"])
    out = ["---", f"title: \"{law['title']}\"", "---", "", f"# {law['title']}", "",
           f"*{LAW_KIND_LABELS[law['kind']]}*" + (f" – {law['official_name']}" if law.get("official_name") else ""), "",
           law["summary"].strip(), "",
           "## Hva kreves av kommunen", "", law["municipality_duty"] if law["municipality_duty"] else
           "*Stiller ingen krav direkte til kommunen.*", "",
           "## Hva betyr det for fastlegen", "", law["gp_duty"] if law["gp_duty"] else
           "*Stiller ingen krav direkte til fastlegen.*", ""]
    if law.get("user_rights"):
        out += ["## Hva gir det brukeren og pårørende", "", law["user_rights"], ""]
    if law.get("seen_in_sources"):
        out += ["## Slik omtales det i rapportene", ""] + [f"- {t}" for t in law["seen_in_sources"]] + [""]
    out += used_by_block(cat, here, "laws", law["slug"], "Tjenester som følger den opp")
    out += related_block(cat, here, law)
    out.append(sources_block(cat, law["sources"], None))
    return "\n".join(out)


def tool_page(cat: Catalogue, tool: dict) -> str:
    here = tool_path(tool["slug"])
    out = ["---", f"title: \"{tool['name']}\"", "---", "", f"# {tool['name']}", "",
           f"*{TOOL_KIND_LABELS[tool['kind']]}*" + (f" – også kalt {', '.join(tool['other_names'])}" if tool.get("other_names") else ""), "",
           tool["summary"].strip(), "",
           fact_table([
               ("For hvem", cell(tool['for_whom'])),
               ("Hva det måler", cell(tool['measures']) if tool['measures'] else 'Måler ikke noe; det er en arbeidsmåte'),
               ("Lisens", cell(tool.get('licence')) if tool.get('licence') else '*Ikke kjent*')]), ""]
    if tool.get("in_veiviser"):
        out += ["!!! tip \"I Veiviser\"", f"    {tool['in_veiviser']}", ""]
    if tool.get("seen_in_sources"):
        out += ["## Slik omtales det i rapportene", ""] + [f"- {t}" for t in tool["seen_in_sources"]] + [""]
    if tool.get("background_sources"):
        out += ["## Bakgrunn utenfor rapportene", ""] + [f"- {t}" for t in tool["background_sources"]] + [""]
    out += used_by_block(cat, here, "tools", tool["slug"], "Brukes av")
    out += related_block(cat, here, tool)
    out.append(sources_block(cat, tool["sources"], None))
    return "\n".join(out)


def law_index(cat: Catalogue) -> str:
    here = "lover/index.md"
    out = ["# Lover og retningslinjer", "",
           "Lovene, forskriftene, retningslinjene og planene som rapportene viser til, forklart i klarspråk: "
           "hva de krever av kommunen, og hva de betyr for fastlegen.", ""]
    for kind, label in LAW_KIND_LABELS.items():
        items = sorted((l for l in cat.laws.values() if l["kind"] == kind), key=lambda l: l["title"].casefold())
        if items:
            out += [f"## {label}", ""] + [f"- [{l['title']}]({link(here, law_path(l['slug']))})" for l in items] + [""]
    return "\n".join(out)


def tool_index(cat: Catalogue) -> str:
    here = "verktoy/index.md"
    out = ["# Verktøy og metoder", "",
           "Verktøy og arbeidsmåter for recovery og oppfølging som rapportene nevner: hva de er, hvem de er for, "
           "hva de måler, og hvor de brukes.", ""]
    for kind, label in TOOL_KIND_LABELS.items():
        items = sorted((t for t in cat.tools.values() if t["kind"] == kind), key=lambda t: t["name"].casefold())
        if items:
            out += [f"## {label}", ""] + [f"- [{t['name']}]({link(here, tool_path(t['slug']))})" for t in items] + [""]
    return "\n".join(out)


def all_pages(cat: Catalogue, feedback_pages: dict[str, str]) -> dict[str, str]:
    """Every generated page: docs path -> Markdown. feedback_pages: service key -> docs path
    of its published feedback figures."""
    pages = {"kommuner/index.md": municipality_index(cat),
             "lover/index.md": law_index(cat),
             "verktoy/index.md": tool_index(cat)}
    for m in cat.municipalities.values():
        pages[municipality_path(m["slug"])] = municipality_page(cat, m)
    for s in cat.services.values():
        pages[service_path(s)] = service_page(cat, s, feedback_pages)
    for law in cat.laws.values():
        pages[law_path(law["slug"])] = law_page(cat, law)
    for tool in cat.tools.values():
        pages[tool_path(tool["slug"])] = tool_page(cat, tool)
    return pages
