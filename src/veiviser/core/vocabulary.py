"""The one vocabulary (vocabulary.json beside this file): labels, number and date formatting,
and the constants Python and the browser share. Standard library only: the browser's Python
reads it too, and the build hands the same file to the scripts (assets/veiviser/vocabulary.js).
"""
from __future__ import annotations

import json
from importlib import resources

VOCABULARY: dict = json.loads(resources.files(__package__).joinpath("vocabulary.json").read_text("utf-8"))

DEFAULT_K: int = VOCABULARY["default_k"]
KIOSK_IDLE_SECONDS: int = VOCABULARY["kiosk_idle_seconds"]
CLOSURE_SECONDS: int = VOCABULARY["closure_seconds"]          # the «Takk! Du er ferdig» screen
KIOSK_PIN: dict = VOCABULARY["kiosk_pin"]                      # min_length, attempts, lock_seconds, iterations
OPEN_STATUSES: tuple = tuple(VOCABULARY["open_statuses"])
LABELS: dict = VOCABULARY["labels"]


def label(kind: str, key: str) -> str:
    """label("status", "active") -> "I drift"."""
    return LABELS[kind][key]


def text(value, lang: str = "nb", fallback: str = "") -> str:
    """A text that may be given in several languages ({nb, nn, en}); bokmål when lang is missing."""
    if value is None:
        return fallback
    if isinstance(value, dict):
        return value.get(lang) or value.get("nb") or fallback
    return str(value)


def phrases(lang: str = "nb") -> dict:
    """The handout's fixed words in one written language (nb or nn; bokmål for any other)."""
    return VOCABULARY["phrases"].get(lang) or VOCABULARY["phrases"]["nb"]


def answer_label(value, lang: str = "nb") -> str | None:
    """The label of a fixed answer (ja, nei, vet-ikke, gronn, gul, rod), None for others."""
    return VOCABULARY["answers"][lang].get(str(value))


def decimal(value, digits: int = 1) -> str:
    """3.3125 -> "3,3"; 4.0 -> "4" (Norwegian decimal comma, no trailing zeros)."""
    if value is None:
        return ""
    text_ = f"{round(float(value), digits):.{digits}f}".rstrip("0").rstrip(".") if digits else str(round(value))
    return text_.replace(".", VOCABULARY["decimal_separator"])


def month_text(month: str, lang: str = "nb") -> str:
    """"2021-10" -> "oktober 2021"; "2021" -> "2021"; "2021-10-05" -> "5. oktober 2021"."""
    parts = str(month).split("-")
    if len(parts) == 1:
        return parts[0]
    name = VOCABULARY["months"][lang][int(parts[1]) - 1]
    if len(parts) == 3:
        return f"{int(parts[2])}. {name} {parts[0]}"
    return f"{name} {parts[0]}"


def date_label(when: str, lang: str = "nb") -> str:
    """A short date for a chart axis: "2026-02-03" -> "3. feb. 2026"; "2026-02" -> "feb. 2026"."""
    parts = str(when).split("-")
    if len(parts) == 1:
        return parts[0]
    name = VOCABULARY["months_short"][lang][int(parts[1]) - 1]
    if len(parts) == 3:
        return f"{int(parts[2])}. {name} {parts[0]}"
    return f"{name} {parts[0]}"


def definition_url(survey_id: str, version: int) -> str:
    """Where the site publishes a survey definition (the browser reads the same pattern)."""
    return VOCABULARY["definition_url"].format(id=survey_id, version=version)


def is_open(status: str) -> bool:
    """Whether a service with this status takes people now (finder and pages agree)."""
    return status in OPEN_STATUSES
