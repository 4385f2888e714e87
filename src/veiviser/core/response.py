"""Check one person's answers against a definition and score its scales.

Answers are {item id: value}. Missing, None and "" all mean "not answered". Numbers may
come as strings (an HTML form sends strings); they are read per item type. Every message
is in bokmål, one per item, because the form shows it next to the question.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat

from .definition import VAS_MAX, VAS_MIN, Definition, Item, Scale


@dataclass
class Checked:
    valid: bool
    errors: list[dict] = field(default_factory=list)     # [{item, message}]
    answers: dict = field(default_factory=dict)           # clean: typed values, unanswered left out
    scales: dict = field(default_factory=dict)            # scale id -> score or None


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value):
    """A number from a JSON number or a numeric string; None when it is neither."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
        if not math.isfinite(number):
            return None
        return int(number) if number.is_integer() and "." not in text else number
    return None


ANSWER_CACHE_LIMIT = 256   # distinct answers remembered per item (a form has a handful)


def read_answer(item: Item, value):
    """(clean value, None) or (None, message in bokmål). value is not blank.

    For items with fixed answers the result depends only on (item, type and value), so it
    is remembered per item: 100,000 CSV rows hold the same few strings ("1" ... "5")."""
    if item.type in ("vas", "text"):
        return _read_answer(item, value)
    cache = item.__dict__.setdefault("_answer_cache", {})
    try:
        key = (type(value), value)
        found = cache.get(key)
    except TypeError:               # unhashable (a list, say): not remembered
        return _read_answer(item, value)
    if found is None:
        found = _read_answer(item, value)
        if len(cache) < ANSWER_CACHE_LIMIT:
            cache[key] = found
    return found


def _read_answer(item: Item, value):
    if item.type == "vas":
        number = _number(value)
        if number is None:
            return None, f"Svaret må være et tall fra {VAS_MIN} til {VAS_MAX}."
        if not VAS_MIN <= number <= VAS_MAX:
            return None, f"Svaret må ligge mellom {VAS_MIN} og {VAS_MAX}."
        return number, None
    if item.type == "text":
        if not isinstance(value, str):
            return None, "Svaret må være tekst."
        return value.strip(), None
    allowed = item.answer_values()
    if not isinstance(value, bool):
        for choice in allowed:      # return the definition's own value: 4, never 4.0
            if choice == value and isinstance(choice, str) == isinstance(value, str):
                return choice, None
    if isinstance(value, str):
        text = value.strip()
        number = _number(text)
        for choice in allowed:
            if text == str(choice) or (number is not None and choice == number
                                       and not isinstance(choice, str)):
                return choice, None
    if item.type == "yes_no":
        return None, "Velg ja, nei eller vet ikke."
    if item.type == "traffic_light":
        return None, "Velg grønn, gul eller rød."
    return None, "Velg et av svaralternativene."


def score_scale(scale: Scale, answers: dict):
    """The scale score from clean answers, or None when too few items are answered.

    sum: every item must have a number ("vet ikke" counts as not answered);
    mean: at least half of the items. Rounded to one decimal so that float noise
    (0.1 + 0.2) never shows and CPython and Pyodide print the same.
    """
    values = [answers[i] for i in scale.items
              if i in answers and not isinstance(answers[i], str)]
    if scale.method == "sum":
        if len(values) < len(scale.items):
            return None
        total = sum(values)
    else:
        if not values or len(values) * 2 < len(scale.items):
            return None
        total = sum(values) / len(values)
    total = round(total, 1)
    return int(total) if float(total).is_integer() else total


def check_answers(definition: Definition, answers) -> Checked:
    if not isinstance(answers, dict):
        return Checked(False, [{"item": "", "message": "Svarene må være et oppslag fra spørsmål til svar."}])
    errors, clean = [], {}
    known = {item.id for item in definition.items}
    for item in definition.items:
        value = answers.get(item.id)
        if is_blank(value):
            if item.required:
                errors.append({"item": item.id, "message": "Dette spørsmålet må besvares."})
            continue
        good, message = read_answer(item, value)
        if message:
            errors.append({"item": item.id, "message": message})
        else:
            clean[item.id] = good
    for key in answers:
        if key not in known and not is_blank(answers[key]):
            errors.append({"item": str(key), "message": "Skjemaet har ikke noe spørsmål med denne id-en."})
    scales = {s.id: score_scale(s, clean) for s in definition.scales}
    return Checked(not errors, errors, clean, scales)


class _Blank:
    """Not answered (missing, None or blank text), in a Column's clean values."""
    __slots__ = ()

    def __repr__(self) -> str:
        return "BLANK"


BLANK = _Blank()


@dataclass
class Column:
    """One item's answers in many responses: keys[i] stands for response i's answer, and
    clean[key] is its clean value (or BLANK). A key is the answer itself, or (type, answer)
    when the column mixes types (1, 1.0 and True are equal, but not the same answer).
    counts: how often each key occurs in keys."""
    keys: list
    clean: dict
    counts: Counter

    def take(self, rows: list[int]) -> "Column":
        keys = [self.keys[i] for i in rows]
        return Column(keys, self.clean, Counter(keys))

    def head(self, n: int) -> "Column":
        """The first n: the counts of the rest are taken off (they are few: fewer than k)."""
        return Column(self.keys[:n], self.clean, self.counts - Counter(self.keys[n:]))


def read_columns(definition: Definition, many: list) -> dict[str, Column] | None:
    """Many responses at once, item by item ({item id: Column}, responses in the order of
    `many`), or None when any response does not fit the definition: check_answers on each
    then says which and why."""
    if not all(map(isinstance, many, repeat(dict))):
        return None
    known = {item.id for item in definition.items}
    for key in set().union(*many) - known:      # a question the form does not have
        if not all(is_blank(answers.get(key)) for answers in many):
            return None
    return check_columns(definition, {item.id: list(map(dict.get, many, repeat(item.id)))
                                      for item in definition.items}, len(many))


def check_columns(definition: Definition, answers: dict[str, list], n: int) -> dict[str, Column] | None:
    """n responses given item by item ({item id: [answer per response]}; an item left out
    is not answered by anyone): {item id: Column}, or None when any response does not fit.

    The same checks as check_answers on each response (but for unknown items, which have no
    column here), but every distinct answer of an item is read once, and the work per
    response is done by the standard library's C loops (map, zip, Counter): 100,000
    responses hold the same few answers ("1" ... "5") again and again."""
    columns = {}
    for item in definition.items:
        keys = answers.get(item.id)
        if keys is None:            # nobody answered it
            if item.required and n:
                return None
            columns[item.id] = Column([None] * n, {None: BLANK}, Counter({None: n}))
            continue
        try:
            counts = Counter(keys)
            value_of = _same
            # Text equals only text, and None only None; numbers of different types can be
            # equal (1, 1.0, True) and then must be told apart by their type.
            if not all(type(key) is str or key is None for key in counts) and len(set(map(type, keys))) > 1:
                keys = list(zip(map(type, keys), keys))
                counts = Counter(keys)
                value_of = _second
        except TypeError:           # an unhashable answer (a list, say) never fits
            return None
        clean = {}
        for key in counts:
            value = value_of(key)
            if is_blank(value):
                if item.required:
                    return None
                clean[key] = BLANK
                continue
            good, message = read_answer(item, value)
            if message:
                return None
            clean[key] = good
        columns[item.id] = Column(keys, clean, counts)
    return columns


def _same(key):
    return key


def _second(key):
    return key[1]
