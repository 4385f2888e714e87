"""The build's settings (veiviser.site.settings), read once through MkDocs' own loader by
generator.read_settings: `!ENV` tags work, a bad or unknown setting stops the build naming it,
and VEIVISER_* environment variables win over mkdocs.yml."""
from __future__ import annotations

import pytest

from veiviser.core.vocabulary import DEFAULT_K
from veiviser.problems import BuildError
from veiviser.site import generator

ENV_K = "feedback_k: !ENV [VV_TEST_K, 10]"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """No VEIVISER_* setting of the caller (nor VV_TEST_K) leaks into a test."""
    import os
    for key in list(os.environ):
        if (key.startswith("VEIVISER_") and key != "VEIVISER_SHARED") or key == "VV_TEST_K":
            monkeypatch.delenv(key)


def project(tmp_path, *veiviser_lines: str):
    """A folder with an empty docs/ and a mkdocs.yml whose extra.veiviser holds these lines."""
    (tmp_path / "docs").mkdir()
    extra = "".join(f"    {line}\n" for line in veiviser_lines) if veiviser_lines else "    {}\n"
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ndocs_dir: docs\nextra:\n  generator: false\n  veiviser:\n{extra}", "utf-8")
    return tmp_path / "mkdocs.yml"


def read(config, **kwargs):
    return generator.read_settings(config, **kwargs)


def test_defaults(tmp_path):
    s = read(project(tmp_path))
    assert s.root == tmp_path.resolve() and s.config_file == (tmp_path / "mkdocs.yml").resolve()
    assert s.feedback_k == DEFAULT_K
    assert s.data_dir == tmp_path.resolve() / "data" and s.indicators_dir == s.root / "data"
    assert s.surveys_dir == s.root / "surveys" and s.exports_dir == s.root / "surveys" / "exports"
    assert s.local_surveys_dir is None
    assert s.docs_dir == s.root / "docs"


def test_env_tag_in_mkdocs_yml_is_honoured(tmp_path, monkeypatch):
    config = project(tmp_path, ENV_K)
    assert read(config).feedback_k == 10           # the tag's default
    monkeypatch.setenv("VV_TEST_K", "7")
    assert read(config).feedback_k == 7            # the variable, read by MkDocs' loader


def test_plain_settings_from_mkdocs_yml(tmp_path):
    s = read(project(tmp_path, "feedback_k: 15", "local_surveys: lokale-skjema"))
    assert s.feedback_k == 15
    assert s.local_surveys_dir == s.root / "lokale-skjema"


@pytest.mark.parametrize("value", ["1", "0", "-3", "2.5", "x", "true", "null", "[5]"])
def test_a_bad_k_in_mkdocs_yml_names_the_setting(tmp_path, value):
    with pytest.raises(BuildError) as info:
        read(project(tmp_path, f"feedback_k: {value}"))
    assert "mkdocs.yml: extra.veiviser.feedback_k" in str(info.value)


def test_a_bad_k_through_env_tag_names_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("VV_TEST_K", "ti")
    with pytest.raises(BuildError, match=r"extra\.veiviser\.feedback_k: 'ti' er ikke et helt tall"):
        read(project(tmp_path, ENV_K))


def test_too_small_k_says_why(tmp_path):
    with pytest.raises(BuildError, match="må være minst 2"):
        read(project(tmp_path, "feedback_k: 1"))


def test_unknown_setting_is_refused(tmp_path):
    with pytest.raises(BuildError) as info:
        read(project(tmp_path, "feedbak_k: 5"))
    message = str(info.value)
    assert "extra.veiviser.feedbak_k" in message and "ukjent innstilling" in message
    assert "feedback_k" in message and "local_surveys" in message      # what is known


def test_settings_must_be_a_mapping(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nextra:\n  veiviser: [feedback_k]\n", "utf-8")
    with pytest.raises(BuildError, match="extra.veiviser: må være et oppslag"):
        read(tmp_path / "mkdocs.yml")


def test_environment_overrides_mkdocs_yml(tmp_path, monkeypatch):
    config = project(tmp_path, "feedback_k: 15", "local_surveys: lokale-skjema")
    monkeypatch.setenv("VEIVISER_FEEDBACK_K", "12")
    monkeypatch.setenv("VEIVISER_DATA", "syntetisk/data")
    monkeypatch.setenv("VEIVISER_SURVEYS", str(tmp_path / "andre-skjema"))
    monkeypatch.setenv("VEIVISER_LOCAL_SURVEYS", "mine-skjema")
    monkeypatch.setenv("VEIVISER_EXPORTS", "eksporter")
    s = read(config)
    root = tmp_path.resolve()
    assert s.feedback_k == 12
    assert s.data_dir == root / "syntetisk" / "data"          # relative to the project
    assert s.indicators_dir == root / "data"                  # national figures stay the project's
    assert s.surveys_dir == tmp_path / "andre-skjema"         # absolute as given
    assert s.local_surveys_dir == root / "mine-skjema"
    assert s.exports_dir == root / "eksporter"


def test_a_bad_k_in_the_environment_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("VEIVISER_FEEDBACK_K", "mange")
    with pytest.raises(BuildError, match="VEIVISER_FEEDBACK_K: 'mange' er ikke et helt tall"):
        read(project(tmp_path, "feedback_k: 15"))


def test_data_argument_wins_and_takes_its_exports_along(tmp_path, monkeypatch):
    monkeypatch.setenv("VEIVISER_DATA", "ignored")
    other = tmp_path / "annen" / "data"
    s = read(project(tmp_path), data_dir=other)
    assert s.data_dir == other.resolve()
    assert s.exports_dir == (tmp_path / "annen" / "surveys" / "exports").resolve()


def test_a_broken_mkdocs_yml_is_a_build_error(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme: [\n", "utf-8")
    with pytest.raises(BuildError, match="mkdocs.yml"):
        read(tmp_path / "mkdocs.yml")


def test_review_and_editor_settings(tmp_path):
    s = read(project(tmp_path))
    assert (s.review_months, s.review_months_access, s.editors_email, s.repository_edit_url) == (12, 6, None, None)
    (tmp_path / "b").mkdir()
    s = read(project(tmp_path / "b", "review_months: 24", "review_months_access: 3",
                     "editors_email: redaksjon@veiviser.example.org",
                     "repository_edit_url: https://github.com/o/veiviser/edit/main/{path}"))
    assert (s.review_months, s.review_months_access) == (24, 3)
    assert s.editors_email == "redaksjon@veiviser.example.org"
    assert s.repository_edit_url == "https://github.com/o/veiviser/edit/main/{path}"


@pytest.mark.parametrize("line, setting", [
    ("review_months: 0", "review_months"), ("review_months: seks", "review_months"),
    ("review_months_access: 2.5", "review_months_access"), ("review_months_access: true", "review_months_access"),
    ("editors_email: ikke-en-adresse", "editors_email"),
    ("editors_email: 'a@b.no?cc=x@y.no'", "editors_email"),
    ("repository_edit_url: https://github.com/o/r/edit/main/", "repository_edit_url"),
    ("repository_edit_url: 'javascript:alert(1)//{path}'", "repository_edit_url"),
])
def test_bad_review_and_editor_settings_are_named(tmp_path, line, setting):
    with pytest.raises(BuildError) as info:
        read(project(tmp_path, line))
    assert f"mkdocs.yml: extra.veiviser.{setting}" in str(info.value)


def test_release_settings(tmp_path, monkeypatch):
    """Publication periods (half-years unless set), the releases beside the exports, and the
    date the periods count from."""
    import datetime
    for name in "abc":
        (tmp_path / name).mkdir()
    s = read(project(tmp_path / "a"))
    assert s.feedback_period_months == 6 and s.releases_dir == s.root / "surveys" / "releases"
    assert s.today == datetime.date.today()
    monkeypatch.setenv("VEIVISER_EXPORTS", "eksporter/alle")
    monkeypatch.setenv("VEIVISER_TODAY", "2026-07-02")
    s = read(project(tmp_path / "b", "feedback_period_months: 3"))
    assert s.feedback_period_months == 3 and s.releases_dir == s.root / "eksporter" / "releases"
    assert s.today == datetime.date(2026, 7, 2)
    monkeypatch.setenv("VEIVISER_RELEASES", "utgivelser")
    assert read(project(tmp_path / "c")).releases_dir == (tmp_path / "c").resolve() / "utgivelser"


@pytest.mark.parametrize("line, env, named", [
    ("feedback_period_months: 5", {}, "mkdocs.yml: extra.veiviser.feedback_period_months"),
    ("feedback_period_months: true", {}, "mkdocs.yml: extra.veiviser.feedback_period_months"),
    (None, {"VEIVISER_TODAY": "30.11.2026"}, "VEIVISER_TODAY"),
])
def test_bad_release_settings_are_named(tmp_path, monkeypatch, line, env, named):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(BuildError) as info:
        read(project(tmp_path, *([line] if line else [])))
    assert named in str(info.value)
