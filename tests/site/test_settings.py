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


def test_the_editors_address_is_read_and_checked(tmp_path):
    """extra.veiviser.editors: where staff send merged exports (the staff pages show it)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert read(project(tmp_path / "a", "editors: redaksjon@kommune.no")).editors == "redaksjon@kommune.no"
    assert read(project(tmp_path / "b")).editors is None
    with pytest.raises(BuildError, match=r"extra\.veiviser\.editors: 'redaksjonen' er ikke en e-postadresse"):
        (tmp_path / "c").mkdir()
        read(project(tmp_path / "c", "editors: redaksjonen"))
