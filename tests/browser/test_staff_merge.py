"""The leader's pages in the browser: «Tall fra dette nettbrettet» (the device's own figures) and
«Samle tall fra flere nettbrett» (merge in the browser, preview, downloads, report).

The key check: the merge page, given the same export files the build publishes, shows the same
tables as the published page, cell by cell, and its CSV equals the site's download (core.publish
runs in both). Bad files are refused by name with core's words; the Excel CSV reads back with
sep=";" and decimal=","; the report prints as one page; nothing leaves the device; axe finds
nothing at 390×844 and 1366×900.
"""
from __future__ import annotations

import io
import json
import random

import pandas as pd
import pytest

from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod
from veiviser.core.merge import merge_files

from helpers import ROOT, axe_violations, describe_violations

pytestmark = pytest.mark.browser

BOOT_MS = 120_000
MERGE = "tilbakemelding/samle/"
STAFF = "tilbakemelding/ansatte/"
EXPORTS = ROOT / "surveys" / "exports"
SERVICES = ["klepp/moteplassen", "horten/mestringsteamet", "klepp/psykisk-helse-og-rusteneste-dag", "horten/losen"]


def published_at(service: str) -> tuple[str, str]:
    """(report page, data folder) the build publishes for the example exports of a service: named
    by the survey and version the exports carry (a new version of a form gets new pages)."""
    survey = json.loads(sorted((EXPORTS / service).glob("*.json"))[0].read_text("utf-8"))["survey"]
    municipality, name = service.split("/")
    form = f"{survey['id']}-v{survey['version']}"
    return (f"tall/tilbakemeldinger/{municipality}/{name}-{form}/",
            f"data/tall/tilbakemeldinger/{municipality}/{name}/{form}/")


def definitions() -> list[dict]:
    import yaml
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "surveys").glob("*.yaml"))]


def wait_merge(page, states=("ready", "refused", "service")):
    page.wait_for_function(f"() => {list(states)}.includes(document.documentElement.dataset.vvMerge)", timeout=BOOT_MS)


def merge(page, site_url, paths):
    page.goto(site_url + MERGE)
    page.set_input_files("#vv-merge-files", [str(p) for p in paths])
    wait_merge(page)


def table_cells(page, selector) -> list[list[str]]:
    return page.locator(selector).evaluate_all(
        "rows => rows.map(r => Array.from(r.children).filter(c => c.tagName !== 'TD' || !c.querySelector('button'))"
        ".map(c => c.textContent.trim().replace(/\\s+/g, ' ')))")


def assert_local(page):
    foreign = page.watch.foreign_requests()
    assert foreign == [], foreign


@pytest.mark.parametrize("service", SERVICES)
def test_merge_page_shows_the_published_tables_cell_by_cell(watched_page, site_url, site_dir, service):
    page = watched_page
    posts = []
    page.on("request", lambda r: r.method != "GET" and posts.append(r.url))
    files = sorted((EXPORTS / service).glob("*.json"))
    merge(page, site_url, files)
    assert page.evaluate("document.documentElement.dataset.vvMerge") == "ready", \
        page.locator(".vv-merge__status").text_content()
    # The same merged file as `veiviser merge` (core.merge.merge_files) on the same files.
    want = merge_files([(p.name, p.read_text("utf-8")) for p in files], definitions(), 10)
    with page.expect_download() as info:
        page.get_by_role("button", name="Samlet eksportfil").click()
    got = open(info.value.path(), encoding="utf-8").read()
    assert got == export_mod.to_json(want["merged"])
    assert info.value.suggested_filename.startswith(service.replace("/", "-") + "-")
    # What came from each tablet: every file with its device, n and whether it counts.
    files_shown = table_cells(page, ".vv-merge__filetable tbody tr")
    assert [row[0] for row in files_shown] == [p.name for p in files]
    assert [row[4] == "med" for row in files_shown] == [f["used"] for f in want["files"]]
    # The tables, cell by cell, against the published page.
    preview = table_cells(page, ".vv-merge__preview .vv-pubtable tbody tr")
    page.goto(site_url + published_at(service)[0])
    published = table_cells(page, "figure.vv-chart table tbody tr")
    assert preview == published
    # The standard CSV equals the site's download, apart from the example-data flag (the build
    # knows the folder holds example data; the merge page does not).
    merge(page, site_url, files)
    with page.expect_download() as info:
        page.get_by_role("button", name="Tabell (CSV med komma)").click()
    mine = pd.read_csv(info.value.path(), dtype=str, keep_default_na=False).drop(columns="eksempeldata")
    site = pd.read_csv(site_dir / published_at(service)[1] / "alle.csv", dtype=str, keep_default_na=False).drop(columns="eksempeldata")
    pd.testing.assert_frame_equal(mine, site)
    assert posts == []                            # nothing is sent anywhere
    assert_local(page)


def test_bad_files_are_refused_by_name_and_can_be_dropped(watched_page, site_url, tmp_path):
    page = watched_page
    good = sorted((EXPORTS / "klepp" / "moteplassen").glob("*.json"))[-1]
    (tmp_path / "ødelagt.json").write_text("{", "utf-8")
    d = definition_mod.check(next(x for x in definitions() if x["id"] == "brukerundersokelse"))
    recs = [{"survey": d.id, "version": d.version, "month": "2026-01", "answers": {"respekt": 5}}] * 5
    (tmp_path / "liten-k.json").write_text(export_mod.to_json(export_mod.build(d, recs, "nettbrett-x", None, 5)), "utf-8")
    merge(page, site_url, [good, tmp_path / "ødelagt.json", tmp_path / "liten-k.json"])
    assert page.evaluate("document.documentElement.dataset.vvMerge") == "refused"
    problems = page.locator(".vv-merge__problems li").all_text_contents()
    assert problems == [
        "ødelagt.json: er ikke gyldig JSON (linje 1); er dette en eksportfil fra Veiviser?",
        "liten-k.json: k: k = 5 er mindre enn k = 10, som tallene publiseres med: puljer på færre enn 10 "
        "svar kan avsløre enkeltpersoner"]
    for name in ("ødelagt.json", "liten-k.json"):
        page.get_by_role("button", name=f"Fjern {name}").click()
    wait_merge(page, ("ready",))
    assert page.locator(".vv-merge__problems").count() == 0
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_excel_csv_reads_back_and_the_report_is_one_page(watched_page, site_url, site_dir, tmp_path):
    page = watched_page
    service = "klepp/moteplassen"
    merge(page, site_url, sorted((EXPORTS / service).glob("*.json")))
    with page.expect_download() as info:
        page.get_by_role("button", name="Tabell for Excel (CSV)").click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw          # BOM, Windows line ends
    excel = pd.read_csv(io.BytesIO(raw), sep=";", decimal=",", encoding="utf-8-sig")
    site = pd.DataFrame(json.loads((site_dir / published_at(service)[1] / "alle.json").read_text("utf-8")))
    assert list(excel.columns) == list(site.columns)
    pd.testing.assert_series_equal(excel["andel_prosent"], site["andel_prosent"].astype(float), check_names=False)
    assert excel["andel_prosent"].dtype == float and excel["andel_prosent"].max() <= 100
    # The published page offers the same Excel file.
    published = (site_dir / published_at(service)[1] / "alle-excel.csv").read_bytes()
    assert published.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(published), sep=";", decimal=",", encoding="utf-8-sig").drop(
        columns="eksempeldata").equals(excel.drop(columns="eksempeldata"))
    # Charts as SVG and PNG.
    with page.expect_download() as info:
        page.locator(".vv-merge__charts li").first.get_by_role("button", name="SVG").click()
    assert open(info.value.path(), encoding="utf-8").read().startswith("<svg")
    with page.expect_download() as info:
        page.locator(".vv-merge__charts li").first.get_by_role("button", name="PNG").click()
    assert open(info.value.path(), "rb").read()[:8] == b"\x89PNG\r\n\x1a\n"
    # The printable report: one A4 page from Chromium's own PDF.
    pdf = page.pdf(path=str(tmp_path / "rapport.pdf"), format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    page.emulate_media(media="print")
    assert page.locator(".vv-report").is_visible() and not page.locator(".vv-merge__preview").is_visible()
    assert page.locator(".vv-report").get_by_text("Andel", exact=True).count() == 1


def store_answers(page, site_url, n: int):
    d = json.loads(page.evaluate("async u => (await fetch(u)).text()", site_url + "data/surveys/brukerundersokelse-v1.json"))
    rng = random.Random(3)
    recs = [{"survey": d["id"], "version": d["version"], "month": "2026-03", "status": "queued",
             "answers": {i["id"]: rng.choice([5, 4, 3, 2, 1, "vet-ikke"]) for i in d["items"] if i["type"] == "rating"}}
            for _ in range(n)]
    page.evaluate("async ([u, recs]) => { const s = await import(u); for (const r of recs) await s.addRecord('responses', r); }",
                  [site_url + "assets/veiviser/store.js", recs])


def test_device_page_says_what_it_is(watched_page, site_url):
    page = watched_page
    page.goto(site_url)
    page.get_by_role("link", name="Tall fra dette nettbrettet").click()       # from the home page's staff card
    assert page.url == site_url + STAFF
    assert page.locator("h1").text_content().strip() == "Tall fra dette nettbrettet"
    store_answers(page, site_url, 23)
    page.reload()
    page.wait_for_function("() => document.documentElement.dataset.vvStaff === 'ready'", timeout=BOOT_MS)
    section = page.locator(".vv-staff__survey").first
    question = section.locator(".vv-staff__question").first
    title = question.locator("h3").text_content()
    assert section.text_content().count(title) == 1                        # the title once
    headline = question.locator(".vv-headline").text_content()
    assert headline.startswith("Andel i stor grad eller i svært stor grad: ") and "noe annet enn «vet ikke»" in headline
    assert "svarte «vet ikke»; de er ikke med i andelen" in question.text_content()
    question.locator("svg").wait_for()
    svg_text = " ".join(question.locator("svg text").all_text_contents())
    assert "I svært liten grad" in svg_text and "Vet ikke / ikke aktuelt" in svg_text    # not cut off
    ticks = [t for t in question.locator("svg .role-axis-label text").all_text_contents() if t.strip()[:1].isdigit()]
    assert ticks and all(t.strip().isdigit() for t in ticks), ticks                      # whole numbers
    stats = question.locator("p").nth(1).text_content()
    mean = stats.split("Gjennomsnitt ")[1].split(",")[0:2]
    assert mean[0].isdigit() and mean[1][:1].isdigit(), stats                           # «3,6»: the decimal comma
    with page.expect_download() as info:
        page.get_by_role("button", name="Last ned eksportfil").click()
    assert info.value.suggested_filename.startswith("ukjent-tjeneste-brukerundersokelse-v1-2026-03-")
    assert "Send bare den nyeste filen" in section.text_content()
    assert page.get_by_role("link", name="Samle tall fra flere nettbrett").count() >= 1


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)])
def test_new_pages_pass_axe_at_phone_and_desktop_size(browser, site_url, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.goto(site_url + STAFF)
    store_answers(page, site_url, 10)
    page.reload()
    page.wait_for_function("() => document.documentElement.dataset.vvStaff === 'ready'", timeout=BOOT_MS)
    page.locator(".vv-staff svg").first.wait_for()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    merge(page, site_url, sorted((EXPORTS / "klepp" / "moteplassen").glob("*.json")))
    page.locator(".vv-merge__preview svg").first.wait_for()
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    context.close()
