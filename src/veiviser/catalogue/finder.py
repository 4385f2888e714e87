"""The GP finder's data: one compact record per service, filtered in the browser."""
from __future__ import annotations

import json

from ..core.vocabulary import LABELS
from ..render import url_of
from .model import Catalogue, service_path

ACCESS_LABELS, STATUS_LABELS = LABELS["access_route"], LABELS["status"]

FINDER_JSON = "data/finder.json"


def finder_records(cat: Catalogue) -> list[dict]:
    records = []
    for s in sorted(cat.services.values(), key=lambda s: (s["municipality"], s["name"].casefold())):
        m = cat.municipalities[s["municipality"]]
        records.append({
            "name": s["name"],
            "url": url_of(service_path(s)),
            "municipality": s["municipality"],
            "municipality_name": m["name"],
            "types": s["types"],
            "routes": sorted({a["route"] for a in s["access"]}),
            "min_age": s["min_age"],
            "max_age": s["max_age"],
            "status": s["status"],
            "target_group": s["target_group"],
        })
    return records


def finder_document(cat: Catalogue) -> dict:
    """Records plus the labels the page needs to build its filters."""
    return {
        "taxonomy": [{"id": t["id"], "label": t["label"]} for t in cat.taxonomy.values()],
        "routes": [{"id": k, "label": v} for k, v in ACCESS_LABELS.items()],
        "statuses": [{"id": k, "label": v} for k, v in STATUS_LABELS.items()],
        "municipalities": [{"id": m["slug"], "label": m["name"]}
                           for m in sorted(cat.municipalities.values(), key=lambda m: m["name"].casefold())],
        "services": finder_records(cat),
    }


def finder_json(cat: Catalogue) -> str:
    return json.dumps(finder_document(cat), ensure_ascii=False, separators=(",", ":"))
