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

import json
from dataclasses import dataclass, field
from importlib import resources

from ..help_lines import box as help_now_box
from ..core import releases, vocabulary
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

# The forms' own words per language, as data (form_texts.json). The labels of fixed answers
# (ja, nei, vet-ikke, gronn, gul, rod) are not there: they come from the one vocabulary
# (core/vocabulary.json), as everywhere else.
UI: dict = {lang: words for lang, words in
            json.loads(resources.files(__package__).joinpath("form_texts.json").read_text("utf-8")).items()
            if lang in LANGS}

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


def item_view(d: dict, item: dict, lang: str, prefix: str, number: int, total: int) -> dict:
    """One item as the templates need it. prefix keeps element ids unique on a page with
    several forms; the control's name is always the item id. number: «Spørsmål 3 av 10»."""
    kind = item["type"]
    ident = prefix + item["id"]
    view = {"id": item["id"], "ident": ident, "type": kind,
            "text": one_line(item["text"], lang), "help": one_line(item.get("help"), lang),
            "help_id": f"{ident}--help", "missing_id": f"{ident}--missing",
            "number": UI[lang]["question"].format(n=number, total=total),
            "required": bool(item.get("required")) and kind != "text"}
    described = ([view["help_id"]] if view["help"] else []) + ([view["missing_id"]] if view["required"] else [])
    if kind == "vas":
        # Eleven buttons in a radio group (arrow keys move, nothing is chosen until touched).
        view.update(template="vas", min=VAS_MIN, max=VAS_MAX, values=list(range(VAS_MIN, VAS_MAX + 1)),
                    low=one_line(item.get("low"), lang), high=one_line(item.get("high"), lang))
        described = [f"{ident}--low", f"{ident}--high"] + described
    elif kind == "text":
        view["template"] = "text"
    else:
        view.update(template="choices", choices=choices(d, item, lang))
    view["described_by"] = " ".join(described)
    return view


def form_html(d: dict, lang: str, prefix: str = "", help_lines: dict | None = None, personal_page: bool = False,
              personal_href: str | None = None):
    """The form of one definition (an HTML fragment). On a form page (not «Min fremgang»)
    it says, outside kiosk mode, that an answer given here stays on this device; its closure
    screen carries the help box, shown prominently after a low check-in (survey.js)."""
    total = len(d["items"])
    ui = UI[lang]
    return fragment("surveys/form.html.j2", d=d, lang=lang, ui=ui, prefix=prefix or "vv-",
                    intro=one_line(d.get("intro"), lang), personal_page=personal_page,
                    personal_href=personal_href if d.get("personal") else None,
                    closure_timer=ui["closure_timer"].format(seconds=vocabulary.CLOSURE_SECONDS),
                    help_box=help_now_box(help_lines, lang=lang, ident=f"{prefix or 'vv-'}closure-help", form=True) if help_lines else None,
                    items=[item_view(d, item, lang, prefix, n, total) for n, item in enumerate(d["items"], start=1)])


def scripts(docs_path: str, *names: str, vega: bool = False):
    """The form CSS and the page's scripts; offline.js on every feedback page (kiosk offline)."""
    return fragment("surveys/scripts.html.j2", root=root_prefix(docs_path), names=[*names, "offline.js"],
                    vega=vega)


# --- pages -----------------------------------------------------------------------------------

def form_page(d: dict, lang: str, help_lines: dict | None = None) -> str:
    path = form_path(d["id"], lang)
    others = languages(d)
    switch = [{"lang": other, "name": LANGS[other], "href": href(path, form_path(d["id"], other)),
               "current": other == lang} for other in others] if len(others) > 1 else []
    form = form_html(d, lang, help_lines=help_lines, personal_href=href(path, PERSONAL_PATH))
    body = fragment("surveys/form-page.html.j2", lang=lang, ui=UI[lang], switch=switch,
                    kiosk_home=href(path, KIOSK_PATH), root=root_prefix(path), form=form,
                    help_box=help_now_box(help_lines, lang=lang, form=True) if help_lines else None)
    return render("surveys/form.md.j2", title=vocabulary.text(d["title"], lang), lang=lang, body=body,
                  scripts=scripts(path, "survey.js"))


def index_page(defs: list[dict]) -> str:
    forms = [{"title": vocabulary.text(d["title"]), "version": d["version"], "personal": d.get("personal"),
              "languages": [(LANGS[lang], form_path(d["id"], lang)) for lang in languages(d)]}
             for d in defs]
    return render("surveys/index.md.j2", path=INDEX_PATH, forms=forms)


def kiosk_page(defs: list[dict], help_lines: dict | None = None) -> str:
    path = KIOSK_PATH
    body = fragment("surveys/kiosk.html.j2", root=root_prefix(path), setup_href=href(path, KIOSK_SETUP_PATH),
                    surveys=[{"id": d["id"], "title": vocabulary.text(d["title"]),
                              "href": href(path, form_path(d["id"]))} for d in defs],
                    help_box=help_now_box(help_lines, form=True) if help_lines else None)
    return render("surveys/kiosk.md.j2", body=body, scripts=scripts(path, "kiosk.js"))


def kiosk_pages(defs: list[dict]) -> dict:
    """The pages a kiosk tablet may show (site-relative URLs): its start, its set-up and the
    staff page (both behind the PIN), and each survey's form in every language. kiosk.js
    keeps the chosen surveys' share; kiosk-guard.js sends every other page back to the start."""
    return {"start": url_of(KIOSK_PATH), "always": [url_of(KIOSK_SETUP_PATH), url_of(STAFF_PATH)],
            "surveys": {d["id"]: [url_of(form_path(d["id"], lang)) for lang in languages(d)] for d in defs}}


def kiosk_setup_page(defs: list[dict], services: dict[str, dict], municipalities: dict[str, dict]) -> str:
    path = KIOSK_SETUP_PATH
    body = fragment("surveys/kiosk-setup.html.j2", root=root_prefix(path), pin=vocabulary.KIOSK_PIN,
                    groups=service_groups(services, municipalities),
                    surveys=[{"id": d["id"], "title": vocabulary.text(d["title"])} for d in defs],
                    pages=kiosk_pages(defs), kiosk_href=href(path, KIOSK_PATH),
                    idle=vocabulary.KIOSK_IDLE_SECONDS)
    return render("surveys/kiosk-setup.md.j2", body=body, pin=vocabulary.KIOSK_PIN, scripts=scripts(path, "kiosk.js"))


@dataclass
class StaffSettings:
    """What the staff pages need from the build: the publication k, the editors' address and
    the national figures the comparisons quote (indicator -> row of fafo-indicators.csv)."""
    k: int = vocabulary.DEFAULT_K
    editors: str | None = None
    national: dict = field(default_factory=dict)
    period_months: int = 6          # the publication period (feedback_period_months)

    @property
    def rhythm(self) -> str:
        return releases.rhythm_text(self.period_months)


def staff_page(defs: list[dict], staff: StaffSettings) -> str:
    path = STAFF_PATH
    body = fragment("surveys/staff.html.j2", root=root_prefix(path), pin=vocabulary.KIOSK_PIN,
                    kiosk_href=href(path, KIOSK_PATH),
                    definitions={f'{d["id"]}@{d["version"]}': d for d in defs})
    return render("surveys/staff.md.j2", page=path, merge_page=MERGE_PATH, editors=staff.editors, body=body,
                  k=staff.k, rhythm=staff.rhythm,
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
                  rhythm=staff.rhythm,
                  body=body, scripts=scripts(path, "merge.js", vega=True))


def service_groups(services: dict[str, dict], municipalities: dict[str, dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for key, s in sorted(services.items(), key=lambda kv: (kv[1]["municipality"], kv[1]["name"].casefold())):
        groups.setdefault(s["municipality"], []).append({"key": key, "name": s["name"]})
    return [{"name": municipalities.get(m, {}).get("name", m), "services": services_} for m, services_ in groups.items()]


def personal_page(defs: list[dict], help_lines: dict | None = None) -> str:
    path = PERSONAL_PATH
    sections = [{"id": d["id"], "title": vocabulary.text(d["title"]),
                 "form": form_html(d, "nb", prefix=f'mine-{d["id"]}-', help_lines=help_lines, personal_page=True)}
                for d in defs if d.get("personal")]
    body = fragment("surveys/personal.html.j2", root=root_prefix(path), sections=sections,
                    help_box=help_now_box(help_lines, form=True) if help_lines else None)
    return render("surveys/personal.md.j2", body=body,
                  scripts=scripts(path, "survey.js", "personal.js", vega=True))


# --- build entries ---------------------------------------------------------------------------

def survey_pages(surveys: list[Survey], services: dict[str, dict], municipalities: dict[str, dict],
                 staff: StaffSettings | None = None, help_lines: dict | None = None) -> dict[str, str]:
    """docs path -> page text for every feedback page (help_lines: «Trenger du hjelp nå?» on
    every form, the kiosk start and «Min fremgang»)."""
    staff = staff or StaffSettings()
    all_versions = [s.raw for s in sorted(surveys, key=lambda s: (s.definition.id, s.definition.version))]
    defs = [s.raw for s in latest(surveys)]
    out = {INDEX_PATH: index_page(defs), KIOSK_PATH: kiosk_page(defs, help_lines),
           KIOSK_SETUP_PATH: kiosk_setup_page(defs, services, municipalities),
           STAFF_PATH: staff_page(all_versions, staff), PERSONAL_PATH: personal_page(defs, help_lines),
           MERGE_PATH: merge_page(all_versions, services, municipalities, staff)}
    for d in defs:
        for lang in languages(d):
            out[form_path(d["id"], lang)] = form_page(d, lang, help_lines)
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
