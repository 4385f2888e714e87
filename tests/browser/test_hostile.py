"""Hostile data in a real build, in a real browser: a catalogue and a survey definition whose
names and texts hold quotes, an ampersand, `<script>alert(1)</script>`, an attribute break-out
with `onerror`, Jinja syntax, a `javascript:` Markdown link and Markdown emphasis.

The whole site is built from them (veiviser build --data, VEIVISER_SURVEYS, an empty
VEIVISER_EXPORTS) and four pages are opened in Chromium: the service page, the municipality
page, the hostile survey's form and the kiosk set-up. No dialog may open, no script may fail,
and the text must show literally, every character of it.
"""
from __future__ import annotations

import os
import shutil
import threading

import pytest
import yaml
from helpers import (HOSTILE, MUNICIPALITY, ROOT, build_site, hostile_survey, make_catalogue, service_record,
                     url_of)

from veiviser.site.server import make_server
from veiviser.surveys import forms

pytestmark = pytest.mark.browser

SURVEY_ID = "fiendtlig"
SLUG = "fiendtlig-tilbud"
SERVICE = f"Tjeneste {HOSTILE}"
MUNICIPALITY_NAME = f"Kommune {HOSTILE}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The site built from the hostile catalogue and survey folder, served on a free port."""
    tmp = tmp_path_factory.mktemp("hostile")
    service = service_record(name=SERVICE, description=f"Beskrivelse: {HOSTILE}", target_group=f"Gruppe {HOSTILE}",
                             hours=f"Åpent {HOSTILE}", capacity=f"Plasser {HOSTILE}",
                             conditions=f"Vilkår {HOSTILE}", owner=f"Eier {HOSTILE}")
    municipality = {**MUNICIPALITY, "name": MUNICIPALITY_NAME, "summary": f"Oppsummering: {HOSTILE}",
                    "findings": [{"text": f"Funn: {HOSTILE}", "source": {"report": "klepp-2020", "lines": "1"}}]}
    data = make_catalogue(tmp, {f"klepp/{SLUG}": service}, {"klepp": municipality})
    surveys = tmp / "surveys"
    surveys.mkdir()
    for definition in sorted((ROOT / "surveys").glob("*.yaml")):
        shutil.copy(definition, surveys / definition.name)
    (surveys / f"{SURVEY_ID}.yaml").write_text(yaml.safe_dump(hostile_survey(SURVEY_ID), allow_unicode=True), "utf-8")
    exports = tmp / "exports"
    exports.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIVISER_") or k == "VEIVISER_SHARED"}
    env.update(VEIVISER_SURVEYS=str(surveys), VEIVISER_EXPORTS=str(exports))
    site = tmp / "site"
    build_site(site, "--data", str(data), env=env)
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# page -> (docs path, texts the page shows, whether its <title> holds the hostile text)
PAGES = {
    "service": (f"kommuner/klepp/{SLUG}.md", [SERVICE, f"Beskrivelse: {HOSTILE}", MUNICIPALITY_NAME], True),
    "municipality": ("kommuner/klepp/index.md", [MUNICIPALITY_NAME, f"Oppsummering: {HOSTILE}", SERVICE], True),
    "form": (forms.form_path(SURVEY_ID), [f"Tittel (nb): {HOSTILE}", f"Glider (nb): {HOSTILE}"], True),
    "kiosk set-up": (forms.KIOSK_SETUP_PATH, [f"Tittel (nb): {HOSTILE}", SERVICE], False),
}


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_text_shows_literally_and_runs_nothing(page, hostile_site, name):
    docs_path, shown, in_title = PAGES[name]
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    response = page.goto(hostile_site + url_of(docs_path), wait_until="networkidle")
    assert response is not None and response.ok, docs_path
    page.wait_for_timeout(300)     # an onerror handler would have fired by now
    assert dialogs == [] and errors == []
    text = words(page.locator("body").inner_text())
    assert "<script>alert(1)</script>" in text
    for expected in shown:
        assert words(expected) in text, expected
    assert "49" not in text.replace("2049", "")           # {{ 7*7 }} was never evaluated
    assert page.locator("img[src='x'], [onerror], [onclick]").count() == 0
    assert page.locator("a[href^='javascript:' i]").count() == 0
    if in_title:
        assert "<script>alert(1)</script>" in page.title()
