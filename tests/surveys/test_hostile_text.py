"""A survey definition whose every text is hostile (quotes, HTML, an onerror attribute, Jinja
syntax, a javascript: link, a Markdown attribute list) renders as literal text on every
feedback page: no script, no event attribute, no javascript: link, and the embedded JSON
cannot close its <script> element.

The definition is a local one (the folder a municipality adds beside the shipped surveys/);
the pages are turned into HTML by Python-Markdown with the site's extensions, as MkDocs does.
"""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from veiviser.surveys import definitions, forms

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ('Hun sa "hei" & det \'går\' <script>alert(1)</script> "><img src=x onerror=alert(1)> '
           '{{ 7*7 }} {% if true %}ja{% endif %} [x](javascript:alert(1)) {: onclick="alert(1)" } *uthevet*')
# The Markdown extensions of mkdocs.yml.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "def_list", "toc"]
SURVEY_ID = "fiendtlig"


def text(label: str) -> dict:
    return {lang: f"{label} ({lang}): {HOSTILE}" for lang in ("nb", "nn", "en")}


def hostile_definition() -> dict:
    return {
        "id": SURVEY_ID, "version": 1, "kind": "experience", "k": 3, "personal": True,
        "title": text("Tittel"), "intro": text("Innledning"),
        "option_sets": {"grad": [{"value": 2, "label": text("Mye")}, {"value": 1, "label": text("Lite")}]},
        "items": [
            {"id": "glider", "type": "vas", "required": True, "text": text("Glider"), "help": text("Hjelp"),
             "low": text("Lav"), "high": text("Høy")},
            {"id": "grad", "type": "rating", "options": "grad", "dont_know": True, "text": text("Grad"),
             "help": text("Hjelp")},
            {"id": "valg", "type": "choice", "text": text("Valg"),
             "options": [{"value": "en", "label": text("En")}, {"value": "to", "label": text("To")}]},
            {"id": "janei", "type": "yes_no", "text": text("Ja eller nei")},
            {"id": "lys", "type": "traffic_light", "text": text("Lys")},
            {"id": "fritekst", "type": "text", "text": text("Fritekst"), "help": text("Hjelp")},
        ],
    }


class Page(HTMLParser):
    """Every element, attribute, text and script body of an HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: dict | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = attrs
            self.scripts.append((attrs, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        else:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, tuple[dict, str, Page]]:
    """docs path -> (front matter, Markdown, parsed HTML) for every feedback page."""
    local = tmp_path_factory.mktemp("lokale-skjema")
    (local / f"{SURVEY_ID}.yaml").write_text(yaml.safe_dump(hostile_definition(), allow_unicode=True), "utf-8")
    surveys = definitions.load_all(ROOT / "surveys", local, root=ROOT)
    services = {"klepp/fiendtlig": {"municipality": "klepp", "name": f"Tjeneste {HOSTILE}"}}
    municipalities = {"klepp": {"name": f"Kommune {HOSTILE}"}}
    out = {}
    for path, page in forms.survey_pages(surveys, services, municipalities).items():
        _, front, body = page.split("---\n", 2)
        html = markdown.markdown(body, extensions=EXTENSIONS)
        out[path] = (yaml.safe_load(front), body, Page(html))
    return out


def hostile_pages(pages) -> list[str]:
    return [p for p in pages if f"/{SURVEY_ID}/" in p] + [forms.INDEX_PATH, forms.KIOSK_PATH,
                                                           forms.KIOSK_SETUP_PATH, forms.STAFF_PATH,
                                                           forms.PERSONAL_PATH]


def test_the_hostile_definition_has_form_pages_in_three_languages(pages):
    assert {forms.form_path(SURVEY_ID, lang) for lang in ("nb", "nn", "en")} <= set(pages)


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_every_text_of_the_form_shows_literally(pages, lang):
    front, _, page = pages[forms.form_path(SURVEY_ID, lang)]
    for label in ("Tittel", "Innledning", "Glider", "Hjelp", "Lav", "Høy", "Grad", "Mye", "Lite",
                  "Valg", "En", "To", "Ja eller nei", "Lys", "Fritekst"):
        assert f"{label} ({lang}): {HOSTILE}" in page.text, label
    assert "49" not in page.text and "{{ 7*7 }}" in page.text       # no template ran on the data
    assert "<" not in front["title"] and "&lt;script&gt;" in front["title"]


@pytest.mark.parametrize("path", ["index", "kiosk", "kiosk-setup", "staff", "personal"])
def test_the_other_pages_show_titles_and_names_literally(pages, path):
    docs_path = {"index": forms.INDEX_PATH, "kiosk": forms.KIOSK_PATH, "kiosk-setup": forms.KIOSK_SETUP_PATH,
                 "staff": forms.STAFF_PATH, "personal": forms.PERSONAL_PATH}[path]
    _, _, page = pages[docs_path]
    if path != "staff":     # the staff page shows definitions from its JSON only
        assert f"Tittel (nb): {HOSTILE}" in page.text
    if path == "kiosk-setup":
        assert ("optgroup", {"label": f"Kommune {HOSTILE}"}) in page.elements
        assert f"Tjeneste {HOSTILE}" in page.text


def test_no_page_gets_a_script_an_event_attribute_or_a_javascript_link(pages):
    for path in hostile_pages(pages):
        _, _, page = pages[path]
        for tag, attrs in page.elements:
            assert tag != "img", path
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "action", "formaction"):
                assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (path, tag, attrs)
        for attrs, body in page.scripts:
            assert attrs.get("type") == "application/json" or (attrs.get("src") and not body.strip()), (path, attrs)
            assert "alert" not in body or attrs.get("type") == "application/json", path


def test_embedded_definitions_cannot_close_their_script(pages):
    raw = hostile_definition()
    for lang in ("nb", "nn", "en"):
        _, body, page = pages[forms.form_path(SURVEY_ID, lang)]
        [(attrs, script)] = page.scripts[:1]
        assert attrs == {"type": "application/json", "class": "vv-definition"}
        assert "<" not in script and ">" not in script
        assert json.loads(script) == raw                      # the same definition, every character
        assert body.count("</script>") == len(page.scripts)   # none more than the page's own
    _, _, staff = pages[forms.STAFF_PATH]
    [(attrs, script)] = [s for s in staff.scripts if s[0].get("type") == "application/json"]
    assert "<" not in script and json.loads(script)[f"{SURVEY_ID}@1"] == raw
    _, _, personal = pages[forms.PERSONAL_PATH]
    embedded = [json.loads(body) for attrs, body in personal.scripts if attrs.get("type") == "application/json"]
    assert raw in embedded


def test_staff_pages_say_where_the_merged_file_goes():
    """Both staff pages say that an export holds everything so far and where the merged file goes,
    with the editors' address when the site has one (mkdocs.yml extra.veiviser.editors_email)."""
    from veiviser.surveys.definitions import load_all
    surveys = load_all(ROOT / "surveys", root=ROOT)
    plain = forms.survey_pages(surveys, {}, {})
    with_editors = forms.survey_pages(surveys, {}, {}, forms.StaffSettings(editors="redaksjon@kommune.no"))
    for path in (forms.STAFF_PATH, forms.MERGE_PATH):
        assert "surveys/exports/&lt;kommune&gt;/&lt;tjeneste&gt;/" in plain[path] or \
            "surveys/exports/<kommune>/<tjeneste>/" in plain[path]
        assert "mailto:" not in plain[path]
        assert '<a href="mailto:redaksjon@kommune.no">redaksjon@kommune.no</a>' in with_editors[path]
    assert "alt som er samlet på dette nettbrettet til nå" in plain[forms.STAFF_PATH]
    assert "aldri legg" in plain[forms.STAFF_PATH].lower() or "legg aldri sammen to filer" in plain[forms.STAFF_PATH]
