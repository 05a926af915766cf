"""The import graph of a package: circles between modules and between wings.

Reads the source with :mod:`ast` (nothing is imported or executed), so it sees every
import, including those hidden inside functions, and says where each one is.

    python imports.py [--root /work/main] [--package legaldesk] [--no-functions]
                      [--wiring legaldesk,legaldesk.cli] [--packages-only]
                      [--order audit,auth,...] [--list-function-imports]

Vocabulary:
- a *module* is one ``.py`` file (a package's ``__init__.py`` is the package itself);
- a *wing* is a first-level subpackage (``legaldesk.cases``); each loose top-level
  module (``legaldesk.api``) is a node of its own in the wing graph, and so is the
  package itself (``legaldesk``: the app factory in ``legaldesk/__init__.py``);
- an import *inside a function* is one nested in a ``def`` or ``lambda`` at any
  depth; one under ``if TYPE_CHECKING:`` is *typing-only* and never a runtime edge;
- *wiring* modules (``--wiring``) are allowed to import anything from inside their
  functions (the app factory): those imports are left out of the circles.

Importing ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``; those implicit
edges are left out (the wings' ``__init__`` files are empty).

Written to become ``tests/test_architecture.py``: :func:`collect`,
:func:`module_edges`, :func:`wing_edges`, :func:`circles`, :func:`simple_cycles`,
:func:`function_imports` and :func:`upward_edges` take plain arguments and return
plain data; only :func:`main` prints.
"""

from __future__ import annotations

import argparse
import ast
import sys
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


def _short(name: str, package: str) -> str:
    return name[len(package) + 1 :] if name.startswith(package + ".") else name


def _where(imports: list[Import]) -> str:
    """Each statement once: ``path:line``, with its function when inside one."""
    shown: list[str] = []
    for imp in imports:
        place = f"{imp.path}:{imp.line}" + (f" in {imp.function}()" if imp.function else "")
        if place not in shown:
            shown.append(place)
    return "; ".join(shown)


def _print_edges(edges: dict[Edge, list[Import]], members: set[str], package: str) -> None:
    print("  edges inside this circle:")
    for a, b in sorted(e for e in edges if e[0] in members and e[1] in members):
        print(f"    {_short(a, package)} -> {_short(b, package)}: {_where(edges[(a, b)])}")


def report(args: argparse.Namespace) -> int:
    """Print the circles (and upward edges); answer how many problems were found."""
    package = args.package
    everything = collect(args.root, package)
    imports = counted(everything, not args.no_functions, args.wiring)
    how = "counting imports inside functions" if not args.no_functions else "top-level only"
    if args.wiring:
        how += ", except in " + ", ".join(args.wiring)
    problems = 0

    by_module = module_edges(imports)
    print(f"# Module circles ({how})")
    for component in circles(graph_of(by_module)):
        problems += 1
        members = set(component)
        print(f"\n## {len(component)} modules: " + ", ".join(_short(m, package) for m in component))
        inside = graph_of(e for e in by_module if e[0] in members and e[1] in members)
        for cycle in simple_cycles(inside, args.cycles):
            print("  - " + " -> ".join(_short(m, package) for m in (*cycle, cycle[0])))
        _print_edges(by_module, members, package)

    by_wing = wing_edges(imports)
    if args.packages_only:
        is_package = {w for w in graph_of(by_wing) if (args.root / w.replace(".", "/")).is_dir()}
        by_wing = {e: i for e, i in by_wing.items() if e[0] in is_package and e[1] in is_package}
    print(f"\n# Wing circles ({how}{', packages only' if args.packages_only else ''})")
    for component in circles(graph_of(by_wing)):
        problems += 1
        print(f"\n## {len(component)} wings: " + ", ".join(_short(w, package) for w in component))
        _print_edges(by_wing, set(component), package)

    if args.order:
        order = [f"{package}.{w}" for w in args.order]
        upward = upward_edges(by_wing, order)
        problems += len(upward)
        print(f"\n# Upward wing edges (order, lowest first: {', '.join(args.order)})")
        for a, b in upward:
            print(f"  {_short(a, package)} -> {_short(b, package)}: {_where(by_wing[(a, b)])}")

    statements = function_imports(everything)
    wiring = [s for s in statements if s[0].source in set(args.wiring)]
    print(
        f"\n# Import statements inside functions: {len(statements)}"
        f" ({len(wiring)} in wiring modules)"
    )
    if args.list_function_imports:
        for group in statements:
            first = group[0]
            targets = ", ".join(
                _short(i.target, package) + (f" [{', '.join(i.names)}]" if i.names else "")
                for i in group
            )
            print(f"  {first.path}:{first.line} {first.function}(): {targets}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("/work/main"))
    parser.add_argument("--package", default="legaldesk")
    parser.add_argument(
        "--no-functions", action="store_true", help="leave out imports inside functions"
    )
    parser.add_argument(
        "--wiring",
        type=lambda raw: [m for m in raw.split(",") if m],
        default=[],
        help="modules whose imports inside functions are allowed (e.g. legaldesk)",
    )
    parser.add_argument(
        "--packages-only", action="store_true", help="wing graph of subpackages only"
    )
    parser.add_argument(
        "--order",
        type=lambda raw: [w for w in raw.split(",") if w],
        default=[],
        help="wings from lowest to highest; report edges pointing up",
    )
    parser.add_argument("--cycles", type=int, default=30, help="simple cycles shown per circle")
    parser.add_argument("--list-function-imports", action="store_true")
    return 1 if report(parser.parse_args(argv)) else 0


if __name__ == "__main__":
    sys.exit(main())
