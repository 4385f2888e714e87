"""The Content-Security-Policy of every built page (part of step 5 of the build, after MkDocs).

A policy is the browser's second wall behind the templates' escaping: should a service name or a
survey text ever carry a script past the escaping, the browser refuses to run it, and the pages
share their origin with the IndexedDB that holds raw answers. Every page gets, first in <head>
after <meta charset> (so it covers everything the page loads):

    <meta http-equiv="Content-Security-Policy" content="...">
    <meta name="referrer" content="no-referrer">

What each source is for (the same table is in docs/utviklere/drift.md):

- default-src 'self'         nothing from another origin: the site is self-hosted, no CDN.
- script-src 'self' + the sha256 hashes of the page's own inline scripts. Material writes two
                             small inline scripts on every page (the `__md_scope` set-up, which
                             differs with the page's depth, and the jump to #anchor); the hashes
                             are computed here from the built HTML, so they never drift from it.
                             No 'unsafe-inline', no 'unsafe-eval': Vega draws its charts with
                             vega-embed's `ast: true` option and the expression interpreter
                             bundled in vega-embed (npm vega-interpreter), not with `new Function`.
  + 'wasm-unsafe-eval'       only on the pages that start Python (Pyodide compiles WebAssembly):
                             pages that load one of PYTHON_SCRIPTS.
- style-src 'self'           stylesheets only; no inline style="" (the few Markdown table
                             alignments become classes, see ALIGN_CLASSES; vega-embed is told
                             `defaultStyle: false`).
- img-src 'self' data:       Material's stylesheet draws its icons from data: SVG URLs.
- connect-src 'self'         fetch() of the JSON, CSV and Pyodide files of the site itself.
- worker-src 'self'          Material's search worker, the Python worker, the service worker.
- object-src 'none', base-uri 'self', form-action 'self': no plug-ins, no <base> from an
                             injected tag, forms post nowhere but to the site.

`frame-ancestors` is ignored in a <meta> policy; the served header (SERVED_HEADER: veiviser
serve and the hosting guide's nginx configuration) sends it with the directives that do not
depend on the page. Two policies both apply, so the header holds nothing the meta policy would
have to loosen.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html as html_lib
import re

from markupsafe import Markup

from ..problems import BuildError, Problem
from ..render import render

POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
PYTHON_SOURCE = "'wasm-unsafe-eval'"
# The scripts that start the Python worker (they call store.js's getWorker()); a page that loads
# one of them runs Pyodide. tests/site/test_csp.py checks this list against docs/assets/veiviser/.
PYTHON_SCRIPTS = ("survey.js", "staff.js", "merge.js", "personal.js", "proposal.js")

# The served header: what only a header can say, plus the page-independent directives.
SERVED_HEADER_DIRECTIVES = ("object-src", "base-uri", "form-action")
REFERRER = "no-referrer"

# Markdown table alignment (python-markdown writes style="text-align: right;") becomes a class;
# veiviser.css has the rules.
ALIGN_CLASSES = {"left": "vv-align-left", "right": "vv-align-right", "center": "vv-align-center"}

CHARSET = re.compile(r'<meta charset="[^"]*">', re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SRC = re.compile(r'\ssrc="([^"]*)"', re.I)
TYPE = re.compile(r'\stype="([^"]*)"', re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.I)
OLD_META = re.compile(r'\n?<meta (http-equiv="Content-Security-Policy" content="[^"]*"|name="referrer" content="[^"]*")>',
                      re.I)
PLAIN_POLICY = re.compile(r"[A-Za-z0-9 ';:/+=.*-]+")
START_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ALIGN_STYLE = re.compile(r'\sstyle="text-align:\s*(left|right|center);?"')
CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
STYLE_ATTR = re.compile(r'\sstyle\s*=', re.I)
HANDLER_ATTR = re.compile(r"\son[a-z]+\s*=", re.I)
ANY_ATTR = re.compile(r"\s(?:style|on[a-z]+)\s*=", re.I)    # a cheap first look for either
QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')


def without_scripts(html: str) -> str:
    return SCRIPT.sub("<script></script>", html)


class PolicyError(BuildError):
    what = "Content-Security-Policy"


def header_value() -> str:
    """The Content-Security-Policy header the web server sends with every response."""
    parts = ["frame-ancestors 'none'"]
    parts += [" ".join([name, *POLICY[name]]) for name in SERVED_HEADER_DIRECTIVES]
    return "; ".join(parts)


SERVED_HEADER = header_value()


def script_hash(body: str) -> str:
    """The CSP source for an inline script: 'sha256-<base64 of the UTF-8 text's digest>'."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the page's inline scripts the browser runs (JSON data blocks are not run)."""
    out = []
    for m in SCRIPT.finditer(html):
        attrs, body = m.group(1), m.group(2)
        if SRC.search(attrs):
            continue
        kind = TYPE.search(attrs)
        if (kind.group(1).strip().lower() if kind else "") in EXECUTABLE_TYPES:
            out.append(body)
    return out


def runs_python(html: str) -> bool:
    for m in SCRIPT.finditer(html):
        src = SRC.search(m.group(1))
        if src and src.group(1).rsplit("/", 1)[-1].split("?")[0] in PYTHON_SCRIPTS:
            return True
    return False


def policy_for(html: str) -> str:
    """The page's policy text: POLICY plus its scripts' hashes (and Python's source if it runs)."""
    directives = {name: list(sources) for name, sources in POLICY.items()}
    hashes = sorted({script_hash(body) for body in inline_scripts(html)})
    directives["script-src"] += hashes
    if runs_python(html):
        directives["script-src"].append(PYTHON_SOURCE)
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def align_classes(html: str) -> str:
    """style="text-align: right;" (Markdown tables) -> class="vv-align-right"."""
    if 'style="text-align' not in html:         # most pages: no table with aligned columns
        return html
    def tag(m: re.Match) -> str:
        text = m.group(0)
        style = ALIGN_STYLE.search(text)
        if not style:
            return text
        name = ALIGN_CLASSES[style.group(1)]
        text = text[:style.start()] + text[style.end():]
        cls = CLASS_ATTR.search(text)
        if cls:
            return text[:cls.start()] + ' class="' + cls.group(1) + " " + name + '"' + text[cls.end():]
        end = -2 if text.endswith("/>") else -1
        return text[:end] + ' class="' + name + '"' + text[end:]
    return START_TAG.sub(tag, html)


def apply(html: str) -> str:
    """The page with its inline styles as classes and the two meta tags after <meta charset>.
    Pages without <meta charset> (not MkDocs pages) come back unchanged; a page that already has
    a policy gets it recomputed."""
    charset = CHARSET.search(html)
    if not charset:
        return html
    html = align_classes(html)
    html = OLD_META.sub("", html)
    charset = CHARSET.search(html)
    assert charset
    policy = policy_for(html)
    # The policy is our own data and base64 hashes; when it holds nothing but those characters the
    # template may leave its quotes as they are (&#39; eleven times a page is weight, not safety).
    if PLAIN_POLICY.fullmatch(policy):
        policy = Markup(policy)
    return html[:charset.end()] + "\n" + meta_tags(policy) + html[charset.end():]


@functools.lru_cache(maxsize=256)
def meta_tags(policy: str) -> str:
    """The two meta tags (most pages share a policy: rendered once per policy)."""
    return str(render("site/csp-meta.html.j2", policy=policy, referrer=REFERRER)).strip()


def problems(html: str, where: str = "") -> list[Problem]:
    """What in a finished page the policy would block or does not cover: no policy first in
    <head>, an inline script whose hash is not in it, style="" or on...="" attributes."""
    out = []
    head = re.search(r"<head>\s*(<meta charset=\"[^\"]*\">)\s*(<meta [^>]*>)", html, re.I)
    policy = META_CSP.fullmatch(head.group(2)) if head else None
    if not policy:
        return [Problem(where, "<head>", "mangler Content-Security-Policy rett etter <meta charset>")]
    text = html_lib.unescape(policy.group(1))
    scripts = next((d.split()[1:] for d in text.split(";") if d.split()[:1] == ["script-src"]), [])
    for body in inline_scripts(html):
        if script_hash(body) not in scripts:
            out.append(Problem(where, "<script>", "innebygd skript uten hash i script-src: " + body[:60]))
    rest = without_scripts(html)
    if not ANY_ATTR.search(rest):               # the usual page: nothing that looks like one at all
        tags = []
    else:
        tags = START_TAG.findall(rest)
    for tag in tags:
        names = QUOTED.sub('""', tag)      # attribute names only: values may say anything
        if STYLE_ATTR.search(names):
            out.append(Problem(where, "style", "style-attributt blokkeres av style-src: " + tag[:80]))
        if HANDLER_ATTR.search(names):
            out.append(Problem(where, "on…", "hendelsesattributt blokkeres av script-src: " + tag[:80]))
    if "'unsafe-eval'" in text or "'unsafe-inline'" in text:
        out.append(Problem(where, "script-src", "'unsafe-eval' og 'unsafe-inline' er ikke tillatt"))
    return out


def check(html: str, where: str = "") -> None:
    found = problems(html, where)
    if found:
        raise PolicyError(found)
