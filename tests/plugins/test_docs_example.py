"""The complete example of docs/plugins.md runs as written: its module, its pyproject and its tests."""

from __future__ import annotations

import importlib
import re
import sys
import tomllib
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def _blocks() -> dict[str, str]:
    """Code blocks of the guide's complete example, keyed by the file named on their first line."""
    example = GUIDE.read_text(encoding="utf-8").split("## A complete example", 1)[1]
    blocks = {}
    for code in re.findall(r"```(?:python|toml)\n(.*?)```", example, re.DOTALL):
        first, _, rest = code.partition("\n")
        blocks[first.lstrip("# ").strip()] = rest
    return blocks


def test_the_complete_example_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocks = _blocks()
    assert set(blocks) == {"pyproject.toml", "briefsum_slogans/__init__.py", "tests/test_slogans.py"}
    project = tomllib.loads(blocks["pyproject.toml"])["project"]
    assert project["entry-points"]["briefsum"] == {"slogans": "briefsum_slogans"}
    package = tmp_path / "briefsum_slogans"
    package.mkdir()
    (package / "__init__.py").write_text(blocks["briefsum_slogans/__init__.py"], encoding="utf-8")
    (tmp_path / "test_slogans_example.py").write_text(blocks["tests/test_slogans.py"], encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        tests = importlib.import_module("test_slogans_example")
        test_functions = [getattr(tests, name) for name in dir(tests) if name.startswith("test_")]
        assert len(test_functions) == 2
        for test in test_functions:
            test()
    finally:
        for name in ("briefsum_slogans", "test_slogans_example"):
            sys.modules.pop(name, None)
