"""Small-cell suppression for published answer distributions (standard library only).

Rules, for one question's distribution (answer category -> count, total n):
1. A survey (or question) with n < k publishes no counts at all: it shows «for få svar».
2. Primary suppression: every count with 0 < count < k is hidden. Zeros are published.
3. Complementary suppression: more cells are hidden (smallest first) until no hidden cell can
   be worked out from n and the published cells. A reader knows that hidden cells are >= 1
   and may guess that they are all < k; under both assumptions every hidden cell must still
   have at least two possible values. If that cannot be reached, nothing but «for få svar»
   is shown.
4. The pattern must not give the cells away either: a reader who knows rules 1–3 can go
   through every table that these rules would publish exactly so (same published cells, same
   hidden ones) and see which values the hidden cells take in them. Every hidden cell must have
   at least two values among those tables; else the table shows only «for få svar». Which
   tables qualify depends only on what is published, so the check is the reader's own.
Shares are printed with their n: «42 % (n = 57)».
"""
from __future__ import annotations

from .vocabulary import DEFAULT_K  # noqa: E402  (one value for Python and the browser)
TOO_FEW = "for få svar"


def cell_range(total: int, cells: int, upper: int | None) -> tuple[int, int] | None:
    """Possible values of one of `cells` hidden cells, each in [1, upper], summing to `total`;
    None if no such table exists."""
    hi_each = total if upper is None else upper
    if cells * 1 > total or cells * hi_each < total:
        return None
    lo = max(1, total - (cells - 1) * hi_each)
    hi = min(hi_each, total - (cells - 1))
    return lo, hi


def is_safe(hidden: list[int], k: int) -> bool:
    """True when no hidden cell is determined by their sum, whatever the reader assumes."""
    if not hidden:
        return True
    if len(hidden) == 1:
        return False
    total = sum(hidden)
    for upper in (None, k - 1):
        r = cell_range(total, len(hidden), upper)
        if r is not None and r[0] == r[1]:
            return False
    return True


# Tables a pattern check goes through at most; beyond it the table counts as unsafe (too few).
MAX_TABLES = 50_000


def suppress(counts: dict[str, int], k: int = DEFAULT_K) -> dict:
    """Publishable form of one distribution (rules 1–4).

    Returns {"n": n or None, "too_few": bool, "cells": {category: count or None},
             "suppressed": {category: bool}, "k": k}."""
    published = _suppress(counts, k)
    if published["too_few"] or not any(published["suppressed"].values()):
        return published
    values = hidden_values(published, k)
    if values is None or any(len(v) < 2 for v in values.values()):
        return _too_few(counts, k)
    return published


def _too_few(counts: dict, k: int) -> dict:
    return {"n": None, "too_few": True, "cells": {c: None for c in counts},
            "suppressed": {c: True for c in counts}, "k": k}


def compositions(total: int, parts: int, lo: int = 1):
    """Every tuple of `parts` whole numbers >= lo that add up to total."""
    if parts == 1:
        if total >= lo:
            yield (total,)
        return
    for first in range(lo, total - lo * (parts - 1) + 1):
        for rest in compositions(total - first, parts - 1, lo):
            yield (first, *rest)


def hidden_values(published: dict, k: int, limit: int = MAX_TABLES) -> dict | None:
    """Rule 4 as a reader works it: the values each hidden cell takes among the tables that
    rules 1–3 publish exactly as `published`. Stops as soon as every hidden cell has two;
    None when more than `limit` tables would have to be looked at."""
    cells = published["cells"]
    hidden = [c for c in cells if published["suppressed"][c]]
    rest = published["n"] - sum(v for v in cells.values() if v is not None)
    found: dict = {c: set() for c in hidden}
    for seen, values in enumerate(compositions(rest, len(hidden))):
        if seen >= limit:
            return None
        table = {c: v for c, v in cells.items() if v is not None}
        table.update(zip(hidden, values))
        table = {c: table[c] for c in cells}
        again = _suppress(table, k)
        if again["cells"] == cells and again["suppressed"] == published["suppressed"]:
            for c, v in zip(hidden, values):
                found[c].add(v)
            if all(len(v) >= 2 for v in found.values()):
                break
    return found


def _suppress(counts: dict[str, int], k: int = DEFAULT_K) -> dict:
    """Rules 1–3."""
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k}")
    for cat, count in counts.items():
        if not isinstance(count, int) or count < 0:
            raise ValueError(f"count for {cat!r} must be a whole number >= 0, got {count!r}")
    n = sum(counts.values())
    too_few = {"n": None, "too_few": True, "cells": {c: None for c in counts},
               "suppressed": {c: True for c in counts}, "k": k}
    if n < k:
        return too_few
    hidden = {c for c, v in counts.items() if 0 < v < k}
    # Complementary cells: the smallest non-zero published counts first (stable by order).
    order = sorted((v, i, c) for i, (c, v) in enumerate(counts.items()) if v > 0)
    for v, _, c in order:
        if is_safe([counts[h] for h in hidden], k):
            break
        if c not in hidden:
            hidden.add(c)
    if not is_safe([counts[h] for h in hidden], k):
        hidden = {c for c, v in counts.items() if v > 0}
        if not is_safe([counts[h] for h in hidden], k):
            if sum(1 for v in counts.values() if v > 0) <= 1:
                hidden = set()    # one non-zero cell: its count is n, which is published anyway
            else:
                return too_few    # even n alone would give the cells away (e.g. 2 + 2 with k = 3)
    return {"n": n, "too_few": False,
            "cells": {c: (None if c in hidden else v) for c, v in counts.items()},
            "suppressed": {c: c in hidden for c in counts}, "k": k}


def share_text(count: int | None, n: int | None) -> str:
    """«42 % (n = 57)», or the reason a share is not shown."""
    if n is None:
        return TOO_FEW
    if count is None:
        return f"skjult (n = {n})"
    return f"{round(100 * count / n)} % (n = {n})"


def rows_for_download(question: str, published: dict) -> list[dict]:
    """One row per category for CSV/JSON downloads: a hidden value is empty, with a flag."""
    return [{"sporsmal": question, "kategori": c, "antall": v, "andel_prosent":
             (None if v is None or published["n"] is None else round(100 * v / published["n"], 1)),
             "n": published["n"], "skjult": published["suppressed"][c], "k": published["k"]}
            for c, v in published["cells"].items()]
