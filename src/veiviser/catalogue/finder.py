"""The GP finder's data: one compact record per service, filtered in the browser
(docs/assets/veiviser/finder.js), plus what the page needs around it: labels for the filters,
each municipality's public contact points, the help lines and the search synonyms."""
from __future__ import annotations

import json

from ..core.vocabulary import LABELS
from ..render import url_of
from .model import Catalogue, municipality_path, service_path, short_name, split_line_refs
from .pages import first_sentence

ACCESS_LABELS, STATUS_LABELS = LABELS["access_route"], LABELS["status"]

FINDER_JSON = "data/finder.json"


def finder_records(cat: Catalogue) -> list[dict]:
    records = []
    for s in sorted(cat.services.values(), key=lambda s: (s["municipality"], s["name"].casefold())):
        m = cat.municipalities[s["municipality"]]
        contact = s.get("contact") or {}
        records.append({
            "name": s["name"],
            "url": url_of(service_path(s)),
            "municipality": s["municipality"],
            "municipality_name": m["name"],
            "types": s["types"],
            "routes": sorted({a["route"] for a in s["access"]}),
            "access": [{k: a[k] for k in ("route", "decided_by", "inferred") if a.get(k) is not None}
                       for a in s["access"]],
            "min_age": s["min_age"],
            "max_age": s["max_age"],
            "status": s["status"],
            "status_note": s.get("status_note"),
            "target_group": s["target_group"],
            "what": split_line_refs(first_sentence(s["description"]))[0],
            "contact": {k: contact[k] for k in ("phone", "address", "web") if contact.get(k)},
            "as_of": s["as_of"],
        })
    return records


def municipality_record(m: dict) -> dict:
    """A municipality in the finder: its page, and its website and switchboard where a public
    page gives them (with that page's address and the checked date)."""
    public = m.get("public_contact") or {}
    return {"id": m["slug"], "label": m["name"], "short": short_name(m), "url": url_of(municipality_path(m["slug"])),
            "front_door": bool(m.get("front_door")),
            **{key: {"value": fact["value"], "source": fact["source"]["url"], "checked": fact["source"]["checked"]}
               for key, fact in public.items()}}


def finder_document(cat: Catalogue) -> dict:
    """Records plus the labels the page needs to build its filters."""
    help_lines = cat.help_lines
    return {
        "taxonomy": [{"id": t["id"], "label": t["label"]} for t in cat.taxonomy.values()],
        "routes": [{"id": k, "label": v} for k, v in ACCESS_LABELS.items()],
        "statuses": [{"id": k, "label": v} for k, v in STATUS_LABELS.items()],
        "municipalities": [municipality_record(m)
                           for m in sorted(cat.municipalities.values(), key=lambda m: m["name"].casefold())],
        "help": {"rule": help_lines.get("rule"), "checked": help_lines.get("checked"),
                 "lines": [{"number": line["number"], "name": line["name"]} for line in help_lines.get("lines", [])]},
        "synonyms": [{"words": e["words"], "terms": e.get("terms", []), "types": e.get("types", [])}
                     for e in cat.synonyms],
        "services": finder_records(cat),
    }


def finder_json(cat: Catalogue) -> str:
    return json.dumps(finder_document(cat), ensure_ascii=False, separators=(",", ":"))
