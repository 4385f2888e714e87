"""The proposal forms in the browser (forslag/), as a member of municipal staff uses them.

One site is built for this module: the real catalogue plus one service with hostile text, and
mkdocs.yml with `editors_email` and `repository_edit_url` set, so the mailto: and web-editor
links are there. Python boots in the worker in a few seconds: tests wait for the form's submit
button to be enabled (it is, once the entry is filled in), never on a sleep.
"""
from __future__ import annotations

import re
import shutil
import threading
import urllib.parse

import pytest
import yaml

from helpers import HOSTILE, ROOT, axe_violations, build_site, describe_violations, make_project, service_record

from veiviser.site.server import make_server

pytestmark = pytest.mark.browser

BOOT_MS = 90_000
EMAIL = "redaksjon@veiviser.example.org"
EDIT = "https://git.example.org/veiviser/edit/main/{path}"
SERVICE = "sandnes/aks"
HOSTILE_KEY = "klepp/fiendtlig"


@pytest.fixture(scope="module")
def proposal_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("proposals")
    project = make_project(tmp)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "  veiviser: {}" in text
    config.write_text(text.replace("  veiviser: {}", f"  veiviser:\n    editors_email: {EMAIL}\n"
                                                     f"    repository_edit_url: {EDIT}"), "utf-8")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("indicators"))
    hostile = service_record(name=f"Tjeneste {HOSTILE}", description=f"Beskrivelse: {HOSTILE}",
                             hours=f"Åpent {HOSTILE}", findings=[f"Funn: {HOSTILE}"])
    (data / "services" / "klepp" / "fiendtlig.yaml").write_text(
        yaml.safe_dump(hostile, allow_unicode=True, sort_keys=False), "utf-8")
    site = tmp / "site"
    build_site(site, "--data", str(data), cwd=project)
    server = make_server(site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_address[1]}/", "data": data}
    server.shutdown()
    server.server_close()


@pytest.fixture
def form(page, proposal_site):
    """Open a proposal page (path and query) and wait until it can be sent."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    requests: list = []
    page.on("request", lambda r: requests.append(r))

    def open_(path: str, ready: bool = True):
        page.goto(proposal_site["url"] + path)
        if ready:
            wait_ready(page)
        return page
    open_.errors = errors
    open_.requests = requests
    open_.site = proposal_site
    return open_


def wait_ready(page):
    """The form can be sent, and Python has started (a new, confirm or report form is usable
    before that, and waits for Python when sent: on a busy machine longer than Playwright's 30 s)."""
    # (null-safe: right after a click on «Foreslå endring» the old page may still be there)
    page.wait_for_function("() => { const b = document.querySelector('.vv-proposal button[type=submit]'); "
                           "return b !== null && !b.disabled; }", timeout=BOOT_MS)
    page.wait_for_function("() => document.documentElement.dataset.vvWorker === 'ready'", timeout=BOOT_MS)


def download(page, selector: str) -> str:
    with page.expect_download() as info:
        page.locator(selector).click()
    return open(info.value.path(), encoding="utf-8").read()


def original(site, key: str) -> tuple[str, dict]:
    text = (site["data"] / "services" / f"{key}.yaml").read_text("utf-8")
    return text, yaml.safe_load(text)


def assert_sent_nothing(open_):
    origin = open_.site["url"].rstrip("/")
    foreign = [r.url for r in open_.requests if not r.url.startswith((origin + "/", "blob:", "data:"))]
    assert foreign == []
    assert [r.url for r in open_.requests if r.method != "GET"] == []
    assert open_.errors == []


# --- the new user's task: change age limits and access route ------------------------------------

def test_change_age_limits_and_access_route(form):
    page = form(f"forslag/?tjeneste={SERVICE}")
    text, entry = original(form.site, SERVICE)
    assert page.locator(".vv-proposal__what").text_content().startswith("Du foreslår endringer i «AKS» (Sandnes kommune)")
    assert page.locator("#f-name").input_value() == "AKS"
    assert page.locator("#f-access-0-route").input_value() == "nav"
    page.locator("#f-min_age").fill("18")
    page.locator("#f-max_age").fill("67")
    page.locator("#f-access-0-route").select_option("self_referral")
    page.locator("#f-access-0-note").fill("")
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__output").wait_for()
    assert page.evaluate("document.activeElement.id") == "vv-output-title"

    saved = download(page, ".vv-proposal__download")
    assert yaml.safe_load(saved) == dict(entry, min_age=18, max_age=67, access=[{"route": "self_referral"}])
    # the rest of the file stays as it was, character for character
    assert saved == (text.replace("min_age: null", "min_age: 18").replace("max_age: null", "max_age: 67")
                     .replace("  - route: nav\n    note: via NAV\n", "  - route: self_referral\n"))
    patch = download(page, ".vv-proposal__patch")
    assert patch.startswith("--- a/data/services/sandnes/aks.yaml\n+++ b/data/services/sandnes/aks.yaml\n")
    changed = [line for line in patch.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-min_age: null", "-max_age: null", "+min_age: 18", "+max_age: 67",
                       "-  - route: nav", "-    note: via NAV", "+  - route: self_referral"]
    changes = page.locator(".vv-proposal__changes li").all_text_contents()
    assert changes == ["Alder fra: ikke kjent → 18", "Alder til og med: ikke kjent → 67",
                       "Vei inn 1, Hva slags vei inn: Via NAV → Uten henvisning – ta kontakt direkte",
                       "Vei inn 1, Merknad: via NAV → ikke oppgitt"]
    diff = page.locator(".vv-diff").inner_text()
    assert "-min_age: null" in diff and "+min_age: 18" in diff
    assert page.locator(".vv-proposal__file").text_content() == "data/services/sandnes/aks.yaml"
    mail = page.locator(".vv-proposal__mail a").get_attribute("href")
    assert mail.startswith(f"mailto:{EMAIL}?subject=")
    body = urllib.parse.unquote(mail.split("&body=")[1])
    assert saved in body
    assert page.locator(".vv-proposal__edit a").get_attribute("href") == \
        "https://git.example.org/veiviser/edit/main/data/services/sandnes/aks.yaml"
    assert page.locator(".vv-proposal__yaml").input_value() == saved
    assert_sent_nothing(form)


def test_unchanged_form_gives_back_the_same_file(form):
    page = form(f"forslag/?tjeneste={SERVICE}")
    text, _ = original(form.site, SERVICE)
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__output").wait_for()
    assert download(page, ".vv-proposal__download") == text
    assert page.locator(".vv-proposal__unchanged").is_visible()
    assert page.locator(".vv-proposal__changes li").all_text_contents() == ["Ingen endringer."]
    assert page.locator(".vv-proposal__patch").is_hidden()


def test_every_real_service_round_trips_in_the_browser(form):
    """A sample across municipalities and shapes (groups, contact, laws, tools, inferred routes)."""
    page = form(f"forslag/?tjeneste={SERVICE}")
    keys = ["klepp/tenestekontoret", "asker/gatelaget", "oslo/ljabruveien-boliger", "trondheim/gjengangerteamet",
            "tromso/erfaringskonsulenter", "sagene/ungdomsteamet", "karmoy/mo-senteret", "horten/losen"]
    for key in keys:
        if not (form.site["data"] / "services" / f"{key}.yaml").exists():
            continue
        page = form(f"forslag/?tjeneste={key}")
        page.get_by_role("button", name="Lag filen").click()
        page.locator(".vv-proposal__output").wait_for()
        assert page.locator(".vv-proposal__yaml").input_value() == original(form.site, key)[0], key


# --- invalid input ---------------------------------------------------------------------------------

INVALID = [
    ("#f-name", "", "name", "Navn", "må fylles ut"),
    ("#f-description", "Kort", "description", "Hva tilbudet gir", "må ha minst 10 tegn"),
    ("#f-min_age", "atten", "min_age", "Alder fra", "må være et heltall (eller stå tomt)"),
    ("#f-max_age", "121", "max_age", "Alder til og med", "kan ikke være høyere enn 120"),
    ("#f-as_of", "mars", "as_of", "Opplysningene gjelder per", "skrives som ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD"),
    ("#f-sources-0-lines", "", "sources.0.lines", "Kilde 1: Linjer", "må fylles ut"),
]


def test_invalid_input_is_refused_with_the_field_named_before_any_file(form):
    page = form(f"forslag/?tjeneste={SERVICE}")
    for selector, value, _, _, _ in INVALID:
        page.locator(selector).fill(value)
    page.locator("#f-access-0-route").select_option("")            # a route must be chosen
    page.locator("input[name=types]:checked").uncheck()             # at least one type
    page.get_by_role("button", name="Lag filen").click()
    summary = page.locator(".vv-proposal__summary")
    summary.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('vv-proposal__summary')")
    listed = summary.locator("li").all_text_contents()
    for _, _, name, label, message in INVALID:
        assert any(item.startswith(f"{label}: {message}") for item in listed), (label, listed)
        line = page.locator(f'[data-field="{name}"] > .vv-error')
        assert line.is_visible() and line.text_content().startswith(message[0].upper() + message[1:])
    assert "Vei inn 1: Hva slags vei inn: må fylles ut" in listed
    assert "Type tilbud: må ha minst én" in listed
    assert page.locator("#f-min_age").get_attribute("aria-invalid") == "true"
    # the list follows the form from top to bottom
    assert listed[0].startswith("Navn:") and listed[-1].startswith("Opplysningene gjelder per:")
    # no file offered
    assert page.locator(".vv-proposal__output").is_hidden()
    assert page.locator(".vv-proposal__download").get_attribute("href") == "#"
    assert "Skjemaet har 8 feil. Ingen fil er laget." in page.locator(".vv-proposal__status").text_content()
    # a link in the list takes the focus to its field
    summary.get_by_role("link", name=re.compile("^Alder fra")).click()
    assert page.evaluate("document.activeElement.id") == "f-min_age"
    # corrected, the file comes, and the errors go
    for selector in ("#f-name", "#f-description", "#f-min_age", "#f-max_age", "#f-as_of", "#f-sources-0-lines"):
        page.locator(selector).fill({"#f-name": "AKS", "#f-description": "Kommunens arbeidstreningsenhet.",
                                     "#f-min_age": "18", "#f-max_age": "30", "#f-as_of": "2021-10",
                                     "#f-sources-0-lines": "314"}[selector])
    page.locator("#f-access-0-route").select_option("nav")
    page.locator("input[name=types]").first.check()
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__output").wait_for()
    assert page.locator(".vv-proposal__summary").is_hidden() and page.locator(".vv-error:visible").count() == 0


def test_rules_across_fields_and_groups(form):
    page = form(f"forslag/?tjeneste={SERVICE}")
    page.locator("#f-min_age").fill("30")
    page.locator("#f-max_age").fill("18")
    page.locator("#f-access-0-inferred").check()
    page.locator("#f-access-0-note").fill("")
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__summary").wait_for()
    listed = page.locator(".vv-proposal__summary li").all_text_contents()
    assert listed == ["Alder til og med: kan ikke være lavere enn «Alder fra»", "Vei inn 1: Merknad: må fylles ut"]
    assert page.locator(".vv-proposal__output").is_hidden()


# --- groups, new offers, confirming, reporting --------------------------------------------------------

def test_add_and_remove_access_routes(form):
    page = form(f"forslag/?tjeneste={SERVICE}")
    page.get_by_role("button", name="Legg til vei inn").click()
    assert page.evaluate("document.activeElement.id") == "f-access-1-route"
    page.locator("#f-access-1-route").select_option("vedtak")
    page.locator("#f-access-1-decided_by").fill("Tildelingskontoret")
    page.get_by_role("button", name="Fjern vei inn 1").click()       # the old NAV route goes
    assert page.locator(".vv-group__item legend").first.text_content().strip() == "Vei inn 1"
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__output").wait_for()
    saved = yaml.safe_load(page.locator(".vv-proposal__yaml").input_value())
    assert saved["access"] == [{"route": "vedtak", "decided_by": "Tildelingskontoret"}]


def test_new_offer_from_the_municipality_page(form):
    page = form("kommuner/klepp/", ready=False)
    page.get_by_role("link", name="Foreslå nytt tilbud").click()
    page.wait_for_url("**/forslag/**")
    wait_ready(page)
    assert page.locator("#f-municipality").input_value() == "klepp"
    assert re.fullmatch(r"\d{4}-\d{2}", page.locator("#f-as_of").input_value())
    page.locator("#f-name").fill("Jobbsjansen på Bryne")
    page.locator("#f-description").fill("Arbeidstrening for unge voksne, to dager i uken.")
    page.locator("#f-access-0-route").select_option("nav")
    page.locator("input[name=status][value=pilot]").check()
    page.locator("input[name=types][value=arbeid-aktivitet]").check()
    page.locator("#f-verified-by").fill("Tenestekontoret")
    page.locator("input[name='verified.how'][value=skjema]").check()
    page.locator("#f-verified-date").fill("2026-11-02")
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__output").wait_for()
    assert page.locator(".vv-proposal__file").text_content() == "data/services/klepp/jobbsjansen-pa-bryne.yaml"
    saved = yaml.safe_load(download(page, ".vv-proposal__download"))
    assert saved["sources"] == [] and saved["verified"]["by"] == "Tenestekontoret" and saved["status"] == "pilot"
    assert page.locator(".vv-proposal__edit").is_hidden()     # no file to edit yet


def test_confirm_changes_only_verified(form):
    page = form(f"forslag/bekreft/?tjeneste={SERVICE}")
    text, _ = original(form.site, SERVICE)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.locator("#f-verified-date").input_value())
    page.locator("#f-verified-date").fill("2026-11-02")
    page.locator("#f-verified-by").fill("NAV Sandnes")
    page.locator("input[name='verified.how'][value=telefon]").check()
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__output").wait_for()
    assert download(page, ".vv-proposal__download") == \
        text + 'verified:\n  date: "2026-11-02"\n  by: NAV Sandnes\n  how: telefon\n'


def test_report_a_problem(form):
    page = form(f"forslag/meld-feil/?tjeneste={SERVICE}")
    page.get_by_role("button", name="Lag meldingen").click()
    page.locator(".vv-proposal__summary").wait_for()
    assert page.locator(".vv-proposal__summary li").all_text_contents() == ["Hva er feil?: må fylles ut"]
    page.locator("#f-problem").fill("Telefonnummeret går til feil kontor.")
    page.locator("#f-reporter").fill("fastlege")
    page.get_by_role("button", name="Lag meldingen").click()
    page.locator(".vv-proposal__output").wait_for()
    saved = yaml.safe_load(download(page, ".vv-proposal__download"))
    assert saved["tjeneste"] == SERVICE and saved["hva_er_feil"] == "Telefonnummeret går til feil kontor."
    assert saved["side"].endswith("/kommuner/sandnes/aks/") and saved["meldt_av"] == "fastlege"
    assert page.locator(".vv-proposal__mail a").get_attribute("href").startswith(f"mailto:{EMAIL}?subject=")
    assert_sent_nothing(form)


def test_hostile_entry_shows_literally_in_the_form(form):
    dialogs: list = []
    page = form("kommuner/klepp/fiendtlig/", ready=False)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("link", name="Foreslå endring").click()
    page.wait_for_url("**/forslag/**")
    wait_ready(page)
    page = form(f"forslag/?tjeneste={HOSTILE_KEY}")
    assert page.locator("#f-name").input_value() == f"Tjeneste {HOSTILE}"
    assert page.locator("#f-findings").input_value() == f"Funn: {HOSTILE}"
    assert HOSTILE in page.locator(".vv-proposal__what").text_content()
    page.locator("#f-hours").fill(f"Stengt {HOSTILE}")
    page.get_by_role("button", name="Lag filen").click()
    page.locator(".vv-proposal__output").wait_for()
    assert yaml.safe_load(page.locator(".vv-proposal__yaml").input_value())["hours"] == f"Stengt {HOSTILE}"
    assert any(HOSTILE in li for li in page.locator(".vv-proposal__changes li").all_text_contents())
    assert dialogs == [] and form.errors == []


def test_without_scripts_the_plain_form_is_there(browser, proposal_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(proposal_site["url"] + f"forslag/?tjeneste={SERVICE}")
    assert page.locator("#f-name").is_editable() and page.locator("#f-access-0-route").is_visible()
    page.locator("#f-name").fill("Noe")
    assert page.get_by_role("button", name="Lag filen").is_disabled()
    assert "Skjemaet trenger JavaScript" in page.content()
    assert page.locator(".vv-group__add").first.is_hidden() and page.locator(".vv-group__remove").first.is_hidden()
    context.close()


# --- keyboard only ------------------------------------------------------------------------------------

def tab_to(page, selector: str, limit: int = 400, back: bool = False):
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    pytest.fail(f"{selector} could not be reached with Tab")


def test_keyboard_only_completion(form):
    page = form(f"forslag/?tjeneste={SERVICE}")
    page.locator("body").press("Tab")     # start from the top of the page
    tab_to(page, "#f-min_age")
    page.keyboard.type("18")
    tab_to(page, "#f-max_age")
    page.keyboard.type("25")
    tab_to(page, ".vv-group__add")
    page.keyboard.press("Enter")                             # a second route; focus moves into it
    assert page.evaluate("document.activeElement.id") == "f-access-1-route"
    page.keyboard.type("Uten")                               # picks «Uten henvisning …» in the list
    assert page.locator("#f-access-1-route").input_value() == "self_referral"
    tab_to(page, "input[name=status]:checked")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.locator(".vv-proposal__output").wait_for()
    assert page.evaluate("document.activeElement.id") == "vv-output-title"
    tab_to(page, ".vv-proposal__download")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    saved = yaml.safe_load(open(info.value.path(), encoding="utf-8").read())
    assert (saved["min_age"], saved["max_age"]) == (18, 25)
    assert [a["route"] for a in saved["access"]] == ["nav", "self_referral"]


# --- accessibility --------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [f"forslag/?tjeneste={SERVICE}", "forslag/?kommune=klepp",
                                  f"forslag/bekreft/?tjeneste={SERVICE}", f"forslag/meld-feil/?tjeneste={SERVICE}"],
                         ids=["change", "new", "confirm", "report"])
def test_axe_on_the_forms_with_errors_and_with_the_file(form, size, path):
    opened = form(path)
    opened.set_viewport_size({"width": size[0], "height": size[1]})
    assert axe_violations(opened) == [], describe_violations(axe_violations(opened))
    if "kommune=" in path:                                  # the empty new form: errors everywhere
        opened.get_by_role("button", name="Lag filen").click()
        opened.locator(".vv-proposal__summary").wait_for()
        violations = axe_violations(opened)
        assert violations == [], describe_violations(violations)
        return
    if "meld-feil" in path:
        opened.locator("#f-problem").fill("Åpningstidene er feil.")
    if "bekreft" in path:
        opened.locator("#f-verified-by").fill("NAV Sandnes")
        opened.locator("input[name='verified.how'][value=telefon]").check()
    if "tjeneste=" in path and "/bekreft/" not in path and "meld-feil" not in path:
        opened.locator("#f-min_age").fill("18")
    opened.locator("button[type=submit]").click()
    opened.locator(".vv-proposal__output").wait_for()
    opened.locator(".vv-proposal__output details summary").click()   # the whole file open too
    violations = axe_violations(opened)
    assert violations == [], describe_violations(violations)
    # nothing wider than the screen on a phone
    assert opened.evaluate("document.documentElement.scrollWidth") <= size[0]
