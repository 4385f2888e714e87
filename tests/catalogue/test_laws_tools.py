"""Law, guideline and tool pages: every id other data relies on exists as a built page,
law pages answer the two questions a GP asks (cited lines: tests/catalogue/test_sources.py)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, axe_violations, describe_violations

DATA = ROOT / "data"

# The ids the service files of the other engineers may reference (their brief lists exactly these).
REQUIRED_LAWS = [
    "hol-3-1", "hol-3-2", "hol-3-4", "hol-3-7", "hol-3-10", "hol-6-1", "hol-7-1", "hol-7-2", "hol-7-3",
    "hol-kap-10", "pbrl-2-5", "pbrl-3-1", "sosialtjenesteloven", "forskrift-ledelse-kvalitet",
    "forskrift-habilitering-ip", "rop-retningslinje", "retningslinje-rehabilitering-ip", "retningslinje-tsb",
    "sammen-om-mestring", "pakkeforlop-psykisk-helse-rus", "opptrappingsplan-rus", "bolig-for-velferd",
    "mestre-hele-livet", "rusreform",
]
REQUIRED_TOOLS = [
    "fit", "brukerplan", "europasi", "ips", "housing-first", "fact", "recovery-college", "recovery-kafe",
    "erfaringskonsulent", "individuell-plan", "ansvarsgruppe", "lar", "recovery", "brukerundersokelse",
    "bti", "nalokson", "audit-dudit",
]
LAW_HEADINGS = ("Hva kreves av kommunen", "Hva betyr det for fastlegen")


class Headings(HTMLParser):
    """Collects the text of h1–h3 elements (MkDocs adds a ¶ permalink inside each)."""

    def __init__(self):
        super().__init__()
        self.headings: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3"):
            self._inside = True
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3"):
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.headings[-1] += data


def headings_of(page: Path) -> list[str]:
    parser = Headings()
    parser.feed(page.read_text("utf-8"))
    return [h.replace("¶", "").strip() for h in parser.headings]


def data_ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (DATA / folder).glob("*.yaml"))


@pytest.mark.parametrize("ident", REQUIRED_LAWS)
def test_required_law_has_page(site_dir, ident):
    assert (site_dir / "lover" / ident / "index.html").is_file(), f"no page lover/{ident}/ in the built site"


@pytest.mark.parametrize("ident", REQUIRED_TOOLS)
def test_required_tool_has_page(site_dir, ident):
    assert (site_dir / "verktoy" / ident / "index.html").is_file(), f"no page verktoy/{ident}/ in the built site"


@pytest.mark.parametrize("ident", data_ids("laws"))
def test_law_page_answers_municipality_and_gp(site_dir, ident):
    found = headings_of(site_dir / "lover" / ident / "index.html")
    missing = [h for h in LAW_HEADINGS if h not in found]
    assert not missing, f"lover/{ident}/ lacks heading(s) {missing}; has {found}"


def test_indexes_link_every_page(site_dir):
    for folder, kind in (("lover", "laws"), ("verktoy", "tools")):
        index = (site_dir / folder / "index.html").read_text("utf-8")
        for ident in data_ids(kind):
            assert f'href="{ident}/"' in index, f"{folder}/index.html does not link {ident}/"


def test_background_sources_are_shown_apart_from_report_citations(site_dir):
    """A tool the reports never mention must say so, under its own heading."""
    with_background = [i for i in data_ids("tools")
                       if yaml.safe_load((DATA / "tools" / f"{i}.yaml").read_text("utf-8")).get("background_sources")]
    assert with_background, "expected at least one tool with background_sources (audit-dudit)"
    for ident in with_background:
        assert "Bakgrunn utenfor rapportene" in headings_of(site_dir / "verktoy" / ident / "index.html"), ident


# The richest pages of each kind: a law with every section, a tool with the «I Veiviser» box
# and links to forms, and the one with references outside the reports.
RICH_PAGES = ["lover/forskrift-ledelse-kvalitet/", "verktoy/fit/", "verktoy/audit-dudit/"]


@pytest.mark.browser
@pytest.mark.parametrize("path", RICH_PAGES)
def test_law_and_tool_pages_are_local_and_accessible(path, watched_page, site_url):
    page = watched_page
    page.goto(site_url + path, wait_until="networkidle")
    assert page.get_attribute("html", "lang") == "nb"
    assert page.watch.foreign_requests() == [], page.watch.foreign_requests()
    assert page.watch.console_errors == [], page.watch.console_errors
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
