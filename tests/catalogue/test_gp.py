"""What a GP in a hurry needs from the catalogue pages: the next step on every service, laws that
say whether they are current, the age and source of every fact, synonyms that are checked,
and every number or address with a source and a checked date."""
from __future__ import annotations

import re

import pytest
import yaml

from veiviser.catalogue import pages, synonyms
from veiviser.catalogue.load import load
from veiviser.catalogue.model import split_line_refs
from veiviser.problems import CatalogueError

from helpers import MUNICIPALITY, ROOT, make_catalogue, service_record

MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"


@pytest.fixture(scope="module")
def real():
    return load(ROOT / "data")


# --- loading: synonyms, help lines, repealed laws -------------------------------------------------

def write(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_a_synonym_word_twice_and_an_unknown_type_are_named(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/ok": service_record()})
    write(data / "synonyms.yaml", [{"words": ["husløs", "hjemløs"], "types": ["bolig"]},
                                   {"words": ["hjemløs"], "types": ["finnes-ikke"]}])
    with pytest.raises(CatalogueError) as caught:
        load(data)
    found = {(p.file, p.field) for p in caught.value.problems}
    assert ("data/synonyms.yaml", "[1].words[0]") in found
    assert ("data/synonyms.yaml", "[1].types[0]") in found


def test_a_synonym_file_that_breaks_its_schema_is_named(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/ok": service_record()})
    write(data / "synonyms.yaml", [{"words": ["Store Bokstaver"], "terms": ["bolig"]}])
    with pytest.raises(CatalogueError) as caught:
        load(data)
    assert [p.field for p in caught.value.problems if p.file == "data/synonyms.yaml"] == ["[0].words[0]"]


def law(**extra) -> dict:
    record = {"title": "En opphevet paragraf", "kind": "lov", "summary": "En paragraf som ikke gjelder lenger, til testen.",
              "municipality_duty": None, "gp_duty": None, "sources": [{"report": "klepp-2020", "lines": "1"}],
              "checked": "2026-11-29"}
    record.update(extra)
    return record


def test_repealed_law_must_name_an_existing_law(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/ok": service_record()})
    external = [{"title": "En offentlig kilde", "publisher": "Noen (noen.no)"}]
    write(data / "laws" / "gammel.yaml", law(status="repealed", checked_against="public_sources", external_sources=external,
                                             repealed={"date": "2023-07-01", "replaced_by": "finnes-ikke"}))
    with pytest.raises(CatalogueError) as caught:
        load(data)
    assert [(p.field, p.message) for p in caught.value.problems if p.file.endswith("gammel.yaml")] == \
        [("repealed.replaced_by", "'finnes-ikke' has no file data/laws/finnes-ikke.yaml")]


def test_the_real_catalogue_loads_help_lines_and_synonyms(real):
    assert [line["number"] for line in real.help_lines["lines"]] == ["113", "116 117", "116 123", "22 40 00 40"]
    words = synonyms.all_words(real.synonyms)
    assert {"depresjon", "husløs", "gjeld", "narkotika", "jobb"} <= set(words)
    assert real.laws["hol-3-7"]["repealed"]["replaced_by"] == "boligsosialloven"


# --- synonyms are whole words ----------------------------------------------------------------------

def test_page_words_match_whole_words_only(real):
    assert "gjeld" in synonyms.page_words(real.synonyms, "Tilbud om økonomisk rådgivning.")
    assert "gjeld" not in synonyms.page_words(real.synonyms, "Dette gjelder alle over 18 år.")
    assert "husløs" in synonyms.page_words(real.synonyms, "Ukjent tekst", ["bolig"])
    assert "husløs" not in synonyms.page_words(real.synonyms, "Boligkontoret", ["akutt"])   # «bolig» is not a word in it
    assert "nødbolig" not in synonyms.page_words(real.synonyms, "Legevakt hele døgnet", ["akutt"])   # main type is bolig


# --- line numbers move to «Kilder» ----------------------------------------------------------------------

def test_line_references_leave_the_running_text():
    text, refs = split_line_refs("Revisjonen fant mangler (Klepp 2020, linje 37, 531). Den anbefalte tiltak (linje 1296).")
    assert text == "Revisjonen fant mangler (Klepp 2020). Den anbefalte tiltak."
    assert refs == [("Klepp 2020", "37, 531"), ("Klepp 2020", "1296")]
    assert split_line_refs("Uten referanse (se over).") == ("Uten referanse (se over).", [])


def test_no_line_number_in_the_running_text_of_any_page(real):
    """Line numbers stand only in «Kilder» (and «Hvor i rapportene …»)."""
    for path, text in pages.all_pages(real, {}).items():
        body = text.split("\n## Kilder\n")[0]
        assert not re.search(r"\blinje \d", body), f"{path}: a line number in the running text"


# --- service pages: next step, titles, inferred routes ------------------------------------------------

def test_service_page_names_the_municipality_and_gives_a_next_step(real):
    page = pages.service_page(real, real.services["sandnes/rask-rushjelp"])
    assert "title: Rask rushjelp – Sandnes" in page and "# Rask rushjelp – Sandnes" in page
    section = page.split("## Slik kommer pasienten i gang")[1].split("\n## ")[0]
    assert "Pasienten kan ta kontakt selv, uten henvisning" in section
    assert "**Kontakt:** *Ikke oppgitt i kilden.*" in section
    assert "**Neste steg:**" in section
    assert re.search(r"kommunens nettside</a>, sjekket (" + MONTHS + r") \d{4}", section)
    assert 'class="vv-help-now"' in page


def test_a_front_door_service_points_to_the_municipality_s_applications(real):
    page = pages.service_page(real, real.services["asker/kommunale-utleieboliger"])
    assert "index.md#soknader-og-henvisninger" in page


def test_inferred_access_is_marked(real):
    page = pages.service_page(real, real.services["asker/ambulant-team"])
    assert "utledet av en generell regel" in page


def test_status_note_is_shown(real):
    page = pages.service_page(real, real.services["tromso/mo-senter"])
    assert "Nedlagt \\(aldri opprettet\\)" in page   # Markdown shows «Nedlagt (aldri opprettet)»


def test_unknown_public_contact_says_so(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/ok": service_record()}, {"klepp": MUNICIPALITY})
    cat = load(data)
    page = pages.service_page(cat, cat.services["klepp/ok"])
    assert "Kommunens nettside og sentralbord: *Ikke kjent*" in page


# --- municipality pages: «Hvor sender jeg …?», applications, handout ---------------------------------

def test_municipality_page_has_where_do_i_send_and_a_handout(real):
    page = pages.municipality_page(real, real.municipalities["sandnes"])
    table = page.split("## Hvor sender jeg …?")[1].split("\n## ")[0]
    for need in ("Bolig", "Rus", "Psykisk helse", "Ung 16–25", "Pårørende", "Arbeid og aktivitet", "Akutt"):
        assert f"| **{need}** |" in table
    assert "avgjøres av Samordningsenheten" in table
    assert "Legevakt <a href=\"tel:116117\">116 117</a>" in table
    assert "## Søknader og henvisninger { #soknader-og-henvisninger }" in page
    handout = page.split('<section class="vv-handout"')[1]
    assert "Rask psykisk helsehjelp" in handout and "Opplysninger fra oktober 2021" in handout
    assert "data-vv-qr" in handout and "data-search-exclude" in page.split('<section class="vv-handout"')[1][:40]


# --- law pages: current or not, checked when ---------------------------------------------------------------

def test_law_pages_say_when_they_were_checked_and_whether_they_apply(real):
    for slug, law in real.laws.items():
        page = pages.law_page(real, law)
        assert re.search(r"Sist kontrollert \d+\. (" + MONTHS + r") \d{4}", page), slug
    repealed = pages.law_page(real, real.laws["hol-3-7"])
    assert '!!! danger "Opphevet fra 1\\. juli 2023 – erstattet av boligsosialloven § 6"' in repealed
    assert "[Boligsosialloven](boligsosialloven.md)" in repealed
    assert "«Boligsosial lov trådte i kraft 01.07.23», Statsforvalteren i Innlandet" in repealed
    assert "29\\. september 2023" in repealed
    rejected = pages.law_page(real, real.laws["rusreform"])
    assert '!!! warning "Ikke vedtatt: Stortinget stemte forslaget ned 3\\. juni 2021"' in rejected
    current = pages.law_page(real, real.laws["boligsosialloven"])
    assert "I kraft fra 1\\. juli 2023" in current


def test_services_link_the_current_housing_law(real):
    users = real.services_using("laws", "boligsosialloven")
    assert {"asker/kommunale-utleieboliger", "asker/velferdsforvaltningen"} <= {s["key"] for s in users}


# --- every number or address shown has a source with a checked date ---------------------------------------

PHONE = re.compile(r"(?<![\d-])(?:\d{2} \d{2} \d{2} \d{2}|\d{3} \d{3}|11[0-9])(?![\d-])")


def test_every_phone_number_on_a_page_has_a_source_with_a_checked_date(real):
    """Phone numbers on generated pages are the help lines (sources and checked date in
    data/help-lines.yaml) or a municipality's switchboard (a public page's address and the day
    it was checked): nothing else, and never from memory."""
    sourced = {line["number"] for line in real.help_lines["lines"]}
    assert real.help_lines["checked"] and all(line["sources"] for line in real.help_lines["lines"])
    for m in real.municipalities.values():
        board = (m.get("public_contact") or {}).get("switchboard")
        if board:
            assert board["source"]["url"].startswith("https://") and board["source"]["checked"]
            sourced.add(board["value"])
    for path, text in pages.all_pages(real, {}).items():
        for link in re.findall(r'href="tel:(\d+)"', text):
            assert any(link == n.replace(" ", "") for n in sourced), f"{path}: tel:{link} has no source"
        for number in PHONE.findall(re.sub(r"<[^>]+>", " ", text)):
            if re.fullmatch(r"\d{2} \d{2} \d{2} \d{2}", number):
                assert number in sourced, f"{path}: {number} has no source with a checked date"


def test_public_contacts_cite_a_page_of_the_municipality(real):
    for m in real.municipalities.values():
        for key, fact in (m.get("public_contact") or {}).items():
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fact["source"]["checked"])
            if key == "website":
                host = fact["value"].split("/")[2]
                assert host in fact["source"]["url"] or "sagene" in m["slug"], (m["slug"], fact)
