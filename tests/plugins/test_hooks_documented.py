"""Every hook is documented in docs/plugins.md, with its exact signature, and has a test of its own.

Hooks are discovered by introspecting ``briefsum.hookspecs`` (as datasette's tests do), so a hook
added later fails here until it is documented and tested.
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from briefsum import hookspecs

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "plugins.md"
TEST_DIRS = [ROOT / "tests", *sorted((ROOT / "plugins").glob("*/tests"))]


def _hookspecs() -> dict[str, Callable[..., Any]]:
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return {name: f for name, f in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(f, marker)}


HOOKS = _hookspecs()


def signature(name: str) -> str:
    """``def name(param: Type, ...) -> Return:`` exactly as the spec declares it."""
    spec = inspect.signature(HOOKS[name])  # annotations stay strings (postponed evaluation)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in spec.parameters.values())
    return f"def {name}({params}) -> {spec.return_annotation}:"


def _test_names() -> set[str]:
    names: set[str] = set()
    for directory in TEST_DIRS:
        for path in directory.rglob("test_*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}
    return names


def test_hooks_are_discovered() -> None:
    assert "briefsum_stages" in HOOKS


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_is_documented_with_its_exact_signature(name: str) -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    params = ", ".join(inspect.signature(HOOKS[name]).parameters)
    assert re.search(rf"^### {re.escape(name)}\({re.escape(params)}\)$", guide, re.MULTILINE), (
        f"docs/plugins.md has no section '### {name}({params})'"
    )
    assert signature(name) in guide, f"docs/plugins.md does not show the exact signature: {signature(name)}"
    section = guide.split(f"### {name}(", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
    for topic in ("**When**", "**Ordering**", "**Returns**", "**Results**", "@hookimpl"):
        assert topic in section, f"the section of {name} does not say {topic}"


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_spec_has_a_docstring(name: str) -> None:
    doc = inspect.getdoc(HOOKS[name]) or ""
    assert "Called" in doc, f"{name}: say when the hook is called"
    assert "Since briefsum" in doc, f"{name}: say since which version"


@pytest.mark.parametrize("name", sorted(HOOKS))
def test_hook_has_a_test_of_its_own(name: str) -> None:
    tests = sorted(t for t in _test_names() if name in t)
    assert tests, f"no test function has {name!r} in its name (e.g. test_hook_{name}_...)"


def test_documented_hooks_exist() -> None:
    documented = set(re.findall(r"^### (briefsum_\w+)\(", GUIDE.read_text(encoding="utf-8"), re.MULTILINE))
    assert documented <= set(HOOKS), f"docs/plugins.md documents hooks that do not exist: {documented - set(HOOKS)}"
