"""Feedback pages, generated from the survey definitions in surveys/*.yaml (a PAGE_SOURCES entry),
and data/surveys/index.json (a PUBLISH_STEPS entry).

  tilbakemelding/index.md               landing page: the forms, kiosk, staff page, «Min fremgang»
  tilbakemelding/<id>/index.md          the form in bokmål (nn.md, en.md when the definition has them)
  tilbakemelding/kiosk/index.md         kiosk start: the surveys this device is set up for
  tilbakemelding/kiosk/oppsett.md       kiosk set-up (service and surveys, stored on the device)
  tilbakemelding/ansatte.md             staff page: figures, charts, tables, export
  tilbakemelding/min-fremgang.md        personal mode: check-ins that stay on the user's phone

Forms are plain HTML: visible and fillable before any script runs, one control `name` per
item id. The scripts in docs/assets/veiviser/ only store answers (IndexedDB) and pass them to
Python in a Web Worker (veiviser.core.bridge). Texts for the scripts travel as data-attributes,
so the scripts hold no language of their own.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..core.vocabulary import KIOSK_IDLE_SECONDS
from ..render import link, url_of
from .model import Survey

LANGS = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
BASE = "tilbakemelding"
INDEX_JSON = "data/surveys/index.json"

UI = {
    "nb": {"submit": "Send inn", "thanks": "Takk! Svaret ditt er lagret på denne enheten.",
           "again": "Ny besvarelse", "required": "må besvares", "unset": "Ikke valgt ennå",
           "of": "av", "dont_know": "Vet ikke / ikke aktuelt", "yes": "Ja", "no": "Nei",
           "vas_required": "Flytt glidebryteren for å svare.", "language": "Språk",
           "saving": "Lagrer …", "failed": "Svaret kunne ikke lagres på denne enheten. Prøv igjen.",
           "gronn": "Grønt: det går bra", "gul": "Gult: det går delvis", "rod": "Rødt: det går ikke bra",
           "noscript": "Skjemaet trenger JavaScript for å lagre svaret på denne enheten. Svar sendes aldri over nettet.",
           "optional": "valgfritt", "kiosk_home": "Tilbake til start"},
    "nn": {"submit": "Send inn", "thanks": "Takk! Svaret ditt er lagra på denne eininga.",
           "again": "Nytt svar", "required": "må svarast på", "unset": "Ikkje valt enno",
           "of": "av", "dont_know": "Veit ikkje / ikkje aktuelt", "yes": "Ja", "no": "Nei",
           "vas_required": "Flytt glidebrytaren for å svare.", "language": "Språk",
           "saving": "Lagrar …", "failed": "Svaret kunne ikkje lagrast på denne eininga. Prøv igjen.",
           "gronn": "Grønt: det går bra", "gul": "Gult: det går delvis", "rod": "Raudt: det går ikkje bra",
           "noscript": "Skjemaet treng JavaScript for å lagre svaret på denne eininga. Svar blir aldri sende over nettet.",
           "optional": "valfritt", "kiosk_home": "Tilbake til start"},
    "en": {"submit": "Submit", "thanks": "Thank you (takk)! Your answer is stored on this device.",
           "again": "New response", "required": "required", "unset": "Not chosen yet",
           "of": "of", "dont_know": "Don't know / not relevant", "yes": "Yes", "no": "No",
           "vas_required": "Move the slider to answer.", "language": "Language",
           "saving": "Saving …", "failed": "Your answer could not be stored on this device. Please try again.",
           "gronn": "Green: going well", "gul": "Yellow: going partly well", "rod": "Red: not going well",
           "noscript": "This form needs JavaScript to store your answer on this device. Answers are never sent over the internet.",
           "optional": "optional", "kiosk_home": "Back to start"},
}


class SurveyFileError(ValueError):
    pass


# --- definitions ---------------------------------------------------------------------------

def load_definitions(surveys: list[Survey]) -> list[dict]:
    """Raw definitions (exactly as written, so the hash matches), sorted by id then version."""
    return sorted((s.raw for s in surveys), key=lambda d: (d["id"], d["version"]))


def latest(definitions: list[dict]) -> list[dict]:
    """The newest version of each survey: the one the forms show."""
    by_id: dict[str, dict] = {}
    for d in definitions:
        by_id[d["id"]] = d
    return list(by_id.values())


def languages(d: dict) -> list[str]:
    return [lang for lang in LANGS if lang in d["title"]]


def text(value, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("nb") or ""


def options_of(d: dict, item: dict) -> list[dict]:
    opts = item.get("options", [])
    if isinstance(opts, str):
        opts = d.get("option_sets", {}).get(opts, [])
    return opts


def definition_json(d: dict) -> str:
    """The definition as JSON inside a <script> element ('<' escaped so '</script>' cannot occur)."""
    return json.dumps(d, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


# --- paths ---------------------------------------------------------------------------------

def form_path(survey_id: str, lang: str = "nb") -> str:
    return f"{BASE}/{survey_id}/index.md" if lang == "nb" else f"{BASE}/{survey_id}/{lang}.md"


STAFF_PATH = f"{BASE}/ansatte.md"
PERSONAL_PATH = f"{BASE}/min-fremgang.md"
KIOSK_PATH = f"{BASE}/kiosk/index.md"
KIOSK_SETUP_PATH = f"{BASE}/kiosk/oppsett.md"
INDEX_PATH = f"{BASE}/index.md"


def root_prefix(docs_path: str) -> str:
    """Relative URL from a page to the site root (tilbakemelding/x/ -> ../../)."""
    return "../" * url_of(docs_path).count("/")


def rel(from_path: str, to_path: str) -> str:
    return root_prefix(from_path) + url_of(to_path)


def front(title: str, forms_css: bool = True) -> str:
    # forms.css is linked in <head> (overrides/main.html reads `stylesheets`), so the form does not move
    css = "stylesheets:\n  - assets/veiviser/forms.css\n" if forms_css else ""
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nhide:\n  - toc\n{css}---\n\n"


def scripts(docs_path: str, *names: str, vega: bool = False) -> str:
    root = root_prefix(docs_path)
    out = []
    if vega:
        out += [f'<script src="{root}assets/vendor/{n}"></script>'
                for n in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")]
    # offline.js: the service worker that keeps the feedback pages and Python cached (kiosk offline)
    out += [f'<script type="module" src="{root}assets/veiviser/{n}"></script>' for n in (*names, "offline.js")]
    return "\n".join(out) + "\n"


# --- form HTML -----------------------------------------------------------------------------

def radio(prefix: str, name: str, value, label: str, required: bool, extra_class: str = "") -> str:
    ident = f"{prefix}{name}--{value}"
    number = ' data-number="1"' if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
    req = " required" if required else ""
    cls = f' class="{extra_class}"' if extra_class else ""
    return (f'<label for="{ident}"{cls}><input type="radio" id="{ident}" name="{name}" value="{escape(str(value))}"'
            f'{number}{req}> <span>{escape(label)}</span></label>')


def item_html(d: dict, item: dict, lang: str, prefix: str) -> str:
    ui = UI[lang]
    iid, kind = item["id"], item["type"]
    required = bool(item.get("required")) and kind != "text"
    mark = f' <span class="vv-required">({ui["required"]})</span>' if required else ""
    if kind == "text":
        mark = f' <span class="vv-optional">({ui["optional"]})</span>'
    label = escape(text(item["text"], lang)) + mark
    help_id = f"{prefix}{iid}--help"
    help_html = (f'<p class="vv-help" id="{help_id}">{escape(text(item["help"], lang))}</p>'
                 if item.get("help") else "")
    described = f' aria-describedby="{help_id}"' if item.get("help") else ""
    ident = f"{prefix}{iid}"
    if kind == "vas":
        low, high = escape(text(item.get("low"), lang)), escape(text(item.get("high"), lang))
        ids = " ".join(x for x in (f"{ident}--low", f"{ident}--high", help_id if item.get("help") else "") if x)
        return (f'<div class="vv-item vv-vas" data-type="vas">'
                f'<label for="{ident}" class="vv-item__text">{label}</label>{help_html}'
                f'<div class="vv-vas__row"><span class="vv-vas__anchor" id="{ident}--low">0: {low}</span>'
                f'<input type="range" id="{ident}" name="{iid}" min="0" max="10" step="1" value="5"'
                f' aria-describedby="{ids}" aria-valuetext="{ui["unset"]}" data-unset="1"'
                f'{" data-required=\"1\"" if required else ""}>'
                f'<span class="vv-vas__anchor" id="{ident}--high">10: {high}</span></div>'
                f'<p class="vv-vas__value">{escape(text(item["text"], lang))}: '
                f'<output for="{ident}" id="{ident}--value">{ui["unset"]}</output></p></div>')
    if kind == "text":
        return (f'<div class="vv-item vv-text" data-type="text">'
                f'<label for="{ident}" class="vv-item__text">{label}</label>{help_html}'
                f'<textarea id="{ident}" name="{iid}" rows="4" maxlength="2000" autocomplete="off"'
                f' spellcheck="true"{described}></textarea></div>')
    if kind in ("rating", "choice"):
        choices = [(o["value"], text(o["label"], lang)) for o in options_of(d, item)]
        if item.get("dont_know"):
            choices.append(("vet-ikke", ui["dont_know"]))
    elif kind == "yes_no":
        choices = [("ja", ui["yes"]), ("nei", ui["no"]), ("vet-ikke", ui["dont_know"])]
    elif kind == "traffic_light":
        choices = [(v, ui[v]) for v in ("gronn", "gul", "rod")]
    else:
        raise SurveyFileError(f"survey {d['id']}: items: {iid}: unknown type {kind!r}")
    radios = "".join(radio(prefix, iid, v, lab, required, f"vv-light vv-light--{v}" if kind == "traffic_light" else "")
                     for v, lab in choices)
    return (f'<fieldset class="vv-item vv-choices vv-{kind.replace("_", "-")}" data-type="{kind}"{described}>'
            f'<legend class="vv-item__text">{label}</legend>{help_html}'
            f'<div class="vv-choices__list">{radios}</div></fieldset>')


def form_html(d: dict, lang: str, prefix: str = "") -> str:
    """The <form> for one definition. prefix keeps element ids unique when a page holds several."""
    ui = UI[lang]
    intro = f'<p class="vv-intro">{escape(text(d["intro"], lang))}</p>' if d.get("intro") else ""
    items = "\n".join(item_html(d, item, lang, prefix) for item in d["items"])
    return (f'<div class="vv-survey" data-survey="{d["id"]}" data-version="{d["version"]}" lang="{lang}"'
            f' data-msg-thanks="{escape(ui["thanks"])}" data-msg-of="{ui["of"]}" data-msg-unset="{ui["unset"]}"'
            f' data-msg-vas-required="{escape(ui["vas_required"])}" data-msg-saving="{escape(ui["saving"])}"'
            f' data-msg-failed="{escape(ui["failed"])}">\n'
            f'<script type="application/json" class="vv-definition">{definition_json(d)}</script>\n'
            f'{intro}\n'
            f'<noscript><p>{ui["noscript"]}</p></noscript>\n'
            f'<form class="vv-form" autocomplete="off">\n{items}\n'
            f'<p><button type="submit" class="vv-button vv-button--primary" disabled>{ui["submit"]}</button></p>\n'
            f'</form>\n'
            f'<div class="vv-done" role="status" aria-live="polite"></div>\n'
            f'<p class="vv-again" hidden><button type="button" class="vv-button vv-again__button">{ui["again"]}</button></p>\n'
            f'</div>')


def language_switch(d: dict, lang: str, path: str) -> str:
    langs = languages(d)
    if len(langs) < 2:
        return ""
    links = []
    for other in langs:
        target = form_path(d["id"], other)
        current = ' aria-current="page"' if other == lang else ""
        href = posix_rel(path, target)
        links.append(f'<li><a href="{href}" lang="{other}" hreflang="{other}"{current}>{LANGS[other]}</a></li>')
    return f'<nav class="vv-lang" aria-label="{UI[lang]["language"]}"><ul>{"".join(links)}</ul></nav>\n'


def posix_rel(from_path: str, to_path: str) -> str:
    """Relative URL between two pages with directory URLs."""
    return root_prefix(from_path) + url_of(to_path)


def form_page(d: dict, lang: str) -> str:
    path = form_path(d["id"], lang)
    title = text(d["title"], lang)
    kiosk_home = posix_rel(path, KIOSK_PATH)
    return (front(title) + f'# {escape(title)} {{: lang="{lang}" }}\n\n'
            + language_switch(d, lang, path)
            + f'<p class="vv-kiosk-home" hidden lang="{lang}"><a href="{kiosk_home}">{UI[lang]["kiosk_home"]}</a></p>\n\n'
            + f'<div class="vv-page" data-root="{root_prefix(path)}" data-store="responses">\n'
            + form_html(d, lang) + "\n</div>\n\n"
            + scripts(path, "survey.js"))


# --- other pages ---------------------------------------------------------------------------

def index_page(defs: list[dict]) -> str:
    path = INDEX_PATH
    rows = []
    for d in defs:
        langs = ", ".join(f'[{LANGS[lang]}]({link(path, form_path(d["id"], lang))})'
                          for lang in languages(d))
        mine = " Kan også brukes i «Min fremgang»." if d.get("personal") else ""
        rows.append(f"- **{text(d['title'], 'nb')}** (versjon {d['version']}): {langs}.{mine}")
    forms = "\n".join(rows) or "Ingen skjemaer er lagt inn ennå."
    return front("Tilbakemelding", forms_css=False) + f"""# Tilbakemelding

Her kan du si hva du synes om tjenesten, helt anonymt. Skjemaene spør ikke om navn eller annet som
kan identifisere deg. Svaret lagres bare på enheten du svarer på, og det sendes ikke over nettet.
Les mer i [personvernerklæringen](../personvern.md).

## Skjemaer

{forms}

## Min fremgang

[Min fremgang](min-fremgang.md) er for deg som vil følge med på hvordan du har det over tid, på din
egen mobil. Svarene blir bare liggende på telefonen din. Du kan skrive ut en oversikt og ta den med
til behandleren din, og du kan slette alt med én knapp.

## For ansatte

- [Nettbrett på tjenesten (kiosk)](kiosk/oppsett.md): sett opp et nettbrett for én tjeneste og ett
  eller flere skjemaer. Skjemaet tømmes etter hvert svar og etter to minutter uten bruk.
- [Tall for denne enheten](ansatte.md): se samlede tall med figurer og tabeller, og last ned
  eksportfilen. Tall slippes bare ut i hele puljer, så ingen enkeltsvar kan leses ut.
"""


def kiosk_page(defs: list[dict]) -> str:
    path = KIOSK_PATH
    links = "".join(f'<li data-survey="{d["id"]}" hidden><a href="{posix_rel(path, form_path(d["id"]))}">'
                    f'{escape(text(d["title"], "nb"))}</a></li>' for d in defs)
    return (front("Tilbakemelding på nettbrett") + "# Tilbakemelding\n\n"
            + f'<div class="vv-kiosk" data-root="{root_prefix(path)}">\n'
            f'<p class="vv-kiosk__service" hidden></p>\n'
            f'<p class="vv-kiosk__empty" hidden>Dette nettbrettet er ikke satt opp ennå. '
            f'En ansatt kan sette det opp under <a href="oppsett/">oppsett</a>.</p>\n'
            f'<p>Velg skjema. Svaret ditt er anonymt og blir bare lagret på dette nettbrettet.</p>\n'
            f'<ul class="vv-kiosk__list">{links}</ul>\n</div>\n\n'
            + scripts(path, "kiosk.js"))


def kiosk_setup_page(defs: list[dict], services: dict[str, dict], municipalities: dict[str, dict]) -> str:
    path = KIOSK_SETUP_PATH
    groups: dict[str, list[str]] = {}
    for key, s in sorted(services.items(), key=lambda kv: (kv[1]["municipality"], kv[1]["name"].casefold())):
        groups.setdefault(s["municipality"], []).append(
            f'<option value="{escape(key)}">{escape(s["name"])}</option>')
    options = "".join(f'<optgroup label="{escape(municipalities.get(m, {}).get("name", m))}">{"".join(o)}</optgroup>'
                      for m, o in groups.items())
    checks = "".join(f'<label for="kiosk-survey-{d["id"]}"><input type="checkbox" id="kiosk-survey-{d["id"]}" '
                     f'name="surveys" value="{d["id"]}"> {escape(text(d["title"], "nb"))}</label>' for d in defs)
    return (front("Sett opp nettbrett") + """# Sett opp nettbrett

Velg hvilken tjeneste nettbrettet står på, og hvilke skjemaer det skal vise. Valgene lagres bare i
nettleseren på dette nettbrettet. Etter hvert svar, og etter en tid uten bruk, tømmes skjemaet, så
neste person aldri ser hva forrige svarte.

""" + f'<form class="vv-kiosk-setup" autocomplete="off" data-root="{root_prefix(path)}">\n'
            f'<p><label for="kiosk-service">Tjeneste</label><br>'
            f'<select id="kiosk-service" name="service" required><option value="">Velg tjeneste</option>{options}</select></p>\n'
            f'<fieldset><legend>Skjemaer på dette nettbrettet</legend>{checks}</fieldset>\n'
            f'<p><label for="kiosk-idle">Tøm skjemaet etter så mange sekunder uten bruk</label><br>'
            f'<input type="number" id="kiosk-idle" name="idle" min="1" max="3600" step="1" value="{KIOSK_IDLE_SECONDS}" required></p>\n'
            f'<p><button type="submit" class="vv-button vv-button--primary">Lagre oppsett</button> '
            f'<button type="button" class="vv-button vv-kiosk-setup__clear">Slå av kioskmodus</button></p>\n'
            f'</form>\n<p class="vv-kiosk-setup__status" role="status" aria-live="polite"></p>\n'
            f'<p><a href="../">Gå til kiosken</a></p>\n\n'
            + scripts(path, "kiosk.js"))


def staff_page(defs: list[dict]) -> str:
    path = STAFF_PATH
    data = json.dumps({f'{d["id"]}@{d["version"]}': d for d in defs}, ensure_ascii=False,
                      sort_keys=True).replace("<", "\\u003c")
    return (front("Tall for denne enheten") + """# Tall for denne enheten

Her ser du samlede tall for svarene som er lagret på denne enheten. Enkeltsvar vises aldri. Tallene
tas bare med i hele puljer: når en pulje er full, kommer den med i tallene og i eksportfilen.
Eksportfilen inneholder bare samlede tall, aldri fritekst. Kommentarer kan lastes ned for seg, i
tilfeldig rekkefølge og uten dato, når det finnes nok av dem.

""" + f'<div class="vv-staff" data-root="{root_prefix(path)}">\n'
            f'<script type="application/json" class="vv-definitions">{data}</script>\n'
            f'<p class="vv-staff__status" role="status" aria-live="polite">Henter tall …</p>\n'
            f'<div class="vv-staff__surveys"></div>\n</div>\n\n'
            + scripts(path, "staff.js", vega=True))


def personal_page(defs: list[dict]) -> str:
    path = PERSONAL_PATH
    mine = [d for d in defs if d.get("personal")]
    sections = []
    for d in mine:
        sid = d["id"]
        sections.append(
            f'<section class="vv-personal__survey" data-survey="{sid}" aria-labelledby="mine-{sid}-h">\n'
            f'<h2 id="mine-{sid}-h">{escape(text(d["title"], "nb"))}</h2>\n'
            f'<details class="vv-noprint"><summary>Ny registrering</summary>\n'
            + form_html(d, "nb", prefix=f"mine-{sid}-") + "\n</details>\n"
            f'<h3>Din utvikling</h3>\n<div class="vv-trajectory" aria-live="polite"></div>\n</section>')
    body = "\n".join(sections) or "<p>Ingen skjemaer er lagt inn for «Min fremgang» ennå.</p>"
    return (front("Min fremgang") + """# Min fremgang

Her kan du registrere hvordan du har det, så ofte du vil, og se utviklingen over tid. Svarene blir
bare liggende i nettleseren på denne telefonen. De sendes ingen steder, og de kommer ikke med i
tjenestens tall. Skriv ut oversikten og ta den med til behandleren din hvis du vil.

""" + f'<div class="vv-page vv-personal" data-root="{root_prefix(path)}" data-store="personal">\n'
            + body + "\n"
            f'<div class="vv-personal__actions vv-noprint">'
            f'<p><button type="button" class="vv-button vv-personal__print">Skriv ut</button></p>\n'
            f'<p><button type="button" class="vv-button vv-personal__delete">Slett alt</button></p>\n'
            f'<div class="vv-personal__confirm" hidden><p id="vv-confirm-text">Vil du slette alle registreringene '
            f'dine i «Min fremgang» på denne telefonen? Det kan ikke angres.</p>'
            f'<p><button type="button" class="vv-button vv-personal__yes" aria-describedby="vv-confirm-text">Ja, slett alt</button> '
            f'<button type="button" class="vv-button vv-personal__no">Avbryt</button></p></div>\n'
            f'<p class="vv-personal__status" role="status" aria-live="polite"></p></div>\n'
            f'</div>\n\n'
            + scripts(path, "survey.js", "personal.js", vega=True))


# --- build entries ---------------------------------------------------------------------------

def survey_pages(surveys: list[Survey], services: dict[str, dict], municipalities: dict[str, dict]) -> dict[str, str]:
    all_versions = load_definitions(surveys)
    defs = latest(all_versions)
    out = {INDEX_PATH: index_page(defs), KIOSK_PATH: kiosk_page(defs),
           KIOSK_SETUP_PATH: kiosk_setup_page(defs, services, municipalities),
           STAFF_PATH: staff_page(all_versions), PERSONAL_PATH: personal_page(defs)}
    for d in defs:
        for lang in languages(d):
            out[form_path(d["id"], lang)] = form_page(d, lang)
    return out


def survey_index(surveys: list[Survey]) -> list[dict]:
    return [{
        "id": d["id"],
        "version": d["version"],
        "title": d["title"],
        "form_url": url_of(form_path(d["id"])),
        "staff_url": url_of(STAFF_PATH),
        "definition_url": f"data/surveys/{d['id']}-v{d['version']}.json",
        "fhir_url": f"data/surveys/{d['id']}-v{d['version']}.fhir.json",   # see site/fhir.py
        "schema_url": "data/schemas/survey.schema.json",
        "aggregate_schema_url": "data/schemas/aggregate.schema.json",
    } for d in latest(load_definitions(surveys))]

