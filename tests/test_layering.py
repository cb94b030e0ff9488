"""The package's shape: no import cycles, a core without Discord or click, and stages that
import only the stages before them.

Imports are read from the source (every `import` and `from ... import`, inside functions
and TYPE_CHECKING blocks too), so a cycle hidden in a lazy import counts as well.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"

# The core's stages in the order a question passes through them. A module may import
# from its own stage and from earlier ones; the asking and rendering stages sit side by
# side and import neither each other nor anything after them.
STAGE_RANK = {
    "bot.core.models": 0,
    "bot.core.dates": 0,
    "bot.core.text": 0,
    "bot.core.memory": 0,
    "bot.core.data": 1,
    "bot.core.names": 2,
    "bot.core.answers": 3,
    "bot.core.ask": 4,
    "bot.core.render": 4,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module a file imports (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else None
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = (package or module_name(path)).split(".")
                base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
            found.add(base)
            # `from bot.core.data import store` imports the module bot.core.data.store
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in BOT.rglob("*.py")}
    return {
        name: {target for target in imports_of(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def stage_of(module: str) -> str | None:
    for stage in sorted(STAGE_RANK, key=len, reverse=True):
        if module == stage or module.startswith(stage + "."):
            return stage
    return None


def test_the_graph_sees_the_modules() -> None:
    edges = graph()
    assert "bot.core.ask.commands" in edges
    assert "bot.core.answers.facade" in edges["bot.core.ask.command"]  # a TYPE_CHECKING import
    assert "bot.core.data.store" in edges["bot.core.data.ingest"]  # `from pkg import module`


def test_no_import_cycles() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1 visiting, 2 done
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for source, targets in graph().items():
        here = stage_of(source)
        if here is None:
            continue
        for target in targets:
            there = stage_of(target)
            if there is None:
                if target.startswith("bot.") and target != "bot":
                    wrong.append(f"{source} -> {target} (outside the core)")
                continue
            if there != here and STAGE_RANK[there] >= STAGE_RANK[here]:
                wrong.append(f"{source} -> {target}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("framework", ["discord", "click"])
def test_the_core_never_imports_a_front_end(framework: str) -> None:
    named = [
        str(path.relative_to(BOT.parent))
        for path in (BOT / "core").rglob("*.py")
        if any(t == framework or t.startswith(framework + ".") for t in imports_of(path))
    ]
    assert not named, named


def test_the_whole_core_loads_without_discord() -> None:
    # (click is not checked here: sqlite-utils, which the data stage uses, loads it for
    # its own command line; the core's source never imports it, as the test above says.)
    code = (
        "import sys, importlib, pkgutil, bot.core\n"
        "for m in pkgutil.walk_packages(bot.core.__path__, 'bot.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "loaded = sorted(k for k in sys.modules if k.split('.')[0] == 'discord')\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_only_the_discord_adapter_imports_discord() -> None:
    named = [
        str(path.relative_to(BOT.parent))
        for path in BOT.rglob("*.py")
        if "discord_app" not in path.parts
        and any(t == "discord" or t.startswith("discord.") for t in imports_of(path))
    ]
    assert not named, named
