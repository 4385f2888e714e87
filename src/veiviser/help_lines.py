"""The national help lines (data/help-lines.yaml): read, checked against their schema, and laid
out by the shared fragment templates/help-now.html.j2 («Trenger du hjelp nå?»).

A shared module: every flow that shows the box (catalogue pages, survey and check-in pages, the
home and 404 pages) reads the same file through here; it imports no flow. Texts are bokmål; a
form in nynorsk or English gets the file's `translations` (bokmål where one is missing). Nothing
about the box is stored or exported.
"""
from __future__ import annotations

from pathlib import Path

from . import schemas
from .problems import Problem, read_yaml, schema_problems
from .render import fragment

FILE = "help-lines.yaml"


def load(data_dir: Path | str, problems: list[Problem]) -> dict | None:
    """data/help-lines.yaml as read, or None with the problems appended."""
    shown = f"data/{FILE}"
    before = len(problems)
    data = read_yaml(Path(data_dir) / FILE, shown, problems)
    if data is None:
        if len(problems) == before:
            problems.append(Problem(shown, "", "is empty"))
        return None
    found = schema_problems(schemas.validator("help-lines"), data, shown)
    problems.extend(found)
    return None if found else data


LABELS = {"nb": {"title": "Trenger du hjelp nå?", "sources": "Kilder for numrene, sjekket"},
          "nn": {"title": "Treng du hjelp no?", "sources": "Kjelder for numra, sjekka"},
          "en": {"title": "Do you need help now?", "sources": "Sources for the numbers, checked"}}


def in_language(help_lines: dict, lang: str = "nb") -> dict:
    """The help lines with rule, names and «when» in one language (bokmål where a text lacks it)."""
    if lang == "nb":
        return help_lines

    def translated(entry: dict) -> dict:
        return {**entry, **entry.get("translations", {}).get(lang, {})}

    return {**translated(help_lines), "lines": [translated(line) for line in help_lines["lines"]]}


def box(help_lines: dict, prominent: bool = False, lang: str = "nb", ident: str | None = None,
        form: bool = False):
    """The «Trenger du hjelp nå?» box as an HTML fragment (Markup).

    prominent: the full box (home and 404 pages); form: the box of a survey or check-in page
    (a heading with the id ident, when to call each number, 44 px numbers, sources as plain text:
    a kiosk tablet must not leave the site)."""
    if form and ident is None:
        ident = "hjelp-na"
    return fragment("help-now.html.j2", help=in_language(help_lines, lang), prominent=prominent, lang=lang,
                    labels=LABELS.get(lang, LABELS["nb"]), ident=ident, form=form)
