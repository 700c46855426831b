"""The package layout by layer: each layer imports only itself and the layers below it.

Every import counts, also one inside a function or under `TYPE_CHECKING`, and so does a
`"partnerkit.module:name"` string that is imported by name at run time.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "partnerkit"

# Bottom to top: a module may import its own layer and the layers above it in this list.
LAYERS: tuple[tuple[str, str], ...] = (
    ("partnerkit", "the version, in partnerkit/__init__.py"),
    ("support", "errors, safe writing, escaping, plain words, worker processes"),
    ("yamlio", "YAML read safely, with the position of every node"),
    ("format", "the partnership file format: types, models, thresholds, scaffold"),
    ("judge", "judging a valid partnership: scoring, next actions, stages, ROI, selection"),
    ("history", "a partnership's history: terms fingerprint, what changed, versions in git"),
    ("check", "from a file to its verdict: load, validate, rules, score, result"),
    ("editing", "changing a user's YAML text in place"),
    ("documents", "documents from a partnership: templates, Word, PDF, sheets, calendars"),
    ("reporters", "check, score and review output for people and machines"),
    ("commands", "one module per command, their options and what they share"),
    ("cli", "the command line: entry point, Typer app, help"),
)
CLI_MODULES = {"__main__", "entry", "cli", "clibuild", "commands_index"}
RANK = {name: rank for rank, (name, _) in enumerate(LAYERS)}
DYNAMIC = re.compile(r"^(partnerkit(?:\.\w+)+):")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) == 1:
        return "partnerkit"
    if len(parts) == 2 and parts[1] in CLI_MODULES:
        return "cli"
    return parts[1] if parts[1] in RANK and parts[1] not in ("partnerkit", "cli") else None


def _imports(module: str) -> set[str]:
    """The partnerkit modules that `module` imports, anywhere in it."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = DYNAMIC.match(node.value)
            if match:
                found.add(match.group(1))
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: _imports(module) for module in MODULES}


def test_every_module_is_in_a_declared_layer() -> None:
    loose = sorted(module for module in MODULES if layer_of(module) is None)
    assert not loose, f"modules in no layer of tests/test_layout.py LAYERS: {loose}"


def test_each_layer_imports_only_itself_and_the_layers_below() -> None:
    upward = [
        f"{module} ({layer_of(module)}) imports {target} ({layer_of(target)})"
        for module, targets in sorted(GRAPH.items())
        for target in sorted(targets)
        if RANK[layer_of(target) or "cli"] > RANK[layer_of(module) or "partnerkit"]
    ]
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def _cycles() -> list[list[str]]:
    """One import cycle for each group of modules that import each other, or none."""
    cycles: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(GRAPH):
        if start in done:
            continue
        path, on_path, stack = [start], {start}, [iter(sorted(GRAPH[start]))]
        while stack:
            target = next(stack[-1], None)
            if target is None:
                stack.pop()
                done.add(path.pop())
                on_path = set(path)
            elif target in on_path:
                cycle = [*path[path.index(target) :], target]
                if not any(set(cycle) <= set(seen) for seen in cycles):
                    cycles.append(cycle)
            elif target not in done:
                path.append(target)
                on_path.add(target)
                stack.append(iter(sorted(GRAPH[target])))
    return cycles


def test_no_import_cycle() -> None:
    cycles = _cycles()
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_layer_test_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The parser counts imports in functions, `from partnerkit import x` and run-time names."""
    assert "partnerkit.commands.check" in GRAPH["partnerkit.commands_index"]
    assert "partnerkit.reporters.text" in GRAPH["partnerkit.reporters"]
    assert "partnerkit.check.pipeline" in GRAPH["partnerkit.commands.common"]  # in a function
    assert "partnerkit.commands.options" in GRAPH["partnerkit.commands.check"]


def test_the_readme_table_names_every_layer() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for name, _ in LAYERS[1:]:
        package = f"`{name}/`" if name != "cli" else "`cli.py`"
        assert package in readme, f"README's layout table does not name {package}"
