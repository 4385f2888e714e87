"""Releases over time: fixed publication periods, published after they end, frozen once recorded.

Why: every export is cumulative, so each build would publish the running totals, and anyone who
keeps two of them subtracts one from the other: with one new batch of ten between two builds,
the difference is those ten people (statistics offices protect the difference between two
releases as well as each release). So:

- Figures are published per fixed period (half-years by default: a setting), only after the
  period has ended. A release covers every answer up to the end of its period. Exports carry
  their period (first and last month of the answers in them) and each is cumulative and released
  oldest first, so of one device the latest export whose last month lies inside the period holds
  that device's answers up to then: that is how a tablet's cumulative exports are split by
  period, without a new export format.
- A recorded release is frozen: `veiviser release` writes it into the releases file of the
  service (surveys/releases/<kommune>/<tjeneste>/<skjema>-v<versjon>.json), and every later
  build publishes exactly that until a later period is released.
- A later period is released only when its difference from the last recorded release shows no
  count and no n from 1 to k - 1 (compared cell by cell in the published tables). Otherwise the
  earlier release stays, and the build and `veiviser release` say why, until enough new answers
  have come in.

Standard library only; the tables compared are core.publish's, the ones that are published.
"""
from __future__ import annotations

from . import aggregate, publish
from .definition import Definition
from .export import MERGED, SCHEMA as EXPORT_SCHEMA
from .merge import merge_exports

PERIOD_MONTHS = (1, 2, 3, 4, 6, 12)      # months per period: a whole number of periods per year
SCHEMA = "veiviser-releases/1"


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon) - 1


def _month(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def period_of(month: str, months: int) -> dict:
    """The period (first and last month) that holds month ("YYYY-MM")."""
    if months not in PERIOD_MONTHS:
        raise ValueError(f"en periode må være {', '.join(map(str, PERIOD_MONTHS))} måneder, ikke {months}")
    start = _month_index(month) // months * months
    return {"from": _month(start), "to": _month(start + months - 1)}


def last_ended(today: str, months: int) -> dict:
    """The latest period that has ended before today ("YYYY-MM-DD")."""
    current = period_of(today[:7], months)
    return period_of(_month(_month_index(current["from"]) - 1), months)


def upcoming(today: str, months: int) -> dict:
    """The period running today: it is published after its last month."""
    return period_of(today[:7], months)


def candidate(docs: list, names: list, period: dict) -> dict | None:
    """The merged export of everything up to the end of period: per device the latest export
    whose answers end inside it (exports with later answers belong to a later period); None when
    no export ends by then."""
    kept = [(d, n) for d, n in zip(docs, names) if d.get("period") and d["period"]["to"] <= period["to"]]
    if not kept:
        return None
    return merge_exports([d for d, _ in kept], [n for _, n in kept])


def difference_problems(new: dict, old: dict, definition: Definition, k: int) -> list[str]:
    """What the difference between two publications of one service would show below k: every
    published cell, question n and total n that moves by 1 to k - 1. Empty when it is safe."""
    found = []
    dn = new["n"] - old["n"]
    if 0 < abs(dn) < k:
        found.append(f"antall svar endres med {abs(dn)}")
    new_tables = publish.tables(new, definition, k)
    old_tables = publish.tables(old, definition, k)
    for item_id, t in new_tables.items():
        before = old_tables.get(item_id)
        if before is None:
            continue
        a, b = t["published"], before["published"]
        if a["n"] is not None and b["n"] is not None and 0 < abs(a["n"] - b["n"]) < k:
            found.append(f"{item_id}: n endres med {abs(a['n'] - b['n'])}")
        for cell, count in a["cells"].items():
            was = b["cells"].get(cell)
            if count is not None and was is not None and 0 < abs(count - was) < k:
                found.append(f"{item_id}: «{cell}» endres med {abs(count - was)}")
    return found


def decide(docs: list, names: list, releases: list, definition: Definition, k: int, today: str,
           months: int) -> dict:
    """Whether a new release of one service and survey version can be recorded today.

    docs, names: the service's checked exports and their file names; releases: the recorded
    ones, oldest first ({"period", "recorded", "export"}). A build publishes the last recorded
    release whatever this says; `veiviser release` records "ready". Returns {"status", "period",
    "export", "problems"}; status is
      "ready"    a period that has ended holds answers not yet released, and its difference from
                 the last release shows nothing below k (or it is the first): export is it;
      "kept"     it would show a difference below k (problems say where): the last release stays;
      "current"  nothing has come in since the last release, up to the last ended period;
      "waiting"  no release yet and no answers before the running period: period is that one."""
    period = last_ended(today, months)
    last = releases[-1] if releases else None
    if last and last["period"]["to"] >= period["to"]:
        return {"status": "current", "period": last["period"], "export": None, "problems": []}
    new = candidate(docs, names, period)
    if new is None and last is None:
        return {"status": "waiting", "period": upcoming(today, months), "export": None, "problems": []}
    if last is not None and (new is None or all(new[key] == last["export"][key] for key in ("n", "items", "scales"))):
        return {"status": "current", "period": last["period"], "export": None, "problems": []}
    assert new is not None
    problems = difference_problems(new, last["export"], definition, k) if last else []
    return {"status": "kept" if problems else "ready", "period": period, "export": new, "problems": problems}


def rhythm_text(months: int) -> str:
    """«Tallene publiseres én gang per halvår, etter at halvåret er slutt, …»."""
    name, definite = publish.WORDS["period_names"][str(months)]
    return publish.WORDS["release_rhythm"].format(period=name, period_def=definite)


def none_text(months: int) -> str:
    """What a service's page says before its first release."""
    name, definite = publish.WORDS["period_names"][str(months)]
    return publish.WORDS["release_none"].format(period=name, period_def=definite)


def kept_text(k: int) -> str:
    """Why the page shows the last release although new answers have come in."""
    return publish.WORDS["release_kept"].format(k=k)


def nothing_released(definition: Definition, k: int) -> dict:
    """What a service shows before its first release: a merged export of no answers."""
    agg = aggregate.empty(definition)
    return {"schema": EXPORT_SCHEMA, "survey": {"id": definition.id, "version": definition.version,
                                                "hash": definition.hash},
            "device": MERGED, "devices": [], "period": None, "k": k, "n": 0, "items": agg["items"],
            "scales": agg["scales"], "cumulative": False}


def release(decision: dict, recorded: str) -> dict:
    """The entry `veiviser release` adds to a releases file (recorded: "YYYY-MM-DD")."""
    if decision["status"] != "ready":
        raise ValueError(f"ingen ny utgivelse å lagre ({decision['status']})")
    return {"period": decision["period"], "recorded": recorded, "export": decision["export"]}


__all__ = ["PERIOD_MONTHS", "SCHEMA", "candidate", "decide", "kept_text", "none_text", "nothing_released", "release", "rhythm_text", "difference_problems", "last_ended",
           "period_of", "upcoming"]
