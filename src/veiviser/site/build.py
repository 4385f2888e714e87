"""The build pipeline, in order (read it as the table of contents of the site):

1. load      read and check every input into the Context: catalogue, survey definitions,
             national figures, published feedback, the open-data catalogue (each stage's
             result lives on the Context)
2. pages     every generated page (docs path -> text) from the flows' templates
3. write     docs/ plus the generated pages, as files, into <site>.pages/ (nothing virtual:
             plain `mkdocs build` of that folder gives the same site)
4. generate  the static site generator (generator.py; MkDocs) on that folder
5. compact   fix Material's base markup (theme.py), drop its line indentation, every HTML page;
             add the Content-Security-Policy with the hashes of its inline scripts (csp.py)
6. publish   files written beside the pages: JSON, schemas, browser assets, the open-data
             catalogue (datapackage.json, katalog.ttl), service worker
7. swap      the new site replaces the old one whole; a failed build leaves the old in place

To add a feature, add a function to LOAD_STEPS, PAGE_SOURCES or PUBLISH_STEPS.
"""
from __future__ import annotations

import datetime
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import atomic, feedback, indicators, schemas
from ..catalogue import finder, history, hsds, proposals, review, synonyms
from ..catalogue import load as catalogue_load
from ..catalogue import pages as catalogue_pages
from ..catalogue.model import Catalogue
from ..core import vocabulary
from ..problems import BuildError, Problem
from ..surveys import definitions, fhir, forms
from ..surveys.model import Survey
from . import assets, compact, csp, generator, offline, opendata, theme
from .settings import Settings


@dataclass
class Context:
    """Everything one build read and made; each step fills in its part (a step that reads a
    part before the step that makes it has run fails with AttributeError)."""
    settings: Settings
    catalogue: Catalogue = field(init=False)
    surveys: list[Survey] = field(default_factory=list)
    indicators: indicators.Figures = field(init=False)
    feedback: feedback.Published = field(init=False)
    pages: dict[str, str] = field(default_factory=dict)     # docs path -> generated text
    history: dict[str, list[dict]] = field(default_factory=dict)   # service key -> its commits
    open_data: list[opendata.Dataset] = field(default_factory=list)   # every published dataset
    open_data_meta: dict = field(default_factory=dict)                # data/open-data.yaml


# --- 1. load ------------------------------------------------------------------------------------

def load_catalogue(ctx: Context) -> None:
    ctx.catalogue = catalogue_load.load(ctx.settings.data_dir)


def load_history(ctx: Context) -> None:
    """Each service file's commits, for «Endringer» ({} without git history: left out quietly)."""
    ctx.history = history.service_history(ctx.settings.data_dir)


def load_surveys(ctx: Context) -> None:
    s = ctx.settings
    ctx.surveys = definitions.load_all(s.surveys_dir, s.local_surveys_dir, root=s.root)


def load_indicators(ctx: Context) -> None:
    ctx.indicators = indicators.build(ctx.settings.indicators_dir)


def load_feedback(ctx: Context) -> None:
    s = ctx.settings
    ctx.feedback = feedback.build_all(s.root, ctx.catalogue, ctx.surveys,
                                      ctx.indicators.data["fafo-indicators"], s.exports_dir, s.feedback_k,
                                      s.releases_dir, s.today.isoformat(), s.feedback_period_months)


def load_open_data(ctx: Context) -> None:
    ctx.open_data_meta = opendata.metadata(ctx.settings.root / "data")   # the project's own, also with --data
    ctx.open_data = opendata.datasets(ctx.indicators, ctx.feedback)


LOAD_STEPS: list[Callable[[Context], None]] = [load_catalogue, load_history, load_surveys, load_indicators,
                                               load_feedback, load_open_data]


def load(settings: Settings) -> Context:
    ctx = Context(settings)
    for step in LOAD_STEPS:
        step(ctx)
    return ctx


# --- 2. pages -----------------------------------------------------------------------------------

def catalogue_page_source(ctx: Context) -> dict[str, str]:
    return catalogue_pages.all_pages(ctx.catalogue, feedback.page_paths(ctx.feedback), ctx.history)


def review_page_source(ctx: Context) -> dict[str, str]:
    """The editors' page: what is due for a check, as of the day of the build."""
    s = ctx.settings
    return review.page(ctx.catalogue, datetime.date.today(), review.Cycle(s.review_months, s.review_months_access))


def proposal_page_source(ctx: Context) -> dict[str, str]:
    """«Foreslå endring», «Bekreft at dette stemmer», «Meld feil»: forms made from the schema."""
    s = ctx.settings
    return proposals.pages(ctx.catalogue, s.editors_email, s.repository_edit_url)


def survey_page_source(ctx: Context) -> dict[str, str]:
    s = ctx.settings
    staff = forms.StaffSettings(k=s.feedback_k, editors=s.editors_email, period_months=s.feedback_period_months,
                                national=feedback.national_rows(ctx.indicators.data["fafo-indicators"], ctx.surveys))
    return forms.survey_pages(ctx.surveys, ctx.catalogue.services, ctx.catalogue.municipalities, staff,
                              ctx.catalogue.help_lines)


PAGE_SOURCES: list[Callable[[Context], dict[str, str]]] = [
    catalogue_page_source,
    review_page_source,
    proposal_page_source,
    survey_page_source,
    lambda ctx: ctx.indicators.pages,
    lambda ctx: ctx.feedback.pages,
    lambda ctx: {opendata.PAGE: opendata.page(ctx.open_data, ctx.open_data_meta)},
]


def generate(ctx: Context) -> dict[str, str]:
    out: dict[str, str] = {}
    for source in PAGE_SOURCES:
        for path, text in source(ctx).items():
            if path in out:
                raise BuildError([Problem(path, "", "to sidekilder lager begge denne siden")])
            out[path] = text
    ctx.pages = out
    return out


# --- 3. write -------------------------------------------------------------------------------------

def write_pages(ctx: Context, pages_dir: Path) -> None:
    """docs/ (hand-written pages, CSS, scripts) plus every generated page, as files."""
    docs = ctx.settings.docs_dir
    clashes = [p for p in ctx.pages if (docs / p).exists()]
    if clashes:
        raise BuildError([Problem(f"docs/{p}", "", "finnes, men lages også fra data/; fjern den ene")
                          for p in clashes])
    shutil.rmtree(pages_dir, ignore_errors=True)
    shutil.copytree(docs, pages_dir)
    for path, text in ctx.pages.items():
        target = pages_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    # The scripts read the shared vocabulary as a module (one source for Python and JS).
    (pages_dir / VOCABULARY_JS).write_text(vocabulary_js(), "utf-8")
    # The search box searches these everyday words as whole words (assets/veiviser/search-query.js).
    (pages_dir / SEARCH_WORDS_JSON).write_text(
        json.dumps({"words": synonyms.all_words(ctx.catalogue.synonyms)}, ensure_ascii=False), "utf-8")


VOCABULARY_JS = "assets/veiviser/vocabulary.js"
SEARCH_WORDS_JSON = "assets/veiviser/search-words.json"


def vocabulary_js() -> str:
    data = {k: v for k, v in vocabulary.VOCABULARY.items() if k != "about"}
    return ("// Generated by the build from src/veiviser/core/vocabulary.json; do not edit.\n"
            f"export default {json.dumps(data, ensure_ascii=False, indent=1)};\n")


# --- 5. compact -------------------------------------------------------------------------------------

def finish_html(text: str, where: str = "") -> str:
    """What step 5 does to every page MkDocs wrote: Material's base fixes, no indentation, then
    the Content-Security-Policy with the hashes of the finished page's inline scripts (csp.py;
    a page the policy would break stops the build)."""
    finished = csp.apply(compact.compact_html(theme.fix_base(text)))
    if csp.CHARSET.search(finished):
        csp.check(finished, where)
    return finished


def compact_pages(site_dir: Path) -> None:
    for page in site_dir.rglob("*.html"):
        text = page.read_text("utf-8")
        smaller = finish_html(text, page.relative_to(site_dir).as_posix())
        if smaller != text:
            page.write_text(smaller, "utf-8")


# --- 6. publish ---------------------------------------------------------------------------------------

def publish_finder(ctx: Context, site_dir: Path) -> None:
    atomic.write_text(site_dir / finder.FINDER_JSON, finder.finder_json(ctx.catalogue))


def publish_schemas(ctx: Context, site_dir: Path) -> None:
    """Every JSON Schema is published under data/schemas/."""
    for name in schemas.names():
        atomic.write_text(site_dir / "data" / "schemas" / name, schemas.text(name))


def publish_proposal_data(ctx: Context, site_dir: Path) -> None:
    """Each service's entry and file text, read by the proposal forms."""
    proposals.publish(ctx.catalogue, site_dir)


def publish_hsds(ctx: Context, site_dir: Path) -> None:
    hsds.publish(ctx.catalogue, feedback.page_urls(ctx.feedback), site_dir)


def publish_surveys(ctx: Context, site_dir: Path) -> None:
    definitions.publish(ctx.surveys, site_dir)
    fhir.publish(ctx.surveys, site_dir)
    atomic.write_text(site_dir / forms.INDEX_JSON,
                      json.dumps(forms.survey_index(ctx.surveys), ensure_ascii=False, indent=1) + "\n")


def publish_figures(ctx: Context, site_dir: Path) -> None:
    indicators.publish(ctx.indicators, ctx.settings.indicators_dir, site_dir)
    feedback.publish(ctx.feedback, site_dir)


def publish_assets(ctx: Context, site_dir: Path) -> None:
    assets.publish(ctx.settings.root, site_dir)


def publish_open_data(ctx: Context, site_dir: Path) -> None:
    opendata.publish(ctx.open_data, ctx.open_data_meta, site_dir)


def publish_service_worker(ctx: Context, site_dir: Path) -> None:
    offline.publish(site_dir)


PUBLISH_STEPS: list[Callable[[Context, Path], None]] = [
    publish_finder,
    publish_schemas,
    publish_hsds,
    publish_proposal_data,
    publish_surveys,
    publish_figures,
    publish_assets,
    publish_open_data,        # after every CSV it describes is written
    publish_service_worker,   # last: it lists and hashes files the steps above wrote
]


def publish(ctx: Context, site_dir: Path) -> None:
    for step in PUBLISH_STEPS:
        step(ctx, Path(site_dir))


# --- the whole build ------------------------------------------------------------------------------------

def pages_dir_for(site_dir: Path) -> Path:
    """Where the pages of a build into site_dir are written (build/site -> build/site.pages)."""
    return site_dir.with_name(site_dir.name + ".pages")


def build(settings: Settings, site_dir: Path, quiet: bool = False) -> Context:
    """Steps 1-7. Raises BuildError (or a flow's VeiviserError); site_dir is then unchanged."""
    site_dir = Path(site_dir).resolve()
    tmp = site_dir.with_name(site_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        ctx = load(settings)
        generate(ctx)
        pages_dir = pages_dir_for(site_dir)
        write_pages(ctx, pages_dir)
        generator.build(settings, pages_dir, tmp, quiet=quiet)
        compact_pages(tmp)
        publish(ctx, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap(tmp, site_dir)
    return ctx


def swap(new: Path, site_dir: Path) -> None:
    """The new site replaces the old whole, so a half-built site is never served."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    new.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
