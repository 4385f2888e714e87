"""No published text shows a programming value where a word or number belongs: no «None»,
«nan», «NaN» or «undefined» in page text, data files (JSON, CSV, Turtle) or chart specs.
Code on the developer pages (<code>, <pre>) and the site's own scripts are not text."""
from __future__ import annotations

import html
import re

WORDS = re.compile(r"\b(None|nan|NaN|undefined)\b")
SKIP_DIRS = ("assets/", "pyodide/", "search/")       # scripts, Pyodide, the index made from the pages
CODE = re.compile(r"<(script|style|code|pre)\b.*?</\1>", re.S | re.I)
TAGS = re.compile(r"<[^>]+>")


def page_text(text: str) -> str:
    return html.unescape(TAGS.sub(" ", CODE.sub(" ", text)))


def test_no_none_nan_or_undefined_in_published_text(site_dir):
    found = []
    checked = 0
    for path in sorted(site_dir.rglob("*")):
        rel = str(path.relative_to(site_dir))
        if not path.is_file() or rel.startswith(SKIP_DIRS):
            continue
        if path.suffix == ".html":
            text = page_text(path.read_text("utf-8"))
        elif path.suffix in (".json", ".csv", ".ttl", ".txt", ".xml"):
            text = path.read_text("utf-8")
        else:
            continue
        checked += 1
        for m in WORDS.finditer(text):
            found.append(f"{rel}: …{text[max(0, m.start() - 40):m.end() + 20]!r}")
    assert checked > 400
    assert found == [], "\n".join(found[:20])
