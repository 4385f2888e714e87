"""«Min fremgang» that a person can read (issue 11, item 7), and what a person sees when
Python fails (item 8), at phone and tablet size:

- dates on the x-axis, each question as well as the total, «av 40»;
- Livsområder as a traffic-light timeline (no empty chart with a «0.000000» axis);
- a print view with dates; clear empty states;
- Python failing: «Svarene dine er trygge …» and «Prøv igjen» where the person looks, no raw error.
"""
from __future__ import annotations

import pytest

from helpers import axe_violations, describe_violations, small_targets

pytestmark = pytest.mark.browser

PERSONAL = "tilbakemelding/min-fremgang/"
STAFF = "tilbakemelding/ansatte/"
BOOT_MS = 90_000
SIZES = {"phone": {"width": 390, "height": 844}, "tablet": {"width": 768, "height": 1024}}
CHECK_INS = [("2026-01-05", {"personlig": 3, "nare": 4, "sosialt": 2, "generelt": 3}),
             ("2026-02-03", {"personlig": 5, "nare": 6, "sosialt": 4, "generelt": 5}),
             ("2026-03-10", {"personlig": 7, "nare": 7, "sosialt": 6, "generelt": 8})]
LIGHTS = [("2026-01-05", "rod"), ("2026-02-03", "gul"), ("2026-03-10", "gronn")]
DOMAINS = ["rusbruk", "okonomi", "psykisk-helse", "fysisk-helse", "bolig", "sosial-fungering", "nettverk",
           "arbeid-aktivitet"]


@pytest.fixture(params=list(SIZES))
def touch(request, browser, site_url):
    context = browser.new_context(viewport=SIZES[request.param], has_touch=True, is_mobile=request.param == "phone")
    page = context.new_page()
    page.size = request.param
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def add_check_ins(page, site_url):
    """Three check-ins of each «Min fremgang» survey, a month apart, as the form stores them."""
    records = [{"survey": "slik-har-jeg-hatt-det", "version": 1, "month": d[:7], "date": d, "answers": a, "status": "queued"}
               for d, a in CHECK_INS]
    records += [{"survey": "livsomrader", "version": 1, "month": d[:7], "date": d,
                 "answers": {k: (light if k in ("bolig", "okonomi") else "gronn") for k in DOMAINS}, "status": "queued"}
                for d, light in LIGHTS]
    page.goto(site_url + PERSONAL)
    page.evaluate("async ([u, rs]) => { const s = await import(u); for (const r of rs) await s.addRecord('personal', r); }",
                  [site_url + "assets/veiviser/store.js", records])
    page.reload()
    page.wait_for_function("() => document.documentElement.dataset.vvPersonal === '6'", timeout=BOOT_MS)


def test_dates_every_question_the_total_and_av_40(touch, site_url):
    page = touch
    add_check_ins(page, site_url)
    section = page.locator(".vv-personal__survey[data-survey='slik-har-jeg-hatt-det']")
    text = section.inner_text()
    assert "3 registreringer på denne telefonen, fra 5. jan. 2026 til 10. mars 2026." in text
    assert "Samlet skår: fra 12 til 28 av 40 (endring +16)." in text
    svgs = section.locator(".vv-trajectory svg")
    svgs.nth(1).wait_for()
    assert svgs.count() == 2                                   # the total, and each question
    total, items = (svgs.nth(i).text_content() for i in (0, 1))
    for label in ("5. jan. 2026", "3. feb. 2026", "10. mars 2026"):
        assert label in total and label in items              # dates on the x-axis
    assert "Gang" not in total and "0.000000" not in total
    assert "Skår (0–40)" in total and "Svar (0–10)" in items
    for n in (1, 2, 3, 4):
        assert f"{n}. " in items                              # a line per question, in the legend
    table = section.locator(".vv-trajectory__table")
    assert table.locator("tbody tr").count() == 3
    assert table.locator("tbody th").all_text_contents() == ["5. jan. 2026", "3. feb. 2026", "10. mars 2026"]
    assert "Samlet skår (av 40)" in table.locator("thead").text_content()
    assert page.errors == []


def test_livsomrader_is_a_traffic_light_timeline(touch, site_url):
    page = touch
    add_check_ins(page, site_url)
    section = page.locator(".vv-personal__survey[data-survey='livsomrader']")
    timeline = section.locator(".vv-timeline")
    timeline.wait_for()
    assert timeline.locator("tbody tr").count() == 8
    assert timeline.locator("thead th").all_text_contents()[1:] == ["5. jan. 2026", "3. feb. 2026", "10. mars 2026"]
    bolig = timeline.locator("tbody tr").filter(has_text="Bolig").locator("td")
    assert bolig.all_text_contents() == ["Rødt", "Gult", "Grønt"]
    assert bolig.first.get_attribute("class") == "vv-light vv-light--rod"
    assert section.locator("svg").count() == 0 and "0.000000" not in section.inner_text()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert small_targets(page, 24) == []
    page.screenshot(path=f"/tmp/vv-min-fremgang-{page.size}.png", full_page=True)


def test_print_view_has_dates_and_no_forms(touch, site_url):
    page = touch
    add_check_ins(page, site_url)
    page.locator(".vv-personal__survey svg").nth(1).wait_for()
    page.emulate_media(media="print")
    printed = page.locator(".vv-personal__printed")
    assert printed.is_visible() and printed.inner_text().startswith("Skrevet ut ")
    assert page.locator("details").first.is_hidden() and page.locator(".vv-personal__actions").is_hidden()
    assert page.locator(".md-header").is_hidden()
    body = page.locator("article").inner_text()
    for label in ("5. jan. 2026", "10. mars 2026"):
        assert label in body
    page.pdf(path=f"/tmp/vv-min-fremgang-{page.size}.pdf")


def test_empty_states(touch, site_url):
    page = touch
    page.goto(site_url + PERSONAL)
    page.wait_for_function("() => document.documentElement.dataset.vvPersonal === '0'", timeout=BOOT_MS)
    empty = page.locator(".vv-empty")
    assert empty.count() == 2 and "Ingen registreringer ennå" in empty.first.text_content()
    scope = ".vv-personal__survey[data-survey='slik-har-jeg-hatt-det']"
    page.locator(f"{scope} summary", has_text="Ny registrering").tap()
    for item in ("personlig", "nare", "sosialt", "generelt"):
        page.locator(f"{scope} input[name='{item}'][value='6']").locator("xpath=..").tap()
    page.locator(f"{scope} button[type=submit]").tap()
    page.wait_for_function("() => document.documentElement.dataset.vvPersonal === '1'", timeout=BOOT_MS)
    text = page.locator(scope).inner_text()
    assert "Én registrering på denne telefonen" in text and "Utviklingen vises når du har minst to" in text
    assert "Samlet skår: 24 av 40." in text


@pytest.mark.parametrize("path", [PERSONAL, STAFF])
def test_python_failing_gives_a_plain_message_and_a_retry(browser, site_url, path):
    context = browser.new_context(viewport=SIZES["phone"], has_touch=True)
    page = context.new_page()
    page.goto(site_url + PERSONAL)
    page.evaluate("""async u => { const s = await import(u);
        await s.addRecord('personal', {survey: 'slik-har-jeg-hatt-det', version: 1, month: '2026-01', date: '2026-01-05',
                                       answers: {personlig: 3, nare: 4, sosialt: 2, generelt: 3}, status: 'queued'});
        await s.addRecord('responses', {survey: 'om-samtalen', version: 1, month: '2026-01',
                                        answers: {lyttet: 3, tema: 4, arbeidsmate: 2, samlet: 3}, status: 'queued'}); }""",
                  site_url + "assets/veiviser/store.js")
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto(site_url + path)
    alert = page.locator(".vv-trouble")
    alert.wait_for(timeout=BOOT_MS)
    text = alert.inner_text()
    assert "Svarene" in text and "trygge" in text
    assert "Failed" not in page.locator("body").inner_text() and "module" not in page.locator("body").inner_text()
    top = page.locator(".vv-personal, .vv-staff").first.bounding_box()
    assert alert.bounding_box()["y"] - top["y"] < 5                 # first in the part of the page that needs Python
    page.unroute("**/pyodide/**")
    page.get_by_role("button", name="Prøv igjen").tap()
    page.wait_for_function("() => document.documentElement.dataset.vvWorker === 'ready'", timeout=BOOT_MS)
    assert page.locator(".vv-trouble:visible").count() == 0
    context.close()
