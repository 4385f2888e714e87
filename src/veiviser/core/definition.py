"""Read and check a survey definition (a plain dict, e.g. from YAML or JSON).

`problems(d)` lists every problem as DefinitionError(path, message); `check(d)` raises
InvalidDefinition with all of them, or returns a Definition with defaults filled in and
option-set names resolved. The JSON Schema (schemas/survey.schema.json) says the same in
schema form; these checks add what a schema cannot: references between items, option sets
and scales, and the scale ranges. Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
KINDS = ("outcome", "session", "experience", "relatives", "life-domains")
ITEM_TYPES = ("vas", "rating", "choice", "yes_no", "traffic_light", "text")
LANGS = ("nb", "nn", "en")
DONT_KNOW = "vet-ikke"
VAS_MIN, VAS_MAX = 0, 10
YES_NO = ("ja", "nei", DONT_KNOW)
TRAFFIC_LIGHT = ("gronn", "gul", "rod")
from .vocabulary import DEFAULT_K  # noqa: E402  (one value for Python and the browser)
# Items whose answers are numbers and can therefore enter a scale.
NUMERIC_TYPES = ("vas", "rating")

TOP_KEYS = {"id", "version", "kind", "title", "intro", "k", "personal", "min_answered", "option_sets",
            "items", "scales", "licence", "national_comparison"}
ITEM_KEYS = {"id", "type", "text", "help", "low", "high", "required", "options", "dont_know"}
SCALE_KEYS = {"id", "title", "method", "items", "min", "max", "cutoffs", "reliable_change"}
CUTOFF_KEYS = {"value", "below", "above"}
COMPARISON_KEYS = {"item", "values", "indicator", "text", "source", "lines", "figures"}


class DefinitionError(ValueError):
    """One problem in a definition: where (a path like items[2].options) and what."""

    def __init__(self, path: str, message: str):
        self.path = path
        self.message = message
        super().__init__(f"{path or '(top level)'}: {message}")

    def as_dict(self) -> dict:
        return {"path": self.path, "message": self.message}


class InvalidDefinition(ValueError):
    """Raised by check(): every problem found, one per line in str()."""

    def __init__(self, errors: list[DefinitionError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class Item:
    id: str
    type: str
    required: bool = False
    options: list = field(default_factory=list)   # [{value, label}], resolved; [] when none
    dont_know: bool = False
    raw: dict = field(default_factory=dict)

    def answer_values(self) -> list:
        """Every answer this item accepts, in display order (none for vas and text)."""
        if self.type in ("rating", "choice"):
            values = [o["value"] for o in self.options]
            return values + [DONT_KNOW] if self.dont_know else values
        if self.type == "yes_no":
            return list(YES_NO)
        if self.type == "traffic_light":
            return list(TRAFFIC_LIGHT)
        return []

    def numeric_range(self) -> tuple[float, float]:
        if self.type == "vas":
            return VAS_MIN, VAS_MAX
        values = [o["value"] for o in self.options]
        return min(values), max(values)


@dataclass
class Scale:
    id: str
    method: str
    items: list[str]
    min: float
    max: float
    cutoffs: list[dict] = field(default_factory=list)
    reliable_change: float | None = None
    raw: dict = field(default_factory=dict)

    @property
    def step(self) -> float:
        """Histogram bin width: whole points for sums, tenths for means."""
        return 1 if self.method == "sum" else 0.1


@dataclass
class Definition:
    id: str
    version: int
    kind: str
    k: int
    personal: bool
    items: list[Item]
    scales: list[Scale]
    raw: dict
    min_answered: int = 1   # answered items (free text not counted) a response needs to be stored

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    @property
    def answerable(self) -> list[Item]:
        """The items that count toward min_answered: every item but free text."""
        return [i for i in self.items if i.type != "text"]

    @property
    def hash(self) -> str:
        return canonical_hash(self.raw)


def default_min_answered(answerable: int) -> int:
    """At least half of the items that are not free text (rounded up), and at least one."""
    return max(1, (answerable + 1) // 2)


def canonical_json(data) -> str:
    """One text per meaning: sorted keys, no spaces, UTF-8 as is."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_hash(definition: dict) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(definition).encode("utf-8")).hexdigest()


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


class _Checker:
    def __init__(self):
        self.errors: list[DefinitionError] = []

    def err(self, path: str, message: str) -> None:
        self.errors.append(DefinitionError(path, message))

    def unknown_keys(self, obj: dict, allowed: set, path: str) -> None:
        for key in obj:
            if key not in allowed:
                self.err(f"{path}.{key}" if path else str(key),
                         f"ukjent felt {key!r}; tillatt: {', '.join(sorted(allowed))}")

    def text(self, obj, path: str, required: bool = True) -> None:
        """A text in several languages: {nb: ..., nn: ..., en: ...}; nb is required."""
        if obj is None:
            if required:
                self.err(path, "mangler; gi minst {nb: \"...\"}")
            return
        if not isinstance(obj, dict):
            self.err(path, f"må være et oppslag per språk, som {{nb: \"...\"}}, ikke {type(obj).__name__}")
            return
        if "nb" not in obj:
            self.err(path, "teksten på bokmål (nb) mangler")
        for lang, value in obj.items():
            if lang not in LANGS:
                self.err(f"{path}.{lang}", f"ukjent språk {lang!r}; bruk nb, nn eller en")
            elif not isinstance(value, str) or not value.strip():
                self.err(f"{path}.{lang}", "må være en tekst som ikke er tom")

    def ident(self, value, path: str) -> bool:
        if not isinstance(value, str) or not ID_RE.match(value):
            self.err(path, f"{value!r} er ikke en gyldig id: bruk små bokstaver a–z, sifre og "
                           "enkle bindestreker (f.eks. \"min-id\")")
            return False
        return True

    def options(self, opts, path: str) -> list:
        if not isinstance(opts, list) or not opts:
            self.err(path, "må være en liste med {value, label} som ikke er tom")
            return []
        seen, good = set(), []
        for i, opt in enumerate(opts):
            p = f"{path}[{i}]"
            if not isinstance(opt, dict):
                self.err(p, "må være et oppslag {value: ..., label: {nb: ...}}")
                continue
            self.unknown_keys(opt, {"value", "label"}, p)
            value = opt.get("value")
            if not (_is_int(value) or (isinstance(value, str) and ID_RE.match(value))):
                self.err(f"{p}.value", f"{value!r}: en verdi må være et helt tall eller en id "
                                       "(små bokstaver, sifre, bindestreker)")
            elif value == DONT_KNOW:
                self.err(f"{p}.value", f"{DONT_KNOW!r} er reservert; bruk dont_know: true i stedet")
            elif str(value) in seen:
                self.err(f"{p}.value", f"verdien {value!r} står to ganger")
            else:
                seen.add(str(value))
                good.append(opt)
            self.text(opt.get("label"), f"{p}.label")
        return good


def problems(d) -> list[DefinitionError]:
    """Every problem in definition d, in the order found ([] when it is fine)."""
    return _check(d)[0]


def check(d) -> Definition:
    errors, definition = _check(d)
    if errors:
        raise InvalidDefinition(errors)
    assert definition is not None    # _check makes one whenever it found no problem
    return definition


def _check(d) -> tuple[list[DefinitionError], Definition | None]:
    c = _Checker()
    if not isinstance(d, dict):
        c.err("", f"en definisjon må være et oppslag med felt, ikke {type(d).__name__}")
        return c.errors, None
    c.unknown_keys(d, TOP_KEYS, "")
    for key in ("id", "version", "kind", "title", "items"):
        if key not in d:
            c.err(key, "påkrevd felt mangler")
    if "id" in d:
        c.ident(d["id"], "id")
    if "version" in d and (not _is_int(d["version"]) or d["version"] < 1):
        c.err("version", f"{d['version']!r}: må være et helt tall fra 1")
    if "kind" in d and d["kind"] not in KINDS:
        c.err("kind", f"{d['kind']!r}: må være en av {', '.join(KINDS)}")
    if "title" in d:
        c.text(d["title"], "title")
    if "intro" in d:
        c.text(d["intro"], "intro")
    if "licence" in d:
        c.text(d["licence"], "licence")
    k = d.get("k", DEFAULT_K)
    if not _is_int(k) or k < 1:
        c.err("k", f"{k!r}: puljestørrelsen må være et helt tall fra 1")
    if not isinstance(d.get("personal", False), bool):
        c.err("personal", "må være true eller false")

    option_sets = {}
    sets = d.get("option_sets", {})
    if not isinstance(sets, dict):
        c.err("option_sets", "må være et oppslag fra navn til en liste med svaralternativer")
        sets = {}
    for name, opts in sets.items():
        if c.ident(name, f"option_sets.{name}"):
            option_sets[name] = c.options(opts, f"option_sets.{name}")

    items: list[Item] = []
    raw_items = d.get("items", [])
    if not isinstance(raw_items, list) or ("items" in d and not raw_items):
        c.err("items", "må være en liste med spørsmål som ikke er tom")
        raw_items = []
    seen_ids = set()
    for i, it in enumerate(raw_items):
        p = f"items[{i}]"
        if not isinstance(it, dict):
            c.err(p, "et spørsmål må være et oppslag med id, type og text")
            continue
        c.unknown_keys(it, ITEM_KEYS, p)
        item_id = it.get("id")
        if item_id is None:
            c.err(f"{p}.id", "påkrevd felt mangler")
        elif c.ident(item_id, f"{p}.id"):
            p = f"items[{i}] ({item_id})"
            if item_id in seen_ids:
                c.err(f"{p}.id", f"spørsmåls-id-en {item_id!r} står to ganger")
            seen_ids.add(item_id)
        kind = it.get("type")
        if kind not in ITEM_TYPES:
            c.err(f"{p}.type", f"{kind!r}: må være en av {', '.join(ITEM_TYPES)}")
        c.text(it.get("text"), f"{p}.text")
        for key in ("help", "low", "high"):
            if key in it:
                c.text(it[key], f"{p}.{key}")
        if key_has(it, "low", "high") and kind in ITEM_TYPES and kind != "vas":
            c.err(p, "low og high hører bare til vas-spørsmål")
        required = it.get("required", False)
        if not isinstance(required, bool):
            c.err(f"{p}.required", "må være true eller false")
        elif required and kind == "text":
            c.err(f"{p}.required", "fritekst er alltid valgfri; fjern required: true")
        dont_know = it.get("dont_know", False)
        if not isinstance(dont_know, bool):
            c.err(f"{p}.dont_know", "må være true eller false")
        elif dont_know and kind not in ("rating", "choice"):
            c.err(f"{p}.dont_know", f"dont_know gjelder bare rating- og choice-spørsmål "
                                    f"({kind}-spørsmål har sine egne svar)")
        resolved = []
        if kind in ("rating", "choice"):
            opts = it.get("options")
            if opts is None:
                c.err(f"{p}.options", f"et {kind}-spørsmål trenger options: navnet på et sett eller en liste")
            elif isinstance(opts, str):
                if opts not in option_sets:
                    c.err(f"{p}.options", f"ingen sett med navnet {opts!r} i option_sets")
                else:
                    resolved = option_sets[opts]
            else:
                resolved = c.options(opts, f"{p}.options")
            if kind == "rating" and any(not _is_int(o.get("value")) for o in resolved):
                c.err(f"{p}.options", "svaralternativene til rating må ha hele tall som verdi "
                                      "(bruk type: choice for navngitte verdier)")
                resolved = []
        elif "options" in it and kind in ITEM_TYPES:
            c.err(f"{p}.options", f"{kind}-spørsmål har faste svar; fjern options")
        if isinstance(item_id, str) and kind in ITEM_TYPES:
            items.append(Item(id=item_id, type=kind, required=required is True, options=resolved,
                              dont_know=dont_know is True, raw=it))

    by_id = {item.id: item for item in items}
    scales: list[Scale] = []
    raw_scales = d.get("scales", [])
    if not isinstance(raw_scales, list):
        c.err("scales", "må være en liste med skalaer")
        raw_scales = []
    seen_scales = set()
    for i, sc in enumerate(raw_scales):
        p = f"scales[{i}]"
        if not isinstance(sc, dict):
            c.err(p, "en skala må være et oppslag med id, title, method, items, min og max")
            continue
        c.unknown_keys(sc, SCALE_KEYS, p)
        for key in ("id", "title", "method", "items", "min", "max"):
            if key not in sc:
                c.err(f"{p}.{key}", "påkrevd felt mangler")
        sid = sc.get("id")
        if sid is not None and c.ident(sid, f"{p}.id"):
            p = f"scales[{i}] ({sid})"
            if sid in seen_scales:
                c.err(f"{p}.id", f"skala-id-en {sid!r} står to ganger")
            seen_scales.add(sid)
        if "title" in sc:
            c.text(sc["title"], f"{p}.title")
        method = sc.get("method")
        if "method" in sc and method not in ("sum", "mean"):
            c.err(f"{p}.method", f"{method!r}: må være sum eller mean")
        members: Any = sc.get("items")     # unchecked data: checked below
        ok_members = []
        if "items" in sc:
            if not isinstance(members, list) or not members:
                c.err(f"{p}.items", "må være en liste med spørsmåls-id-er som ikke er tom")
                members = []
            for j, mid in enumerate(members):
                if mid in seen_ids and mid not in by_id:
                    continue        # the item itself is broken; that is already reported
                if mid not in by_id:
                    c.err(f"{p}.items[{j}]", f"ingen spørsmål med id-en {mid!r}")
                elif by_id[mid].type not in NUMERIC_TYPES:
                    c.err(f"{p}.items[{j}]", f"{mid!r} er et {by_id[mid].type}-spørsmål; bare vas- og "
                                            "rating-spørsmål har tall som kan legges sammen")
                elif mid in ok_members:
                    c.err(f"{p}.items[{j}]", f"{mid!r} står to ganger")
                elif by_id[mid].options or by_id[mid].type == "vas":
                    ok_members.append(mid)
        lo: Any = sc.get("min")
        hi: Any = sc.get("max")
        for key, val in (("min", lo), ("max", hi)):
            if key in sc and not _is_number(val):
                c.err(f"{p}.{key}", f"{val!r}: må være et tall")
        if (ok_members and len(ok_members) == len(members) and method in ("sum", "mean")
                and _is_number(lo) and _is_number(hi)):
            ranges = [by_id[m].numeric_range() for m in ok_members]
            if method == "sum":
                want = (sum(r[0] for r in ranges), sum(r[1] for r in ranges))
            else:
                want = (min(r[0] for r in ranges), max(r[1] for r in ranges))
            if (lo, hi) != want:
                c.err(p, f"min/max er {lo}/{hi}, men {method} av disse spørsmålene går fra "
                         f"{want[0]} til {want[1]}")
        cutoffs = sc.get("cutoffs", [])
        if not isinstance(cutoffs, list):
            c.err(f"{p}.cutoffs", "må være en liste med {value, below}")
            cutoffs = []
        for j, cut in enumerate(cutoffs):
            cp = f"{p}.cutoffs[{j}]"
            if not isinstance(cut, dict):
                c.err(cp, "må være et oppslag {value: ..., below: {nb: ...}}")
                continue
            c.unknown_keys(cut, CUTOFF_KEYS, cp)
            v: Any = cut.get("value")
            if not _is_number(v):
                c.err(f"{cp}.value", f"{v!r}: må være et tall")
            elif _is_number(lo) and _is_number(hi) and not lo < v <= hi:
                c.err(f"{cp}.value", f"{v} ligger utenfor skalaen ({lo} til {hi})")
            c.text(cut.get("below"), f"{cp}.below")
            if "above" in cut:
                c.text(cut["above"], f"{cp}.above")
        rc = sc.get("reliable_change")
        if rc is not None and (not _is_number(rc) or rc <= 0):
            c.err(f"{p}.reliable_change", f"{rc!r}: må være et positivt tall")
        if isinstance(sid, str) and method in ("sum", "mean") and _is_number(lo) and _is_number(hi):
            scales.append(Scale(id=sid, method=method, items=list(ok_members), min=lo, max=hi,
                                cutoffs=[x for x in cutoffs if isinstance(x, dict)],
                                reliable_change=rc, raw=sc))

    comparisons = d.get("national_comparison", [])
    if not isinstance(comparisons, list):
        c.err("national_comparison", "må være en liste")
        comparisons = []
    for i, comp in enumerate(comparisons):
        p = f"national_comparison[{i}]"
        if not isinstance(comp, dict):
            c.err(p, "må være et oppslag med item, values, indicator, source og figures")
            continue
        c.unknown_keys(comp, COMPARISON_KEYS, p)
        compared: Any = comp.get("item")
        item = by_id.get(compared)
        if item is None:
            c.err(f"{p}.item", f"ingen spørsmål med id-en {comp.get('item')!r}")
        values = comp.get("values")
        if not isinstance(values, list) or not values:
            c.err(f"{p}.values", "må liste svarverdiene som teller (f.eks. [4, 5])")
        elif item is not None:
            for v in values:
                if v not in item.answer_values():
                    c.err(f"{p}.values", f"{v!r} er ikke et svar på {item.id!r}")
        c.text(comp.get("text"), f"{p}.text")
        for key in ("indicator", "source", "lines"):
            if not isinstance(comp.get(key), (str, int)) or isinstance(comp.get(key), bool):
                c.err(f"{p}.{key}", "påkrevd: en tekst")
        figures = comp.get("figures")
        if not isinstance(figures, list) or not figures:
            c.err(f"{p}.figures", "må være en liste med {year, percent} som ikke er tom")
            figures = []
        for j, fig in enumerate(figures):
            if (not isinstance(fig, dict) or set(fig) != {"year", "percent"}
                    or not _is_int(fig.get("year")) or not _is_number(fig.get("percent"))):
                c.err(f"{p}.figures[{j}]", "må være {year: helt tall, percent: tall}")

    answerable = sum(1 for i in items if i.type != "text")
    min_answered = d.get("min_answered", default_min_answered(answerable))
    if "min_answered" in d and (not _is_int(min_answered) or not 1 <= min_answered <= max(1, answerable)):
        c.err("min_answered", f"{min_answered!r}: must be a whole number from 1 to {max(1, answerable)} "
                              "(the items that are not free text)")

    if c.errors:
        return c.errors, None
    return [], Definition(id=d["id"], version=d["version"], kind=d["kind"], k=k,
                          personal=d.get("personal", False), items=items, scales=scales, raw=d,
                          min_answered=min_answered)


def key_has(obj: dict, *keys: str) -> bool:
    return any(k in obj for k in keys)
