"""The layers point one way (design.md): an app imports only from the apps below it, and no two
modules of the project import each other, directly or through others."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each app may import, besides itself (config wires everything together and is not checked).
ALLOWED = {
    "home": set(),
    "guide": {"home"},
    "invoices": {"home"},
    "members": {"home", "guide", "invoices"},
    "membership": {"home", "guide", "invoices", "members"},
    "events": {"home", "guide", "invoices", "members"},
    "messaging": {"home", "guide", "invoices", "members", "membership", "events"},
    # Measuring tools that write rows of every app (load_scale_data): above all of them.
    "scale": {"home", "guide", "invoices", "members", "membership", "events", "messaging"},
}


def _modules():
    for app in ALLOWED:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def _imports(name, path):
    """Every project module `name` imports (top level or inside a function)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            found.add(target)
            # `from . import services` imports the module `package.services`.
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] in ALLOWED}


MODULES = dict(_modules())
GRAPH = {name: {m for m in _imports(name, path) if m in MODULES} for name, path in MODULES.items()}


@pytest.mark.parametrize("app", ALLOWED)
def test_an_app_imports_only_from_the_apps_below_it(app):
    upward = sorted(
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if name.split(".")[0] == app
        for target in _imports(name, path)
        if target.split(".")[0] not in ALLOWED[app] | {app}
    )
    assert not upward, "\n".join(upward)


def test_no_import_cycles_between_modules():
    cycles = []
    state = {}

    def visit(module, stack):
        state[module] = "open"
        for target in sorted(GRAPH[module]):
            if state.get(target) == "open":
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif target not in state:
                visit(target, [*stack, target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(cycles)
