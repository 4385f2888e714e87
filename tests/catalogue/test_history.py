"""«Endringer» on service pages (veiviser.catalogue.history): the commits of each service file
from `git log`, newest first; left out quietly without git or without a repository."""
from __future__ import annotations

import subprocess

from veiviser.catalogue import history, pages
from veiviser.catalogue.load import load

from helpers import HOSTILE, make_catalogue, service_record


def git(cwd, *args, date="2026-03-05T12:00:00"):
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Redaksjonen",
           "GIT_AUTHOR_EMAIL": "red@example.org", "GIT_COMMITTER_NAME": "Redaksjonen",
           "GIT_COMMITTER_EMAIL": "red@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def repository(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/moteplassen": service_record(), "klepp/bolig": service_record()})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Klepp: first entries", date="2026-01-10T09:00:00")
    path = data / "services/klepp/moteplassen.yaml"
    path.write_text(path.read_text("utf-8").replace("hours: null", "hours: Tirsdag 10-14"), "utf-8")
    git(tmp_path, "commit", "-qam", "Møteplassen: åpningstider bekreftet av Tenestekontoret", date="2026-03-05T12:00:00")
    path.write_text(path.read_text("utf-8").replace("Tirsdag 10-14", "Tirsdag 10-15"), "utf-8")
    git(tmp_path, "commit", "-qam", HOSTILE, date="2026-04-01T12:00:00")
    return data


def test_each_service_gets_its_commits_newest_first(tmp_path):
    found = history.service_history(repository(tmp_path))
    assert [c["date"] for c in found["klepp/moteplassen"]] == ["2026-04-01", "2026-03-05", "2026-01-10"]
    assert found["klepp/moteplassen"][1]["message"] == "Møteplassen: åpningstider bekreftet av Tenestekontoret"
    assert found["klepp/bolig"] == [{"date": "2026-01-10", "message": "Klepp: first entries"}]


def test_the_service_page_lists_them(tmp_path):
    data = repository(tmp_path)
    cat = load(data)
    found = history.service_history(data)
    page = pages.service_page(cat, cat.services["klepp/moteplassen"], history=found["klepp/moteplassen"])
    # (a day number is escaped so Markdown does not read «1.» as a numbered list)
    assert "## Endringer\n\n- 1\\. april 2026: " in page
    assert "- 5\\. mars 2026: Møteplassen: åpningstider bekreftet av Tenestekontoret\n" in page
    assert "- 10\\. januar 2026: Klepp: first entries\n" in page
    assert "<script>" not in page and "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in page
    assert "## Endringer" not in pages.service_page(cat, cat.services["klepp/bolig"], history=[])


def test_long_histories_and_messages_are_cut(tmp_path):
    cat = load(make_catalogue(tmp_path, {"klepp/moteplassen": service_record()}))
    many = [{"date": f"2026-01-{d:02d}", "message": "x" * 300} for d in range(1, 14)]
    page = pages.service_page(cat, cat.services["klepp/moteplassen"], history=many)
    assert page.count("\n- ") - page.split("## Endringer")[0].count("\n- ") >= 10
    assert "Og 3 eldre endringer." in page
    assert len(history.short("ord " * 100)) == history.MESSAGE_LENGTH and history.short("ord " * 100).endswith("…")


def test_without_a_repository_or_git_nothing_is_shown(tmp_path, monkeypatch):
    data = make_catalogue(tmp_path / "plain", {"klepp/moteplassen": service_record()})
    assert history.service_history(data) == {}
    data = repository(tmp_path / "repo")
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert history.service_history(data) == {}
