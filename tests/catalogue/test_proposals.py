"""The proposal pages (veiviser.catalogue.proposals): a form made from service.schema.json with one
control per field, usable as plain HTML; the links on service and municipality pages; the JSON
each service publishes for the form."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from veiviser.catalogue import pages, proposals
from veiviser.catalogue.load import load
from veiviser.core import proposal

from helpers import HOSTILE, make_catalogue, service_record


class Controls(HTMLParser):
    """Every form control (name, tag, type), every label's for=, every id, in the fragment."""

    def __init__(self, text: str):
        super().__init__()
        self.controls: list[tuple[str, str, str]] = []
        self.label_for: set[str] = set()
        self.ids: list[str] = []
        self.in_template = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if "id" in a and not self.in_template:
            self.ids.append(a["id"])
        if tag == "label" and a.get("for") and not self.in_template:
            self.label_for.add(a["for"])
        if tag in ("input", "select", "textarea") and not self.in_template and a.get("name"):
            self.controls.append((a.get("name", ""), tag, a.get("type", "")))

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1


@pytest.fixture
def cat(tmp_path):
    return load(make_catalogue(tmp_path, {"klepp/moteplassen": service_record(types=["lavterskel"]),
                                          "klepp/bolig": service_record(types=["bolig"])}))


def expected_names(fields, prefix=""):
    for f in fields:
        name = prefix + f.key
        if f.kind == "group":
            yield from expected_names(f.fields, f"{name}.0.")
        elif f.kind == "object":
            yield from expected_names(f.fields, name + ".")
        else:
            yield name


def test_the_form_has_one_control_per_field_of_the_schema(cat):
    page = proposals.pages(cat)[proposals.FORM_PATH]
    found = Controls(page)
    names = {name for name, _, _ in found.controls}
    # laws and tools: this catalogue has none, so there is nothing to tick
    assert names == set(expected_names(proposal.fields())) - {"laws", "tools"}
    assert "Lover og retningslinjer tilbudet følger" not in page
    kinds = {name: (tag, kind) for name, tag, kind in found.controls}
    assert kinds["name"] == ("input", "text") and kinds["description"] == ("textarea", "")
    assert kinds["min_age"] == ("input", "text") and 'inputmode="numeric" id="f-min_age"' in page
    assert kinds["status"] == ("input", "radio") and kinds["types"] == ("input", "checkbox")
    assert kinds["access.0.route"] == ("select", "") and kinds["access.0.inferred"] == ("input", "checkbox")
    assert kinds["sources.0.report"] == ("select", "") and kinds["findings"] == ("textarea", "")
    assert kinds["verified.date"] == ("input", "date")
    # taxonomy as checkboxes, every type once
    assert sum(1 for name, _, _ in found.controls if name == "types") == len(cat.taxonomy)
    # every id once; every label points at a control that exists
    assert len(found.ids) == len(set(found.ids))
    assert found.label_for <= set(found.ids)


def test_the_plain_form_works_before_any_script(cat):
    page = proposals.pages(cat)[proposals.FORM_PATH]
    assert '<form class="vv-form vv-proposal__form" novalidate' in page
    assert 'value="kommune" id="f-provider_kind--1" checked' in page        # the schema's default
    assert '<button type="submit" class="vv-button vv-button--primary" disabled>Lag filen</button>' in page
    assert "<noscript>" in page and "method=" not in page and "action=" not in page   # nothing is sent
    # a repeatable group: one item in the page, the rest from a template the script copies
    assert page.count('<fieldset class="vv-group__item" data-index="0">') == 2
    assert page.count('data-index="__i__"') == 2
    assert 'class="vv-button vv-group__add" hidden' in page


def test_labels_and_help_are_plain_bokmal_from_one_file(cat):
    page = proposals.pages(cat)[proposals.FORM_PATH]
    for path, texts in proposal.FORM["fields"].items():
        if path in ("laws", "tools"):   # none in this catalogue
            continue
        assert texts["label"] in page, path
        if "help" in texts:
            assert texts["help"].replace("«", "«") in page, path


def test_editor_settings_reach_the_pages(cat):
    made = proposals.pages(cat, "red@veiviser.example.org", "https://git.example.org/edit/main/{path}")
    assert 'data-email="red@veiviser.example.org" data-edit-url="https://git.example.org/edit/main/{path}"' in \
        made[proposals.FORM_PATH]
    assert 'href="mailto:red@veiviser.example.org"' in made[proposals.REPORT_PATH]
    assert "Åpne filen i nettredigereren" in made[proposals.VERIFY_PATH]
    plain = proposals.pages(cat)
    assert "mailto:" not in plain[proposals.FORM_PATH] and "nettredigereren" not in plain[proposals.FORM_PATH]


def test_verify_and_report_pages(cat):
    made = proposals.pages(cat)
    names = {name for name, _, _ in Controls(made[proposals.VERIFY_PATH]).controls}
    assert names == {"verified.date", "verified.by", "verified.how", "verified.note"}
    names = {name for name, _, _ in Controls(made[proposals.REPORT_PATH]).controls}
    assert names == {"problem", "suggestion", "reporter"}


def test_service_and_municipality_pages_link_the_forms(cat):
    page = pages.service_page(cat, cat.services["klepp/moteplassen"])
    assert '<a href="../../../forslag/?tjeneste=klepp/moteplassen">Foreslå endring</a>' in page
    assert '<a href="../../../forslag/bekreft/?tjeneste=klepp/moteplassen">Bekreft at dette stemmer</a>' in page
    assert '<a href="../../../forslag/meld-feil/?tjeneste=klepp/moteplassen">Meld feil</a>' in page
    page = pages.municipality_page(cat, cat.municipalities["klepp"])
    assert '<a href="../../forslag/?kommune=klepp">Foreslå nytt tilbud</a> i Klepp kommune' in page


def test_each_service_publishes_its_entry_and_file(cat, tmp_path):
    proposals.publish(cat, tmp_path / "site")
    data = json.loads((tmp_path / "site" / "data/katalog/tjenester/klepp/moteplassen.json").read_text("utf-8"))
    assert data["key"] == "klepp/moteplassen" and data["file"] == "data/services/klepp/moteplassen.yaml"
    assert data["page"] == "kommuner/klepp/moteplassen/" and data["municipality_name"] == "Klepp kommune"
    assert data["text"] == (cat.root / "services/klepp/moteplassen.yaml").read_text("utf-8")
    assert "slug" not in data["entry"] and "file" not in data["entry"] and "key" not in data["entry"]
    assert data["entry"]["types"] == ["lavterskel"]


def test_catalogue_text_in_the_form_is_escaped(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/hostile": service_record()})
    taxonomy = (data / "taxonomy.yaml").read_text("utf-8")
    (data / "taxonomy.yaml").write_text(taxonomy.replace('label: "Lavterskeltilbud"',
                                                         "label: " + json.dumps(HOSTILE), 1), "utf-8")
    made = proposals.pages(load(data))[proposals.FORM_PATH]
    assert "<script>alert(1)</script>" not in made and "<img src=x" not in made
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in made


def test_needed_marks(cat):
    made = proposals.pages(cat)
    form = made[proposals.FORM_PATH]
    assert 'for="f-name">Navn <span class="vv-required">(må fylles ut)</span>' in form
    assert 'for="f-owner">Eier eller ansvarlig enhet</label>' in form           # empty means «not known»
    assert 'for="f-verified-by">Bekreftet av</label>' in form                    # only if the group is used
    assert 'for="f-verified-by">Bekreftet av <span class="vv-required">(må fylles ut)</span>' in \
        made[proposals.VERIFY_PATH]
    assert 'for="f-verified-note">Merknad</label>' in made[proposals.VERIFY_PATH]
