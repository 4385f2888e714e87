"""The feedback pages' service worker (sw.js): after its set-up, a kiosk works without network,
Python included; a visit to a form on another device caches nothing (that is
tests/browser/test_kiosk.py); other pages never register it; and sw.js names this build's files."""
from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser

SURVEY = "tilbakemelding/brukerundersokelse/"


def precache(site_dir) -> tuple[str, list[str]]:
    text = (site_dir / "sw.js").read_text("utf-8")
    version = json.loads(re.search(r"self\.VV_VERSION = (.*);", text).group(1))
    files = json.loads(re.search(r"self\.VV_PRECACHE = (.*);", text).group(1))
    return version, files


def test_sw_lists_files_that_exist_and_pyodide(site_dir):
    version, files = precache(site_dir)
    assert re.fullmatch(r"[0-9a-f]{16}", version)
    assert SURVEY in files and "pyodide/pyodide.asm.wasm" in files
    assert any(f.startswith("pyodide/wheels/") and f.endswith(".whl") for f in files)
    for f in files:
        path = site_dir / f
        assert (path / "index.html").is_file() if f.endswith("/") else path.is_file(), f
    assert not any(f.startswith("kommuner/") for f in files)   # only the feedback section


def test_kiosk_form_works_offline_after_the_set_up(context, site_url):
    page = context.new_page()
    page.goto(site_url + "tilbakemelding/kiosk/oppsett/")
    page.wait_for_function("() => document.documentElement.dataset.vvKioskSetup === 'ready'")
    page.select_option("#kiosk-service", "klepp/moteplassen")
    page.check("#kiosk-survey-brukerundersokelse")
    page.fill("#kiosk-pin", "2468")
    page.fill("#kiosk-pin-again", "2468")
    page.get_by_role("button", name="Lagre oppsett").click()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null || document.documentElement.dataset.vvOffline === 'registered'",
                           timeout=120_000)
    page.goto(site_url + SURVEY)
    page.wait_for_function("() => document.documentElement.dataset.vvWorker === 'ready'", timeout=120_000)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
    context.set_offline(True)
    try:
        page.goto(site_url + SURVEY)
        page.locator("form.vv-form").wait_for()
        page.wait_for_function("() => document.documentElement.dataset.vvWorker === 'ready'", timeout=120_000)
        for item in page.locator("form.vv-form fieldset").all():
            item.locator("input[type=radio]").first.check()
        page.locator("form.vv-form button[type=submit]").click()
        page.locator(".vv-closure__title").filter(has_text="Takk").wait_for()
        page.wait_for_function("() => document.documentElement.dataset.vvQueue === '0'", timeout=60_000)
    finally:
        context.set_offline(False)


def test_other_pages_do_not_register_the_service_worker(context, site_url):
    page = context.new_page()
    page.goto(site_url + "kommuner/klepp/", wait_until="networkidle")
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
