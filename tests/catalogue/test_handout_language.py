"""«Skriv ut liste» in the municipality's written language: Klepp writes nynorsk, so its printed
handout is in nynorsk (fixed words from vocabulary.json «phrases», texts from each entry's `nn`,
`lang="nn"` on the handout); a municipality without `written_language` keeps its bokmål handout;
an entry without a nynorsk text falls back to its bokmål text; the schemas check the new fields."""
from __future__ import annotations

import copy
import json

import pytest

from veiviser import schemas
from veiviser.catalogue import pages
from veiviser.catalogue.load import load
from veiviser.core.vocabulary import VOCABULARY

from helpers import ROOT

KLEPP_WALK_IN = ["Brukarforum", "Gnisten", "Møteplassen", "Ny Start Jæren", "Pårørandearbeid", "Turgrupper"]


@pytest.fixture(scope="module")
def real():
    return load(ROOT / "data")


def handout(page: str) -> str:
    return page[page.index('<section class="vv-handout"'):]


def by_name(cat, municipality: str, name: str) -> dict:
    return next(s for s in cat.services_in(municipality) if s["name"] == name)


def keys(tree) -> set[str]:
    """Every key path of a nested dict («route.vedtak_by»)."""
    out = set()
    for key, value in tree.items():
        out.add(key)
        if isinstance(value, dict):
            out |= {f"{key}.{sub}" for sub in keys(value)}
    return out


def test_the_handout_words_exist_in_both_languages():
    words = VOCABULARY["phrases"]
    assert keys(words["nb"]) == keys(words["nn"])
    assert words["nn"]["title"] == "Tilbod i {municipality} som pasienten kan oppsøkje utan tilvising"


def test_klepp_writes_nynorsk_with_a_checked_public_source(real):
    lang = real.municipalities["klepp"]["written_language"]
    assert lang["value"] == "nn"
    assert lang["source"]["url"].startswith("https://www.klepp.kommune.no/")
    assert lang["source"]["checked"] == "2026-11-30"
    # No other municipality is known to write nynorsk: they stay bokmål.
    others = {slug for slug, m in real.municipalities.items() if m.get("written_language", {}).get("value") == "nn"}
    assert others == {"klepp"}


def test_klepp_handout_is_in_nynorsk(real):
    page = pages.municipality_page(real, real.municipalities["klepp"])
    text = handout(page)
    assert text.startswith('<section class="vv-handout" markdown data-search-exclude lang="nn">')
    assert "<strong>Tilbod i Klepp som pasienten kan oppsøkje utan tilvising</strong>" in text
    for label in ("For kven:", "Slik kjem ein inn: Pasienten kan ta kontakt sjølv, utan tilvising.",
                  "Neste steg: ring sentralbordet til kommunen, 51 42 98 00, og spør etter tilbodet",
                  "Opplysningar frå oktober 2020", "Sida på nett:", "**Søknader og tilvisingar:** Søknader og tilvisingar frå",
                  "(kjelde: <a", "sjekka november 2026", "**Treng du hjelp no?** Medisinsk naudtelefon 113",
                  "Hjelpetelefonen til Mental Helse 116 123", "Ring fastlegen først i kontortida.",
                  "Tenesta tildeler sjølv tilbodet til brukarane sine", "Frå 25 år \\(kjelda seier «over 25 år»"):
        assert label in text, label
    for bokmal in ("For hvem", "Slik kommer man inn", "Opplysninger fra", "Siden på nett", "Trenger du hjelp nå",
                   "Søknader og henvisninger", "ikke kjent", "Ikke kjent", "kilde:", "sjekket"):
        assert bokmal not in text, bokmal
    # The six walk-in services, each with its nynorsk «what it is» and «for whom».
    for name in KLEPP_WALK_IN:
        s = by_name(real, "klepp", name)
        assert s["nn"]["description"] and s["nn"]["target_group"], name
        what = pages.first_sentence(s["nn"]["description"])
        assert f"1. **{name}**: {what}<br>" in text.replace("\\", ""), name
        assert f"For kven: {s['nn']['target_group']}" in text.replace("\\", ""), name
        assert pages.first_sentence(s["description"]) not in text.replace("\\", ""), name
    # The rest of the page stays bokmål.
    rest = page[:page.index('<section class="vv-handout"')]
    assert "## Søknader og henvisninger" in rest and "Trenger du hjelp nå?" in rest
    assert 'lang="nn"' not in rest


def test_a_bokmal_municipality_keeps_its_handout(real):
    sandnes = real.municipalities["sandnes"]
    assert "written_language" not in sandnes
    text = handout(pages.municipality_page(real, sandnes))
    assert text.startswith('<section class="vv-handout" markdown data-search-exclude>\n')
    assert "<strong>Tilbud i Sandnes som pasienten kan oppsøke uten henvisning</strong>" in text
    for label in ("Fra Veiviser. Opplysningene er hentet fra Sandnes 2021 og kan ha endret seg; sjekk med tjenesten.",
                  "For hvem:", "Slik kommer man inn: Pasienten kan ta kontakt selv, uten henvisning.",
                  "Opplysninger fra oktober 2021", "Siden på nett:", "**Søknader og henvisninger:**",
                  "**Trenger du hjelp nå?** Medisinsk nødtelefon 113", "Mental Helses hjelpetelefon 116 123",
                  "Ring fastlegen først i kontortiden."):
        assert label in text, label
    assert "Treng du" not in text and "ikkje" not in text


def test_written_language_nb_is_the_same_as_no_field(real):
    sandnes = real.municipalities["sandnes"]
    marked = {**sandnes, "written_language": {"value": "nb", "source": {"url": "https://example.invalid/", "checked": "2026-11-30"}}}
    assert pages.municipality_page(real, marked) == pages.municipality_page(real, sandnes)


def test_a_missing_nynorsk_text_falls_back_to_bokmal(real):
    cat = copy.deepcopy(real)
    gnisten = by_name(cat, "klepp", "Gnisten")
    del gnisten["nn"]
    moteplassen = by_name(cat, "klepp", "Møteplassen")
    del moteplassen["nn"]["age_note"], moteplassen["nn"]["target_group"]
    del cat.municipalities["klepp"]["front_door"]["nn"]
    text = handout(pages.municipality_page(cat, cat.municipalities["klepp"])).replace("\\", "")
    # Gnisten: bokmål «what» and «for whom», under the nynorsk labels.
    assert f"1. **Gnisten**: {pages.first_sentence(gnisten['description'])}<br>" in text
    assert f"For kven: {gnisten['target_group']}; alder: Ikkje kjend<br>" in text
    # Møteplassen: its nynorsk description, its bokmål target group and age note.
    assert "Frivilligsentralen driv eit fritidstilbod" in text
    assert f"For kven: {moteplassen['target_group']}; alder: Frå 25 år ({moteplassen['age_note']})" in text
    # The front door in bokmål, under the nynorsk label.
    assert "**Søknader og tilvisingar:** Søknader og henvisninger (tilvisinger) fra fastlege" in text
    # The other services keep their nynorsk texts.
    assert "1. **Turgrupper**: Turgrupper i regi av frivilligsentralen, opne for alle" in text


def test_help_lines_without_nynorsk_fall_back_to_bokmal(real):
    cat = copy.deepcopy(real)
    del cat.help_lines["translations"]["nn"]
    for line in cat.help_lines["lines"]:
        line.get("translations", {}).pop("nn", None)
    text = handout(pages.municipality_page(cat, cat.municipalities["klepp"]))
    assert "**Treng du hjelp no?** Medisinsk nødtelefon 113" in text
    assert "Ring fastlegen først i kontortiden." in text


def bad_written_language():
    source = {"url": "https://www.klepp.kommune.no/", "checked": "2026-11-30"}
    return [
        {"value": "nynorsk", "source": source},
        {"value": "en", "source": source},
        {"value": "nn"},
        {"value": "nn", "source": {**source, "url": "http://www.klepp.kommune.no/"}},
        {"value": "nn", "source": {**source, "checked": "november 2026"}},
        {"value": "nn", "source": source, "note": "extra"},
        "nn",
    ]


@pytest.mark.parametrize("value", bad_written_language())
def test_the_schema_refuses_a_bad_written_language(real, value):
    record = {k: v for k, v in real.municipalities["klepp"].items() if k not in ("slug", "file", "key")}
    check = schemas.validator("municipality")
    assert not list(check.iter_errors(record)), "the real Klepp record must pass"
    assert list(check.iter_errors({**record, "written_language": value}))


def test_the_schemas_check_the_nynorsk_texts(real):
    klepp = {k: v for k, v in real.municipalities["klepp"].items() if k not in ("slug", "file", "key")}
    door = klepp["front_door"]
    municipality = schemas.validator("municipality")
    assert list(municipality.iter_errors({**klepp, "front_door": {**door, "nn": {}}}))
    assert list(municipality.iter_errors({**klepp, "front_door": {**door, "nn": {"text": "x", "extra": "y"}}}))
    gnisten = {k: v for k, v in by_name(real, "klepp", "Gnisten").items() if k not in ("slug", "file", "key")}
    service = schemas.validator("service")
    assert not list(service.iter_errors(gnisten))
    assert list(service.iter_errors({**gnisten, "nn": {}}))
    assert list(service.iter_errors({**gnisten, "nn": {"name": "Gnisten"}}))
    assert list(service.iter_errors({**gnisten, "nn": {"description": "kort"}}))
    help_lines = schemas.validator("help-lines")
    assert not list(help_lines.iter_errors(real.help_lines))
    assert list(help_lines.iter_errors({**real.help_lines, "translations": {"nn": {"when": "alltid"}}}))


def test_the_handout_is_left_out_of_the_search_index(site_dir):
    """Neither the nynorsk handout nor a bokmål one reaches search (the page's own text does)."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text("utf-8"))["docs"]
    klepp = " ".join(d["text"] for d in docs if d["location"].startswith("kommuner/klepp/#") or d["location"] == "kommuner/klepp/")
    sandnes = " ".join(d["text"] for d in docs if d["location"].startswith("kommuner/sandnes/#") or d["location"] == "kommuner/sandnes/")
    assert "Tenestekontoret" in klepp and "Bustadkontoret" in klepp, "the page itself is indexed"
    for words in ("Treng du hjelp no", "Søknader og tilvisingar", "For kven", "Sida på nett", "Opplysningar frå"):
        assert words not in klepp, words
    for words in ("Siden på nett", "Slik kommer man inn: Pasienten"):
        assert words not in sandnes, words
