"""The catalogue loader names file, field and problem for every broken entry, reports them all
at once, and a build with a broken catalogue leaves the old site alone. Then the real data/:
every service has a source and a date, and contact details only where a source gives them."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from veiviser.catalogue.load import load
from veiviser.problems import CatalogueError

from helpers import ROOT, SEEDS, make_catalogue, service_record

# file key -> (file content, field the error must name, words the problem must contain)
BROKEN = {
    "missing-field": (service_record(drop=["hours"]), "hours", "er påkrevd"),
    "wrong-type": (service_record(min_age="tjue"), "min_age", "'tjue' skal være et helt tall eller null"),
    "unknown-field": (service_record(telefon="12345678"), "", "ukjent felt"),
    "unknown-taxonomy": (service_record(types=["finnes-ikke"]), "types[0]", "'finnes-ikke' finnes ikke i data/taxonomy.yaml"),
    "unknown-law": (service_record(laws=["finnes-ikke"]), "laws[0]", "'finnes-ikke' har ingen fil data/laws/finnes-ikke.yaml"),
    "wrong-folder": (service_record(municipality="sandnes"), "municipality", "ligger i mappen 'klepp'"),
    "ages-reversed": (service_record(min_age=30, max_age=18), "max_age", "lavere enn min_age 30"),
    "invalid-yaml": ("name: [ikke lukket\nmunicipality: klepp\n", "linje 2", "er ikke gyldig YAML"),
    "empty": ("", "", "er tom"),
}


def problems_for(exc: CatalogueError, file: str) -> list:
    return [p for p in exc.problems if p.file == file]


@pytest.mark.parametrize("case", BROKEN)
def test_broken_entry_names_file_field_and_problem(tmp_path, case):
    content, field, words = BROKEN[case]
    data = make_catalogue(tmp_path, {"klepp/ok": service_record(), f"klepp/{case}": content})
    with pytest.raises(CatalogueError) as caught:
        load(data)
    file = f"data/services/klepp/{case}.yaml"
    found = problems_for(caught.value, file)
    assert found, f"no problem reported for {file}:\n{caught.value}"
    assert any(p.field == field and words in p.message for p in found), \
        f"expected field {field!r} and {words!r} in:\n{caught.value}"
    assert file in str(caught.value) and words in str(caught.value)
    assert problems_for(caught.value, "data/services/klepp/ok.yaml") == [], "the good entry was blamed"
    if case == "unknown-field":
        assert "telefon" in str(caught.value), "the unknown field is not named"


def test_every_problem_is_reported_at_once(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/ok": service_record(),
                                     **{f"klepp/{case}": content for case, (content, _, _) in BROKEN.items()}})
    with pytest.raises(CatalogueError) as caught:
        load(data)
    blamed = {p.file for p in caught.value.problems}
    assert blamed == {f"data/services/klepp/{case}.yaml" for case in BROKEN}
    assert str(caught.value).startswith(f"{len(caught.value.problems)} feil i katalogen")


def test_good_catalogue_loads(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/ok": service_record(min_age=18, max_age=18)})
    cat = load(data)
    assert list(cat.services) == ["klepp/ok"]
    assert cat.services["klepp/ok"]["file"] == "data/services/klepp/ok.yaml"


def test_cli_validate_and_failed_build_leave_the_site_untouched(tmp_path):
    data = make_catalogue(tmp_path, {"klepp/ok": service_record(), "klepp/ages-reversed": BROKEN["ages-reversed"][0]})
    cli = [sys.executable, "-m", "veiviser.cli"]
    checked = subprocess.run([*cli, "validate", "--data", str(data)], cwd=ROOT, capture_output=True, text=True)
    assert checked.returncode == 1
    assert "data/services/klepp/ages-reversed.yaml: max_age: 18 er lavere enn min_age 30" in checked.stderr

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site", "utf-8")
    built = subprocess.run([*cli, "build", "--quiet", "--data", str(data), "--out", str(site)],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert built.returncode != 0, "the build succeeded with a broken catalogue"
    assert "ages-reversed.yaml" in built.stderr and "max_age" in built.stderr
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text("utf-8") == "the old site"
    assert not site.with_name("site.tmp").exists(), "the half-built site was left behind"


# --- the real catalogue ------------------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    return load(ROOT / "data")


def cited_text(cat, sources: list[dict]) -> str:
    """The seed text of every line a service cites."""
    out = []
    for src in sources:
        lines = (SEEDS / cat.sources[src["report"]]["seed"]).read_text("utf-8").splitlines()
        for first, last in re.findall(r"(\d+)(?:\s*[-–]\s*(\d+))?", src["lines"]):
            out += lines[int(first) - 1: int(last or first)]
    return "\n".join(out)


def test_real_services_have_sources_and_dates(real):
    assert real.services, "data/ has no services"
    for s in real.services.values():
        assert s["sources"], f"{s['file']}: no source"
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s["as_of"]), f"{s['file']}: as_of {s['as_of']!r}"
        for src in s["sources"]:
            assert src["report"] in real.sources, f"{s['file']}: unknown report {src['report']}"
            assert re.search(r"\d", src["lines"]), f"{s['file']}: source without line numbers"


def test_real_contact_details_come_from_the_cited_lines(real):
    """A phone, address or web address must be in the seed lines the service cites: never
    filled in from elsewhere."""
    missing = []
    for s in real.services.values():
        contact = s.get("contact") or {}
        if not any(contact.get(k) for k in ("phone", "address", "web")):
            continue
        text = cited_text(real, s["sources"])
        flat = " ".join(text.split()).casefold()
        if contact.get("phone") and re.sub(r"\D", "", contact["phone"]) not in re.sub(r"\D", "", text):
            missing.append(f"{s['file']}: contact.phone {contact['phone']!r}")
        if contact.get("address"):
            street = " ".join(contact["address"].split(",")[0].split()).casefold()
            if street not in flat:
                missing.append(f"{s['file']}: contact.address {contact['address']!r}")
        if contact.get("web"):
            host = re.sub(r"^(https?://)?(www\.)?", "", contact["web"].casefold()).split("/")[0]
            if host not in flat:
                missing.append(f"{s['file']}: contact.web {contact['web']!r}")
    assert missing == [], "contact details not found in the cited source lines:\n" + "\n".join(missing)


def test_cited_text_finds_a_known_line(real):
    """Guards the check above: the Klepp report's line 1108 is about Møteplassen."""
    assert "Møteplassen" in cited_text(real, [{"report": "klepp-2020", "lines": "1108"}])


def test_build_with_another_data_folder(tmp_path):
    """`veiviser build --data DIR` builds from DIR alone (here the synthetic national catalogue
    with two municipalities), not from data/."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("national", ROOT / "scripts" / "make-national-catalogue.py")
    national = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(national)
    data = national.write_catalogue(tmp_path / "national", 2)
    site = tmp_path / "site"
    built = subprocess.run([sys.executable, "-m", "veiviser.cli", "build", "--quiet", "--data", str(data),
                            "--out", str(site)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr[-3000:]
    assert (site / "kommuner" / "testkommune-002" / "testtjeneste-15" / "index.html").is_file()
    finder = (site / "data" / "finder.json").read_text("utf-8")
    assert finder.count('"municipality":"testkommune-') == 2 * national.SERVICES_PER_MUNICIPALITY
    assert not (site / "kommuner" / "klepp").exists(), "pages from the real data/ were built too"
