"""The build pipeline, in order. MkDocs hooks (hooks.py) call these plain functions.

1. load     read and check data/ (catalogue) -> Context
2. pages    generated Markdown pages (docs path -> text), added to MkDocs as virtual files
3. publish  files written into the built site after MkDocs has rendered it (JSON, schemas,
            vendored browser assets)
To add a feature, add a function to PAGE_SOURCES or PUBLISH_STEPS.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Callable

from .. import atomic
from . import catalogue as catalogue_mod
from . import assets, feedback, fhir, figures, finder, forms, hsds, offline, pages, surveys
from .catalogue import Catalogue


@dataclass
class Context:
    root: Path            # the project folder (where mkdocs.yml is)
    catalogue: Catalogue

    @cached_property
    def surveys(self) -> list:
        """Survey definitions (shipped and local), read and checked once per build.
        Raises surveys.SurveyError on a bad definition."""
        from .surveys import load_all
        return load_all(self.root)

    @property
    def data_dir(self) -> Path:
        return self.catalogue.root


DATA_ENV = "VEIVISER_DATA"  # another catalogue folder (tests, synthetic national catalogue)


def load(root: Path | str, data_dir: Path | str | None = None) -> Context:
    """data_dir defaults to $VEIVISER_DATA, else <root>/data."""
    root = Path(root)
    data = Path(data_dir or os.environ.get(DATA_ENV) or root / "data")
    return Context(root=root, catalogue=catalogue_mod.load(data))


def catalogue_pages(ctx: Context) -> dict[str, str]:
    # Service pages link their feedback figures: only docs paths pass, not feedback's internals.
    ctx.catalogue.feedback_pages = feedback.feedback_page_paths(ctx)
    return pages.all_pages(ctx.catalogue)


feedback_pages = feedback.feedback_pages   # the hook hsds.feedback_links looks for


PAGE_SOURCES: list[Callable[[Context], dict[str, str]]] = [
    catalogue_pages,
    surveys.check_definitions,
    forms.survey_pages,
    figures.figure_pages,
    feedback.feedback_page_sources,
]


def generated_pages(ctx: Context) -> dict[str, str]:
    out: dict[str, str] = {}
    for source in PAGE_SOURCES:
        for path, text in source(ctx).items():
            if path in out:
                raise ValueError(f"two page sources both generate {path}")
            out[path] = text
    return out


def publish_finder(ctx: Context, site_dir: Path) -> None:
    atomic.write_text(site_dir / finder.FINDER_JSON, finder.finder_json(ctx.catalogue))


def publish_schemas(ctx: Context, site_dir: Path) -> None:
    """Every JSON Schema in veiviser/schemas is published under data/schemas/."""
    for entry in resources.files("veiviser.schemas").iterdir():
        if entry.name.endswith(".json"):
            atomic.write_text(site_dir / "data" / "schemas" / entry.name, entry.read_text("utf-8"))


PUBLISH_STEPS: list[Callable[[Context, Path], None]] = [
    publish_finder,
    publish_schemas,
    hsds.publish_hsds,
    surveys.publish_definitions,
    forms.publish_survey_index,
    assets.publish_assets,
    figures.publish_figures,
    feedback.publish_feedback,
    fhir.publish_questionnaires,
    offline.publish_service_worker,   # last: it lists and hashes files the steps above wrote
]


def publish(ctx: Context, site_dir: Path | str) -> None:
    for step in PUBLISH_STEPS:
        step(ctx, Path(site_dir))


def write_json(path: Path, data) -> None:
    atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
