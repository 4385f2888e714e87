"""«Foreslå endring», «Foreslå nytt tilbud», «Bekreft at dette stemmer» and «Meld feil»: three
form pages, generated from service.schema.json at build time, and one small JSON per service
that the forms read to prefill themselves.

  forslag/index.md                        change a service (?tjeneste=<m>/<slug>) or propose a new
                                          one (?kommune=<m>); without a script: the empty form
  forslag/bekreft.md                      confirm a service as it stands (only `verified` changes)
  forslag/meld-feil.md                    say what is wrong, in a few words
  data/katalog/tjenester/<m>/<slug>.json  {key, file, name, ..., entry, text}: the entry and its file

The form's fields come from veiviser.core.proposal.fields() (the schema read by the same code
that checks the form in the browser), their words from core/service_form.json, the choices of
the catalogue's own lists (service types, laws, tools, reports, municipalities) from the
catalogue. The layout is in templates/catalogue/proposal-*.j2. The pages send nothing
anywhere: docs/assets/veiviser/proposal.js hands the form to Python in the worker, which checks
it and writes the YAML file, the patch and the list of changes (veiviser.core.proposal).
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import atomic
from ..core import proposal
from ..render import fragment, href, render, root_prefix, url_of
from .model import Catalogue, municipality_path, service_path

FORM_PATH = "forslag/index.md"
VERIFY_PATH = "forslag/bekreft.md"
REPORT_PATH = "forslag/meld-feil.md"
ENTRY_DIR = "data/katalog/tjenester"


def entry_url(s: dict) -> str:
    return f"{ENTRY_DIR}/{s['municipality']}/{s['slug']}.json"


def data_file(s: dict) -> str:
    """The service's file as a path from the project root (the patch's path)."""
    return f"data/services/{s['municipality']}/{s['slug']}.yaml"


# --- the catalogue's choices ------------------------------------------------------------------------

def catalogue_choices(cat: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """(value, label) of the fields whose choices are the catalogue's own lists."""
    return {
        "types": [(ident, t["label"]) for ident, t in cat.taxonomy.items()],
        "laws": sorted(((ident, law["title"]) for ident, law in cat.laws.items()), key=lambda c: c[1].casefold()),
        "tools": sorted(((ident, tool["name"]) for ident, tool in cat.tools.items()), key=lambda c: c[1].casefold()),
        "sources.report": [(ident, f"{r['short']}: {r['title']}") for ident, r in cat.sources.items()],
        "municipality": sorted(((slug, m["name"]) for slug, m in cat.municipalities.items()),
                               key=lambda c: c[1].casefold()),
    }


def field_view(f: proposal.Field, choices: dict, prefix: str = "") -> dict:
    """One field as the templates lay it out. prefix: "access.0." inside a group's item."""
    texts = proposal.FORM["fields"].get(f.path, {})
    name = prefix + f.key
    ident = "f-" + name.replace(".", "-")
    widget = texts.get("widget") or {"choice": "radio"}.get(f.kind, f.kind)
    if f.kind == "choice":
        labels = proposal.choice_labels(f.path)
        options = choices.get(f.path) or [(v, labels.get(v, v)) for v in f.choices]
    else:
        options = choices.get(f.path, [])
    view = {"kind": f.kind, "widget": widget, "name": name, "key": f.key, "path": f.path, "id": ident,
            "label": texts.get("label", f.key), "help": texts.get("help"), "help_id": ident + "--help",
            "error_id": ident + "--error", "required": f.needed,
            "choices": [{"value": v, "label": label} for v, label in options], "default": f.default}
    if f.kind == "group":
        view["item"] = texts.get("item", f.key)
        view["first"] = [field_view(sub, choices, f"{name}.0.") for sub in f.fields]
        view["template"] = [field_view(sub, choices, f"{name}.__i__.") for sub in f.fields]
    elif f.kind == "object":
        view["fields"] = [field_view(sub, choices, name + ".") for sub in f.fields]
        if not f.required:   # needed only when the group is used: its help says so
            for sub in view["fields"]:
                sub["required"] = False
    return view


def form_fields(cat: Catalogue) -> list[dict]:
    choices = catalogue_choices(cat)
    return [field_view(f, choices) for f in proposal.fields()]


def labels(cat: Catalogue) -> dict[str, dict[str, str]]:
    """The catalogue's labels for the list of changes (types, laws, tools, reports, municipalities)."""
    return {path: dict(options) for path, options in catalogue_choices(cat).items()}


# --- pages -------------------------------------------------------------------------------------------

def settings_data(editors_email: str | None, edit_url: str | None) -> dict:
    return {"email": editors_email or "", "edit_url": edit_url or ""}


def form_page(cat: Catalogue, editors_email: str | None, edit_url: str | None) -> str:
    path = FORM_PATH
    existing: dict[str, list[str]] = {}
    for s in cat.services.values():
        existing.setdefault(s["municipality"], []).append(s["slug"])
    data = {"labels": labels(cat), "existing": existing,
            "municipalities": {slug: m["name"] for slug, m in cat.municipalities.items()}}
    body = fragment("catalogue/proposal-form.html.j2", root=root_prefix(path), mode="change",
                    fields=form_fields(cat), data=data, **settings_data(editors_email, edit_url))
    return render("catalogue/proposal.md.j2", title="Foreslå endring eller nytt tilbud", body=body,
                  root=root_prefix(path))


def verify_page(cat: Catalogue, editors_email: str | None, edit_url: str | None) -> str:
    path = VERIFY_PATH
    verified = next(f for f in form_fields(cat) if f["key"] == "verified")
    for sub in verified["fields"]:   # here the group is the point: date, by and how are needed
        sub["required"] = sub["key"] != "note"
    body = fragment("catalogue/proposal-verify.html.j2", root=root_prefix(path), mode="verify",
                    fields=verified["fields"], data={"labels": labels(cat)}, **settings_data(editors_email, edit_url))
    return render("catalogue/proposal.md.j2", title="Bekreft at opplysningene stemmer", body=body,
                  root=root_prefix(path))


def report_page(cat: Catalogue, editors_email: str | None) -> str:
    path = REPORT_PATH
    texts = proposal.FORM["report"]
    body = fragment("catalogue/proposal-report.html.j2", root=root_prefix(path), mode="report",
                    texts=texts, data={}, **settings_data(editors_email, None))
    return render("catalogue/proposal.md.j2", title="Meld feil", body=body, root=root_prefix(path))


def pages(cat: Catalogue, editors_email: str | None = None, edit_url: str | None = None) -> dict[str, str]:
    return {FORM_PATH: form_page(cat, editors_email, edit_url),
            VERIFY_PATH: verify_page(cat, editors_email, edit_url),
            REPORT_PATH: report_page(cat, editors_email)}


def service_links(s: dict) -> dict[str, str]:
    """The three links on a service page (raw HTML hrefs, with the service's key)."""
    here = service_path(s)
    return {"change": href(here, FORM_PATH), "verify": href(here, VERIFY_PATH), "report": href(here, REPORT_PATH)}


def new_service_link(m: dict) -> str:
    return href(municipality_path(m["slug"]), FORM_PATH)


# --- the JSON each form reads --------------------------------------------------------------------------

BOOKKEEPING = ("slug", "file", "key")


def entry_data(cat: Catalogue, s: dict) -> dict:
    m = cat.municipalities[s["municipality"]]
    source = cat.root / "services" / s["municipality"] / f"{s['slug']}.yaml"
    return {"key": s["key"], "file": data_file(s), "name": s["name"], "municipality": s["municipality"],
            "municipality_name": m["name"], "page": url_of(service_path(s)),
            "entry": {k: v for k, v in s.items() if k not in BOOKKEEPING},
            "text": source.read_text("utf-8")}


def publish(cat: Catalogue, site_dir: Path) -> None:
    for s in cat.services.values():
        atomic.write_text(Path(site_dir) / entry_url(s),
                          json.dumps(entry_data(cat, s), ensure_ascii=False, sort_keys=False) + "\n")
