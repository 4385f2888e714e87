"""The search synonyms (data/synonyms.yaml): everyday words mapped to the catalogue's own words
and service types. Checked when the catalogue loads: the schema, each word in one entry only,
and every type in data/taxonomy.yaml.

`expansion(text)` gives the catalogue words that the everyday words in a text stand for, matched
as whole words (so «gjeld» never matches «gjelder»). The search index uses it at build time.
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import schemas
from ..problems import Problem, read_yaml, schema_problems

FILE = "synonyms.yaml"
SHOWN = f"data/{FILE}"


def load(data_dir: Path | str, taxonomy: dict[str, dict], problems: list[Problem]) -> list[dict]:
    """The entries as read, or [] with the problems appended."""
    before = len(problems)
    data = read_yaml(Path(data_dir) / FILE, SHOWN, problems)
    if data is None:
        if len(problems) == before:
            problems.append(Problem(SHOWN, "", "is empty"))
        return []
    found = schema_problems(schemas.validator("synonyms"), data, SHOWN)
    if found:
        problems.extend(found)
        return []
    problems.extend(check(data, taxonomy))
    return data


def check(entries: list[dict], taxonomy: dict[str, dict]) -> list[Problem]:
    """What the schema cannot say: a word in two entries, a type that does not exist."""
    problems = []
    first: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for j, word in enumerate(entry["words"]):
            if word in first:
                problems.append(Problem(SHOWN, f"[{i}].words[{j}]",
                                        f"{word!r} is already in entry {first[word]}; a word belongs to one entry"))
            else:
                first[word] = i
        for j, ident in enumerate(entry.get("types", [])):
            if ident not in taxonomy:
                problems.append(Problem(SHOWN, f"[{i}].types[{j}]", f"{ident!r} is not in data/taxonomy.yaml"))
    return problems


_NOT_AFTER_WORD = r"(?<![\w-])"    # \w is Unicode: æ, ø and å are word characters
_NOT_BEFORE_WORD = r"(?![\w-])"


def _pattern(word: str) -> re.Pattern:
    """A whole-word match, case-insensitive; the spaces of a phrase match any run of space."""
    body = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(_NOT_AFTER_WORD + body + _NOT_BEFORE_WORD, re.IGNORECASE)


def expansion(entries: list[dict], text: str) -> list[str]:
    """The everyday words of the entries whose catalogue terms (or type labels) occur in text
    as whole words: what a page about these things should also be found by. In entry order,
    each word once."""
    out: list[str] = []
    for entry in entries:
        targets = entry.get("terms", []) + entry.get("labels", [])
        if any(_pattern(t).search(text) for t in targets):
            out += [w for w in entry["words"] if w not in out]
    return out
