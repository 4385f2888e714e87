"""Check one person's answers against a definition and score its scales.

Answers are {item id: value}. Missing, None and "" all mean "not answered". Numbers may
come as strings (an HTML form sends strings); they are read per item type. Every message
is in bokmål, one per item, because the form shows it next to the question.
"""
from __future__ import annotations

import math
import operator
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat

from .definition import DONT_KNOW, VAS_MAX, VAS_MIN, Definition, Item, Scale, default_min_answered


@dataclass
class Checked:
    valid: bool
    errors: list[dict] = field(default_factory=list)     # [{item, message}]
    answers: dict = field(default_factory=dict)           # clean: typed values, unanswered left out
    scales: dict = field(default_factory=dict)            # scale id -> score or None
    too_few: str | None = None                            # why it answers too little (too_few), or None


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
            return None, f"«{value}» er ikke et tall; svaret må være et tall fra {VAS_MIN} til {VAS_MAX}."
        if not VAS_MIN <= number <= VAS_MAX:
            return None, f"{value} er utenfor skalaen; svaret må ligge mellom {VAS_MIN} og {VAS_MAX}."
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
    shown = value.strip() if isinstance(value, str) else value
    return None, f"«{shown}» er ikke et av svaralternativene ({', '.join(str(v) for v in allowed)})."


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


def answered_count(definition: Definition, answers: dict, asked=None) -> tuple[int, int, int]:
    """(answered, scored, out of): how many of the items that count toward min_answered have
    an answer (blank ones do not count), how many of those something other than «vet ikke»,
    and how many items count. Free text counts only in a definition that has nothing else.
    `asked` (item ids) narrows the items to those the respondent was shown, e.g. the columns
    of a CSV file from another tool; the form shows every item."""
    pool = definition.answerable or definition.items
    if asked is not None:
        pool = [i for i in pool if i.id in asked]
    given = [answers[i.id] for i in pool if not is_blank(answers.get(i.id))]
    scored = sum(1 for a in given if not (isinstance(a, str) and a.strip() == DONT_KNOW))
    return len(given), scored, len(pool)


def too_few(definition: Definition, answers: dict, asked=None) -> str | None:
    """Why a response answers too little to be stored (None when it answers enough): it must
    answer min_answered items (default: half of them), at least one with something other than
    «vet ikke». The form says the same next to «Send inn» (shared.js: tooFew). With `asked`,
    the need is the smaller of min_answered and half of the items asked."""
    answered, scored, total = answered_count(definition, answers, asked)
    need = definition.min_answered if asked is None else min(definition.min_answered, default_min_answered(total))
    need = min(need, total)
    if answered < need:
        return f"For få svar: svar på minst {need} av de {total} spørsmålene (nå {answered})."
    if not scored:
        return "Minst ett svar må være noe annet enn «vet ikke»."
    return None


def check_answers(definition: Definition, answers, asked=None) -> Checked:
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
    few = too_few(definition, answers, asked)
    if few and not errors:          # one message per mistake: a missing required item says it
        errors.append({"item": "", "message": few})
    scales = {s.id: score_scale(s, clean) for s in definition.scales}
    return Checked(not errors, errors, clean, scales, few)


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
    value_of: Callable = field(default=lambda key: key, repr=False)    # key -> the answer as given

    def take(self, rows) -> "Column":
        keys = [self.keys[i] for i in rows]
        return Column(keys, self.clean, Counter(keys), self.value_of)

    def head(self, n: int) -> "Column":
        """The first n: the counts of the rest are taken off (they are few: fewer than k)."""
        return Column(self.keys[:n], self.clean, self.counts - Counter(self.keys[n:]), self.value_of)


def read_columns(definition: Definition, many: list, asked=None) -> dict[str, Column] | None:
    """Many responses at once, item by item ({item id: Column}, responses in the order of
    `many`), or None when any response does not fit the definition or answers too little
    (too_few, with `asked` as there): check_answers on each then says which and why."""
    if not all(map(isinstance, many, repeat(dict))):
        return None
    known = {item.id for item in definition.items}
    for key in set().union(*many) - known:      # a question the form does not have
        if not all(is_blank(answers.get(key)) for answers in many):
            return None
    return check_columns(definition, {item.id: list(map(dict.get, many, repeat(item.id)))
                                      for item in definition.items}, len(many), asked)


def check_columns(definition: Definition, answers: dict[str, list], n: int,
                  asked=None) -> dict[str, Column] | None:
    """n responses given item by item ({item id: [answer per response]}; an item left out
    is not answered by anyone): {item id: Column}, or None when any response does not fit or
    answers too little (too_few, with `asked` as there).

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
        columns[item.id] = Column(keys, clean, counts, value_of)
    if n and _any_too_few(definition, columns, n, asked):
        return None
    return columns


def _any_too_few(definition: Definition, columns: dict[str, Column], n: int, asked) -> bool:
    """Whether any of the n responses answers too little (too_few), counted column by column:
    per response, how many counted items have an answer, and how many something other than
    «vet ikke» (from the answers as given, as answered_count counts them)."""
    pool = definition.answerable or definition.items
    if asked is not None:
        pool = [i for i in pool if i.id in asked]
    total = len(pool)
    need = definition.min_answered if asked is None else min(definition.min_answered, default_min_answered(total))
    need = min(need, total)
    answered: list = [0] * n
    scored: list = [0] * n
    for item in pool:
        column = columns[item.id]
        given, other = {}, {}
        for key in column.counts:
            value = column.value_of(key)
            given[key] = 0 if is_blank(value) else 1
            other[key] = 0 if given[key] == 0 or (isinstance(value, str) and value.strip() == DONT_KNOW) else 1
        answered = list(map(operator.add, answered, map(given.__getitem__, column.keys)))
        scored = list(map(operator.add, scored, map(other.__getitem__, column.keys)))
    return min(answered) < need or min(scored) == 0


def _same(key):
    return key


def _second(key):
    return key[1]
