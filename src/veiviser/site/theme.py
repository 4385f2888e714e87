"""Fixes to Material's base.html that a partial override cannot reach (step 5 of the build).

base.html writes the two toggles every page has outside any block,
so they are changed here, in the built HTML, instead of by copying all of base.html into
overrides/ (the partials Veiviser overrides are listed in docs/utviklere/tilgjengelighet-tema.md):

- the #__drawer and #__search checkboxes lose autocomplete="off": the attribute is not allowed on
  checkboxes (the Nu HTML Checker reports it on every page; browsers that restored a checked
  box would at most reopen the menu after «Tilbake»);
- they get aria-hidden="true" and tabindex="-1": only their labels operate them, and veiviser.css
  renders them invisible instead of display:none, so those labels point at a rendered control.

Material 9.8.2 writes exactly the strings below; tests/site/test_theme.py checks that a built page
still has them, so an upgrade that changes the markup is noticed.
"""
from __future__ import annotations

REPLACEMENTS = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" aria-hidden="true" tabindex="-1">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" aria-hidden="true" tabindex="-1">',
}


def fix_base(html: str) -> str:
    """The page with the changes above (pages without Material's toggles come back unchanged)."""
    for old, new in REPLACEMENTS.items():
        html = html.replace(old, new, 1)
    return html
