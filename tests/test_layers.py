"""The layers of the house style, enforced: no import circles, each module imports only from its own
layer or a lower one, and the core never loads Textual, Rich or the speed wing.

Modules are found by walking sourcecrit/, so a module added later is checked without a change
here; one that no layer below claims fails until it is given a layer.

Why an ``ast`` walk of our own and not import-linter's contracts: import-linter (through grimp)
also sees function-local imports and can leave out TYPE_CHECKING ones, and on today's code a
``layers`` plus an ``acyclic_siblings`` contract find the same two circles as this file. But it
is one more tool (with a compiled graph library) for the README's test command to install; it
cannot exempt the facade's lazy imports while holding its module-level ones to the base's rule;
``acyclic_siblings`` names imports between sibling packages, not the circle of modules; and a
layer table in Python is as easy to read and change. Checking each direct import suffices: when
every direct import goes down or sideways, no chain of imports can go up, and each failure names
the file and line to change.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "sourcecrit"

# The layers, bottom first. A module may import from its own layer and from the layers before it.
# Each name is a module or a package of sourcecrit (a package covers everything in it); "model" and
# "importing" are packages the house style sketches, placed here before they exist.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("problems", "names", "models", "model", "suggest", "citation", "gazetteer", "values")),
    ("ledger", ("ledger",)),
    ("compare", ("compare",)),
    ("views", ("query", "passage", "anchoring", "verify", "suggest_claims", "suggest_output", "export", "importing", "report")),
    ("speed", ("speed",)),
    ("front", ("cli", "__main__", "demo", "tui")),
]
# The facade, sourcecrit/__init__.py, belongs to the base: any module may import it (it is always
# loaded first, as the parent of every module). It is also the public entry point, so its lazy
# imports (inside its functions) may reach any layer; its module-level imports follow the base's rule.
FACADE = PACKAGE

# The core: everything but these. Importing a core module must not load UI_OR_SPEED.
NOT_CORE = ("tui", "speed", "cli", "__main__")
UI_OR_SPEED = ("textual", "rich", "sourcecrit.speed", "sourcecrit.tui")
# Only these may import Textual or Rich, even inside a function.
UI_PACKAGES, UI_HOME = ("textual", "rich"), ("tui",)


def _within(module: str, names: tuple[str, ...]) -> bool:
    return any(module == f"{PACKAGE}.{name}" or module.startswith(f"{PACKAGE}.{name}.") for name in names)


@cache
def modules() -> dict[str, Path]:
    """Every module under sourcecrit/ by dotted name (a package by its own name)."""
    found = {}
    for folder, subfolders, files in os.walk(ROOT / PACKAGE):
        subfolders[:] = sorted(name for name in subfolders if name.isidentifier())  # not __pycache__
        for file in sorted(files):
            if file.endswith(".py"):
                parts = (Path(folder) / file).relative_to(ROOT).with_suffix("").parts
                found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = Path(folder) / file
    return found


def layer_of(module: str) -> int | None:
    if module == FACADE:
        return 0
    return next((rank for rank, (_, names) in enumerate(LAYERS) if _within(module, names)), None)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str  # a sourcecrit module, or the top-level name of another package
    line: int
    lazy: bool  # inside a function: runs when called, not when the module loads
    name: str = ""  # the name taken from the module by `from module import name`, if not a module

    def __str__(self) -> str:
        where = modules()[self.importer].relative_to(ROOT)
        taken = f" import {self.name}" if self.name else ""
        return f"{self.importer} -> {self.imported}{taken} ({where}:{self.line}{', in a function' if self.lazy else ''})"


class _ImportFinder(ast.NodeVisitor):
    """The imports of one module, resolved to modules; those under ``if TYPE_CHECKING:`` are left out."""

    def __init__(self, module: str, is_package: bool) -> None:
        self.module, self.package = module, module if is_package else module.rpartition(".")[0]
        self.depth = 0
        self.found: list[Import] = []

    def _add(self, name: str, node: ast.stmt, taken: str = "") -> None:
        if name != PACKAGE and not name.startswith(f"{PACKAGE}."):
            name = name.partition(".")[0]
        else:
            while name not in modules() and "." in name:  # a name defined in a module, not a module
                name = name.rpartition(".")[0]
        self.found.append(Import(self.module, name, node.lineno, self.depth > 0, taken))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = ".".join(self.package.split(".")[: len(self.package.split(".")) - node.level + 1])
            base = f"{base}.{node.module}" if node.module else base
        else:
            base = node.module or ""
        for alias in node.names:  # `from package import module` imports the module
            if f"{base}.{alias.name}" in modules():
                self._add(f"{base}.{alias.name}", node)
            else:
                self._add(base, node, alias.name)

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
            for statement in node.orelse:
                self.visit(statement)
        else:
            self.generic_visit(node)

    def _function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function


@cache
def imports() -> list[Import]:
    found = []
    for module, path in modules().items():
        finder = _ImportFinder(module, path.name == "__init__.py")
        finder.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        found += finder.found
    return found


@cache
def edges() -> list[Import]:
    """The imports of one sourcecrit module by another, once for each import statement."""
    found: dict[tuple[str, str, int], Import] = {}
    for edge in imports():
        if edge.imported in modules() and edge.imported != edge.importer:
            found.setdefault((edge.importer, edge.imported, edge.line), replace(edge, name=""))
    return list(found.values())


def _counts(edge: Import) -> bool:
    """The facade's lazy imports run only when it is called, after all has loaded: they close no circle."""
    return not (edge.importer == FACADE and edge.lazy)


def cycles() -> list[tuple[list[str], list[Import]]]:
    """Each group of modules that import one another in a circle (a strongly connected component
    of the import graph), with the imports among them."""
    counted = [edge for edge in edges() if _counts(edge)]
    graph: dict[str, set[str]] = defaultdict(set)
    for edge in counted:
        graph[edge.importer].add(edge.imported)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = [stack.pop()]
            while group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(modules()):
        if node not in index:
            visit(node)
    return [(group, [e for e in counted if e.importer in group and e.imported in group]) for group in sorted(groups)]


def _one_circle(group: list[str], among: list[Import]) -> list[str]:
    """The shortest circle through the group's first module, for the failure message."""
    start = group[0]
    paths, frontier = {start: [start]}, [start]
    while frontier:
        following = []
        for node in frontier:
            for edge in sorted((e for e in among if e.importer == node), key=lambda e: e.imported):
                if edge.imported == start:
                    return [*paths[node], start]
                if edge.imported not in paths:
                    paths[edge.imported] = [*paths[node], edge.imported]
                    following.append(edge.imported)
        frontier = following
    return group


def layer_violations() -> list[Import]:
    found = []
    for edge in filter(_counts, edges()):
        importer, imported = layer_of(edge.importer), layer_of(edge.imported)
        if importer is not None and imported is not None and imported > importer:
            found.append(edge)
    return found


def _part(module: str) -> str:
    """The part of sourcecrit a module belongs to: sourcecrit.ledger for sourcecrit.ledger.load,
    sourcecrit.cli for sourcecrit.cli."""
    return ".".join(module.split(".")[:2])


def private_imports() -> list[Import]:
    """`from module import _name` where the module lies in another part of sourcecrit than the importer:
    a name with an underscore is for its own package, not for the layers around it."""
    return [edge for edge in imports()
            if edge.name.startswith("_") and not edge.name.startswith("__") and edge.imported in modules()
            and _part(edge.imported) != _part(edge.importer)]


def test_every_module_has_a_layer():
    unplaced = sorted(module for module in modules() if layer_of(module) is None)
    if unplaced:
        pytest.fail(f"not in the LAYERS table of {Path(__file__).name}: {', '.join(unplaced)}", pytrace=False)


def test_no_import_cycles():
    found = cycles()
    message = [f"{len(found)} import circle{'s' * (len(found) != 1)}:"]
    for group, among in found:
        message.append(f"* {' -> '.join(_one_circle(group, among))}; all the imports among {', '.join(group)}:")
        message += [f"    {edge}" for edge in among]
    if found:
        pytest.fail("\n".join(message), pytrace=False)


def test_each_module_imports_only_its_own_layer_or_below():
    names = [name for name, _ in LAYERS]
    found = layer_violations()
    if found:
        pytest.fail(f"{len(found)} import{'s' * (len(found) != 1)} from a higher layer:\n" + "\n".join(
            f"  {edge} [{names[layer_of(edge.importer)]} imports {names[layer_of(edge.imported)]}]" for edge in found),
            pytrace=False)


def test_no_private_name_is_imported_from_another_package():
    found = private_imports()
    if found:
        pytest.fail("a private name taken from another package (make it public, or move it):\n" + "\n".join(
            f"  {edge}" for edge in found), pytrace=False)


def test_only_the_tui_imports_textual_or_rich():
    found = [edge for edge in imports() if edge.imported in UI_PACKAGES and not _within(edge.importer, UI_HOME)]
    if found:
        pytest.fail("Textual or Rich imported outside the TUI:\n" + "\n".join(f"  {edge}" for edge in found), pytrace=False)


# Importing every core module in one fresh interpreter loads at least what importing any one of
# them alone would, so one interpreter (~0.5 s) is enough to pass; only when something unwanted is
# loaded does each module get an interpreter of its own (~0.3 s each, two at a time), to name it.
_LOADED_AFTER = """
import importlib, json, sys
unwanted = %r
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if any(m == u or m.startswith(u + ".") for u in unwanted))))
""" % (UI_OR_SPEED,)


def core_modules() -> list[str]:
    return sorted(module for module in modules() if not _within(module, NOT_CORE))


def _loaded_after_importing(*names: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _LOADED_AFTER, *names], cwd=ROOT, capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, f"importing {', '.join(names)} failed:\n{done.stderr}"
    return json.loads(done.stdout)


def test_the_core_loads_neither_textual_nor_rich_nor_the_speed_wing():
    core = core_modules()
    assert "sourcecrit" in core and len(core) > 10  # the walk found the package
    if not _loaded_after_importing(*core):
        return
    with ThreadPoolExecutor(max_workers=2) as pool:
        loaded = dict(zip(core, pool.map(_loaded_after_importing, core), strict=True))
    culprits = {module: found for module, found in loaded.items() if found}
    if culprits:
        pytest.fail("core modules that load the UI or the speed wing:\n" + "\n".join(
            f"  {module}: {', '.join(found)}" for module, found in culprits.items()), pytrace=False)


def test_the_walk_resolves_relative_lazy_and_type_checking_imports():
    source = """
from typing import TYPE_CHECKING
from .. import problems
from ..values import date
from . import not_a_module
import sourcecrit.values.date as written_date
if TYPE_CHECKING:
    from sourcecrit.tui.app import SourcecritApp
def later():
    from sourcecrit.values.base import ValueType
    import textual.app
"""
    finder = _ImportFinder("sourcecrit.ledger.probe", is_package=False)
    finder.visit(ast.parse(source))
    assert [(i.imported, i.name, i.lazy) for i in finder.found if i.imported.startswith(("sourcecrit", "textual"))] == [
        ("sourcecrit.problems", "", False),
        ("sourcecrit.values.date", "", False),
        ("sourcecrit.ledger", "not_a_module", False),
        ("sourcecrit.values.date", "", False),
        ("sourcecrit.values.base", "ValueType", True),
        ("textual", "", True),
    ]
