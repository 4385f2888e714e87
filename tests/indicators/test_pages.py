"""National figure pages (veiviser.indicators.pages and templates/indicators/): every chart has
its table and downloads, the big table has every row, text from data shows literally (a chart
title with quotes or markup cannot break its attributes), and the downloads are written."""
from __future__ import annotations

import json
import re

import markdown
import pandas as pd
import pytest
import yaml

from veiviser import indicators
from veiviser.indicators import charts, model, pages

from helpers import HOSTILE, ROOT

DATA = ROOT / "data"
# The Markdown extensions of mkdocs.yml, to see the HTML a page becomes.
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "def_list", "toc"]


@pytest.fixture(scope="module")
def figs():
    return indicators.build(DATA)


def front_matter(page: str) -> dict:
    _, head, _ = page.split("---\n", 2)
    return yaml.safe_load(head)


def html_of(page: str) -> str:
    return markdown.markdown(page.split("---\n", 2)[2], extensions=EXTENSIONS)


def test_pages_have_chart_table_and_downloads(figs):
    assert "tall/index.md" in figs.pages and "tall/sintef-kommuner.md" in figs.pages
    assert sum(p.startswith("tall/fafo/") for p in figs.pages) == 7
    blocks = 0
    for path, text in figs.pages.items():
        for block in re.findall(r'<figure class="vv-chart">.*?</figure>', text, re.S):
            blocks += 1
            assert "Kilde:" in block and '.csv" download>CSV' in block and '.json" download>JSON' in block, path
            assert "<table>" in block and "\n\n" not in block, path   # one HTML block for Markdown
    assert blocks == len(figs.charts) == 13
    big = re.search(r'<table id="vv-kommuner".*?</table>', figs.pages["tall/sintef-kommuner.md"], re.S).group(0)
    assert big.count("<tr") == 446 + 1      # every row is in the HTML, plus the header
    for c in figs.charts:
        spec = c.spec()
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert len(c.table) > 0 and c.source.startswith("Kilde:")


def test_every_page_has_front_matter_and_renders(figs):
    for path, text in figs.pages.items():
        assert front_matter(text)["title"], path
        html = html_of(text)
        assert "<h1" in html and "\\" not in re.sub(r"<[^>]+>", "", html), path   # no stray escapes


def test_chart_title_and_source_show_literally():
    """The latent bug: a title went unescaped into aria-label, and a `"` broke the attribute."""
    df = pd.DataFrame([{"a": HOSTILE, "b": 1.5}])
    c = model.Chart("x/y", HOSTILE, "Kilde: " + HOSTILE, None, df, {"a": HOSTILE, "b": "Tall"})
    block = pages.chart_block("tall/fafo/x.md", c)
    block = str(block)
    assert "<script>" not in block and "<img" not in block and "{{ 7*7 }}" in block and "49" not in block
    label = re.search(r'aria-label="([^"]*)"', block).group(1)
    assert label.startswith("Diagram: Hun sa &#34;hei&#34; &amp; det &#39;går&#39; &lt;script&gt;")
    html = html_of("---\ntitle: x\n---\n\n" + block)
    assert "<script>" not in html and "<img" not in html and "<em>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 5   # caption, label, source, head, cell
    assert "<td>1,5</td>" in html                                     # the decimal comma


def test_titles_with_quotes_and_markup_in_page_text_and_front_matter():
    area = 'Hovedmål 9 – "sitat" <b>fet</b> [lenke](javascript:alert(1)) *ord*'
    rows = [{"tabell": "7.1", "malomrade": area, "nr": "1", "nr_utledet": "nei", "indikator": HOSTILE,
             "kilde": "BU", "enhet": "% av brukere", "verdi_2016": "1 %", "verdi_2017": "", "verdi_2018": "",
             "endring_2016_2017": "", "endring_2017_2018": "", "endring_per_ar": "", "merknad": HOSTILE,
             "seed_linje": "10", "tall_2016": "1", "tall_2017": "", "tall_2018": ""}]
    chart = charts.fafo_chart("7.1", area, rows)
    page = pages.fafo_page("tall/fafo/x.md", "7.1", area, rows, chart)
    assert front_matter(page)["title"] == 'Hovedmål 9 – &#34;sitat&#34; &lt;b&gt;fet&lt;/b&gt; ' \
                                          '[lenke](javascript:alert(1)) *ord* – indikatorer'
    html = html_of(page)
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert 'href="javascript' not in html and "<em>ord" not in html and "<em>uthevet" not in html
    assert "[lenke](javascript:alert(1)) *ord*</h1>" in html


def test_table_cells():
    assert model.cell_text(None) == model.cell_text("") == model.cell_text(float("nan")) == "–"
    assert model.cell_text(26.0) == "26" and model.cell_text(50.4) == "50,4" and model.cell_text(3.41) == "3,41"
    assert model.cell_text("a  b\nc") == "a b c"


def test_publish_writes_every_chart_and_csv(figs, tmp_path):
    indicators.publish(figs, DATA, tmp_path)
    for name in ("fafo-indicators", "sintef-2016-kommuner"):
        assert (tmp_path / "data" / "indicators" / f"{name}.csv").read_bytes() == \
            (DATA / "indicators" / f"{name}.csv").read_bytes()
    for c in figs.charts:
        spec = json.loads((tmp_path / c.file(".vl.json")).read_text("utf-8"))
        assert spec["description"].startswith(c.title)
        rows = json.loads((tmp_path / c.file(".json")).read_text("utf-8"))
        csv_lines = (tmp_path / c.file(".csv")).read_text("utf-8").splitlines()
        assert len(rows) == len(csv_lines) - 1 > 0
    # The municipality chart's downloads hold every municipality, not the summary beside it.
    kommuner = json.loads((tmp_path / "data" / "tall" / "sintef-kommuner.json").read_text("utf-8"))
    assert len(kommuner) == 427 and set(kommuner[0]) == {"navn", "per_10000"}
