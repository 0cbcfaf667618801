"""The registry of report formats: what the CLI offers renders, a file's suffix names its format,
and the report modules import one another in one direction, with no Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import sourcecrit.report
from sourcecrit.cli import _parser, main
from sourcecrit.report.formats import FORMATS, format_for
from tests.conftest import SMALL

REPORT_MODULES = ["views", "markdown", "html", "csv_report", "findings_json", "formats", "build", "csl_export",
                  "web_annotation", "quickstatements", "tei"]


def offered_formats() -> list[str]:
    """The --format choices of `sourcecrit report`, as its parser has them."""
    commands = next(a for a in _parser()._actions if a.dest == "command")
    report = commands.choices["report"]
    return list(next(a for a in report._actions if a.dest == "format").choices)


def test_the_cli_offers_every_registered_format_and_no_other():
    assert offered_formats() == list(FORMATS)


@pytest.mark.parametrize("name", offered_formats())
def test_every_format_the_cli_offers_renders(capsys, name):
    assert main(["report", str(SMALL), "--format", name, "--status", "all"]) == 0
    out = capsys.readouterr().out
    assert out.strip() and "Meeting at Havza" in out


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_suffix_of_a_format_names_it(name):
    for suffix in FORMATS[name].suffixes:
        assert format_for(f"conflicts{suffix}").name == name
        assert format_for(f"/tmp/Conflicts{suffix.upper()}").name == name


def test_a_file_with_no_known_suffix_gets_markdown():
    assert format_for("conflicts.txt").name == "md" and format_for("conflicts").name == "md"


def test_no_two_formats_claim_one_suffix():
    suffixes = [s for f in FORMATS.values() for s in f.suffixes]
    assert len(suffixes) == len(set(suffixes))


@pytest.mark.parametrize("module", ["sourcecrit.query", "sourcecrit.cli", *(f"sourcecrit.report.{m}" for m in REPORT_MODULES)])
def test_each_module_imports_first_and_without_textual(module):
    """Imported first in a fresh interpreter (a circle would fail one of them), and Textual stays out."""
    check = f"import sys, {module}; sys.exit('textual' in sys.modules or 'rich' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", check], capture_output=True).returncode == 0


def report_imports() -> dict[str, set[str]]:
    """Each module of sourcecrit.report and the modules of the package it imports (anywhere in it)."""
    folder = Path(sourcecrit.report.__file__).parent
    found: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sourcecrit.report."):
                names.add(node.module.rsplit(".", 1)[1])
        found[path.stem] = names
    return found


def test_the_report_modules_import_in_one_direction():
    graph, done, path = report_imports(), set(), []

    def visit(module: str) -> None:
        assert module not in path, f"import circle: {' -> '.join(path + [module])}"
        if module in done:
            return
        path.append(module)
        for imported in graph.get(module, ()):
            visit(imported)
        path.pop()
        done.add(module)

    for module in graph:
        visit(module)
    assert "build" not in set().union(*graph.values())  # renderers read views, not the builder


def test_no_report_module_imports_inside_a_function():
    folder = Path(sourcecrit.report.__file__).parent
    for path in folder.glob("*.py"):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inner = [n for n in ast.walk(function) if isinstance(n, (ast.Import, ast.ImportFrom))]
                assert not inner, f"{path.name}: {function.name} imports inside itself"


def test_the_output_file_suffix_chooses_the_format_when_none_is_given(tmp_path):
    """-o report.html writes HTML and -o ledger.xml TEI; --format still wins; a suffix several
    exports share (.json) keeps the default JSON."""
    from sourcecrit.cli import main

    root = tmp_path / "ledger"
    assert main(["init", str(root)]) == 0
    assert main(["report", str(root), "--status", "all", "-o", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert main(["report", str(root), "--status", "all", "--format", "md", "-o", str(tmp_path / "md.html")]) == 0
    assert (tmp_path / "md.html").read_text(encoding="utf-8").startswith("# ")
    assert main(["export", str(root), "-o", str(tmp_path / "ledger.xml")]) == 0
    assert "http://www.tei-c.org/ns/1.0" in (tmp_path / "ledger.xml").read_text(encoding="utf-8")
    assert main(["export", str(root), "-o", str(tmp_path / "ledger.json")]) == 0
    assert '"sourcecrit-ledger/1"' in (tmp_path / "ledger.json").read_text(encoding="utf-8")
