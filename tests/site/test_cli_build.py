"""`veiviser build`: MkDocs' strict mode stays whole with --quiet; every generated page is a file,
and plain `mkdocs build` of the pages folder gives the same site; a failed build leaves the old
site as it was and nothing half-done beside it.

The builds run in a copy of the project (helpers.make_project) with a one-service catalogue and
no feedback exports, so they take seconds, not the whole national build.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from helpers import make_catalogue, make_project, service_record

from veiviser.site import build, generator
from veiviser.site.compact import compact_html


@dataclass
class Project:
    root: Path
    data: Path        # the catalogue, given with --data
    exports: Path     # an empty exports folder (VEIVISER_EXPORTS)

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def pages(self) -> Path:
        return build.pages_dir_for(self.site)

    def env(self) -> dict[str, str]:
        """The environment of a build: no VEIVISER_* setting of the caller leaks in."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("VEIVISER_") or k == "VEIVISER_SHARED"}
        return {**env, "VEIVISER_EXPORTS": str(self.exports), "NO_MKDOCS_2_WARNING": "1"}

    def build(self, *flags: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "veiviser.cli", "build", "--out", "site",
                               "--data", str(self.data), *flags],
                              cwd=self.root, env=self.env(), capture_output=True, text=True)


def new_project(tmp_path: Path) -> Project:
    data = make_catalogue(tmp_path, {"klepp/testtilbud": service_record()})
    (tmp_path / "exports").mkdir()
    return Project(make_project(tmp_path), data, tmp_path / "exports")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Project:
    """A small project, built once with --quiet."""
    project = new_project(tmp_path_factory.mktemp("cli-build"))
    result = project.build("--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below folder -> a hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project: Project) -> list[str]:
    """What a build may leave beside the site besides the site and its pages folder."""
    return sorted(p.name for p in project.root.iterdir()
                  if p.name.startswith("site") and p.name not in ("site", "site.pages"))


def broken_link(project: Project) -> str:
    """A hand-written page links to a page that does not exist: a strict warning in MkDocs."""
    index = project.root / "docs" / "index.md"
    index.write_text(index.read_text("utf-8") + "\n[brutt lenke](finnes-ikke.md)\n", "utf-8")
    return "finnes-ikke.md"


def missing_assets(project: Project) -> str:
    """node_modules is empty: the publish step fails after MkDocs has written the new site."""
    (project.root / "node_modules").unlink()
    (project.root / "node_modules").mkdir()
    return "is missing: run `make setup`"


def test_quiet_build_of_a_small_project_succeeds(built):
    assert (built.site / "index.html").is_file()
    assert (built.site / "kommuner" / "klepp" / "index.html").is_file()
    assert (built.site / "sw.js").is_file()        # the last publish step ran
    assert leftovers(built) == []


def test_quiet_build_still_fails_on_a_strict_warning(tmp_path):
    project = new_project(tmp_path)
    shown = broken_link(project)
    result = project.build("--quiet")
    assert result.returncode != 0
    assert shown in result.stderr     # the hidden MkDocs log is shown when the build fails
    assert "site is unchanged" in result.stderr
    assert not project.site.exists() and leftovers(project) == []


@pytest.mark.parametrize("spoil", [broken_link, missing_assets])
def test_a_failed_build_leaves_the_old_site_as_it_was(built, tmp_path, spoil):
    project = new_project(tmp_path)
    shutil.copytree(built.site, project.site, symlinks=True)
    before = snapshot(project.site)
    shown = spoil(project)
    result = project.build("--quiet")
    assert result.returncode != 0
    assert shown in result.stderr
    assert snapshot(project.site) == before
    assert leftovers(project) == []


def test_every_generated_page_is_a_file_in_the_pages_folder(built, monkeypatch):
    assert (built.pages / "kommuner" / "klepp" / "index.md").is_file()
    for key, value in built.env().items():
        monkeypatch.setenv(key, value)
    for key in os.environ:
        if key.startswith("VEIVISER_") and key not in built.env():
            monkeypatch.delenv(key)
    settings = generator.read_settings(built.root / "mkdocs.yml", built.data)
    ctx = build.load(settings)
    pages = build.generate(ctx)
    assert "kommuner/klepp/index.md" in pages
    for path, text in pages.items():
        assert (built.pages / path).read_text("utf-8") == text, path
    # ... and beside them, every hand-written file of docs/, as it is
    docs = built.root / "docs"
    for f in docs.rglob("*"):
        if f.is_file():
            assert (built.pages / f.relative_to(docs)).read_bytes() == f.read_bytes(), f


def test_plain_mkdocs_build_of_the_pages_folder_gives_the_same_site(built, tmp_path):
    config = yaml.safe_load((built.root / "mkdocs.yml").read_text("utf-8"))   # no tags in ours
    config["docs_dir"] = str(built.pages)
    # The theme override (kiosk-guard.js in <head>) is named relative to mkdocs.yml.
    config["theme"]["custom_dir"] = str(built.root / config["theme"]["custom_dir"])
    plain_config = tmp_path / "mkdocs.yml"
    plain_config.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    out = tmp_path / "plain"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                             "--config-file", str(plain_config), "--site-dir", str(out)],
                            env=built.env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    ours = sorted(p.relative_to(built.site).as_posix() for p in built.site.rglob("*.html"))
    plain = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert plain == ours
    # The same pages, apart from the indentation that the build's compact step removes.
    differ = [rel for rel in plain
              if compact_html((out / rel).read_text("utf-8")) != (built.site / rel).read_text("utf-8")]
    assert differ == []
