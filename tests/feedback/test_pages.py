"""Feedback pages (veiviser.feedback.pages and templates/feedback/): «for få svar», a table and
downloads beside every chart, «eksempeldata» on every page that shows example data, links
from service pages and HSDS, and service, municipality and question texts shown literally."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import markdown
import pytest
import yaml

from veiviser import feedback
from veiviser.catalogue import load as catalogue_load
from veiviser.core import definition as definition_mod
from veiviser.core import export as export_mod
from veiviser.feedback import reports
from veiviser.indicators import load as indicators_load
from veiviser.surveys.model import Survey

from helpers import HOSTILE, MUNICIPALITY, ROOT, make_catalogue, record_releases, service_record

PAGE_DIR = reports.PAGE_DIR
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "def_list", "toc"]   # as mkdocs.yml


@pytest.fixture(scope="module")
def shipped():
    catalogue = catalogue_load.load(ROOT / "data")
    surveys = [Survey(f"surveys/{p.name}", raw, definition_mod.check(raw))
               for p in sorted((ROOT / "surveys").glob("*.yaml")) for raw in [yaml.safe_load(p.read_text("utf-8"))]]
    fafo = indicators_load.load_all(ROOT / "data")["fafo-indicators"]
    return feedback.build_all(ROOT, catalogue, surveys, fafo, ROOT / "surveys" / "exports", 10)


def feedback_html(site_dir: Path) -> list[Path]:
    return sorted((site_dir / PAGE_DIR).rglob("index.html"))


def html_of(page: str) -> str:
    return markdown.markdown(page.split("---\n", 2)[2], extensions=EXTENSIONS)


def test_pages_of_the_examples(shipped):
    paths = set(shipped.pages)
    assert f"{PAGE_DIR}/index.md" in paths and f"{PAGE_DIR}/klepp/index.md" in paths
    assert {r.page for r in shipped.reports} <= paths and len(paths) == len(shipped.reports) + 3
    assert feedback.page_paths(shipped)["klepp/moteplassen"] == \
        f"{PAGE_DIR}/klepp/moteplassen-brukerundersokelse-v2.md"
    assert feedback.page_urls(shipped)["klepp/moteplassen"] == f"{PAGE_DIR}/klepp/moteplassen-brukerundersokelse-v2/"


def test_no_exports_still_makes_the_overview(tmp_path):
    catalogue = catalogue_load.load(ROOT / "data")
    pub = feedback.build_all(ROOT, catalogue, [], [], tmp_path / "none", 10)
    assert list(pub.pages) == [f"{PAGE_DIR}/index.md"]
    assert "Ingen tilbakemeldinger er publisert ennå." in pub.pages[f"{PAGE_DIR}/index.md"]


def test_a_survey_with_no_release_yet_shows_no_figures(site_dir, shipped):
    """Losen's export holds no answers (fewer than k): nothing is released, and its page says so."""
    [losen] = [r for r in shipped.reports if r.key == "horten/losen"]
    assert losen.too_few and losen.release is None
    html = (site_dir / losen.page[:-3] / "index.html").read_text("utf-8")
    assert "ingen tall er publisert ennå" in html.lower()
    assert "vv-chart__plot" not in html


def test_every_chart_has_a_table_and_downloads(site_dir):
    charts = 0
    for page in feedback_html(site_dir):
        html = page.read_text("utf-8")
        for figure in re.findall(r'<figure class="vv-chart".*?</figure>', html, re.S):
            charts += 1
            assert "<table" in figure, page
            links = re.findall(r'href="([^"]+\.(?:csv|json))"', figure)
            assert any(x.endswith(".csv") for x in links) and any(x.endswith(".json") for x in links), page
            for link in links:
                assert (page.parent / link).resolve().is_file(), (page, link)
    assert charts >= 20


def test_every_page_with_example_data_says_so(site_dir, shipped):
    pages = feedback_html(site_dir)
    assert len(pages) >= len(shipped.reports) + 2
    for page in pages:
        assert "eksempeldata" in page.read_text("utf-8").lower(), page


def test_published_files_beside_the_pages(site_dir, shipped):
    for report in shipped.reports:
        folder = site_dir / "data" / "tall" / report.ident
        rows = json.loads((folder / "alle.json").read_text("utf-8"))
        assert {r["sporsmal"] for r in rows} == set(report.tables)
        for item_id in report.tables:
            assert (folder / f"{item_id}.csv").is_file() and (folder / f"{item_id}.json").is_file()


def test_service_pages_and_hsds_link_the_feedback_pages(site_dir, shipped):
    for report in shipped.reports:
        service_html = (site_dir / "kommuner" / report.municipality / report.service["slug"] / "index.html").read_text("utf-8")
        assert "Tilbakemeldinger" in service_html and report.page.split("/")[-1][:-3] in service_html
    services = json.loads((site_dir / "data" / "hsds" / "services.json").read_text("utf-8"))
    linked = {a["value"] for s in services for a in s.get("attributes", []) if a.get("value", "").startswith(PAGE_DIR)}
    assert set(feedback.page_urls(shipped).values()) <= linked


def hostile_survey() -> Survey:
    """brukerundersokelse with HOSTILE in its title, questions and answer labels."""
    raw = yaml.safe_load((ROOT / "surveys" / "brukerundersokelse.yaml").read_text("utf-8"))
    raw["title"] = {"nb": "Tittel " + HOSTILE}
    for item in raw["items"]:
        item["text"] = {"nb": f"Spørsmål {item['id']} {HOSTILE}"}
    for options in raw.get("option_sets", {}).values():
        for option in options:
            option["label"] = {"nb": f"Svar {option['value']} {HOSTILE}"}
    raw.pop("national_comparison", None)
    return Survey("surveys/brukerundersokelse.yaml", raw, definition_mod.check(raw))


def test_catalogue_and_survey_text_shows_literally(tmp_path):
    """A service, a municipality and a survey whose texts carry quotes, HTML, an event handler,
    `&`, Jinja syntax, a javascript: link and emphasis: every feedback page shows them as text."""
    name = '"Klepp": kommune #1 ' + HOSTILE
    data = make_catalogue(tmp_path, {"klepp/moteplassen": service_record(name="Tjeneste " + HOSTILE)},
                          {"klepp": dict(MUNICIPALITY, name=name)})
    catalogue = catalogue_load.load(data)
    survey = hostile_survey()
    d = survey.definition
    rng = random.Random(7)
    records = [{"survey": d.id, "version": d.version, "month": "2025-05",
                "answers": {i.id: rng.choice(i.answer_values()) for i in d.items
                            if i.type in ("rating", "choice", "yes_no", "traffic_light")}} for _ in range(60)]
    exports = tmp_path / "exports"
    (exports / "klepp" / "moteplassen").mkdir(parents=True)
    (exports / "klepp" / "moteplassen" / "a.json").write_text(
        export_mod.to_json(export_mod.build(d, records, "a", "klepp/moteplassen")), "utf-8")
    record_releases(tmp_path, catalogue, [survey], exports)
    pub = feedback.build_all(tmp_path, catalogue, [survey], [], exports, 10)
    assert len(pub.pages) == 3
    for path, page in pub.pages.items():
        meta = yaml.safe_load(page.split("---\n", 2)[1])          # front matter still parses
        assert "<script>" not in meta["title"]
        html = html_of(page)
        assert "<script>" not in html and "<img" not in html and "onerror=alert(1)>" not in html, path
        assert 'href="javascript' not in html and "<em>uthevet" not in html, path
        assert ">49<" not in html and "{{ 7*7 }}" in html and "{% if true %}ja{% endif %}" in html, path     # no template ran
        text = re.sub(r"<[^>]+>", "", html)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "{{ 7*7 }}" in text, path
        assert "\\" not in text, path                              # no Markdown escape shows
    report = pub.pages[pub.reports[0].page]
    assert yaml.safe_load(report.split("---\n", 2)[1])["title"].startswith("Tittel Hun sa &#34;hei&#34; &amp; det &#39;går&#39;")
    html = html_of(report)
    assert re.search(r'aria-label="Diagram: Spørsmål \w+ Hun sa &#34;hei&#34; &amp; det &#39;går&#39; &lt;script&gt;', html)
