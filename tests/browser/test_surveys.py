"""Feedback forms in the browser: storage before «Takk», the queue, kiosk, staff export,
«Min fremgang», no foreign requests and zero axe violations.

Pyodide takes several seconds to boot in the worker: tests wait on <html data-vv-worker>
("ready" / "failed") and <html data-vv-queue> (queued records left), never on a sleep.
"""
from __future__ import annotations

import json

import jsonschema
import pytest

from helpers import axe_violations, describe_violations

pytestmark = pytest.mark.browser

FORM = "tilbakemelding/slik-har-jeg-hatt-det/"      # four required vas items, a sum scale
EXPERIENCE = "tilbakemelding/brukerundersokelse/"   # ratings and a free-text item, k = 10
BOOT_MS = 90_000


def stored(page, site_url, store="responses") -> list[dict]:
    return page.evaluate("async ([u, s]) => (await import(u)).allRecords(s)",
                         [site_url + "assets/veiviser/store.js", store])


def wait_worker(page, state="ready"):
    """A form page starts Python on the first answer (survey.js): if it has not started yet,
    begin answering (focus the first control), as the next respondent would."""
    if page.evaluate("() => !document.documentElement.dataset.vvWorker && !!document.querySelector('form.vv-form')"):
        page.locator("form.vv-form :is(input, textarea)").first.focus()
    page.wait_for_function(f"() => document.documentElement.dataset.vvWorker === '{state}'", timeout=BOOT_MS)


def wait_queue_empty(page):
    page.wait_for_function("() => document.documentElement.dataset.vvQueue === '0'", timeout=BOOT_MS)


def definition(page, scope="") -> dict:
    return json.loads(page.locator(f"{scope} .vv-definition").first.text_content())


def fill_required(page, scope="", comment: str | None = None, step: int = 1):
    """Answer every item of the form in scope that is not free text (enough for any
    min_answered): 0–10 items with `step`, the others with their first answer."""
    d = definition(page, scope)
    form = page.locator(f"{scope} form.vv-form")
    for item in d["items"]:
        if item["type"] == "vas":
            form.locator(f'input[name="{item["id"]}"][value="{step}"]').check()
        elif item["type"] == "text":
            if comment:
                form.locator(f'textarea[name="{item["id"]}"]').fill(comment)
        else:
            form.locator(f'input[name="{item["id"]}"]').first.check()
    return d


def submit_and_wait_for_thanks(page, scope=""):
    """«Send inn», then the closure screen (over the page, or in «Min fremgang» in the page)."""
    page.locator(f"{scope} button[type=submit]").click()
    page.locator(".vv-closure__title:visible").filter(has_text="Takk").wait_for()


def close_closure(page):
    """«Tilbake til start nå» on the closure screen: outside a kiosk, an empty form again."""
    page.get_by_role("button", name="Tilbake til start nå").click()
    page.locator("form.vv-form").wait_for()


def assert_local(page):
    assert page.watch.foreign_requests() == [], page.watch.foreign_requests()


# --- the form -------------------------------------------------------------------------------

def test_form_keyboard_only_to_takk(watched_page, site_url):
    page = watched_page
    page.goto(site_url + FORM)
    d = definition(page)
    # Tab from the top of the page until the first control of the form has focus.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('form.vv-form') !== null"):
            break
    else:
        pytest.fail("the form could not be reached with Tab")
    expected = {}
    for item in d["items"]:
        name = page.evaluate("document.activeElement.name")
        assert name == item["id"], f"focus order: expected {item['id']}, got {name}"
        if item["type"] == "vas":                   # eleven buttons: arrow keys choose
            for _ in range(3):
                page.keyboard.press("ArrowRight")   # nothing chosen -> 1 -> 2 -> 3
            expected[item["id"]] = 3
            assert page.evaluate("document.activeElement.checked && document.activeElement.value") == "3"
        elif item["type"] == "text":
            page.keyboard.type("Mer tid")
            expected[item["id"]] = "Mer tid"
        else:
            page.keyboard.press("Space")
            expected[item["id"]] = page.evaluate("document.activeElement.value")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Send inn"
    page.keyboard.press("Enter")
    page.get_by_role("dialog").filter(has_text="Takk").wait_for()
    records = stored(page, site_url)
    assert len(records) == 1
    assert records[0]["answers"] == expected
    assert records[0]["survey"] == d["id"] and records[0]["version"] == d["version"]
    assert set(records[0]) >= {"survey", "version", "month", "answers"} and len(records[0]["month"]) == 7
    # The closure screen has focus; «Tilbake til start nå» gives an empty form.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Tilbake til start nå"
    page.keyboard.press("Enter")
    assert page.locator("form.vv-form").is_visible()
    assert page.locator("textarea, input[type=radio]:checked").evaluate_all(
        "els => els.filter(e => e.type === 'radio' || e.value).length") == 0
    wait_worker(page)
    wait_queue_empty(page)
    assert stored(page, site_url)[0]["status"] == "processed"
    assert_local(page)


def test_reload_right_after_submit_loses_nothing(watched_page, site_url):
    page = watched_page
    page.goto(site_url + FORM)
    fill_required(page)
    submit_and_wait_for_thanks(page)
    page.reload()
    assert len(stored(page, site_url)) == 1
    wait_worker(page)
    wait_queue_empty(page)
    assert [r["status"] for r in stored(page, site_url)] == ["processed"]
    assert_local(page)


def test_closing_the_tab_loses_nothing(context, site_url):
    page = context.new_page()
    page.goto(site_url + FORM)
    fill_required(page)
    submit_and_wait_for_thanks(page)
    page.close()
    again = context.new_page()
    again.goto(site_url + FORM)
    assert len(stored(again, site_url)) == 1
    wait_worker(again)
    wait_queue_empty(again)
    assert [r["status"] for r in stored(again, site_url)] == ["processed"]


def test_offline_after_load_loses_nothing(context, site_url):
    page = context.new_page()
    page.goto(site_url + FORM)
    context.set_offline(True)
    fill_required(page)
    submit_and_wait_for_thanks(page)
    assert len(stored(page, site_url)) == 1
    context.set_offline(False)
    page.reload()
    wait_worker(page)
    wait_queue_empty(page)
    assert [r["status"] for r in stored(page, site_url)] == ["processed"]


@pytest.mark.parametrize("blocked", ["**/pyodide/**", "**/worker.mjs"])
def test_worker_failing_keeps_the_record_queued(context, site_url, blocked):
    page = context.new_page()
    page.route(blocked, lambda route: route.abort())
    page.goto(site_url + FORM)
    fill_required(page)
    submit_and_wait_for_thanks(page)          # the form never waits for Python
    wait_worker(page, "failed")
    assert [r["status"] for r in stored(page, site_url)] == ["queued"]
    page.close()
    again = context.new_page()                # the next normal load processes it
    again.goto(site_url + FORM)
    wait_worker(again)
    wait_queue_empty(again)
    assert [r["status"] for r in stored(again, site_url)] == ["processed"]


# --- kiosk: tests/browser/test_kiosk.py ---------------------------------------------------------

# --- staff page -----------------------------------------------------------------------------

def test_staff_export_after_k_responses_validates(watched_page, site_url):
    page = watched_page
    page.goto(site_url + EXPERIENCE)
    k = definition(page)["k"]
    for n in range(k + 2):
        # every item: a response must answer enough of the form to count (core's min_answered)
        fill_required(page, comment=f"Kommentar {n}", step=n % 4)
        submit_and_wait_for_thanks(page)
        close_closure(page)
    page.goto(site_url + "tilbakemelding/ansatte/")
    page.wait_for_function("() => document.documentElement.dataset.vvStaff === 'ready'", timeout=BOOT_MS)
    section = page.locator(".vv-staff__survey").first
    assert section.get_attribute("data-released") == str(k)
    assert section.get_attribute("data-waiting") == "2"
    assert "Venter på neste fulle pulje: 2" in section.text_content()
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned eksportfil").click()
    doc = json.loads(open(info.value.path(), encoding="utf-8").read())
    schema = page.evaluate("async u => (await fetch(u)).json()", site_url + "data/schemas/aggregate.schema.json")
    jsonschema.validate(doc, schema)
    assert doc["n"] == k and doc["survey"]["id"] == "brukerundersokelse"
    assert "Kommentar" not in json.dumps(doc, ensure_ascii=False)     # free text never in the aggregate
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned kommentarer").click()
    comments = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert len(comments["comments"]) == k
    # Every chart has a table beside it, and the charts are drawn by the site's own vega-embed.
    page.locator(".vv-chart__canvas svg").first.wait_for()
    assert page.locator(".vv-chart").count() == page.locator(".vv-chart table").count() > 0
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert_local(page)


# --- «Min fremgang» ---------------------------------------------------------------------------

def test_personal_trajectory_and_delete(watched_page, site_url):
    page = watched_page
    page.goto(site_url + "tilbakemelding/min-fremgang/")
    scope = ".vv-personal__survey[data-survey='slik-har-jeg-hatt-det']"
    for step in (1, 3):
        page.locator(f"{scope} summary", has_text="Ny registrering").click()
        fill_required(page, scope, step=step)
        submit_and_wait_for_thanks(page, scope)
        page.locator(f"{scope} .vv-again__button").click()
        page.locator(f"{scope} summary", has_text="Ny registrering").click()
    page.wait_for_function("() => document.documentElement.dataset.vvPersonal === '2'", timeout=BOOT_MS)
    table = page.locator(f"{scope} .vv-trajectory__table")
    table.wait_for()
    assert table.locator("tbody tr").count() == 2
    scores = table.locator("tbody tr td:first-of-type").all_text_contents()     # the total, after the date
    assert int(scores[1]) - int(scores[0]) == 4 * (3 - 1)   # four vas items, two more steps each
    page.locator(f"{scope} .vv-trajectory svg").first.wait_for()
    assert stored(page, site_url, "responses") == []         # nothing reaches the service's figures
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.get_by_role("button", name="Slett alt").click()
    page.get_by_role("button", name="Ja, slett alt").click()
    page.get_by_role("status").filter(has_text="slettet").wait_for()
    assert stored(page, site_url, "personal") == []
    page.reload()
    page.wait_for_function("() => document.documentElement.dataset.vvPersonal === '0'", timeout=BOOT_MS)
    assert page.locator(f"{scope} .vv-trajectory__table").count() == 0
    assert_local(page)


# --- every page: local and accessible --------------------------------------------------------

PAGES = {
    "landing": "tilbakemelding/",
    "form": FORM,
    "form nynorsk": FORM + "nn/",
    "experience form": EXPERIENCE,
    "kiosk": "tilbakemelding/kiosk/",
    "kiosk set-up": "tilbakemelding/kiosk/oppsett/",
    "staff": "tilbakemelding/ansatte/",
    "merge": "tilbakemelding/samle/",
    "personal": "tilbakemelding/min-fremgang/",
}


@pytest.mark.parametrize("kind", PAGES)
def test_feedback_page_is_local_and_accessible(kind, watched_page, site_url):
    page = watched_page
    page.goto(site_url + PAGES[kind])
    if page.locator(".vv-page, .vv-staff, .vv-merge").count():
        wait_worker(page)                   # the worker's requests count as this page's too
    else:
        page.wait_for_load_state("networkidle")
    assert page.watch.page_errors == [], page.watch.page_errors
    assert page.watch.console_errors == [], page.watch.console_errors
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert_local(page)


def test_survey_index_lists_every_form(watched_page, site_url):
    page = watched_page
    index = page.goto(site_url + "data/surveys/index.json").json()
    assert index, "no surveys published"
    for entry in index:
        assert set(entry) >= {"id", "version", "title", "form_url", "staff_url", "definition_url",
                              "schema_url", "aggregate_schema_url"}
        for key in ("form_url", "definition_url", "schema_url", "aggregate_schema_url"):
            assert page.request.get(site_url + entry[key]).ok, f"{entry['id']}: {key} {entry[key]} is missing"


def test_other_pages_load_neither_pyodide_nor_vega(watched_page, site_url):
    page = watched_page
    for path in ("", "finn/", "tilbakemelding/", "tilbakemelding/kiosk/"):
        page.watch.requests.clear()
        page.goto(site_url + path, wait_until="networkidle")
        # the small QR code module (assets/vendor/qrcode.mjs) is the print lists' own; vega is not
        loaded = [u for u in page.watch.requests if "/pyodide/" in u or "/assets/vendor/vega" in u or "worker.mjs" in u]
        assert loaded == [], f"{path or 'home'} loads {loaded}"
