"""The import graph of the ``legaldesk`` package, read with :mod:`ast` (nothing is
imported or executed), so it sees every import, including those inside functions,
and says where each one is. ``tests/test_architecture.py`` asserts on it;
``python -m tests.architecture`` prints the circles and imports inside functions.

Vocabulary: a *module* is one ``.py`` file (a package's ``__init__.py`` is the
package); a *wing* is a first-level subpackage (``legaldesk.cases``), and each loose
top-level module (``legaldesk.api``) and the package itself (the app factory) is a
wing of its own; an import *inside a function* is nested in a ``def`` or ``lambda``;
one under ``if TYPE_CHECKING:`` is typing-only and never a runtime edge.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

Edge = tuple[str, str]
Graph = dict[str, set[str]]
Statement = ast.Import | ast.ImportFrom


@dataclass(frozen=True)
class Import:
    """One imported module of the package, and where the import is."""

    source: str  # importing module, e.g. "legaldesk.cases.views"
    target: str  # imported module of the package, e.g. "legaldesk.db"
    names: tuple[str, ...]  # names taken from it, ("db",); () for a whole module
    path: str  # file, relative to the root
    line: int
    function: str | None  # enclosing function, e.g. "create_app", or None
    typing_only: bool  # under `if TYPE_CHECKING:`

    @property
    def in_function(self) -> bool:
        return self.function is not None


def modules_of(root: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` under ``root``: dotted name -> file."""
    found: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if "__pycache__" in parts:
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(
    nodes: Iterable[ast.AST], scope: tuple[str, ...], typing_only: bool
) -> Iterator[tuple[Statement, tuple[str, ...], bool]]:
    """Every import statement below ``nodes``, with its enclosing functions and
    whether it is typing-only. Class bodies keep the scope: they run at import."""
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, scope, typing_only
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield from _walk(ast.iter_child_nodes(node), (*scope, node.name), typing_only)
        elif isinstance(node, ast.Lambda):
            yield from _walk(ast.iter_child_nodes(node), (*scope, "<lambda>"), typing_only)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _walk(node.body, scope, True)
            yield from _walk(node.orelse, scope, typing_only)
        else:
            yield from _walk(ast.iter_child_nodes(node), scope, typing_only)


def _base_of(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an ``ImportFrom`` names (``from .. import`` resolved)."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if node.level > 1:
        parts = parts[: len(parts) - (node.level - 1)]
    return ".".join(parts + ([node.module] if node.module else []))


def _owning_module(name: str, modules: dict[str, Path]) -> str | None:
    """The longest known module that ``name`` is, or is an attribute of."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _targets(
    node: Statement, module: str, is_package: bool, modules: dict[str, Path]
) -> list[tuple[str, tuple[str, ...]]]:
    """(module of the package, names taken) for each name one statement imports."""
    if isinstance(node, ast.Import):
        named = [(alias.name, ()) for alias in node.names]
    else:
        base = _base_of(module, is_package, node)
        named = [
            (f"{base}.{alias.name}", ())  # `from legaldesk import api`: a module
            if f"{base}.{alias.name}" in modules
            else (base, (alias.name,))  # `from legaldesk.db import db`: a name
            for alias in node.names
        ]
    found = []
    for name, names in named:
        target = _owning_module(name, modules)
        if target is not None and target != module:
            found.append((target, names))
    return found


def collect(root: Path, package: str) -> list[Import]:
    """Every import of a module of ``package`` made by a module of ``package``."""
    modules = modules_of(root, package)
    found: list[Import] = []
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node, scope, typing_only in _walk(tree.body, (), False):
            for target, names in _targets(node, module, is_package, modules):
                found.append(
                    Import(
                        source=module,
                        target=target,
                        names=names,
                        path=str(path.relative_to(root)),
                        line=node.lineno,
                        function=".".join(scope) or None,
                        typing_only=typing_only,
                    )
                )
    return found


def wing_of(module: str) -> str:
    """``legaldesk.cases.views`` -> ``legaldesk.cases``; a loose top-level module
    (``legaldesk.api``) and the package itself (``legaldesk``) are their own wing."""
    return ".".join(module.split(".")[:2])


def counted(imports: Iterable[Import], functions: bool, wiring: Iterable[str] = ()) -> list[Import]:
    """The runtime imports that make edges: never typing-only ones; imports inside
    functions only when ``functions``, and never those of ``wiring`` modules."""
    allowed = set(wiring)
    return [
        imp
        for imp in imports
        if not imp.typing_only
        and not (imp.in_function and (not functions or imp.source in allowed))
    ]


def module_edges(imports: Iterable[Import]) -> dict[Edge, list[Import]]:
    """Edges between modules, each with the imports that make it."""
    edges: dict[Edge, list[Import]] = defaultdict(list)
    for imp in imports:
        edges[(imp.source, imp.target)].append(imp)
    return dict(edges)


def wing_edges(imports: Iterable[Import]) -> dict[Edge, list[Import]]:
    """Edges between wings (imports inside one wing are left out)."""
    edges: dict[Edge, list[Import]] = defaultdict(list)
    for imp in imports:
        a, b = wing_of(imp.source), wing_of(imp.target)
        if a != b:
            edges[(a, b)].append(imp)
    return dict(edges)


def graph_of(edges: Iterable[Edge]) -> Graph:
    graph: Graph = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
        graph.setdefault(b, set())
    return dict(graph)


def circles(graph: Graph) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative),
    each sorted, largest first: every import circle lies inside one of them."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        work: list[tuple[str, Iterator[str]]] = [(start, iter(sorted(graph[start])))]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found, key=lambda c: (-len(c), c))


def simple_cycles(graph: Graph, limit: int = 100) -> list[list[str]]:
    """Up to ``limit`` simple cycles, shortest first. Each is found once: from its
    smallest node, through nodes greater than it (depth-first)."""
    found: list[list[str]] = []
    for start in sorted(graph):
        path = [start]
        work: list[Iterator[str]] = [iter(sorted(graph[start]))]
        while work and len(found) < limit:
            child = next(work[-1], None)
            if child is None:
                work.pop()
                path.pop()
            elif child == start:
                found.append(list(path))
            elif child > start and child not in path:
                path.append(child)
                work.append(iter(sorted(graph[child])))
    return sorted(found, key=lambda c: (len(c), c))


def function_imports(imports: Iterable[Import]) -> list[list[Import]]:
    """Runtime imports inside functions, one group per statement, in file order."""
    statements: dict[tuple[str, int], dict[str, Import]] = defaultdict(dict)
    for imp in imports:
        if not imp.in_function or imp.typing_only:
            continue
        group = statements[(imp.path, imp.line)]
        kept = group.get(imp.target)
        group[imp.target] = replace(kept, names=kept.names + imp.names) if kept else imp
    return [list(statements[key].values()) for key in sorted(statements)]


def upward_edges(edges: Iterable[Edge], order: Sequence[str]) -> list[Edge]:
    """Wing edges that point up: from a wing to one listed after it in ``order``
    (lowest first). Wings not in ``order`` are not judged."""
    rank = {wing: i for i, wing in enumerate(order)}
    return sorted((a, b) for a, b in edges if a in rank and b in rank and rank[a] < rank[b])


def report(root: Path, package: str = "legaldesk") -> str:
    """The circles (imports inside functions counted, the factory's left out) and
    every import inside a function, as text."""
    everything = collect(root, package)
    imports = counted(everything, functions=True, wiring=[package])
    lines = ["# Module circles"]
    lines += ["  " + ", ".join(c) for c in circles(graph_of(module_edges(imports)))]
    lines.append("# Wing circles")
    lines += ["  " + ", ".join(c) for c in circles(graph_of(wing_edges(imports)))]
    lines.append("# Imports inside functions")
    for group in function_imports(everything):
        first = group[0]
        targets = ", ".join(i.target for i in group)
        lines.append(f"  {first.path}:{first.line} {first.function}(): {targets}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(Path(__file__).resolve().parents[1]))
