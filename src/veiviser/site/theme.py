"""Fixes to Material's base.html that a partial override cannot reach (step 5 of the build).

base.html writes the two toggles every page has outside any block,
so they are changed here, in the built HTML, instead of by copying all of base.html into
overrides/ (the partials Veiviser overrides are listed in docs/utviklere/tilgjengelighet-tema.md):

- the #__drawer and #__search checkboxes lose autocomplete="off": the attribute is not allowed on
  checkboxes (the Nu HTML Checker reports it on every page; browsers that restored a checked
  box would at most reopen the menu after «Tilbake»);
- they get `inert` (and aria-hidden, which checkers read): veiviser.css renders them invisible instead of display:none, so the labels
  that operate them point at a rendered control; inert keeps them out of the tab order and the
  accessibility tree, and a click on a label toggles the box without moving focus to it (the
  search label's click handler has just put focus in the search field).

Material 9.8.2 writes exactly the strings below; tests/site/test_theme.py checks that a built page
still has them, so an upgrade that changes the markup is noticed.
"""
from __future__ import annotations

REPLACEMENTS = {
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" inert aria-hidden="true">',
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">':
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" inert aria-hidden="true">',
}


def fix_base(html: str) -> str:
    """The page with the changes above (pages without Material's toggles come back unchanged)."""
    for old, new in REPLACEMENTS.items():
        html = html.replace(old, new, 1)
    return html
