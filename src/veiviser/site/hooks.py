"""MkDocs hooks (listed under `hooks:` in mkdocs.yml). Thin on purpose: each event calls
plain functions in veiviser.site.build, so a move away from MkDocs touches only this file."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from veiviser.site import build
from veiviser.site.catalogue import CatalogueError

_ctx: build.Context | None = None


def on_config(config):
    global _ctx
    try:
        _ctx = build.load(Path(config.config_file_path).parent)
    except CatalogueError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_files(files, config):
    for path, text in build.generated_pages(_ctx).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} exists but is generated from data/; remove one of them")
        files.append(File.generated(config, path, content=text))
    return files


def on_post_page(output, page, config):
    from veiviser.site.compact import compact_html   # a quarter smaller pages (national catalogue)
    return compact_html(output)


def on_post_build(config):
    from veiviser.site.assets import AssetError
    try:
        build.publish(_ctx, Path(config.site_dir))
    except AssetError as exc:   # e.g. node_modules missing: say "run make setup", not a traceback
        raise PluginError(str(exc)) from None
