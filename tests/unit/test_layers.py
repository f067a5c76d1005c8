"""The rooms' import rules, read from the source: orchestration -> ingest, serving -> data_contracts -> transforms.

Every import counts, a lazy one inside a function included: a cycle hidden behind a function-level import is a
cycle still. Tests, scripts and benchmarks may import any room but must not form cycles among themselves.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from data_contracts.paths import REPO_ROOT

# a room may import only rooms of a lower rank; ingest and serving are siblings and import neither each other
RANK = {"transforms": 0, "data_contracts": 1, "ingest": 2, "serving": 2, "orchestration": 3}
TOOLING = ("tests", "scripts", "benchmarks")
# orchestration/ is Dagster only; these small helpers it alone uses need no Dagster import
DAGSTER_FREE_HELPERS = {
    "orchestration": "the package marker",
    "orchestration.instance": "writes dagster.yaml before `dagster dev` starts (the Makefile calls it)",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for package in (*RANK, *TOOLING)
        for path in sorted((REPO_ROOT / package).rglob("*.py"))
    }


def _imports(path: Path, modules: dict[str, Path]) -> set[str]:
    """The project's modules a file imports: `from a.b import c` is a.b.c when c is a module, else a.b."""
    found: set[str] = set()
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names}
    return {name for name in found if name.split(".")[0] in (*RANK, *TOOLING) and name in modules}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path, modules) for name, path in modules.items()}


def test_rooms_import_only_lower_rooms(graph):
    upward = [
        f"{module} imports {target}"
        for module, targets in graph.items()
        if module.split(".")[0] in RANK
        for target in targets
        if (room := target.split(".")[0]) != module.split(".")[0]
        and (room in TOOLING or RANK[room] >= RANK[module.split(".")[0]])
    ]
    assert upward == [], "imports against orchestration -> ingest, serving -> data_contracts -> transforms"


def test_no_import_cycle(graph):
    cycles, state = [], {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_orchestration_holds_only_dagster_code(graph):
    modules = _modules()
    without_dagster = [
        name
        for name, path in modules.items()
        if name.split(".")[0] == "orchestration"
        and name not in DAGSTER_FREE_HELPERS
        and not any(
            isinstance(node, ast.Import | ast.ImportFrom)
            and any(
                (getattr(node, "module", None) or alias.name).split(".")[0] in ("dagster", "dagster_dbt")
                for alias in node.names
            )
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert without_dagster == [], "modules in orchestration/ that import no Dagster belong in ingest/ or serving/"
