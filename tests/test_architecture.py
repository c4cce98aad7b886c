"""The house's rules on the import graph: no import cycle between packages or modules, settings
read only by the composition root. (``lint-imports`` checks the layers; see pyproject.toml.)

Tests, bench and the Alembic migrations are outside the graph; imports under TYPE_CHECKING
do not count.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp
import pytest

from tests.conftest import REPO

PACKAGES = (
    "api", "archive", "classifier", "dashboard", "learning", "refresh", "runtime", "scraper",
    "store", "stories", "views",
)  # fmt: skip
ROOT = {"settings.py", "app.py", "runtime"}
"""Where settings may be read: the composition root."""
SHIMS = {"classifier.__main__": "runtime.model_cli", "scraper.__main__": "runtime.scrape_cli"}
"""Documented entry points that only delegate to the composition root (nothing imports them)."""
_OUTSIDE = {"tests", "bench", "migrations", ".venv", "nltk_data", "var", "data"}

Graph = Mapping[str, set[str]]


def cycles(edges: Graph) -> list[list[str]]:
    """Every group of nodes that import each other in a circle (strongly connected, size > 1)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def settings_reads(path: Path) -> list[int]:
    """The lines of ``path`` that call ``get_settings()``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Name) and node.func.id == "get_settings")
            or (isinstance(node.func, ast.Attribute) and node.func.attr == "get_settings")
        )
    ]


def _project_files() -> Iterable[Path]:
    for path in sorted(REPO.rglob("*.py")):
        parts = path.relative_to(REPO).parts
        if not _OUTSIDE.intersection(parts):
            yield path


@pytest.fixture(scope="module")
def module_edges() -> dict[str, set[str]]:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    modules = {name for name in graph.modules if ".migrations" not in name}
    return {
        name: {imported for imported in graph.find_modules_directly_imported_by(name)} & modules
        for name in modules
    }


def test_the_cycle_finder_finds_cycles_and_nothing_else() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set(), "c": {"c"}}) == []


def test_no_import_cycle_between_modules(module_edges: dict[str, set[str]]) -> None:
    assert cycles(module_edges) == []


def test_no_import_cycle_between_packages(module_edges: dict[str, set[str]]) -> None:
    packages: dict[str, set[str]] = {}
    for module, imported in module_edges.items():
        if module in SHIMS:
            continue
        top = module.split(".")[0]
        packages.setdefault(top, set()).update(
            name.split(".")[0] for name in imported if name.split(".")[0] != top
        )
    assert cycles(packages) == []


def test_entry_points_outside_runtime_only_delegate(module_edges: dict[str, set[str]]) -> None:
    for shim, target in SHIMS.items():
        assert module_edges[shim] == {target}, shim


def test_settings_are_read_only_by_the_composition_root() -> None:
    reads = {
        str(path.relative_to(REPO)): lines
        for path in _project_files()
        if path.relative_to(REPO).parts[0] not in ROOT and (lines := settings_reads(path))
    }
    assert reads == {}


def test_the_settings_scan_sees_every_spelling(tmp_path: Path) -> None:
    source = tmp_path / "leaf.py"
    source.write_text(
        "import settings\nfrom settings import get_settings\n"
        "a = get_settings()\nb = settings.get_settings().var_dir\nc = get_settings\n",
        encoding="utf-8",
    )
    assert settings_reads(source) == [3, 4]
