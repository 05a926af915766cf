"""The habits of docs/development.md, kept true by reading the source: pure rules,
small modules, no import circles, wings that meet through hooks, permissions in one
place, one time zone. ``python -m tests.architecture`` prints the import graph's
circles and the imports inside functions when one of these fails."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from legaldesk.auth.rules import ROLES
from tests.architecture import (
    circles,
    collect,
    counted,
    function_imports,
    graph_of,
    module_edges,
    wing_edges,
    wing_of,
)

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "legaldesk"
FACTORY = "legaldesk"  # legaldesk/__init__.py wires the wings together
# The edges of the house: they start the app or its processes and import lazily.
EDGES = {FACTORY, "legaldesk.cli", "legaldesk.scheduler"}
MAX_LINES = 400
# Pure modules that are not called rules.py.
PURE = {
    "auth/devices.py",
    "cases/codes.py",
    "routing/directory.py",
    "routing/draw.py",
    "routing/eligibility.py",
    "routing/parties.py",
}
IMPURE_IMPORTS = re.compile(
    r"^(flask|flask_\w+|werkzeug|sqlalchemy|legaldesk\.(db|clock|zone|extensions))(\.|$)"
)
# The wings, lowest first: a wing may import only wings before it (docs/development.md).
ORDER = [
    f"legaldesk.{wing}"
    for wing in [
        "audit",
        "auth",
        "enterprises",
        "notify",
        "workcal",
        "cases",
        "documents",
        "routing",
        "rooms",
        "mediation",
        "followups",
        "notes",
        "portal",
        "reports",
        "desk",
        "admin",
        "demo",
    ]
]
# Below every wing: packages of the kernel (the loose modules are kernel too).
KERNEL_PACKAGES = {"legaldesk.ratelimit"}
# The edges that wire wings together, and the module that imports every mapping.
WIRING = EDGES | {"legaldesk.api", "legaldesk.models"}
CLOCK_CALLS = {"now", "today", "utcnow"}  # datetime.now(), date.today(), clock.utcnow()


def sources() -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


SOURCES = sources()
IMPORTS = collect(ROOT, "legaldesk")


def imported_names(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def pure_modules() -> list[str]:
    return sorted(p for p in SOURCES if p.endswith("rules.py") or p in PURE)


@pytest.mark.parametrize("path", pure_modules())
def test_rules_are_pure(path):
    """Rules take everything as arguments: no Flask, no database, no clock."""
    tree = ast.parse(SOURCES[path])
    impure = [name for name in imported_names(tree) if IMPURE_IMPORTS.match(name)]
    assert impure == [] and reads_the_clock(tree) == []


def reads_the_clock(tree: ast.AST) -> list[int]:
    """Lines calling ``x.now()``, ``x.today()``, ``utcnow()`` or ``time.time()``."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        call = node.func
        named = isinstance(call, ast.Name) and call.id in CLOCK_CALLS
        method = isinstance(call, ast.Attribute) and call.attr in CLOCK_CALLS
        epoch = (
            isinstance(call, ast.Attribute)
            and call.attr == "time"
            and isinstance(call.value, ast.Name)
            and call.value.id == "time"
        )
        if named or method or epoch:
            found.append(node.lineno)
    return found


def test_modules_are_small():
    big = {path: text.count("\n") for path, text in SOURCES.items()}
    assert {path: n for path, n in big.items() if n > MAX_LINES} == {}


def test_no_module_circles():
    """Imports inside functions count: hiding one there does not remove the circle."""
    edges = module_edges(counted(IMPORTS, functions=True, wiring=[FACTORY]))
    assert circles(graph_of(edges)) == []


def test_no_wing_circles():
    edges = wing_edges(counted(IMPORTS, functions=True, wiring=[FACTORY]))
    assert circles(graph_of(edges)) == []


def test_every_wing_has_its_place():
    packages = {
        f"legaldesk.{p.parent.name}" for p in PACKAGE.glob("*/__init__.py")
    } - KERNEL_PACKAGES
    assert packages == set(ORDER)


def test_arrows_point_down():
    """A wing imports only wings below it, and the kernel imports no wing."""
    edges = wing_edges(counted(IMPORTS, functions=True, wiring=[FACTORY]))
    rank = {wing: i for i, wing in enumerate(ORDER)}
    upward = sorted(
        f"{a} -> {b}"
        for a, b in edges
        if b in rank and (rank.get(a, -1) < rank[b]) and a not in WIRING
    )
    assert upward == []


def test_imports_inside_functions_only_at_the_edges():
    hidden = [
        f"{group[0].path}:{group[0].line} {group[0].function}()"
        for group in function_imports(IMPORTS)
        if group[0].source not in EDGES
    ]
    assert hidden == []


def is_view(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last in ("views", "api", "apidoc") or last.endswith("_views")


def test_no_wing_imports_another_wings_views():
    """Wings meet through hooks and services; only the factory and the API parent
    gather the views."""
    crossing = sorted(
        f"{imp.path}:{imp.line} -> {imp.target}"
        for imp in IMPORTS
        if is_view(imp.target)
        and wing_of(imp.source) != wing_of(imp.target)
        and imp.source not in (FACTORY, "legaldesk.api")
    )
    assert crossing == []


def test_every_hooks_module_is_wired():
    hooks = {
        f"legaldesk.{p.removesuffix('/hooks.py').replace('/', '.')}.hooks"
        for p in SOURCES
        if p.endswith("/hooks.py")
    }
    wired = {imp.target for imp in IMPORTS if imp.source == FACTORY}
    assert hooks - wired == set()


def role_tests(tree: ast.AST) -> list[int]:
    """Lines that compare a ``.role`` or spell out a tuple of role names."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "role" for s in sides):
                found.append(node.lineno)
        elif isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) > 1:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant)]
            if len(values) == len(node.elts) and set(values) <= set(ROLES):
                found.append(node.lineno)
    return found


def test_permissions_live_in_auth_rules():
    """Every "who may" is a named predicate of auth/rules.py, so a rule changes in
    one place; templates get the predicates, never the role."""
    outside = {
        path: lines
        for path, text in SOURCES.items()
        if path not in ("auth/rules.py", "auth/service.py")  # the predicates; their SQL
        and (lines := role_tests(ast.parse(text)))
    }
    templates = sorted(
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "templates").rglob("*.html")
        if ".role" in path.read_text(encoding="utf-8")
    )
    assert (outside, templates) == ({}, [])


def test_one_time_zone():
    """The desk's zone is read from the configuration in one place and passed in."""
    zone_info = sorted(p for p, text in SOURCES.items() if "ZoneInfo(" in text)
    setting = sorted(p for p, text in SOURCES.items() if '"TIMEZONE"' in text)
    assert zone_info == ["clock.py"]
    assert set(setting) <= {"config.py", "zone.py", "__init__.py"}
