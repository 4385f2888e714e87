"""Batch release: only whole batches of k responses leave the device, oldest first.

A record is what the browser stores: {"survey", "version", "month": "YYYY-MM", "answers"}.
Months only: a record with a date or a time is refused, so nothing finer can leak.
"""
from __future__ import annotations

import operator
import re

MONTH_RE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])$")


class RecordError(ValueError):
    pass


def check_month(month, where: str) -> str:
    if not isinstance(month, str) or not MONTH_RE.match(month):
        raise RecordError(f"{where}: måneden {month!r} må være år og måned, ÅÅÅÅ-MM (YYYY-MM), "
                          "uten dag og klokkeslett")
    return month


def releasable(records: list, k: int) -> list:
    """The oldest floor(len/k)*k records, oldest first (stable: equal months keep their order)."""
    return [records[i] for i in releasable_rows([r["month"] for r in records], k)]


def releasable_rows(months: list, k: int) -> list[int] | range:
    """The same as releasable(), as positions in the list (given each record's month)."""
    if k < 1:
        raise RecordError(f"k må være minst 1, ikke {k}")
    if all(map(operator.le, months, months[1:])):      # in order already (one month, say)
        return range(len(months) // k * k)
    ordered = sorted(range(len(months)), key=months.__getitem__)
    return ordered[: len(ordered) // k * k]


def period(records: list) -> dict | None:
    if not records:
        return None
    months = [r["month"] for r in records]
    return {"from": min(months), "to": max(months)}
