"""The package's layers: a lower stage never imports a higher one, and nothing imports in a cycle.

flows/ sit above the package's runtime layers; only the commands that start flows (`dvk demo`,
`dvk serve`) are above them.

Read from the source (every `import`, including those inside functions), so a lazy import that
climbs a layer is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. A module may import its own layer and the layers before it.
LAYERS = [
    (
        "base",
        [
            "errors",
            "schema",
            "text",
            "dates",
            "safe_text",
            "tables",
            "atomic",
            "mappings",
            "folders",
            "rejects",
            "roster",
            "settings",
            "xlsx_pages",
            "xlsx_rows",
            "xlsx_stream",
            "xlsx_values",
        ],
    ),
    ("sources", ["sources"]),
    ("intake", ["intake"]),
    ("check", ["check"]),
    ("register", ["register"]),
    ("documents", ["documents"]),
    ("google", ["google"]),
    ("outputs", ["outputs"]),
    ("cycle", ["cycle"]),
    ("ui", ["ui", "demo", "national"]),
    ("flows", ["flows"]),
    ("commands", ["commands", "cli", "__init__"]),
]
RANK = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] == "flows":
        return RANK["flows"]
    if parts[0] != "dvk":
        return None
    return RANK.get(parts[1] if len(parts) > 1 else "__init__")


def imports_of(path: Path) -> set[str]:
    """Every dvk/flows import of a module, except those only read by type checkers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in {"dvk", "flows"}}


MODULES = {module_name(path): path for folder in ("dvk", "flows") for path in (ROOT / folder).rglob("*.py")}


def test_every_module_has_a_layer():
    assert [name for name in MODULES if layer_of(name) is None] == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_imports_a_higher_layer(name):
    mine = layer_of(name)
    climbing = sorted(
        target for target in imports_of(MODULES[name]) if (layer_of(target) or 0) > mine and target in MODULES
    )
    assert climbing == [], f"{name} (layer {LAYERS[mine][0]}) imports higher layers: {climbing}"


def test_no_import_cycles():
    graph = {
        name: {t for t in imports_of(path) if t in MODULES and t != name} for name, path in MODULES.items()
    }
    # Importing a package runs its __init__: an edge to "a.b.c" is an edge to "a.b" and "a" too
    # (but Python imports a module's own parent packages first: that is not a cycle).
    for name, targets in graph.items():
        for target in list(targets):
            parts = target.split(".")
            parents = (".".join(parts[:i]) for i in range(1, len(parts)))
            targets.update(p for p in parents if p in MODULES and not (name + ".").startswith(p + "."))
        targets.discard(name)
    seen: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for target in sorted(graph[node]):
            if seen.get(target) == 1:
                cycles.append(stack[stack.index(target) :] + [target])
            elif target not in seen:
                visit(target, [*stack, target])
        seen[node] = 2

    for name in sorted(graph):
        if name not in seen:
            visit(name, [name])
    assert cycles == [], cycles
