"""The tablet protects the next person (issue 11), tried by touch on a phone (390×844) and a
tablet (768×1024), and by keyboard:

- kiosk lock-down: no other page, no menu, no «Min fremgang»; set-up, turning off, the staff
  page and its exports behind a PIN kept only as a salted hash; five wrong PINs lock it;
- no empty or accidental answers: refused with a message next to «Send inn», the
  nine-blank-answers attack fails, a double tap stores one;
- closure: «Takk! Du er ferdig – gi nettbrettet tilbake», nothing of the answers, back to the
  start; the help box on every form and prominent after a low check-in, nothing stored;
- honest on one's own device; storage: private browsing, an IndexedDB upgrade keeps records,
  the runtime cached only on kiosks and by «Min fremgang»;
- axe (WCAG 2.1 A/AA) and a target-size check of every interactive element at both sizes.
"""
from __future__ import annotations

import json
import re

import pytest

from helpers import axe_violations, describe_violations, small_targets

pytestmark = pytest.mark.browser

PIN = "2468"
BOOT_MS = 90_000
KIOSK = "tilbakemelding/kiosk/"
SETUP = "tilbakemelding/kiosk/oppsett/"
STAFF = "tilbakemelding/ansatte/"
PERSONAL = "tilbakemelding/min-fremgang/"
EXPERIENCE = "tilbakemelding/brukerundersokelse/"
CHECK_IN = "tilbakemelding/slik-har-jeg-hatt-det/"
SIZES = {"phone": {"width": 390, "height": 844}, "tablet": {"width": 768, "height": 1024}}


@pytest.fixture(params=list(SIZES))
def touch(request, browser, site_url):
    """A fresh touch device (its own storage) at phone or tablet size."""
    context = browser.new_context(viewport=SIZES[request.param], has_touch=True,
                                  is_mobile=request.param == "phone")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    page.size = request.param
    yield page
    context.close()


@pytest.fixture
def tablet(browser, site_url):
    context = browser.new_context(viewport=SIZES["tablet"], has_touch=True)
    page = context.new_page()
    yield page
    context.close()


# --- helpers -----------------------------------------------------------------------------------

def stored(page, site_url, store="responses") -> list[dict]:
    return page.evaluate("async ([u, s]) => (await import(u)).allRecords(s)",
                         [site_url + "assets/veiviser/store.js", store])


def setting(page, site_url, name):
    return page.evaluate("async ([u, n]) => (await import(u)).getSetting(n)",
                         [site_url + "assets/veiviser/store.js", name])


def set_up_kiosk(page, site_url, surveys=("brukerundersokelse",), pin=PIN, idle=None,
                 service="klepp/moteplassen"):
    page.goto(site_url + SETUP)
    page.wait_for_function("() => document.documentElement.dataset.vvKioskSetup === 'ready'")
    page.select_option("#kiosk-service", service)
    for survey in surveys:
        page.check(f"#kiosk-survey-{survey}")
    if idle:
        page.fill("#kiosk-idle", str(idle))
    page.fill("#kiosk-pin", pin)
    page.fill("#kiosk-pin-again", pin)
    page.get_by_role("button", name="Lagre oppsett").tap()
    page.locator(".vv-kiosk-setup__status").filter(has_text="Kioskmodus er slått på").wait_for()


def open_form(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_function("() => document.documentElement.dataset.vvForm === 'ready'")


def definition(page, scope="") -> dict:
    return json.loads(page.locator(f"{scope} .vv-definition").first.text_content())


def tap_answer(page, item_id, value, scope=""):
    """Tap the answer as a finger would: on its button (the label the radio button fills)."""
    page.locator(f"{scope} form.vv-form input[name='{item_id}'][value='{value}']").locator("xpath=..").tap()


def answer_all(page, scope="", value=None, comment=None):
    """Answer every item (vas: value or 7; ratings: the first answer; text: comment)."""
    d = definition(page, scope)
    for item in d["items"]:
        if item["type"] == "text":
            if comment:
                page.locator(f"{scope} textarea[name='{item['id']}']").fill(comment)
        elif item["type"] == "vas":
            tap_answer(page, item["id"], 7 if value is None else value, scope)
        else:
            first = page.locator(f"{scope} form.vv-form input[name='{item['id']}']").first
            first.locator("xpath=..").tap()
    return d


def send(page, scope=""):
    page.locator(f"{scope} button[type=submit]").tap()


def closure(page):
    return page.locator(".vv-closure:not(.vv-closure--inline)")


def assert_nothing_left(page):
    """The form went back to the kiosk start in place of itself: «back» shows no earlier answer."""
    page.go_back()
    page.wait_for_load_state()
    assert page.locator("input:checked").count() == 0
    assert all(not t for t in page.locator("textarea").evaluate_all("els => els.map(t => t.value)"))


def unlock(page, pin=PIN):
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    page.locator(".vv-pin input").fill(pin)
    page.locator(".vv-pin").get_by_role("button", name="Lås opp").tap()


# --- 1. kiosk lock-down -------------------------------------------------------------------------

OTHER_PAGES = ["", "finn/", "kommuner/", "tall/", "om/", "tilbakemelding/", PERSONAL, "tilbakemelding/om-samtalen/",
               "utviklere/arkitektur/"]


def test_kiosk_reaches_no_other_page(touch, site_url):
    page = touch
    set_up_kiosk(page, site_url, surveys=("brukerundersokelse", "slik-har-jeg-hatt-det"))
    for path in OTHER_PAGES:
        page.goto(site_url + path)
        page.wait_for_url(site_url + KIOSK)
        assert page.evaluate("document.documentElement.dataset.vvKiosk") == "on", path
    page.wait_for_function("() => document.documentElement.dataset.vvKioskStart === 'ready'")
    # The start shows the service and its municipality, not the key.
    service = page.locator(".vv-kiosk__service")
    assert service.is_visible() and "Møteplassen" in service.text_content() and "Klepp" in service.text_content()
    assert "klepp/moteplassen" not in page.locator("article").text_content()
    # No header, tabs, search, navigation or footer, on the start and on a form.
    for path in (KIOSK, EXPERIENCE, EXPERIENCE + "nn/"):
        page.goto(site_url + path)
        assert page.url == site_url + path
        for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-search", ".md-top"):
            assert not page.locator(chrome).first.is_visible(), (path, chrome)
    # Every link on the kiosk's pages leads to a kiosk page (or a phone number).
    for path in (KIOSK, EXPERIENCE, CHECK_IN):
        page.goto(site_url + path)
        hrefs = page.locator("a[href]:visible").evaluate_all("els => els.map(a => a.href)")
        for href in hrefs:
            assert href.startswith("tel:") or href.split("#")[0] in {
                site_url + p for p in (KIOSK, SETUP, STAFF, EXPERIENCE, EXPERIENCE + "nn/", EXPERIENCE + "en/",
                                       CHECK_IN, CHECK_IN + "nn/", CHECK_IN + "en/")}, (path, href)
    # Back from the start never leaves the kiosk either.
    page.goto(site_url + KIOSK)
    page.go_back()
    assert page.url.startswith(site_url + "tilbakemelding/")
    assert page.url in {site_url + p for p in (KIOSK, SETUP, CHECK_IN + "en/", CHECK_IN + "nn/", CHECK_IN, EXPERIENCE,
                                               EXPERIENCE + "nn/", EXPERIENCE + "en/")}
    assert page.errors == []


def test_kiosk_by_keyboard_reaches_only_the_kiosk(tablet, site_url):
    page = tablet
    set_up_kiosk(page, site_url)
    page.goto(site_url + KIOSK)
    page.wait_for_function("() => document.documentElement.dataset.vvKioskStart === 'ready'")
    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.href || document.activeElement.tagName"))
    links = {s for s in seen if s.startswith("http")}
    assert links <= {site_url + EXPERIENCE, site_url + SETUP}, links
    # Material's keyboard shortcuts (search, next page) lead nowhere.
    for key in ("s", "/", "n", "."):
        page.keyboard.press(key)
        assert page.url == site_url + KIOSK
    # The survey by keyboard: Enter on its link.
    page.locator(".vv-kiosk__list a[href$='brukerundersokelse/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + EXPERIENCE)


def test_min_fremgang_is_never_shown_on_a_kiosk(tablet, site_url):
    page = tablet
    # The tablet was once used as a personal phone: a check-in is stored.
    open_form(page, site_url, PERSONAL)
    scope = ".vv-personal__survey[data-survey='slik-har-jeg-hatt-det']"
    page.locator(f"{scope} summary", has_text="Ny registrering").tap()
    answer_all(page, scope, value=3)
    send(page, scope)
    page.locator(f"{scope} .vv-closure__title").wait_for()
    assert len(stored(page, site_url, "personal")) == 1
    set_up_kiosk(page, site_url)
    page.goto(site_url + PERSONAL)
    page.wait_for_url(site_url + KIOSK)
    assert page.locator(".vv-trajectory").count() == 0
    assert "Registreringer" not in page.content()


# --- the PIN ---------------------------------------------------------------------------------

def test_a_service_user_at_the_pin_gets_back_to_the_start(touch, site_url):
    page = touch
    set_up_kiosk(page, site_url, idle=3)
    page.goto(site_url + KIOSK)
    page.get_by_role("link", name="For ansatte").tap()
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    page.get_by_role("link", name="Tilbake til start").tap()
    page.wait_for_url(site_url + KIOSK)
    page.goto(site_url + STAFF)
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    page.wait_for_url(site_url + KIOSK, timeout=10_000)          # left at the PIN: back to the start

def test_setup_staff_and_exports_need_the_pin(tablet, site_url):
    page = tablet
    set_up_kiosk(page, site_url)
    # An answer, so that the staff page would have something to show.
    open_form(page, site_url, EXPERIENCE)
    answer_all(page, comment="Jeg heter Kari og ble dårlig behandlet")
    send(page)
    closure(page).wait_for()
    # The staff page: nothing before the PIN; a wrong PIN says how many tries are left.
    page.goto(site_url + STAFF)
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    assert page.locator(".vv-staff").is_hidden()
    assert page.get_by_role("button", name="Last ned eksportfil").count() == 0
    assert page.get_by_role("button", name="Last ned kommentarer").count() == 0
    assert page.evaluate("document.documentElement.dataset.vvStaff") is None   # nothing was read
    page.locator(".vv-pin input").fill("1111")
    page.locator(".vv-pin").get_by_role("button", name="Lås opp").tap()
    page.get_by_role("alert").filter(has_text="4 forsøk igjen").wait_for()
    assert page.locator(".vv-staff").is_hidden()
    unlock(page)
    page.wait_for_function("() => document.documentElement.dataset.vvStaff === 'ready'", timeout=BOOT_MS)
    assert page.locator(".vv-staff").is_visible()
    assert page.get_by_role("button", name="Last ned eksportfil").count() == 1
    assert "Eksporter før du sletter nettleserdata eller bytter nettbrett" in page.locator("article").text_content()
    # The PIN is kept only as a salted hash, nowhere in clear.
    pin = setting(page, site_url, "pin")
    assert set(pin) == {"algorithm", "iterations", "salt", "hash"} and pin["iterations"] >= 100_000
    assert PIN not in json.dumps(pin) and PIN not in json.dumps(page.evaluate("({...localStorage})"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned eksportfil").click()
    exported = open(info.value.path(), encoding="utf-8").read()
    assert pin["hash"] not in exported and pin["salt"] not in exported and "pin" not in json.loads(exported)
    # Set-up and turning off need the PIN too.
    page.goto(site_url + SETUP)
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    assert page.locator(".vv-kiosk-setup").is_hidden()
    assert page.get_by_role("button", name="Slå av kioskmodus").count() == 0
    unlock(page)
    page.get_by_role("button", name="Slå av kioskmodus").tap()
    page.get_by_role("status").filter(has_text="slått av").wait_for()
    page.goto(site_url + "finn/")
    assert page.url == site_url + "finn/"                # the kiosk is off: the site is open again
    page.goto(site_url + STAFF)
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")   # the PIN still guards the figures


def test_five_wrong_pins_lock_it(tablet, site_url):
    page = tablet
    set_up_kiosk(page, site_url)
    page.goto(site_url + STAFF)
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    gate = page.locator(".vv-pin")
    for n in range(5):
        gate.locator("input").fill(f"000{n}")
        gate.get_by_role("button", name="Lås opp").tap()
        page.wait_for_function(f"() => document.querySelector('.vv-pin__status').textContent.includes('{'låst' if n == 4 else 4 - n}')")
    status = gate.locator(".vv-pin__status").text_content()
    assert re.search(r"låst til kl\. \d\d\.\d\d", status), status
    assert gate.locator("input").is_disabled()
    # Reloading does not help, and the set-up page shares the lock; even the right PIN waits.
    page.goto(site_url + SETUP)
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    assert page.locator(".vv-pin input").is_disabled()
    assert page.evaluate("async u => (await import(u)).checkPin('" + PIN + "')", site_url + "assets/veiviser/pin.js")["ok"] is False
    # When the time has passed (here: moved back), the right PIN opens it again.
    page.evaluate("async u => (await import(u)).setSetting('pin-lock', {failures: 0, until: Date.now() - 1})",
                  site_url + "assets/veiviser/store.js")
    page.reload()
    unlock(page)
    page.locator(".vv-kiosk-setup").wait_for()


# --- 2. no empty or accidental answers ------------------------------------------------------------

def test_empty_and_near_empty_answers_are_refused_and_not_counted(touch, site_url):
    page = touch
    open_form(page, site_url, EXPERIENCE)
    d = definition(page)
    send(page)
    message = page.locator(".vv-missing")
    assert "Svar på minst 5 av de 10 spørsmålene" in message.text_content()
    assert message.is_visible()
    # Next to «Send inn»: right below it, and the button points to it.
    button = page.locator("button[type=submit]").bounding_box()
    box = message.bounding_box()
    assert 0 <= box["y"] - (button["y"] + button["height"]) < 60
    assert page.locator("button[type=submit]").get_attribute("aria-describedby") == message.get_attribute("id")
    # «Vet ikke» everywhere is refused too.
    for item in d["items"][:6]:
        tap_answer(page, item["id"], "vet-ikke")
    send(page)
    assert "noe annet enn «Vet ikke»" in message.text_content()
    # A fresh form: four real answers are still too few, and the message follows each change.
    open_form(page, site_url, EXPERIENCE)
    for item in d["items"][:4]:
        tap_answer(page, item["id"], 4)
    send(page)
    assert "Nå har du svart på 4" in message.text_content()
    assert stored(page, site_url) == []
    tap_answer(page, d["items"][4]["id"], 3)
    assert message.text_content() == ""
    send(page)
    closure(page).wait_for()
    records = stored(page, site_url)
    assert len(records) == 1 and len(records[0]["answers"]) == 5
    assert page.errors == []


def test_required_items_get_a_lasting_message(touch, site_url):
    page = touch
    open_form(page, site_url, CHECK_IN)
    send(page)
    notes = page.locator(".vv-item__missing")
    assert notes.count() == 4 and all(n.is_visible() for n in notes.all())
    assert "Svar på spørsmål 1, 2, 3 og 4" in page.locator(".vv-missing").text_content()
    assert page.evaluate("document.activeElement.name") == "personlig"     # focus on the first missing
    tap_answer(page, "personlig", 6)
    page.wait_for_timeout(3000)                                            # lasting: no fading bubble
    assert notes.nth(0).is_hidden() and notes.nth(1).is_visible()
    assert "Svar på spørsmål 2, 3 og 4" in page.locator(".vv-missing").text_content()
    described = page.locator("fieldset[data-item='nare']").get_attribute("aria-describedby")
    assert "nare--missing" in described


def test_a_double_tap_stores_one_response(touch, site_url):
    page = touch
    open_form(page, site_url, CHECK_IN)
    answer_all(page, value=6)
    box = page.locator("button[type=submit]").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.touchscreen.tap(x, y)
    page.touchscreen.tap(x, y)
    page.evaluate("() => { const b = document.querySelector('button[type=submit]'); b.click(); b.click(); }")
    closure(page).wait_for()
    page.wait_for_timeout(500)
    assert len(stored(page, site_url)) == 1


def test_the_nine_blank_answers_attack_fails(tablet, site_url):
    """One person answers on the kiosk; the next sends nine blank forms to complete the batch of
    10, then opens the staff page. The blanks are refused, and the figures need the PIN. Even
    blanks stored by an older version of the site never complete a batch."""
    page = tablet
    set_up_kiosk(page, site_url)
    open_form(page, site_url, EXPERIENCE)
    answer_all(page, comment="Jeg heter Kari og ble dårlig behandlet")
    send(page)
    closure(page).wait_for()
    for _ in range(9):
        open_form(page, site_url, EXPERIENCE)
        send(page)
        assert page.locator(".vv-missing").text_content()
    assert len(stored(page, site_url)) == 1
    page.goto(site_url + STAFF)
    page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
    assert "dårlig behandlet" not in page.content()
    # Nine blanks written straight into the database (as an older version stored them).
    version = stored(page, site_url)[0]["version"]
    page.evaluate("""async ([u, version]) => { const s = await import(u);
        for (let i = 0; i < 9; i++) await s.addRecord('responses', {survey: 'brukerundersokelse', version,
            month: s.thisMonth(), answers: i % 2 ? {} : {respekt: 'vet-ikke'}, status: 'queued'}); }""",
                  [site_url + "assets/veiviser/store.js", version])
    assert len(stored(page, site_url)) == 10
    unlock(page)
    page.wait_for_function("() => document.documentElement.dataset.vvStaff === 'ready'", timeout=BOOT_MS)
    sections = page.locator(".vv-staff__survey")
    assert sections.count() == 1
    assert sections.first.get_attribute("data-released") == "0"
    assert page.get_by_role("button", name="Last ned kommentarer").count() == 0
    assert "dårlig behandlet" not in page.content()


# --- 5 and 6. closure and help ---------------------------------------------------------------------

def test_closure_says_done_shows_nothing_and_returns_to_the_start(touch, site_url):
    page = touch
    set_up_kiosk(page, site_url)
    open_form(page, site_url, EXPERIENCE)
    answer_all(page, comment="Hemmelig kommentar")
    send(page)
    screen = closure(page)
    screen.wait_for()
    assert screen.locator(".vv-closure__title").inner_text() == "Takk! Du er ferdig – gi nettbrettet tilbake"
    assert "Ingen kan se hva du svarte" in screen.inner_text()
    assert page.evaluate("document.activeElement.closest('.vv-closure') !== null")
    # Full screen, and nothing of the answers anywhere on it.
    box = screen.bounding_box()
    assert box["width"] >= SIZES[page.size]["width"] - 1 and box["height"] >= SIZES[page.size]["height"] - 1
    assert "Hemmelig" not in page.locator("body").inner_text()
    assert page.locator("input:checked").count() == 0
    assert screen.locator(".vv-help-now").is_hidden()           # not a low check-in
    page.screenshot(path=f"/tmp/vv-closure-{page.size}.png")
    # Back to the start after closure_seconds (10).
    page.wait_for_url(site_url + KIOSK, timeout=15_000)
    assert_nothing_left(page)


def test_closure_button_and_keyboard(tablet, site_url):
    page = tablet
    set_up_kiosk(page, site_url, surveys=("slik-har-jeg-hatt-det",))
    open_form(page, site_url, CHECK_IN)
    page.locator("input[name='personlig']").first.focus()
    for _ in range(4):                     # each 0–10 group by arrow keys, then Tab to the next
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Send inn"
    page.keyboard.press("Enter")
    closure(page).wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.vv-closure') !== null")   # the rest is inert
    page.get_by_role("button", name="Tilbake til start nå").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + KIOSK)
    assert [r["answers"] for r in stored(page, site_url)] == [{"personlig": 2, "nare": 2, "sosialt": 2, "generelt": 2}]


def test_help_box_is_on_every_form_page(tablet, site_url):
    page = tablet
    index = page.goto(site_url + "data/surveys/index.json").json()
    paths = [KIOSK, PERSONAL]
    for entry in index:
        d = page.goto(site_url + entry["definition_url"]).json()
        paths += [entry["form_url"]] + [entry["form_url"] + f"{lang}/" for lang in ("nn", "en") if lang in d["title"]]
    for path in paths:
        page.goto(site_url + path)
        box = page.locator(".vv-help-now:visible")
        assert box.count() == 1, path
        text = box.text_content()
        for number in ("113", "116 117", "116 123", "22 40 00 40"):
            assert number in text, (path, number)
        assert "sjekket" in text or "sjekka" in text or "checked" in text
        assert box.locator("a[href='tel:116117']").count() == 1


def test_help_is_prominent_after_a_low_check_in_and_nothing_is_stored(touch, site_url):
    page = touch
    open_form(page, site_url, CHECK_IN)
    answer_all(page, value=7)
    tap_answer(page, "sosialt", 1)             # one item in the lowest band
    send(page)
    help_box = closure(page).locator(".vv-help-now")
    help_box.wait_for()
    assert help_box.is_visible() and "116 123" in help_box.text_content()
    assert help_box.evaluate("e => getComputedStyle(e).borderTopWidth") == "4px"
    title = closure(page).locator(".vv-closure__title").first.bounding_box()
    assert help_box.bounding_box()["y"] - (title["y"] + title["height"]) < 80    # right below «Takk»
    records = stored(page, site_url)
    assert set(records[0]) <= {"key", "survey", "version", "month", "answers", "status", "valid", "scales"}
    assert "hjelp" not in json.dumps(page.evaluate("({...localStorage})")).lower()
    page.get_by_role("button", name="Tilbake til start nå").tap()
    # A check-in that is not low: no help box on the closure screen.
    answer_all(page, value=7)
    send(page)
    closure(page).locator(".vv-closure__title").wait_for()
    assert closure(page).locator(".vv-help-now").is_hidden()


# --- 3. honest on one's own device -------------------------------------------------------------------

def test_own_device_never_claims_the_service_got_it(touch, site_url):
    page = touch
    open_form(page, site_url, EXPERIENCE)
    notice = page.locator(".vv-notice--own-device")
    assert notice.is_visible() and "Tjenesten får det ikke" in notice.text_content()
    first_item = page.locator("form.vv-form .vv-item").first.bounding_box()
    assert notice.bounding_box()["y"] < first_item["y"]             # before the first question
    answer_all(page)
    send(page)
    screen = closure(page)
    screen.wait_for()
    text = screen.inner_text()
    assert "bare på denne telefonen" in text and "Tjenesten får ikke svaret" in text
    assert "gi nettbrettet tilbake" not in text
    # The check-in survey points to «Min fremgang».
    open_form(page, site_url, CHECK_IN)
    assert page.locator(".vv-notice--own-device a[href$='min-fremgang/']").is_visible()


def test_kiosk_shows_no_own_device_notice(tablet, site_url):
    page = tablet
    set_up_kiosk(page, site_url)
    open_form(page, site_url, EXPERIENCE)
    assert page.locator(".vv-notice--own-device").is_hidden()
    assert page.get_by_role("link", name="Tilbake til start").is_visible()


# --- 1. every form resets after idle, in or out of the kiosk set -------------------------------------

def test_forms_reset_after_idle_on_any_device(tablet, site_url):
    page = tablet
    page.clock.install()
    open_form(page, site_url, EXPERIENCE)                         # not a kiosk
    answer_all(page, comment="Halvferdig")
    page.clock.fast_forward(119_000)
    assert page.locator("textarea").input_value() == "Halvferdig"
    page.clock.fast_forward(2_000)
    page.wait_for_function("() => document.querySelector('textarea').value === ''")
    assert page.locator("input:checked").count() == 0


def test_kiosk_goes_back_to_the_start_after_idle(tablet, site_url):
    page = tablet
    set_up_kiosk(page, site_url, idle=3)
    open_form(page, site_url, EXPERIENCE)
    answer_all(page, comment="Halvferdig")
    page.wait_for_url(site_url + KIOSK, timeout=10_000)
    assert_nothing_left(page)


# --- 4. touch: eleven buttons, numbers, targets --------------------------------------------------------

def test_eleven_buttons_by_touch_and_arrow_keys(touch, site_url):
    page = touch
    open_form(page, site_url, CHECK_IN)
    group = page.locator("fieldset[data-item='personlig']")
    options = group.locator("input[type=radio]")
    assert options.count() == 11
    assert group.locator("input:checked").count() == 0           # nothing looks answered
    spans = group.locator(".vv-vas__option span")
    assert len({s.evaluate("e => getComputedStyle(e).backgroundColor") for s in spans.all()}) == 1
    for box in (o.bounding_box() for o in options.all()):
        assert box["width"] >= 44 and box["height"] >= 44, box
    assert "Spørsmål 1 av 4" in group.locator("legend").text_content()
    tap_answer(page, "personlig", 7)
    assert group.locator("input:checked").get_attribute("value") == "7"
    assert spans.nth(7).evaluate("e => getComputedStyle(e).backgroundColor") != spans.nth(6).evaluate(
        "e => getComputedStyle(e).backgroundColor")
    page.keyboard.press("ArrowRight")
    assert group.locator("input:checked").get_attribute("value") == "8"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert group.locator("input:checked").get_attribute("value") == "6"
    assert page.evaluate("document.activeElement.value") == "6"


PAGES = {"kiosk start": KIOSK, "set-up": SETUP, "staff": STAFF, "personal": PERSONAL, "experience": EXPERIENCE,
         "check-in": CHECK_IN, "check-in nynorsk": CHECK_IN + "nn/", "life domains": "tilbakemelding/livsomrader/",
         "relatives": "tilbakemelding/parorendeundersokelse/", "session": "tilbakemelding/om-samtalen/"}


@pytest.mark.parametrize("kind", PAGES)
def test_every_target_is_big_enough_and_axe_passes(touch, site_url, kind):
    page = touch
    page.goto(site_url + PAGES[kind])
    page.wait_for_function("() => ['vvForm', 'vvKioskStart', 'vvKioskSetup', 'vvStaff'].some(k => k in document.documentElement.dataset)",
                           timeout=BOOT_MS)
    small = small_targets(page, 24)
    assert small == [], small
    answers = small_targets(page, 44, ".vv-form .vv-item")      # the answers themselves: 44 × 44
    assert answers == [], answers
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("state", ["missing", "closure", "kiosk", "pin"])
def test_states_are_accessible(touch, site_url, state):
    page = touch
    if state in ("kiosk", "pin"):
        set_up_kiosk(page, site_url)
    if state == "pin":
        page.goto(site_url + STAFF)
        page.wait_for_function("() => document.documentElement.dataset.vvPin === 'locked'")
        page.locator(".vv-pin input").fill("1")
        page.locator(".vv-pin").get_by_role("button", name="Lås opp").tap()
        page.locator(".vv-pin__status").filter(has_text="minst").wait_for()
    else:
        open_form(page, site_url, CHECK_IN if state != "kiosk" else EXPERIENCE)
        if state == "missing":
            send(page)
        elif state == "closure":
            answer_all(page, value=1)
            send(page)
            closure(page).locator(".vv-help-now").wait_for()
    assert small_targets(page, 24) == []
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.screenshot(path=f"/tmp/vv-state-{state}-{page.size}.png", full_page=True)


# --- 8. storage ---------------------------------------------------------------------------------

def test_private_browsing_says_so_before_the_first_question(browser, site_url):
    context = browser.new_context(viewport=SIZES["phone"], has_touch=True)
    context.add_init_script("Object.defineProperty(window, 'indexedDB', {value: {open() { throw new DOMException('private', 'InvalidStateError'); }}})")
    page = context.new_page()
    page.goto(site_url + EXPERIENCE)
    notice = page.locator(".vv-notice--storage")
    notice.wait_for()
    assert "privat modus" in notice.text_content()
    assert notice.bounding_box()["y"] < page.locator("form.vv-form .vv-item").first.bounding_box()["y"]
    assert page.locator("button[type=submit]").is_disabled()
    context.close()


def test_an_upgrade_keeps_every_stored_and_queued_record(tablet, site_url):
    page = tablet
    page.goto(site_url + "om/")       # any page of the site's origin, before the new code opens the database
    page.evaluate("""() => new Promise((resolve, reject) => {
        const req = indexedDB.open('veiviser', 1);
        req.onupgradeneeded = () => {
          const db = req.result;
          for (const name of ['responses', 'personal']) db.createObjectStore(name, {keyPath: 'key', autoIncrement: true});
          db.createObjectStore('settings', {keyPath: 'name'});
        };
        req.onsuccess = () => {
          const db = req.result;
          const t = db.transaction(['responses', 'personal', 'settings'], 'readwrite');
          const answers = {respekt: 5, innflytelse: 4, tilpasset: 3, informasjon: 4, 'hjelp-ved-behov': 5};
          t.objectStore('responses').add({survey: 'brukerundersokelse', version: 1, month: '2026-01', answers, status: 'queued'});
          t.objectStore('responses').add({survey: 'brukerundersokelse', version: 1, month: '2026-01', answers,
                                          status: 'processed', valid: true, scales: {}});
          t.objectStore('personal').add({survey: 'slik-har-jeg-hatt-det', version: 1, month: '2025-12',
                                         answers: {personlig: 3, nare: 4, sosialt: 5, generelt: 6}, status: 'queued'});
          t.objectStore('settings').put({name: 'device', value: 'gammel-enhet'});
          t.oncomplete = () => { db.close(); resolve(); };
          t.onerror = () => reject(t.error);
        };
        req.onerror = () => reject(req.error);
    })""")
    open_form(page, site_url, EXPERIENCE)           # the new code opens version 2
    records = stored(page, site_url)
    assert len(records) == 2 and {r["status"] for r in records} <= {"queued", "processed"}
    assert len(stored(page, site_url, "personal")) == 1
    assert setting(page, site_url, "device") == "gammel-enhet"
    info = page.evaluate("""() => new Promise(resolve => { const req = indexedDB.open('veiviser');
        req.onsuccess = () => { const db = req.result; const t = db.transaction('responses');
          resolve([db.version, Array.from(t.objectStore('responses').indexNames)]); db.close(); }; })""")
    assert info == [2, ["survey"]]
    page.locator("form.vv-form input").first.focus()   # Python starts on the first answer (survey.js)
    page.wait_for_function("() => document.documentElement.dataset.vvQueue === '0'", timeout=BOOT_MS)
    assert {r["status"] for r in stored(page, site_url)} == {"processed"}


def service_workers(page) -> int:
    return page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length")


def test_runtime_is_cached_only_on_kiosks_and_by_min_fremgang(browser, site_url):
    for path, expected in ((EXPERIENCE, 0), (CHECK_IN, 0), (KIOSK, 0), (STAFF, 0), (PERSONAL, 1)):
        context = browser.new_context()
        page = context.new_page()
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        if expected:
            page.wait_for_function("() => document.documentElement.dataset.vvOffline === 'registered'", timeout=BOOT_MS)
        else:
            page.wait_for_timeout(1500)
        assert service_workers(page) == expected, path
        context.close()
    context = browser.new_context(has_touch=True)
    page = context.new_page()
    set_up_kiosk(page, site_url)
    page.wait_for_function("() => document.documentElement.dataset.vvOffline === 'registered'", timeout=BOOT_MS)
    storage = page.locator(".vv-kiosk-setup__storage")
    assert storage.get_attribute("data-persist") in ("granted", "refused")
    assert "varig lagring" in storage.text_content()
    context.close()
