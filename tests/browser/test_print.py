"""«Skriv ut liste»: Chromium prints (page.pdf, print media) the finder's hits and a municipality
page as a one-page handout with, per service, what it is, for whom, how to get in, the next step
and the date of the facts, plus the page's address and a QR code of it (drawn in the browser)."""
from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

MONTH = r"(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember) \d{4}"


def printed(page, url: str) -> tuple[list[str], bytes]:
    page.goto(url, wait_until="networkidle")
    page.wait_for_selector("[data-vv-qr] svg", state="attached", timeout=10000)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(p.extract_text().split()) for p in reader.pages], pdf


def test_finder_list_prints_on_one_page_with_the_chosen_services(page, site_url, site_dir):
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    query = "?kommune=sandnes&alder=19&vei=self_referral"
    chosen = [s for s in doc["services"] if s["municipality"] == "sandnes" and "self_referral" in s["routes"]
              and s["status"] in ("active", "pilot") and (s["min_age"] is None or s["min_age"] <= 19)
              and (s["max_age"] is None or s["max_age"] >= 19)]
    assert chosen
    pages, _ = printed(page, site_url + "finn/" + query)
    assert len(pages) == 1, f"the handout takes {len(pages)} pages"
    text = pages[0]
    for s in chosen:
        assert s["name"] in text, f"{s['name']} is not printed"
    assert len(re.findall(r"Opplysninger fra " + MONTH, text)) >= len(chosen)
    for label in ("Hva:", "For hvem:", "Slik kommer man inn:", "Neste steg:"):
        assert label in text
    assert "finn/?" in text.replace(" ", "") and "kommune=sandnes" in text.replace(" ", ""), "the list's address is not printed"
    assert "116 117" in text and "113" in text
    assert "Vis treff" not in text and "Nullstill" not in text, "the form is printed"
    # The QR code is an SVG of the current address, drawn in the browser.
    assert page.locator("[data-vv-qr] svg path").count() == 1


@pytest.mark.parametrize("municipality", ["sandnes", "asker", "klepp"])
def test_municipality_page_prints_a_one_page_handout(page, site_url, site_dir, municipality):
    doc = json.loads((site_dir / "data" / "finder.json").read_text("utf-8"))
    walk_in = [s for s in doc["services"] if s["municipality"] == municipality and "self_referral" in s["routes"]
               and s["status"] in ("active", "pilot") and "samarbeidsforum" not in s["types"]]
    pages, _ = printed(page, site_url + f"kommuner/{municipality}/")
    assert len(pages) == 1, f"{municipality}: the handout takes {len(pages)} pages"
    text = pages[0]
    for s in walk_in:
        assert s["name"] in text
    # Klepp writes nynorsk: its handout is in nynorsk (the rest of its page stays bokmål).
    facts_from, applications, help_now = (("Opplysningar frå ", "Søknader og tilvisingar", "Treng du hjelp no?")
                                          if municipality == "klepp" else
                                          ("Opplysninger fra ", "Søknader og henvisninger", "Trenger du hjelp nå?"))
    assert len(re.findall(facts_from + MONTH, text)) >= len(walk_in)
    assert applications in text and help_now in text
    assert f"kommuner/{municipality}/" in text.replace(" ", ""), "the page's address is not printed"
    assert "Hvor sender jeg" not in text, "the whole page is printed, not the handout"


def test_klepp_handout_prints_in_nynorsk_on_one_page(page, site_url, tmp_path):
    pages, pdf = printed(page, site_url + "kommuner/klepp/")
    (tmp_path / "klepp.pdf").write_bytes(pdf)
    assert len(pages) == 1, f"the handout takes {len(pages)} pages"
    text = pages[0]
    for words in ("Tilbod i Klepp som pasienten kan oppsøkje utan tilvising", "For kven:", "Slik kjem ein inn:",
                  "Neste steg:", "Sida på nett:", "Søknader og tilvisingar:", "Treng du hjelp no?",
                  "Frivilligsentralen driv eit fritidstilbod", "Ring fastlegen først i kontortida."):
        assert words in text, words
    for words in ("For hvem", "Slik kommer man inn", "Trenger du hjelp nå", "Opplysninger fra"):
        assert words not in text, words
    handout = page.locator(".vv-handout")
    assert handout.get_attribute("lang") == "nn"
    assert page.locator("html").get_attribute("lang") != "nn", "only the handout is nynorsk"
    assert handout.locator("[data-vv-qr] svg").get_attribute("aria-label") == "QR-kode med adressa til sida"
