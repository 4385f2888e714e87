"""The static site generator behind one adapter: MkDocs 1.6 with Material for MkDocs.

Everything MkDocs-specific lives here: reading mkdocs.yml with MkDocs' own loader (so tags
such as `!ENV` work), running `mkdocs build` on a folder of ready pages, and turning MkDocs'
errors into BuildError. No hooks: the pipeline (build.py) writes every page as a file first,
so the same folder builds with plain `mkdocs build` (or, once it installs, Zensical, which
reads mkdocs.yml but runs no hooks; see docs/utviklere/arkitektur.md).
"""
from __future__ import annotations

import io
import logging
import os
from pathlib import Path

from ..problems import BuildError, Problem
from .settings import Settings

# Material 9.7+ prints a notice about MkDocs 2.0 on every build; it is not a warning for us.
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

NAME = "MkDocs"


def load_config(config_file: Path, **overrides):
    """mkdocs.yml as MkDocs reads it, with overrides (docs_dir, site_dir, ...)."""
    from mkdocs import config as mkdocs_config
    from mkdocs.exceptions import ConfigurationError
    try:
        return mkdocs_config.load_config(str(config_file), **overrides)
    except ConfigurationError as exc:
        raise BuildError([Problem(Path(config_file).name, "", str(exc))]) from None


def read_settings(config_file: Path, data_dir: Path | None = None) -> Settings:
    """The project's settings, read once through MkDocs' loader."""
    config = load_config(config_file)
    return Settings.from_config(Path(config.config_file_path), Path(config.docs_dir), config.extra,
                                data_dir=data_dir)


def build(settings: Settings, pages_dir: Path, site_dir: Path, quiet: bool = False) -> None:
    """`mkdocs build --strict --clean` of pages_dir into site_dir. With quiet, MkDocs' log is
    kept and shown only when the build fails (its warnings still fail a strict build)."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import Abort, MkDocsException

    log = logging.getLogger("mkdocs")
    stream = io.StringIO() if quiet else None
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.INFO if not quiet else logging.DEBUG)
    log.addHandler(handler)
    old_level = log.level
    log.setLevel(logging.INFO)
    config = load_config(settings.config_file, docs_dir=str(pages_dir), site_dir=str(site_dir), strict=True)
    try:
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build.build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except (Abort, MkDocsException) as exc:
        detail = stream.getvalue() if stream else ""
        raise BuildError([Problem("", NAME, f"{exc}\n{detail}".rstrip())]) from None
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)
