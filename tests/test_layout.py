"""The shape of the house: no import circles, layers that point down, files only in ``io/``.

The package is read from its own source (its import statements, at the top
of a module and inside functions alike), as ``../shared/tools/import_circles.py``
reads it. Layers, lowest first; a module may import only modules of its own
layer or of lower ones:

0. ``errors``, ``numbers``, ``registry``, ``limits``: the error family, exact numbers, registries, guards
1. ``formula``
2. ``game``, ``model``, ``solution``: the value types
3. ``solvers/``
4. ``symbolic/``
5. ``statics/``
6. ``negotiation/`` (bargaining problems; the folder is not called bargain, the API function)
7. ``io/``: the only modules that read or write files
8. ``analysis/``
9. ``render/``
10. ``figures/``
11. ``api`` and the package face (``__init__``)
12. ``server/``
13. ``cli/``

The tests mirror the package: every module with code (more than a docstring,
imports and ``__all__``) has its test module, ``bargaining/W/X.py`` in
``tests/W/test_X.py`` and a package's ``__init__.py`` in ``tests/W/test_init.py``,
and every test module under ``tests/`` is the test module of one library
module, but for the few that look at the house as a whole (:data:`WHOLE`).

The one exception is the notebook display hooks (``Game._repr_html_`` and
friends), which import :mod:`bargaining.render.notebook` when Jupyter asks
(sympy's pattern); that module imports nothing that imports them back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "bargaining"
TESTS = Path(__file__).resolve().parent

#: Test modules about the house as a whole rather than one library module.
WHOLE = {"test_layout.py", "test_docs.py", "test_browser.py"}

LAYERS = [
    ("errors", "numbers", "registry", "limits"),
    ("formula",),
    ("game", "model", "solution", "tree"),
    ("solvers",),
    ("symbolic",),
    ("statics",),
    ("negotiation",),
    ("io",),
    ("analysis",),
    ("render",),
    ("figures",),
    ("api", ""),
    ("server",),
    ("cli",),
]

#: (importer, imported) pairs allowed to point up: the notebook display hooks.
HOOKS = {("bargaining.game", "bargaining.render.notebook"), ("bargaining.solution", "bargaining.render.notebook")}

#: Methods that touch files (of pathlib.Path, matplotlib figures, importlib.resources), and the modules whose
#: functions do; only io/ may call them.
FILE_METHODS = {"read_text", "write_text", "read_bytes", "write_bytes", "savefig", "glob", "rglob", "iterdir",
                "unlink", "mkdir", "touch", "joinpath"}
FILE_MODULES = {"os", "shutil", "tempfile", "resources"}
OS_FILE_FUNCTIONS = {"replace", "rename", "remove", "unlink", "makedirs", "mkdir", "listdir", "scandir", "open",
                     "fdopen", "rmdir", "walk"}


def _modules() -> dict[str, Path]:
    out = {}
    for f in PACKAGE.rglob("*.py"):
        rel = f.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        out[".".join(parts)] = f
    return out


MODULES = _modules()


def _imports(name: str) -> set[str]:
    f = MODULES[name]
    pkg = name.split(".") if f.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(f.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in MODULES and t != name and not name.startswith(t + ".")}
    return found


def _layer(name: str) -> int:
    parts = name.split(".")
    head = parts[1] if len(parts) > 1 else ""
    for k, names in enumerate(LAYERS):
        if head in names:
            return k
    raise AssertionError(f"{name} belongs to no layer; add its folder to LAYERS in tests/test_layout.py")


def test_every_module_has_a_layer():
    for name in MODULES:
        _layer(name)


def test_no_import_circles():
    graph = {m: _imports(m) for m in MODULES}
    state: dict[str, int] = {}

    def visit(m, path):
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycle = path[path.index(t):] + [t]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if t not in state:
                visit(t, path + [t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


@pytest.mark.parametrize("name", sorted(MODULES))
def test_layers_point_down(name):
    up = [t for t in _imports(name) if _layer(t) > _layer(name) and (name, t) not in HOOKS]
    assert not up, f"{name} (layer {_layer(name)}) imports higher layers: " + ", ".join(
        f"{t} (layer {_layer(t)})" for t in sorted(up)
    )


def _file_calls(tree) -> list[str]:
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id == "open":
            calls.append(f"open() at line {node.lineno}")
        elif isinstance(f, ast.Attribute):
            owner = f.value.id if isinstance(f.value, ast.Name) else None
            if f.attr in FILE_METHODS or (owner in FILE_MODULES and (owner != "os" or f.attr in OS_FILE_FUNCTIONS)):
                calls.append(f"{owner + '.' if owner else ''}{f.attr}() at line {node.lineno}")
    return calls


@pytest.mark.parametrize("name", sorted(m for m in MODULES if not m.startswith("bargaining.io")))
def test_only_io_touches_files(name):
    calls = _file_calls(ast.parse(MODULES[name].read_text()))
    assert not calls, f"{name} touches files ({', '.join(calls)}); only bargaining/io/ may"


def _has_code(path: Path) -> bool:
    """More than a docstring, imports and ``__all__``: a module that only re-exports needs no tests of its own."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    for k, node in enumerate(body):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if k == 0 and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            continue
        return True
    return False


def _test_module(path: Path) -> Path:
    """``bargaining/W/X.py`` -> ``tests/W/test_X.py``; ``__init__.py`` -> ``test_init.py``."""
    rel = path.relative_to(PACKAGE)
    name = "init" if rel.stem == "__init__" else rel.stem
    return TESTS.joinpath(*rel.parts[:-1], f"test_{name}.py")


def test_the_rule_tells_code_from_a_re_export():
    assert _has_code(PACKAGE / "__init__.py")  # the lazy facade
    assert not _has_code(PACKAGE / "symbolic" / "__init__.py")  # imports and __all__ only
    assert _test_module(PACKAGE / "solvers" / "enumeration.py") == TESTS / "solvers" / "test_enumeration.py"
    assert _test_module(PACKAGE / "cli" / "__init__.py") == TESTS / "cli" / "test_init.py"


@pytest.mark.parametrize("name", sorted(m for m, f in MODULES.items() if _has_code(f)))
def test_every_module_with_code_has_its_test_module(name):
    expected = _test_module(MODULES[name])
    assert expected.exists(), f"{name} has no test module: add {expected.relative_to(TESTS.parent)}"


def test_every_test_module_tests_one_library_module():
    mirrored = {_test_module(f) for f in MODULES.values()}
    stray = sorted(
        str(t.relative_to(TESTS.parent))
        for t in TESTS.rglob("test_*.py")
        if t not in mirrored and not (t.parent == TESTS and t.name in WHOLE)
    )
    assert not stray, "test modules that mirror no library module: " + ", ".join(stray)
