"""The house rules of src/veiviser, checked on the source (ast), so a broken rule fails a test
instead of waiting for a reviewer:

- core/ imports only the standard library and itself (it ships alone in the browser wheel);
- the flow packages (catalogue, indicators, surveys, feedback) never import site/, and reach
  another flow only through its model module (catalogue.model, surveys.model, indicators.model);
- the shared modules at the top (problems, schemas, render, atomic, help_lines) import no flow and no site/;
- only site/generator.py imports MkDocs (the generator stays swappable);
- no .py file builds HTML with an f-string (pages and fragments come from templates);
- no test or script names a machine path to the shared sources (they are at ../shared);
- every test under tests/browser/ carries the `browser` marker.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from helpers import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "veiviser"
FLOWS = ("catalogue", "indicators", "surveys", "feedback")
MODELS = {f"veiviser.{flow}.model" for flow in FLOWS}
SHARED_MODULES = ("problems", "schemas", "render", "atomic", "help_lines")
STDLIB = sys.stdlib_module_names | {"__future__"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    """Every module under src/veiviser: dotted name -> file."""
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def is_module(name: str) -> bool:
    return name in modules()


@cache
def imports(name: str) -> frozenset[tuple[str, int]]:
    """(absolute module name, line) of every import in a module, at the top or inside a
    function. `from X import a` counts as X.a when a is a module, else as X."""
    path = modules()[name]
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {(alias.name, node.lineno) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add((sub if is_module(sub) else target, node.lineno))
    return frozenset(found)


def where(name: str, line: int) -> str:
    return f"{modules()[name].relative_to(ROOT)}:{line}"


def within(target: str, package: str) -> bool:
    return target == package or target.startswith(package + ".")


def test_the_source_tree_is_found():
    assert "veiviser.core.definition" in modules() and "veiviser.site.build" in modules()
    targets = {target for target, _ in imports("veiviser.site.build")}
    assert {"veiviser.catalogue.model", "veiviser.problems", "veiviser.site.generator"} <= targets


def test_core_imports_only_the_standard_library_and_itself():
    bad = [f"{where(name, line)} imports {target}"
           for name in modules() if within(name, "veiviser.core")
           for target, line in sorted(imports(name))
           if not within(target, "veiviser.core") and target.split(".")[0] not in STDLIB]
    assert bad == []


def test_flows_never_import_the_site_pipeline():
    bad = [f"{where(name, line)} imports {target}"
           for name in modules() if any(within(name, f"veiviser.{flow}") for flow in FLOWS)
           for target, line in sorted(imports(name)) if within(target, "veiviser.site")]
    assert bad == []


def test_a_flow_reaches_another_flow_only_through_its_model():
    bad = []
    for name in modules():
        own = next((flow for flow in FLOWS if within(name, f"veiviser.{flow}")), None)
        if own is None:
            continue
        for target, line in sorted(imports(name)):
            other = next((flow for flow in FLOWS if within(target, f"veiviser.{flow}")), None)
            if other and other != own and target not in MODELS:
                bad.append(f"{where(name, line)} imports {target} (only {other}.model may be imported)")
    assert bad == []


def test_shared_modules_import_no_flow_and_no_site():
    bad = [f"{where(name, line)} imports {target}"
           for name in modules() if any(within(name, f"veiviser.{m}") for m in SHARED_MODULES)
           for target, line in sorted(imports(name))
           if any(within(target, f"veiviser.{p}") for p in (*FLOWS, "site"))]
    assert bad == []


def test_only_the_generator_adapter_imports_mkdocs():
    bad = [f"{where(name, line)} imports {target}"
           for name in modules() if name != "veiviser.site.generator"
           for target, line in sorted(imports(name)) if target.split(".")[0] in ("mkdocs", "material")]
    assert bad == []


# --- no HTML from f-strings ---------------------------------------------------------------------

TAG = re.compile(r"<[A-Za-z/!]")


def html_fstrings(path: Path) -> list[int]:
    """Lines of f-strings whose literal parts hold the start of an HTML tag (`<p`, `</`)."""
    lines = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if TAG.search(text):
                lines.add(node.lineno)
    return sorted(lines)


def test_the_fstring_scan_finds_html():
    sample = ROOT / "build" / "arch-sample.py"
    sample.parent.mkdir(exist_ok=True)
    sample.write_text('x = 1\nok = f"{x} < 2 and {x}<3"\nbad = (f\'<a href="{x}">\'\n       f"</a>")\n', "utf-8")
    try:
        assert html_fstrings(sample) == [3]
    finally:
        sample.unlink()


def test_no_python_module_builds_html_with_an_fstring():
    bad = [f"{path.relative_to(ROOT)}:{line}" for path in sorted(SRC.rglob("*.py"))
           for line in html_fstrings(path)]
    assert bad == [], "lay HTML out in a template (src/veiviser/templates/), not in an f-string"


# --- no machine paths ------------------------------------------------------------------------------

SHARED_SOURCES = ("seeds", "hsds-3.0", "research", "dcat-ap-no")
# A path to a shared source that starts at the file system's root or a home folder.
ABSOLUTE = re.compile(r"(?<![\w.~/-])[/~][\w.~/-]*shared/(?:" + "|".join(map(re.escape, SHARED_SOURCES)) + r")\b")
TEXT_SUFFIXES = {".py", ".mjs", ".js", ".sh", ".md", ".txt", ".json", ".yaml", ".yml", ".toml", ""}


def checked_files() -> list[Path]:
    here = Path(__file__).resolve()
    return [p for top in ("tests", "scripts") for p in sorted((ROOT / top).rglob("*"))
            if p.is_file() and p.suffix in TEXT_SUFFIXES and "__pycache__" not in p.parts and p.resolve() != here]


def test_the_machine_path_pattern():
    # the bad examples are put together here, so this file itself names no such path
    root, home = "/srv/x/", "~/"
    assert ABSOLUTE.search('SEEDS = Path("' + root + 'shared/seeds")')
    assert ABSOLUTE.search("read " + home + "shared/hsds-3.0/schema")
    assert not ABSOLUTE.search('SHARED = ROOT.parent / "shared"; "../shared/seeds"')
    assert not ABSOLUTE.search("(../shared/research)")


def test_no_test_or_script_names_a_machine_path_to_the_shared_sources():
    machine = [str(ROOT.parent) + "/shared", str(ROOT) + "/"]   # this checkout's own folders
    bad = []
    for path in checked_files():
        for n, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
            if ABSOLUTE.search(line) or any(m in line for m in machine):
                bad.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert bad == [], "reach the shared sources through helpers.SHARED (../shared beside the project)"


# --- browser marker ---------------------------------------------------------------------------------

def test_every_browser_test_has_the_browser_marker():
    """Collect tests/browser/ leaving out the browser marker: nothing may be left."""
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q",
                             "-m", "not browser", str(ROOT / "tests" / "browser")],
                            cwd=ROOT, capture_output=True, text=True)
    unmarked = [line for line in result.stdout.splitlines() if "::" in line]
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, (unmarked or result.stdout + result.stderr)
