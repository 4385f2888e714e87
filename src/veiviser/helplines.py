"""«Trenger du hjelp nå?»: the national help lines (data/help-lines.yaml, checked against the
public sources named in it) and the one box that shows them (templates/help-now.html.j2).

Every survey and check-in page carries the box; any other page may place it with
`box(help_lines, lang)` (a Markup fragment for a Markdown or HTML template). The box is
plain HTML: phone numbers as tel: links, chat sites and sources as text (a kiosk tablet must
not leave the site). Nothing about it is stored or exported.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from . import schemas
from .core import vocabulary
from .problems import BuildError, Problem, read_yaml, schema_problems
from .render import fragment

FILE = "help-lines.yaml"


def load(data_dir: Path, shown: str = f"data/{FILE}") -> dict:
    """The help lines, checked with schemas/help-lines.schema.json; BuildError names the field."""
    problems: list[Problem] = []
    data = read_yaml(Path(data_dir) / FILE, shown, problems)
    if not problems:
        problems = schema_problems(schemas.validator("help-lines"), data, shown)
    if problems:
        raise BuildError(problems)
    return data


def view(help_lines: dict, lang: str = "nb") -> dict:
    """What the box shows, in one language (bokmål where a text lacks it)."""
    return {
        "heading": vocabulary.text(help_lines["heading"], lang),
        "rule": vocabulary.text(help_lines["rule"], lang),
        "checked": vocabulary.month_text(help_lines["checked"], lang),
        "lines": [{"number": line["number"], "tel": line["number"].replace(" ", ""),
                   "name": vocabulary.text(line["name"], lang), "when": vocabulary.text(line["when"], lang)}
                  for line in help_lines["lines"]],
        "sources": sorted({s for line in help_lines["lines"] for s in line["sources"]}),
    }


LABELS = {"nb": {"sources": "Kilder", "checked": "sjekket"},
          "nn": {"sources": "Kjelder", "checked": "sjekka"},
          "en": {"sources": "Sources", "checked": "checked"}}


def box(help_lines: dict, lang: str = "nb", ident: str = "hjelp-na") -> Markup:
    """The «Trenger du hjelp nå?» box as an HTML fragment (ident: its heading's id)."""
    return fragment("help-now.html.j2", help=view(help_lines, lang), lang=lang, ident=ident,
                    labels=LABELS.get(lang, LABELS["nb"]))
