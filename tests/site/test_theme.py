"""The fixes to Material's base.html (veiviser.site.theme) and the overrides/ partials, checked on
the markup: the strings theme.py replaces are still what Material writes, no checkbox carries
autocomplete, every label points at a control that exists, and no tabindex is empty."""
from __future__ import annotations

import re

from veiviser.site import theme

MATERIAL_PAGE = ('<body dir="ltr">\n<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
                 '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
                 '<label class="md-overlay" for="__drawer"></label>\n<p autocomplete="off">text</p>')


def test_fix_base_replaces_the_toggles_only():
    fixed = theme.fix_base(MATERIAL_PAGE)
    assert 'id="__drawer" inert aria-hidden="true">' in fixed
    assert 'id="__search" inert aria-hidden="true">' in fixed
    assert fixed.count('autocomplete="off"') == 1          # the unrelated <p> keeps it
    assert theme.fix_base(fixed) == fixed                    # a second pass changes nothing
    assert theme.fix_base("<p>no theme</p>") == "<p>no theme</p>"


def test_material_still_writes_what_theme_py_replaces():
    """Material's base.html as installed: an upgrade that changes the markup fails here."""
    import material
    from pathlib import Path
    base = (Path(material.__file__).parent / "templates" / "base.html").read_text("utf-8")
    for old in theme.REPLACEMENTS:
        assert old in base, f"Material's base.html no longer writes {old}"


def test_built_pages_have_no_invalid_theme_markup(site_dir):
    pages = sorted(site_dir.rglob("*.html"))
    checked = 0
    for page in pages:
        html = page.read_text("utf-8")
        if 'id="__drawer"' not in html:
            continue
        checked += 1
        where = page.relative_to(site_dir)
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete=', html), where
        assert not re.search(r'<[a-z][^>]*\stabindex=""', html), where
        ids = set(re.findall(r'\sid="([^"]+)"', html))
        missing = [f for f in re.findall(r'<label[^>]*\sfor="([^"]+)"', html) if f not in ids]
        assert missing == [], f"{where}: labels for missing controls {missing}"
        toggles = re.findall(r'<input class="md-(?:nav__)?toggle[^>]*>', html)
        assert toggles and all(" inert" in t for t in toggles), f"{where}: {toggles}"
    assert checked > 100
