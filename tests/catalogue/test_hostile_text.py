"""Catalogue text that looks like code shows as text: a build from a catalogue whose names,
descriptions, target groups, findings and the rest contain quotes, HTML, an event-handler
attribute, `&`, Jinja syntax, Markdown emphasis and a javascript: link (helpers.HOSTILE)
succeeds, every page shows that text literally, and no page gets a script, an event handler
or a javascript: link from it.

(The browser check that no dialog opens and no script runs is in tests/browser/.)
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from veiviser.catalogue import pages
from veiviser.catalogue.load import load

from helpers import HOSTILE, MUNICIPALITY, ROOT, build_site, make_catalogue, service_record


def hostile(label: str) -> str:
    """A text that names its field (to find it on the page) and carries every hostile piece
    (helpers.HOSTILE: quotes, &, <script>, an onerror break-out, Jinja syntax, a javascript:
    link, Markdown emphasis)."""
    return label + " " + HOSTILE


# A name that also breaks hand-written YAML front matter (`title: "…"`): it starts with a
# quote and holds ": " and " #".
MUNICIPALITY_NAME = '"Klepp": kommune #1 ' + HOSTILE
SERVICE_NAME = hostile("Tjenestenavn")
LAW_TITLE = hostile("Lovtittel")
TOOL_NAME = hostile("Verktøynavn")
DISTRICT_NAME = hostile("Bydelsnavn")


def fact(label: str) -> dict:
    return {"text": hostile(label), "source": {"report": "klepp-2020", "lines": "1", "note": hostile(label + "-note")}}


def hostile_catalogue(tmp_path: Path) -> Path:
    klepp = dict(MUNICIPALITY, name=MUNICIPALITY_NAME, summary=hostile("Sammendrag"),
                 front_door=fact("Inngang"), coordination=[fact("Koordinering")], gp_notes=[fact("Fastlege")],
                 findings=[fact("Kommunefunn")], uncertain=[hostile("Kommune-usikkert")],
                 sources=[{"report": "klepp-2020", "lines": "1", "note": hostile("Kildenotat")}])
    district = dict(MUNICIPALITY, name=DISTRICT_NAME, kind="bydel", parent="klepp")
    data = make_catalogue(tmp_path, {
        "klepp/farlig": service_record(
            name=SERVICE_NAME, description=hostile("Beskrivelse"), target_group=hostile("Målgruppe"),
            other_names=[hostile("Annet navn")], owner=hostile("Eier"), hours=hostile("Åpningstid"),
            capacity=hostile("Kapasitet"), conditions=hostile("Vilkår"), age_note=hostile("Aldersnotat"),
            access=[{"route": "gp_referral", "decided_by": hostile("Henviser"), "note": hostile("Tilgangsnotat")}],
            contact={"phone": hostile("Telefon"), "address": hostile("Adresse"), "web": hostile("Nettside"),
                     "channels": hostile("Kanaler")},
            partners=[hostile("Partner")], uncertain=[hostile("Tjeneste-usikkert")], findings=[hostile("Tjenestefunn")],
            laws=["farlig-lov"], tools=["farlig-verktoy"], types=["lavterskel", "koordinering", "parorende"],
            sources=[{"report": "klepp-2020", "lines": "1108", "note": hostile("Tjenestekilde")}]),
        "klepp/apen": service_record(name=hostile("Apent tilbud"), target_group=hostile("Apen-malgruppe")),
        "klepp/planlagt": service_record(name=hostile("Planlagt tilbud"), status="planned"),
    }, municipalities={"klepp": klepp, "bydel": district})

    law = yaml.safe_load((ROOT / "data" / "laws" / "hol-3-1.yaml").read_text("utf-8"))
    law.pop("related", None)
    law.update(title=LAW_TITLE, official_name=hostile("Offisielt navn"), summary=hostile("Lovsammendrag"),
               municipality_duty=hostile("Kommuneplikt"), gp_duty=hostile("Legeplikt"),
               user_rights=hostile("Brukerrett"), seen_in_sources=[hostile("Omtalt i lovkilde")])
    (data / "laws" / "farlig-lov.yaml").write_text(yaml.safe_dump(law, allow_unicode=True), "utf-8")
    tool = {"name": TOOL_NAME, "other_names": [hostile("Verktøy-alias")], "kind": "kartlegging",
            "summary": hostile("Verktøysammendrag"), "for_whom": hostile("For hvem"), "measures": hostile("Måler"),
            "licence": hostile("Lisens"),
            "in_veiviser": hostile("I Veiviser") + " Se [kommunene](../kommuner/index.md).",
            "seen_in_sources": [hostile("Omtalt i verktøykilde")], "background_sources": [hostile("Bakgrunn")],
            "related": ["farlig-lov"], "sources": [{"report": "klepp-2020", "lines": "1"}]}
    (data / "tools" / "farlig-verktoy.yaml").write_text(yaml.safe_dump(tool, allow_unicode=True), "utf-8")
    return data


# What each page must show, as text (labels passed to hostile(), or a whole name).
SHOWN = {
    "kommuner/klepp/farlig/": [SERVICE_NAME, MUNICIPALITY_NAME] + [hostile(label) for label in (
        "Beskrivelse", "Målgruppe", "Annet navn", "Eier", "Åpningstid", "Kapasitet", "Vilkår", "Aldersnotat",
        "Henviser", "Tilgangsnotat", "Telefon", "Adresse", "Nettside", "Kanaler", "Partner",
        "Tjeneste-usikkert", "Tjenestefunn", "Tjenestekilde")] + [LAW_TITLE, TOOL_NAME],
    "kommuner/klepp/": [MUNICIPALITY_NAME, SERVICE_NAME, DISTRICT_NAME] + [hostile(label) for label in (
        "Sammendrag", "Inngang", "Inngang-note", "Koordinering", "Koordinering-note", "Fastlege", "Kommunefunn",
        "Kommunefunn-note", "Kommune-usikkert", "Kildenotat", "Målgruppe", "Henviser", "Tilgangsnotat",
        "Apent tilbud", "Apen-malgruppe", "Planlagt tilbud")],
    "kommuner/bydel/": [DISTRICT_NAME, MUNICIPALITY_NAME],
    "kommuner/": [MUNICIPALITY_NAME, DISTRICT_NAME],
    "lover/farlig-lov/": [LAW_TITLE, SERVICE_NAME, MUNICIPALITY_NAME] + [hostile(label) for label in (
        "Offisielt navn", "Lovsammendrag", "Kommuneplikt", "Legeplikt", "Brukerrett", "Omtalt i lovkilde")],
    "lover/": [LAW_TITLE],
    "verktoy/farlig-verktoy/": [TOOL_NAME, SERVICE_NAME, LAW_TITLE] + [hostile(label) for label in (
        "Verktøy-alias", "Verktøysammendrag", "For hvem", "Måler", "Lisens", "I Veiviser",
        "Omtalt i verktøykilde", "Bakgrunn")],
    "verktoy/": [TOOL_NAME],
}
TITLES = {"kommuner/klepp/farlig/": f"{SERVICE_NAME} – {MUNICIPALITY_NAME}", "kommuner/klepp/": MUNICIPALITY_NAME,
          "lover/farlig-lov/": LAW_TITLE, "verktoy/farlig-verktoy/": TOOL_NAME}


class Page(HTMLParser):
    """The text (outside scripts and styles), the <title>, and every tag with its attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.title = ""
        self.tags: list[tuple[str, dict]] = []
        self._skip = self._in_title = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._skip = tag in ("script", "style")
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._skip = self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.text.append(data)


def dangers(html: str) -> list[str]:
    """Scripts, event handlers and javascript: addresses that came from the data."""
    found = []
    if "<script>alert" in html.lower():
        found.append("a <script>alert element")
    for tag, attrs in Page(html).tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value and \
                    "".join(value.split()).lower().startswith("javascript:"):
                found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and attrs.get("src") == "x":
            found.append("<img src=x>")
    return found


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    return hostile_catalogue(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_site(hostile_data, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hostile-site") / "site"
    build_site(site, "--data", str(hostile_data))
    return site


def test_front_matter_survives_quotes_in_names(hostile_data):
    """Front matter is YAML from yaml.safe_dump: a name starting with a quote, holding ": "
    and " #", still gives the right title (HTML-escaped, as the theme puts titles in as they are)."""
    import html
    cat = load(hostile_data)
    rendered = {"municipality": pages.municipality_page(cat, cat.municipalities["klepp"]),
                "service": pages.service_page(cat, cat.services["klepp/farlig"], {}),
                "law": pages.law_page(cat, cat.laws["farlig-lov"]),
                "tool": pages.tool_page(cat, cat.tools["farlig-verktoy"])}
    expected = {"municipality": MUNICIPALITY_NAME, "service": f"{SERVICE_NAME} – {MUNICIPALITY_NAME}",
                "law": LAW_TITLE, "tool": TOOL_NAME}
    for kind, text in rendered.items():
        assert text.startswith("---\n"), kind
        meta = yaml.safe_load(text.split("---\n")[1])
        assert list(meta) == ["title"] and html.unescape(meta["title"]) == expected[kind], kind
        assert "<" not in meta["title"], f"{kind}: the title is not HTML-escaped"


@pytest.mark.parametrize("path", SHOWN)
def test_pages_show_hostile_text_literally(hostile_site, path):
    page = Page((hostile_site / path / "index.html").read_text("utf-8"))
    text = " ".join("".join(page.text).split())
    missing = [shown for shown in SHOWN[path] if shown not in text]
    assert missing == [], f"{path} does not show these literally:\n" + "\n".join(missing)
    if path in TITLES:
        assert page.title.startswith(TITLES[path] + " - "), page.title
    assert "49" not in text, f"{path}: Jinja syntax from the data was evaluated"


def test_no_page_runs_anything_from_the_data(hostile_site):
    checked = 0
    for html in sorted(hostile_site.rglob("*.html")):
        found = dangers(html.read_text("utf-8"))
        assert found == [], f"{html.relative_to(hostile_site)}: {found}"
        checked += 1
    assert checked > len(SHOWN)
    # The search shows titles and text from its index as HTML.
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    raw = [(doc["location"], key) for doc in index["docs"] for key in ("title", "text")
           if "<script" in doc[key].lower() or "<img" in doc[key].lower()]
    assert raw == [], f"raw HTML from the data in the search index: {raw}"


def test_only_site_links_in_data_become_links(hostile_site):
    """The tool's «I Veiviser» text keeps its link to a page of the site; the javascript: one
    shows as text."""
    page = Page((hostile_site / "verktoy" / "farlig-verktoy" / "index.html").read_text("utf-8"))
    hrefs = [attrs.get("href") for tag, attrs in page.tags if tag == "a"]
    assert "../../kommuner/" in hrefs
    assert "[x](javascript:alert(1))" in "".join(page.text)


def test_data_files_keep_the_text_as_it_is(hostile_site):
    """The finder's and HSDS' JSON carry the names unchanged (the scripts show them as text)."""
    finder = json.loads((hostile_site / "data" / "finder.json").read_text("utf-8"))
    assert SERVICE_NAME in [s["name"] for s in finder["services"]]
    assert MUNICIPALITY_NAME in [m["label"] for m in finder["municipalities"]]
    services = json.loads((hostile_site / "data" / "hsds" / "services.json").read_text("utf-8"))
    assert SERVICE_NAME in [s["name"] for s in services]
