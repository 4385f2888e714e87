"""Pages from Jinja2 templates (src/veiviser/templates/), escaped by default.

Two kinds of template, told apart by their name:
- `*.html.j2`: HTML fragments, with Jinja's HTML autoescape (text and attributes).
- `*.md.j2`:   Markdown pages. Every `{{ value }}` passes through `md_escape` (a Jinja
  `finalize`), so catalogue or survey text shows literally: HTML is escaped, and Markdown
  syntax that could make a link, an attribute list or a heading is backslash-escaped.
  Values marked safe (`Markup`, e.g. a rendered HTML fragment or a link made by `md_link`)
  pass unchanged.
Front matter is written with yaml.safe_dump (`front_matter`), never by hand.

Paths: pages are named by their docs path ("kommuner/klepp/index.md"); `link` makes a
relative .md link between two of them (MkDocs checks each in --strict), `url_of` the
site-relative URL, `root_prefix` the way back to the site root.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from typing import Any

import jinja2
import yaml
from markupsafe import Markup, escape

from .core import vocabulary

# --- escaping ------------------------------------------------------------------------------

# Python-Markdown's backslash escapes (plus | for tables); # + - . > only matter at a line start.
_MD_ANYWHERE = re.compile(r"([\\`*_{}\[\]()!|])")
_MD_LINE_START = re.compile(r"(?m)^(\s*)([#+-])")
_MD_ORDERED = re.compile(r"(?m)^(\s*\d+)\.")


def md_escape(value: Any) -> str:
    """Text that Markdown shows literally (safe values unchanged, None as empty)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    text = _MD_ANYWHERE.sub(r"\\\1", str(value))
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    text = _MD_ORDERED.sub(r"\1\\.", text)
    # & < > as entities: no raw HTML from data. Quotes stay: Markdown text has no attributes
    # (an attribute list needs "{", escaped above).
    return html.escape(text, quote=False)


def md_cell(value: Any) -> Markup:
    """One line of escaped text, safe inside a Markdown table cell."""
    return Markup(md_escape(" ".join(str(value).split()) if value is not None else ""))


def html_escape(value: Any) -> Markup:
    """For text inside raw HTML in a Markdown template (Markdown does not touch raw HTML)."""
    return escape("" if value is None else value)


def json_script(data: Any) -> Markup:
    """JSON for <script type="application/json">: '<', '>' and '&' as \\u escapes, so no
    text inside can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def front_matter(**meta: Any) -> Markup:
    """YAML front matter from keyword arguments (None values left out).

    Titles are HTML-escaped: the theme puts page titles into its HTML as they are."""
    meta = {k: v for k, v in meta.items() if v is not None}
    if "title" in meta:
        meta["title"] = str(escape(meta["title"]))
    return Markup("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000) + "---\n")


def safe_url(url: str | None) -> str | None:
    """An http(s) address, or None: no javascript: or data: link from data ever gets an href."""
    if not url:
        return None
    return url if re.match(r"^https?://[^\s<>\"']+$", str(url)) else None


# --- paths -----------------------------------------------------------------------------------

def url_of(docs_path: str) -> str:
    """Site-relative URL of a docs path with directory URLs (kommuner/klepp/x.md -> kommuner/klepp/x/)."""
    stem = docs_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def link(from_path: str, to_path: str) -> str:
    """Relative .md link between two docs paths (checked by MkDocs)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def root_prefix(docs_path: str) -> str:
    """Relative URL from a page to the site root (tilbakemelding/x/ -> ../../)."""
    return "../" * url_of(docs_path).count("/")


def href(from_path: str, to_path: str) -> str:
    """Relative URL between two pages for raw HTML (MkDocs does not rewrite links in HTML)."""
    return root_prefix(from_path) + url_of(to_path)


def md_link(text: Any, from_path: str, to_path: str) -> Markup:
    """[text](relative.md), the text escaped."""
    return Markup(f"[{md_escape(text)}]({link(from_path, to_path)})")


# --- environments ------------------------------------------------------------------------------

def _globals() -> dict:
    return {"front_matter": front_matter, "link": link, "href": href, "url_of": url_of,
            "root_prefix": root_prefix, "md_link": md_link, "json_script": json_script,
            "label": vocabulary.label, "decimal": vocabulary.decimal, "month_text": vocabulary.month_text,
            "text": vocabulary.text, "phrases": vocabulary.phrases, "safe_url": safe_url}


def _filters() -> dict:
    return {"md": md_escape, "h": html_escape, "cell": md_cell, "decimal": vocabulary.decimal, "month": vocabulary.month_text,
            "json_script": json_script}


def _make(autoescape: bool, finalize=None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("veiviser", "templates"),
        autoescape=autoescape, finalize=finalize, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        auto_reload=False)   # one build reads each template once; no stat() per render
    env.globals.update(_globals())
    env.filters.update(_filters())
    return env


_HTML = _make(autoescape=True)
_MD = _make(autoescape=False, finalize=md_escape)


def render(template: str, **context: Any) -> str:
    """Render a template by name; *.html.j2 autoescaped as HTML, *.md.j2 escaped as Markdown."""
    if template.endswith(".html.j2"):
        return Markup(_HTML.get_template(template).render(**context))
    if template.endswith(".md.j2"):
        return _MD.get_template(template).render(**context)
    raise ValueError(f"{template}: templates end in .html.j2 or .md.j2")


def fragment(template: str, **context: Any) -> Markup:
    """An HTML fragment (safe to place in a Markdown template as it is)."""
    return Markup(render(template, **context))
