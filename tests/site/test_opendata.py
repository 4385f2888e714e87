"""Open data: data/datapackage.json describes every published CSV and passes `frictionless
validate`; data/katalog.ttl conforms to the official DCAT-AP-NO 2.0 SHACL shapes (../shared/dcat-ap-no,
checked with pyshacl); the page «Åpne data» lists every dataset with its download links."""
from __future__ import annotations

import json
import re

import pytest

from helpers import DCAT_AP_NO
from veiviser.site import opendata

BASE = "https://veiviser.example.no/"


def test_field_types_are_read_from_the_values():
    assert opendata.field_type(["1", "", "-3"]) == "integer"
    assert opendata.field_type(["1.5", "2"]) == "number"
    assert opendata.field_type(["true", "", "false"]) == "boolean"
    assert opendata.field_type(["2025-11", "1"]) == "string"
    assert opendata.field_type(["", ""]) == "string"


def test_iris_are_relative_to_the_turtle_file():
    text = f"<{opendata.BASE}data/tall/a.csv> <{opendata.BASE}apne-data/#x> <http://other/>"
    assert opendata.relative_iris(text) == "<tall/a.csv> <../apne-data/#x> <http://other/>"


def test_datapackage_describes_every_csv_and_validates(site_dir):
    from frictionless import validate
    path = site_dir / "data" / "datapackage.json"
    doc = json.loads(path.read_text("utf-8"))
    described = {r["path"] for r in doc["resources"]}
    published = {str(p.relative_to(site_dir / "data")) for p in (site_dir / "data").rglob("*.csv")}
    assert described == published
    assert doc["licenses"] and all(r["sources"] and r["schema"]["fields"] for r in doc["resources"])
    report = validate(str(path))          # as `frictionless validate data/datapackage.json`
    errors = [f"{task.name}: {e.type} {e.message}" for task in report.tasks for e in task.errors][:10]
    assert report.stats["tasks"] == len(described)
    assert report.valid, errors


def test_dcat_ap_no_conforms_to_the_official_shapes(site_dir):
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.namespace import DCAT, RDF
    shapes = DCAT_AP_NO / "dcat-ap-no-shacl_shapes_2.00.ttl"
    assert shapes.is_file(), f"missing {shapes}"
    data = Graph().parse(site_dir / "data" / "katalog.ttl", format="turtle", publicID=BASE + "data/katalog.ttl")
    conforms, _, text = validate(data, shacl_graph=Graph().parse(shapes, format="turtle"), inference="none")
    assert conforms, text[:3000]
    # every distribution's download resolves to a file the site publishes
    downloads = [str(o) for o in data.objects(None, DCAT.downloadURL)]
    assert downloads and all((site_dir / d.removeprefix(BASE)).is_file() for d in downloads)
    assert len(list(data.subjects(RDF.type, DCAT.Dataset))) == len(list(data.objects(None, DCAT.dataset)))


def test_the_open_data_page_lists_every_dataset_and_file(site_dir):
    html = (site_dir / "apne-data" / "index.html").read_text("utf-8")
    data = json.loads((site_dir / "data" / "datapackage.json").read_text("utf-8"))
    links = set(re.findall(r'href="\.\./(data/[^"]+)"', html))
    for resource in data["resources"]:
        assert "data/" + resource["path"] in links, resource["path"]
    from rdflib import Graph
    from rdflib.namespace import DCAT, DCTERMS
    g = Graph().parse(site_dir / "data" / "katalog.ttl", format="turtle", publicID=BASE + "data/katalog.ttl")
    for dataset in g.objects(None, DCAT.dataset):
        ident = str(g.value(dataset, DCTERMS.identifier))
        assert f'id="{ident}"' in html, ident
    assert "data/datapackage.json" in links and "data/katalog.ttl" in links


@pytest.mark.parametrize("name", ["datapackage.json", "katalog.ttl"])
def test_catalogue_files_are_published(site_dir, name):
    assert (site_dir / "data" / name).stat().st_size > 1000
