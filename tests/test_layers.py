"""The package's layers (macros/__init__.py): each module imports only from its own layer or those below it, the
modules import no cycle, none is over 300 lines (STYLE.md), and importing the package loads no MkDocs."""

from __future__ import annotations

import ast
import subprocess
import sys

from helpers import ROOT

LAYERS = ("base", "figures", "content", "pages", "pipeline")  # bottom to top
PACKAGE = ROOT / "macros"


def _module(path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports (relative imports resolved)."""
    graph = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, found = _module(path), set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.rsplit(".", node.level - 1)[0] if node.level else ""
                target = ".".join(part for part in (base, node.module) if part)
                for alias in node.names:  # `from ..content import glossary` imports a module
                    sub = f"{target}.{alias.name}"
                    found.add(sub if (PACKAGE.parent / (sub.replace(".", "/") + ".py")).exists() else target)
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
        graph[name] = {target for target in found if target.startswith("macros.") or target == "macros"}
    return graph


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 2 else -1  # macros/__init__ and a layer's __init__: below all


def test_every_module_is_in_a_layer_and_imports_only_down():
    graph = _imports()
    assert {module.split(".")[1] for module in graph if module.count(".") >= 2} == set(LAYERS)
    upward = [(m, t) for m, targets in graph.items() for t in targets if _layer(t) > _layer(m)]
    assert not upward, f"imports that run up the layers: {upward}"


def test_no_import_cycle():
    graph, done, path = _imports(), set(), []

    def visit(module):
        if module in path:
            raise AssertionError(f"import cycle: {' -> '.join(path[path.index(module) :] + [module])}")
        if module in done or module not in graph:
            return
        path.append(module)
        for target in sorted(graph[module]):
            visit(target)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)


def test_modules_are_small_and_say_what_they_are_for():
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 300, f"{path.relative_to(ROOT)}: over 300 lines"
        assert ast.get_docstring(ast.parse(text)), f"{path.relative_to(ROOT)}: no docstring saying what it is for"


def test_importing_the_package_and_the_stage_loads_no_mkdocs():
    """make check imports the stage: MkDocs is loaded only when mkdocs.yml is read (siteconfig), never on import."""
    code = "import sys, macros, macros.pipeline.stage; print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]", result.stdout
