"""Feedback pages, generated from the survey definitions in surveys/*.yaml (a PAGE_SOURCES entry
of veiviser.site.build), and data/surveys/index.json (a PUBLISH_STEPS entry).

  tilbakemelding/index.md               landing page: the forms, kiosk, staff page, «Min fremgang»
  tilbakemelding/<id>/index.md          the form in bokmål (nn.md, en.md when the definition has them)
  tilbakemelding/kiosk/index.md         kiosk start: the surveys this device is set up for
  tilbakemelding/kiosk/oppsett.md       kiosk set-up (service and surveys, stored on the device)
  tilbakemelding/ansatte.md             «Tall fra dette nettbrettet»: this device's figures, export
  tilbakemelding/samle.md               «Samle tall fra flere nettbrett»: merge exports, preview the
                                        publication (core.publish, the build's own rules), downloads
  tilbakemelding/min-fremgang.md        personal mode: check-ins that stay on the user's phone

This module only computes what each page shows; the layout is in templates/surveys/
(*.md.j2 pages, *.html.j2 fragments, autoescaped), so a definition's text always shows
literally. Forms are plain HTML: visible and fillable before any script runs, one control
`name` per item id. The scripts in docs/assets/veiviser/ only store answers (IndexedDB) and
pass them to Python in a Web Worker (veiviser.core.bridge). Texts for the scripts travel as
data-attributes, so the scripts hold no language of their own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core import vocabulary
from ..core.definition import VAS_MAX, VAS_MIN
from ..problems import Problem, SurveyError
from ..render import fragment, href, render, root_prefix, url_of
from .definitions import latest
from .fhir import fhir_url
from .model import Survey

LANGS = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
BASE = "tilbakemelding"
INDEX_JSON = "data/surveys/index.json"

INDEX_PATH = f"{BASE}/index.md"
STAFF_PATH = f"{BASE}/ansatte.md"
MERGE_PATH = f"{BASE}/samle.md"
PERSONAL_PATH = f"{BASE}/min-fremgang.md"
KIOSK_PATH = f"{BASE}/kiosk/index.md"
KIOSK_SETUP_PATH = f"{BASE}/kiosk/oppsett.md"

# The forms' own texts. The labels of fixed answers (ja, nei, vet-ikke, gronn, gul, rod) are
# not here: they come from the one vocabulary (core/vocabulary.json), as everywhere else.
UI = {
    "nb": {"submit": "Send inn", "thanks": "Takk! Svaret ditt er lagret på denne enheten.",
           "again": "Ny besvarelse", "required": "må besvares", "unset": "Ikke valgt ennå",
           "of": "av", "vas_required": "Flytt glidebryteren for å svare.", "language": "Språk",
           "saving": "Lagrer …", "failed": "Svaret kunne ikke lagres på denne enheten. Prøv igjen.",
           "noscript": "Skjemaet trenger JavaScript for å lagre svaret på denne enheten. Svar sendes aldri over nettet.",
           "optional": "valgfritt", "kiosk_home": "Tilbake til start"},
    "nn": {"submit": "Send inn", "thanks": "Takk! Svaret ditt er lagra på denne eininga.",
           "again": "Nytt svar", "required": "må svarast på", "unset": "Ikkje valt enno",
           "of": "av", "vas_required": "Flytt glidebrytaren for å svare.", "language": "Språk",
           "saving": "Lagrar …", "failed": "Svaret kunne ikkje lagrast på denne eininga. Prøv igjen.",
           "noscript": "Skjemaet treng JavaScript for å lagre svaret på denne eininga. Svar blir aldri sende over nettet.",
           "optional": "valfritt", "kiosk_home": "Tilbake til start"},
    "en": {"submit": "Submit", "thanks": "Thank you (takk)! Your answer is stored on this device.",
           "again": "New response", "required": "required", "unset": "Not chosen yet",
           "of": "of", "vas_required": "Move the slider to answer.", "language": "Language",
           "saving": "Saving …", "failed": "Your answer could not be stored on this device. Please try again.",
           "noscript": "This form needs JavaScript to store your answer on this device. Answers are never sent over the internet.",
           "optional": "optional", "kiosk_home": "Back to start"},
}

# Item types whose answers are fixed by the format (labels from the vocabulary).
FIXED_ANSWERS = {"yes_no": ("ja", "nei", "vet-ikke"), "traffic_light": ("gronn", "gul", "rod")}
CHOICE_TYPES = ("rating", "choice", *FIXED_ANSWERS)


# --- paths -----------------------------------------------------------------------------------

def form_path(survey_id: str, lang: str = "nb") -> str:
    return f"{BASE}/{survey_id}/index.md" if lang == "nb" else f"{BASE}/{survey_id}/{lang}.md"


def languages(d: dict) -> list[str]:
    return [lang for lang in LANGS if lang in d["title"]]


# --- what a form shows -------------------------------------------------------------------------

def one_line(value, lang: str) -> str:
    """A definition's text in one language, on one line (HTML shows a line break as a space)."""
    return " ".join(vocabulary.text(value, lang).split())


def options_of(d: dict, item: dict) -> list[dict]:
    opts = item.get("options", [])
    if isinstance(opts, str):
        opts = d.get("option_sets", {}).get(opts, [])
    return opts


def choices(d: dict, item: dict, lang: str) -> list[dict]:
    """The radio buttons of a choice item: value, label and whether the value is a number."""
    kind = item["type"]
    if kind in FIXED_ANSWERS:
        pairs = [(v, vocabulary.answer_label(v, lang)) for v in FIXED_ANSWERS[kind]]
    elif kind in CHOICE_TYPES:
        pairs = [(o["value"], one_line(o["label"], lang)) for o in options_of(d, item)]
        if item.get("dont_know"):
            pairs.append(("vet-ikke", vocabulary.answer_label("vet-ikke", lang)))
    else:   # the schema allows no other type; a guard for definitions that skipped it
        raise SurveyError([Problem(d["id"], f"items.{item['id']}.type", f"unknown type {kind!r}")])
    return [{"value": v, "label": label, "number": isinstance(v, (int, float)) and not isinstance(v, bool)}
            for v, label in pairs]


def item_view(d: dict, item: dict, lang: str, prefix: str) -> dict:
    """One item as the templates need it. prefix keeps element ids unique on a page with
    several forms; the control's name is always the item id."""
    kind = item["type"]
    ident = prefix + item["id"]
    view = {"id": item["id"], "ident": ident, "type": kind,
            "text": one_line(item["text"], lang), "help": one_line(item.get("help"), lang),
            "help_id": f"{ident}--help", "required": bool(item.get("required")) and kind != "text"}
    if kind == "vas":
        view.update(template="vas", min=VAS_MIN, max=VAS_MAX, start=(VAS_MIN + VAS_MAX) // 2,
                    low=one_line(item.get("low"), lang), high=one_line(item.get("high"), lang),
                    described_by=[f"{ident}--low", f"{ident}--high"] + ([view["help_id"]] if view["help"] else []))
    elif kind == "text":
        view["template"] = "text"
    else:
        view.update(template="choices", choices=choices(d, item, lang))
    return view


def form_html(d: dict, lang: str, prefix: str = ""):
    """The form of one definition (an HTML fragment)."""
    return fragment("surveys/form.html.j2", d=d, lang=lang, ui=UI[lang],
                    intro=one_line(d.get("intro"), lang),
                    items=[item_view(d, item, lang, prefix) for item in d["items"]])


def scripts(docs_path: str, *names: str, vega: bool = False):
    """The form CSS and the page's scripts; offline.js on every feedback page (kiosk offline)."""
    return fragment("surveys/scripts.html.j2", root=root_prefix(docs_path), names=[*names, "offline.js"],
                    vega=vega)


# --- pages -----------------------------------------------------------------------------------

def form_page(d: dict, lang: str) -> str:
    path = form_path(d["id"], lang)
    others = languages(d)
    switch = [{"lang": other, "name": LANGS[other], "href": href(path, form_path(d["id"], other)),
               "current": other == lang} for other in others] if len(others) > 1 else []
    body = fragment("surveys/form-page.html.j2", lang=lang, ui=UI[lang], switch=switch,
                    kiosk_home=href(path, KIOSK_PATH), root=root_prefix(path), form=form_html(d, lang))
    return render("surveys/form.md.j2", title=vocabulary.text(d["title"], lang), lang=lang, body=body,
                  scripts=scripts(path, "survey.js"))


def index_page(defs: list[dict]) -> str:
    forms = [{"title": vocabulary.text(d["title"]), "version": d["version"], "personal": d.get("personal"),
              "languages": [(LANGS[lang], form_path(d["id"], lang)) for lang in languages(d)]}
             for d in defs]
    return render("surveys/index.md.j2", path=INDEX_PATH, forms=forms)


def kiosk_page(defs: list[dict]) -> str:
    path = KIOSK_PATH
    body = fragment("surveys/kiosk.html.j2", root=root_prefix(path),
                    surveys=[{"id": d["id"], "title": vocabulary.text(d["title"]),
                              "href": href(path, form_path(d["id"]))} for d in defs])
    return render("surveys/kiosk.md.j2", body=body, scripts=scripts(path, "kiosk.js"))


def kiosk_setup_page(defs: list[dict], services: dict[str, dict], municipalities: dict[str, dict]) -> str:
    path = KIOSK_SETUP_PATH
    body = fragment("surveys/kiosk-setup.html.j2", root=root_prefix(path),
                    groups=service_groups(services, municipalities),
                    surveys=[{"id": d["id"], "title": vocabulary.text(d["title"])} for d in defs],
                    idle=vocabulary.KIOSK_IDLE_SECONDS)
    return render("surveys/kiosk-setup.md.j2", body=body, scripts=scripts(path, "kiosk.js"))


@dataclass
class StaffSettings:
    """What the staff pages need from the build: the publication k, the editors' address and
    the national figures the comparisons quote (indicator -> row of fafo-indicators.csv)."""
    k: int = vocabulary.DEFAULT_K
    editors: str | None = None
    national: dict = field(default_factory=dict)


def staff_page(defs: list[dict], staff: StaffSettings) -> str:
    path = STAFF_PATH
    body = fragment("surveys/staff.html.j2", root=root_prefix(path),
                    definitions={f'{d["id"]}@{d["version"]}': d for d in defs})
    return render("surveys/staff.md.j2", page=path, merge_page=MERGE_PATH, editors=staff.editors, body=body,
                  scripts=scripts(path, "staff.js", vega=True))


def merge_page(defs: list[dict], services: dict[str, dict], municipalities: dict[str, dict],
               staff: StaffSettings) -> str:
    """The merge page: every definition version (exports may be of an older one), the
    publication k, the national figures and the services (to name a merged file whose exports
    do not say their service)."""
    path = MERGE_PATH
    body = fragment("surveys/merge.html.j2", root=root_prefix(path), definitions=defs, k=staff.k,
                    national=staff.national, groups=service_groups(services, municipalities))
    return render("surveys/merge.md.j2", page=path, staff_page=STAFF_PATH, k=staff.k, editors=staff.editors,
                  body=body, scripts=scripts(path, "merge.js", vega=True))


def service_groups(services: dict[str, dict], municipalities: dict[str, dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for key, s in sorted(services.items(), key=lambda kv: (kv[1]["municipality"], kv[1]["name"].casefold())):
        groups.setdefault(s["municipality"], []).append({"key": key, "name": s["name"]})
    return [{"name": municipalities.get(m, {}).get("name", m), "services": services_} for m, services_ in groups.items()]


def personal_page(defs: list[dict]) -> str:
    path = PERSONAL_PATH
    sections = [{"id": d["id"], "title": vocabulary.text(d["title"]),
                 "form": form_html(d, "nb", prefix=f'mine-{d["id"]}-')}
                for d in defs if d.get("personal")]
    body = fragment("surveys/personal.html.j2", root=root_prefix(path), sections=sections)
    return render("surveys/personal.md.j2", body=body,
                  scripts=scripts(path, "survey.js", "personal.js", vega=True))


# --- build entries ---------------------------------------------------------------------------

def survey_pages(surveys: list[Survey], services: dict[str, dict], municipalities: dict[str, dict],
                 staff: StaffSettings | None = None) -> dict[str, str]:
    """docs path -> page text for every feedback page."""
    staff = staff or StaffSettings()
    all_versions = [s.raw for s in sorted(surveys, key=lambda s: (s.definition.id, s.definition.version))]
    defs = [s.raw for s in latest(surveys)]
    out = {INDEX_PATH: index_page(defs), KIOSK_PATH: kiosk_page(defs),
           KIOSK_SETUP_PATH: kiosk_setup_page(defs, services, municipalities),
           STAFF_PATH: staff_page(all_versions, staff), PERSONAL_PATH: personal_page(defs),
           MERGE_PATH: merge_page(all_versions, services, municipalities, staff)}
    for d in defs:
        for lang in languages(d):
            out[form_path(d["id"], lang)] = form_page(d, lang)
    return out


def survey_index(surveys: list[Survey]) -> list[dict]:
    """data/surveys/index.json: where each survey's form, definition and schemas are."""
    return [{
        "id": s.definition.id,
        "version": s.definition.version,
        "title": s.raw["title"],
        "form_url": url_of(form_path(s.definition.id)),
        "staff_url": url_of(STAFF_PATH),
        "definition_url": vocabulary.definition_url(s.definition.id, s.definition.version),
        "fhir_url": fhir_url(s.definition.id, s.definition.version),
        "schema_url": "data/schemas/survey.schema.json",
        "aggregate_schema_url": "data/schemas/aggregate.schema.json",
    } for s in latest(surveys)]
