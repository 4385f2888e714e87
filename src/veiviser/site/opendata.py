"""The open-data catalogue: every published dataset and its files, described three ways.

- data/datapackage.json: a Frictionless Data Package with one resource per published CSV
  (its Table Schema read from the file, the licence, the source of the numbers);
- data/katalog.ttl: DCAT-AP-NO 2.0 (the profile data.norge.no harvests) for the catalogue, its
  datasets and their distributions. The site has no fixed address, so its IRIs are relative to
  the file itself (RDF resolves them against the address the file is fetched from);
- the page «Åpne data» (apne-data.md), which lists every dataset with its download links.

What the catalogue says about itself (title, publisher, licence, theme) is data: data/open-data.yaml.
The datasets are found from what the build published: the HSDS export, the source tables of
«Tall og indikatorer», each figure's table, and each page of feedback figures.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic, feedback, schemas
from ..catalogue import finder, hsds
from ..feedback.downloads import EXCEL_SUFFIX
from ..indicators.load import CSV_FILES
from ..indicators.model import CHART_DIR, Chart, Figures
from ..problems import BuildError, Problem, read_yaml
from ..render import render, root_prefix

META_FILE = "open-data.yaml"
DATAPACKAGE = "data/datapackage.json"
DCAT = "data/katalog.ttl"
PAGE = "apne-data.md"
MEDIA_TYPES = {"CSV": "text/csv", "JSON": "application/json", "Vega-Lite": "application/json"}
EU_FILE_TYPES = {"CSV": "CSV", "JSON": "JSON", "Vega-Lite": "JSON"}


@dataclass
class File:
    path: str                     # from the site root, e.g. data/tall/fafo-5-1.csv
    title: str
    format: str                   # CSV, JSON or Vega-Lite
    excel: bool = False           # a CSV for Norwegian Excel: byte-order mark, semicolons, decimal comma


@dataclass
class Dataset:
    ident: str                    # stable, unique: the anchor on the page and the IRI in katalog.ttl
    group: str                    # heading on the page
    title: str
    description: str
    source: str                   # where the numbers come from
    files: list[File] = field(default_factory=list)


def first_sentences(text: str) -> str:
    """A schema description without its note on how the CSV is read."""
    return text.split(" Én rad i CSV-filen")[0].strip()


def datasets(figs: Figures, published: feedback.Published) -> list[Dataset]:
    out = [Dataset("tjenester", "Tjenestekatalogen", "Kommunale tilbud (HSDS 3.0)",
                   "Alle tjenester i katalogen med kommuner og bydeler, tjenestetyper og tilgang, i formatet "
                   "Open Referral HSDS 3.0. Hver opplysning har kilde og dato.",
                   "Forvaltningsrevisjoner og rapporter, se hver tjenestes kilder",
                   [File(hsds.SERVICES_JSON, "Tjenester (HSDS 3.0)", "JSON"),
                    File(hsds.ORGANIZATIONS_JSON, "Organisasjoner (HSDS 3.0)", "JSON"),
                    File(hsds.TAXONOMIES_JSON, "Klassifikasjoner (HSDS 3.0)", "JSON"),
                    File(finder.FINDER_JSON, "Kompakt liste for finneren", "JSON")])]
    for name in CSV_FILES:
        schema = schemas.load(f"{name}.schema.json")
        out.append(Dataset(f"kilde-{name}", "Tabeller fra rapportene", schema["title"],
                           first_sentences(schema.get("description", schema["title"])), schema["title"],
                           [File(f"data/indicators/{name}.csv", schema["title"], "CSV")]))
    for c in figs.charts:
        base = f"{CHART_DIR}/{c.ident}"
        out.append(Dataset(f"tall-{c.ident}", "Tall og indikatorer", c.title,
                           f"Tallene i figuren «{c.title}» på sidene Tall og indikatorer.",
                           c.source.removeprefix("Kilde: "),
                           [File(f"{base}.csv", c.title, "CSV"), File(f"{base}.json", c.title, "JSON"),
                            File(f"{base}.vl.json", f"Diagram: {c.title}", "Vega-Lite")]))
    charts_of: dict[str, list[Chart]] = {}
    for c in published.charts:
        charts_of.setdefault(c.ident.rsplit("/", 1)[0], []).append(c)
    for r in published.reports:
        base = f"{CHART_DIR}/{r.ident}"
        title = f"{r.title}: {r.service['name']}" + (" (eksempeldata)" if r.example else "")
        files = [File(f"{base}/alle.csv", "Alle tallene", "CSV"), File(f"{base}/alle.json", "Alle tallene", "JSON"),
                 File(f"{base}/alle{EXCEL_SUFFIX}", "Alle tallene, for Excel", "CSV", excel=True)]
        files += [File(c.file(".csv"), c.title, "CSV") for c in charts_of.get(r.ident, [])]
        out.append(Dataset(re.sub(r"[^a-z0-9-]+", "-", r.ident.lower()), "Tilbakemeldinger", title,
                           f"Samlede svar på skjemaet «{r.title}» for {r.service['name']}, "
                           f"{r.period}. Grupper med færre enn {r.k} svar er skjult.",
                           f"Skjemaene i Veiviser, {r.service['name']}", files))
    return out


def metadata(data_dir: Path) -> dict:
    problems: list[Problem] = []
    meta = read_yaml(data_dir / META_FILE, f"data/{META_FILE}", problems)
    if problems:
        raise BuildError(problems)
    missing = [k for k in ("title", "description", "publisher", "licence", "theme", "theme_label", "keywords")
               if not (meta or {}).get(k)]
    if missing:
        raise BuildError([Problem(f"data/{META_FILE}", k, "is missing") for k in missing])
    return meta


def page(sets: list[Dataset], meta: dict) -> str:
    groups: dict[str, list[Dataset]] = {}
    for d in sets:
        groups.setdefault(d.group, []).append(d)
    return render("site/open-data.md.j2", groups=list(groups.items()), root=root_prefix(PAGE),
                  csv_count=sum(f.format == "CSV" for d in sets for f in d.files),
                  licence=meta["licence"]["title"], licence_url=meta["licence"]["url"])


# --- Frictionless Data Package ------------------------------------------------------------------

INTEGER = re.compile(r"^-?\d+$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def field_type(values: list[str], decimal_char: str = ".") -> str:
    present = [v.replace(decimal_char, ".") for v in values if v != ""]
    if present and all(INTEGER.match(v) for v in present):
        return "integer"
    if present and all(NUMBER.match(v) for v in present):
        return "number"
    if present and all(v in ("true", "false") for v in present):
        return "boolean"
    return "string"


def table_schema(text: str, excel: bool = False) -> dict:
    """Each column's type, read from its values (an Excel CSV: semicolons and the decimal comma)."""
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if excel else ","))
    header, body = rows[0], rows[1:]
    decimal_char = "," if excel else "."
    fields = []
    for i, name in enumerate(header):
        kind = field_type([r[i] if i < len(r) else "" for r in body], decimal_char)
        fields.append({"name": name, "type": kind} | ({"decimalChar": ","} if excel and kind == "number" else {}))
    return {"fields": fields, "missingValues": [""]}


def resource_name(path: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", path.removeprefix("data/").removesuffix(".csv").lower())


def datapackage(sets: list[Dataset], meta: dict, site_dir: Path) -> dict:
    licence = meta["licence"]
    resources = []
    for d in sets:
        for f in d.files:
            if f.format != "CSV":
                continue
            text = (site_dir / f.path).read_text("utf-8-sig")
            resources.append({
                "name": resource_name(f.path), "path": f.path.removeprefix("data/"), "profile": "tabular-data-resource",
                "title": f.title if f.title != d.title else d.title, "description": d.description,
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig" if f.excel else "utf-8",
                "sources": [{"title": d.source}], "schema": table_schema(text, f.excel)}
                | ({"dialect": {"delimiter": ";"}} if f.excel else {}))
    return {"profile": "tabular-data-package", "name": "veiviser", "title": meta["title"],
            "description": " ".join(meta["description"].split()), "keywords": meta["keywords"],
            "licenses": [{"name": licence["name"], "path": licence["url"], "title": licence["title"]}],
            "resources": resources}


# --- DCAT-AP-NO 2.0 ------------------------------------------------------------------------------

BASE = "https://veiviser.invalid/"          # written relative to data/katalog.ttl, never published


def dcat_turtle(sets: list[Dataset], meta: dict) -> str:
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCAT as dcat, DCTERMS as dct, FOAF as foaf, RDF, RDFS, SKOS as skos
    DCATNO = Namespace("http://publications.europa.eu/resource/authority/file-type/")
    g = Graph()
    for prefix, ns in (("dcat", dcat), ("dct", dct), ("foaf", foaf), ("skos", skos)):
        g.bind(prefix, ns)
    nb = lambda text: Literal(" ".join(str(text).split()), lang="nb")
    page = URIRef(BASE + "apne-data/")
    catalogue = URIRef(BASE + DCAT + "#katalog")
    publisher = URIRef(BASE + DCAT + "#utgiver")
    theme = URIRef(meta["theme"])
    licence = URIRef(meta["licence"]["url"])
    g.add((publisher, RDF.type, foaf.Agent))
    g.add((publisher, RDF.type, foaf.Organization))
    g.add((publisher, foaf.name, nb(meta["publisher"])))
    g.add((theme, RDF.type, skos.Concept))
    g.add((theme, skos.prefLabel, nb(meta["theme_label"])))
    g.add((licence, RDF.type, dct.LicenseDocument))
    g.add((licence, dct.title, nb(meta["licence"]["title"])))
    g.add((catalogue, RDF.type, dcat.Catalog))
    g.add((catalogue, dct.identifier, Literal("veiviser")))
    g.add((catalogue, dct.title, nb(meta["title"])))
    g.add((catalogue, dct.description, nb(meta["description"])))
    g.add((catalogue, dct.publisher, publisher))
    g.add((catalogue, dct.license, licence))
    g.add((catalogue, foaf.homepage, page))
    formats, media = {}, {}
    for name, code in EU_FILE_TYPES.items():
        formats[name] = URIRef(str(DCATNO) + code)
        media[name] = URIRef("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[name])
        for node in (formats[name], media[name]):
            g.add((node, RDF.type, dct.MediaType))
    g.add((page, RDF.type, foaf.Document))
    for d in sets:
        ds = URIRef(BASE + DCAT + "#" + d.ident)
        g.add((catalogue, dcat.dataset, ds))
        g.add((ds, RDF.type, dcat.Dataset))
        g.add((ds, dct.identifier, Literal(d.ident)))
        g.add((ds, dct.title, nb(d.title)))
        g.add((ds, dct.description, nb(d.description)))
        g.add((ds, dct.publisher, publisher))
        g.add((ds, dcat.theme, theme))
        landing = URIRef(BASE + "apne-data/#" + d.ident)
        g.add((landing, RDF.type, foaf.Document))
        g.add((ds, dcat.landingPage, landing))
        for word in meta["keywords"]:
            g.add((ds, dcat.keyword, nb(word)))
        provenance = BNode()
        g.add((ds, dct.provenance, provenance))
        g.add((provenance, RDF.type, dct.ProvenanceStatement))
        g.add((provenance, RDFS.label, nb("Kilde: " + d.source)))
        for f in d.files:
            dist = URIRef(BASE + DCAT + "#" + d.ident + "--" + resource_name(f.path).replace("/", "-") + "-" + f.format.lower())
            url = URIRef(BASE + f.path)
            g.add((ds, dcat.distribution, dist))
            g.add((dist, RDF.type, dcat.Distribution))
            g.add((dist, dct.title, nb(f"{f.title} ({f.format})")))
            g.add((dist, dcat.accessURL, url))
            g.add((dist, dcat.downloadURL, url))
            g.add((dist, dcat.mediaType, media[f.format]))
            g.add((dist, dct.format, formats[f.format]))
            g.add((dist, dct.license, licence))
    text = g.serialize(format="turtle")
    return relative_iris(text)


def relative_iris(turtle: str) -> str:
    """<https://veiviser.invalid/data/x> -> <x>, <https://veiviser.invalid/y> -> <../y>: relative to
    data/katalog.ttl, so the IRIs resolve against wherever the site is published."""
    def rel(m: re.Match) -> str:
        path = m.group(1)
        return "<" + (path[len("data/"):] if path.startswith("data/") else "../" + path) + ">"
    return re.sub(r"<" + re.escape(BASE) + r"([^>]*)>", rel, turtle)


def publish(sets: list[Dataset], meta: dict, site_dir: Path) -> None:
    site_dir = Path(site_dir)
    atomic.write_text(site_dir / DATAPACKAGE,
                      json.dumps(datapackage(sets, meta, site_dir), ensure_ascii=False, indent=1) + "\n")
    atomic.write_text(site_dir / DCAT, dcat_turtle(sets, meta))
