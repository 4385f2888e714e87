"""The search synonyms (data/synonyms.yaml): everyday words mapped to the catalogue's own words
and service types. Checked when the catalogue loads: the schema, each word in one entry only,
and every type in data/taxonomy.yaml.

`page_words(...)` gives the everyday words a page should also be found by (its text holds the
catalogue's terms as whole words, or its service has the entry's main type); the pages carry them
hidden for the search index. `all_words` is the list the search box treats as whole words
(assets/veiviser/search-query.js), so «gjeld» never matches «gjelder».
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


def page_words(entries: list[dict], text: str, types: list[str] = ()) -> list[str]:
    """The everyday words a page should also be found by: those of every entry whose catalogue
    terms occur in the page's text as whole words, or whose main type (its first) the page's
    service has. In entry order, each word once. The pages put them, hidden, where the search
    index reads them, so «depresjon» finds the pages about psykisk helse."""
    out: list[str] = []
    for entry in entries:
        main = entry.get("types", [])[:1]
        if (main and main[0] in types) or any(_pattern(t).search(text) for t in entry.get("terms", [])):
            out += [w for w in entry["words"] if w not in out]
    return out


def all_words(entries: list[dict]) -> list[str]:
    """Every everyday word, for the search box: these are searched as whole words («gjeld» is
    not the start of «gjelder»)."""
    return sorted({w for entry in entries for w in entry["words"]})
