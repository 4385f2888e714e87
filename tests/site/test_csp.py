"""The Content-Security-Policy (veiviser.site.csp): the hash-and-insert step on small pages, then
a scan of every page of the built site. The browser side (no violation on any page type) is
tests/browser/test_csp.py."""
from __future__ import annotations

import re

import pytest

from veiviser.site import build, csp

from helpers import ROOT

PAGE = ('<!doctype html>\n<html lang="nb">\n<head>\n<meta charset="utf-8">\n<title>T</title>\n'
        '<script>var a=1;</script>\n<script id="__config" type="application/json">{"x": 1}</script>\n'
        '<script src="assets/x.js"></script>\n</head>\n<body>\n<table><tr><th style="text-align: right;">A</th>'
        '<td class="x" style="text-align: center">1</td></tr></table>\n{extra}</body>\n</html>\n')


def page(extra: str = "") -> str:
    return PAGE.replace("{extra}", extra)


def policy_of(html: str) -> str:
    m = csp.META_CSP.search(html)
    assert m, html
    return m.group(1)


def test_policy_goes_first_after_charset_with_the_inline_scripts_hash():
    out = csp.apply(page())
    head = out.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="')
    assert '<meta name="referrer" content="no-referrer">' in head.split("<title>")[0]
    policy = policy_of(out)
    assert "script-src 'self' " + csp.script_hash("var a=1;") + ";" in policy
    assert csp.script_hash('{"x": 1}') not in policy          # JSON data is not run: no hash
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "'wasm-unsafe-eval'" not in policy
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'",
                      "style-src 'self'", "connect-src 'self'"):
        assert directive in policy
    csp.check(out)                                             # the finished page passes
    assert csp.apply(out) == out                               # applying twice changes nothing


def test_known_hash():
    # echo -n "var a=1;" | openssl dgst -sha256 -binary | base64
    assert csp.script_hash("var a=1;") == "'sha256-gaaMFNHZyRta8zB2VHkWLMP4tMxJ+d8v3dTW7nw2r6M='"


def test_an_inline_script_without_its_hash_is_refused():
    out = csp.apply(page())
    injected = out.replace("</body>", "<script>alert(1)</script>\n</body>")
    with pytest.raises(csp.PolicyError, match="uten hash"):
        csp.check(injected)
    # a changed script is a different script: its old hash no longer covers it
    changed = out.replace("<script>var a=1;</script>", "<script>var a=2;</script>")
    with pytest.raises(csp.PolicyError, match="uten hash"):
        csp.check(changed)
    assert policy_of(csp.apply(changed)) != policy_of(out)
    assert csp.script_hash("var a=2;") in policy_of(csp.apply(changed))


def test_styles_handlers_and_a_missing_policy_are_refused():
    out = csp.apply(page())
    with pytest.raises(csp.PolicyError, match="style"):
        csp.check(out.replace("<title>", '<title style="color: red">'))
    with pytest.raises(csp.PolicyError, match="hendelsesattributt"):
        csp.check(out.replace("</body>", '<img src="x" onerror="alert(2)"></body>'))
    with pytest.raises(csp.PolicyError, match="mangler"):
        csp.check(page())
    # the words in an attribute's value are not attributes
    csp.check(out.replace("<title>", '<title data-x="a style=b onload=c">'))


def test_markdown_alignment_becomes_classes():
    out = csp.apply(page())
    assert "style=" not in out
    assert '<th class="vv-align-right">A</th>' in out
    assert '<td class="x vv-align-center">1</td>' in out
    css = (ROOT / "docs" / "assets" / "veiviser" / "veiviser.css").read_text("utf-8")
    for name in csp.ALIGN_CLASSES.values():
        assert "." + name + " {" in css


def test_python_pages_get_wasm_unsafe_eval():
    python = page('<script type="module" src="../../assets/veiviser/survey.js"></script>\n')
    assert "script-src 'self' " in policy_of(csp.apply(python))
    assert "'wasm-unsafe-eval'" in policy_of(csp.apply(python))
    other = page('<script type="module" src="../../assets/veiviser/kiosk.js"></script>\n')
    assert "'wasm-unsafe-eval'" not in policy_of(csp.apply(other))


def test_python_scripts_are_those_that_start_the_worker():
    """PYTHON_SCRIPTS lists exactly the page scripts that call getWorker() (store.js's Python)."""
    scripts = ROOT / "docs" / "assets" / "veiviser"
    starting = {p.name for p in scripts.glob("*.js") if p.name != "store.js"
                and re.search(r"\bgetWorker\(", p.read_text("utf-8"))}
    assert starting == set(csp.PYTHON_SCRIPTS)


def test_finish_html_adds_the_policy_and_refuses_nothing_it_made():
    out = build.finish_html(page())
    csp.check(out)
    assert build.finish_html("<p>not a page</p>") == "<p>not a page</p>"


def test_served_header_says_frame_ancestors_and_agrees_with_the_meta_policy():
    header = csp.SERVED_HEADER
    assert "frame-ancestors 'none'" in header
    meta = policy_of(csp.apply(page()))
    for directive in header.split("; "):
        if not directive.startswith("frame-ancestors"):
            assert directive in meta.split("; "), directive
    # nothing in the header would narrow the page's own policy (script/style/default stay out)
    assert not re.search(r"\b(default|script|style)-src\b", header)


# --- the built site -------------------------------------------------------------------------------

def test_every_built_page_carries_the_policy(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 300
    python_pages, problems = [], []
    for path in pages:
        html = path.read_text("utf-8")
        rel = path.relative_to(site_dir).as_posix()
        problems += [str(p) for p in csp.problems(html, rel)]
        policy = policy_of(html)
        if "'wasm-unsafe-eval'" in policy:
            python_pages.append(rel)
            assert csp.runs_python(html), rel
        assert re.search(r"<meta name=\"referrer\" content=\"no-referrer\">", html), rel
        assert html.count('http-equiv="Content-Security-Policy"') == 1, rel
        assert not re.search(r"\sstyle=\"", html), rel
        assert "'unsafe-eval'" not in html.split("<body", 1)[0] and "'unsafe-inline'" not in policy, rel
    assert problems == [], "\n".join(problems[:20])
    print(f"{len(pages)} pages scanned, {len(python_pages)} run Python")
    for must in ("tilbakemelding/slik-har-jeg-hatt-det/index.html", "tilbakemelding/ansatte/index.html",
                 "tilbakemelding/samle/index.html", "tilbakemelding/min-fremgang/index.html",
                 "forslag/meld-feil/index.html"):
        assert must in python_pages, must
    for never in ("index.html", "finn/index.html", "404.html", "tall/fafo/hovedmal-1/index.html"):
        assert never not in python_pages, never


def test_the_meta_tag_comes_from_the_template_and_escapes_anything_unexpected(monkeypatch):
    monkeypatch.setitem(csp.POLICY, "img-src", ["'self'", '"><script>alert(1)</script>'])
    out = csp.apply(page())
    assert "<script>alert(1)" not in out.split("<title>")[0]
    assert "&#34;&gt;&lt;script&gt;" in out or "&quot;&gt;&lt;script&gt;" in out
