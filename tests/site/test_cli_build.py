"""`veiviser build` keeps MkDocs' strict mode whole, also with --quiet."""
from __future__ import annotations

import subprocess
import sys


def tiny_project(tmp_path, body: str):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(body, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: docs\n", encoding="utf-8")
    return tmp_path


def run_build(project, *flags):
    return subprocess.run([sys.executable, "-m", "veiviser.cli", "build", "--out", "site", *flags],
                          cwd=project, capture_output=True, text=True)


def test_quiet_build_still_fails_on_a_strict_warning(tmp_path):
    project = tiny_project(tmp_path, "# Hei\n\n[brutt lenke](finnes-ikke.md)\n")
    result = run_build(project, "--quiet")
    assert result.returncode != 0
    assert "finnes-ikke.md" in result.stderr  # the hidden output is shown when the build fails
    assert not (project / "site").exists()


def test_quiet_build_of_a_clean_project_succeeds(tmp_path):
    project = tiny_project(tmp_path, "# Hei\n")
    result = run_build(project, "--quiet")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
