"""The shape of the code (docs/ARCHITECTURE.md): every module imports on its own, the modules of
rasm and of the service import each other without a cycle, and the layout table of
ARCHITECTURE.md names exactly the modules in the tree."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = (ROOT / "src" / "rasm", ROOT / "service")
ARCHITECTURE = ROOT / "docs" / "ARCHITECTURE.md"


def module_files() -> dict[str, Path]:
    """Module name -> file, for every module of rasm and of the service."""
    found = {}
    for package in PACKAGES:
        for path in sorted(package.rglob("*.py")):
            parts = list(path.relative_to(package.parent).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import in a module, at any depth (functions import lazily, but they still depend),
    except those under `if TYPE_CHECKING:`, which run only for the type checker."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _type_checking(child):
            for other in child.orelse:
                yield from _imports(other)
            continue
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        yield from _imports(child)


def _known(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of rasm and of the service it imports. `from package import sub`
    depends on the submodule; the facade `rasm` depends on every module its `_EXPORTS` names
    (it imports them on first use of a name)."""
    modules = module_files()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"), str(path))
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in _imports(tree):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
                continue
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[: len(here) - (node.level - 1)]
                base = ".".join([*here, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.add(sub if sub in modules else base)
        if name == "rasm":
            exports = next(n for n in tree.body if isinstance(n, ast.Assign)
                           and any(getattr(t, "id", "") == "_EXPORTS" for t in n.targets))
            targets.update(ast.literal_eval(exports.value).values())
        graph[name] = {k for t in targets if (k := _known(t, modules)) and k != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_import_graph_has_no_cycle() -> None:
    graph = import_graph()
    assert {"rasm.names.matcher", "rasm.text.lookup", "rasm.gazetteer.compiled"} <= set(graph)
    assert "rasm.gazetteer.compiled" in graph["rasm.gazetteer"]  # lazy imports count
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


# Run in a fresh interpreter: before each module, every rasm and service module is forgotten,
# so each one is imported with nothing of ours loaded (an import that works only after another
# module has been imported fails here).
_IMPORT_EACH = """
import importlib, json, sys
failed = {}
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m.split(".")[0] in ("rasm", "service")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:  # an extra that is not installed is not a fault of ours
        ours = (exc.name or "").split(".")[0] in ("rasm", "service")
        failed[name] = f"{type(exc).__name__}: {exc}" if ours else None
    except Exception as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(failed))
"""


def test_every_module_imports_on_its_own() -> None:
    names = sorted(module_files())
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_EACH, json.dumps(names)], cwd=ROOT, capture_output=True,
        text=True, check=True, timeout=600,
    )
    failed = json.loads(out.stdout.strip().splitlines()[-1])
    assert {name: why for name, why in failed.items() if why is not None} == {}
    # Without an extra its modules cannot import; the core needs none.
    assert not [name for name in failed if name.split(".")[1:2] in (["names"], ["text"])]


def layout_paths() -> list[str]:
    """The paths named in the first column of ARCHITECTURE.md's layout table, in order."""
    text = ARCHITECTURE.read_text("utf-8")
    section = text.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows, "no layout table under '## Layout' in docs/ARCHITECTURE.md"
    return [path for row in rows for path in re.findall(r"`([^`]+)`", row.split(" | ")[0])]


def test_the_layout_table_names_exactly_the_modules_in_the_tree() -> None:
    listed = layout_paths()
    modules = [p for p in listed if p.endswith(".py")]
    assert len(modules) == len(set(modules)), "a module is listed twice"
    in_tree = {str(path.relative_to(ROOT)) for path in module_files().values()}
    assert set(modules) - in_tree == set(), "listed in ARCHITECTURE.md but not in the tree"
    assert in_tree - set(modules) == set(), "in the tree but not in ARCHITECTURE.md's layout"
    folders = [p for p in listed if p.endswith("/")]
    assert all((ROOT / p).is_dir() for p in folders), folders
