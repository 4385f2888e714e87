"""A survey page fetches no Python before the first answer (issue 14): loaded and left alone, it
asks for nothing under pyodide/ and does not start worker.mjs; the first answer starts Python,
and the answer sent before Python was ready is stored, queued, and scored once it is.
(A kiosk tablet starts Python when the page is idle: tests/browser/test_offline.py.)"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

EXPERIENCE = "tilbakemelding/brukerundersokelse/"
BOOT_MS = 90_000


def python_requests(urls: list[str], site_url: str) -> list[str]:
    return [u for u in urls if u.startswith(site_url + "pyodide/") or u.endswith("/worker.mjs")]


def test_a_survey_page_fetches_python_only_after_the_first_answer(watched_page, site_url):
    page = watched_page
    urls: list[str] = []
    page.context.on("request", lambda r: urls.append(r.url))   # the worker's requests too
    page.goto(site_url + EXPERIENCE, wait_until="networkidle")
    page.wait_for_function("() => document.documentElement.dataset.vvForm === 'ready'")
    page.wait_for_timeout(1500)
    assert python_requests(urls, site_url) == [], "the page fetched Python before anyone answered"
    assert page.evaluate("document.documentElement.dataset.vvWorker") is None

    form = page.locator("form.vv-form")
    for fieldset in form.locator("fieldset").all():
        fieldset.locator("input[type=radio]").first.check()
    assert python_requests(urls, site_url), "the first answer did not start Python"
    form.locator("button[type=submit]").click()
    page.locator(".vv-closure__title:visible").filter(has_text="Takk").wait_for()
    page.wait_for_function("() => document.documentElement.dataset.vvQueue === '0'", timeout=BOOT_MS)
    records = page.evaluate("async (u) => (await import(u)).allRecords('responses')",
                            site_url + "assets/veiviser/store.js")
    assert len(records) == 1 and records[0]["status"] == "processed" and records[0]["valid"] is True
    assert page.watch.console_errors == [] and page.watch.page_errors == []
