"""`briefsum new-plugin`: the package it writes installs, registers its stage and passes its own test."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from briefsum.cli.new_plugin import plugin_names

BRIEFSUM = [sys.executable, "-m", "briefsum"]
TIMEOUT = 180


def run(*args: str | Path, cwd: Path | None = None, python: str = sys.executable) -> subprocess.CompletedProcess[str]:
    return subprocess.run([python, *map(str, args)], capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd)


def _fresh_venv(root: Path) -> str:
    """A new virtual environment that sees this one's packages (briefsum, pytest, hatchling).

    Created without pip (fast); this environment's pip installs into it with ``--python``.
    """
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=TIMEOUT)
    python = str(venv / "bin" / "python")
    purelib = run("-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", python=python).stdout.strip()
    # addsitedir (unlike a plain path line) also runs this environment's .pth files: editable installs.
    ours = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "briefsum-test-parent.pth").write_text(
        f"import site; site.addsitedir({ours!r})\n", encoding="utf-8"
    )
    return python


@pytest.mark.slow
def test_new_plugin_installs_registers_and_passes_its_test(tmp_path: Path) -> None:
    created = run("-m", "briefsum", "new-plugin", "wordcount", "--directory", tmp_path)
    assert created.returncode == 0, created.stderr
    package = tmp_path / "briefsum-wordcount"
    assert "pip install -e" in created.stdout
    for path in ("pyproject.toml", "README.md", "briefsum_wordcount/__init__.py", "briefsum_wordcount/stage.py"):
        assert (package / path).is_file(), path
    assert 'wordcount = "briefsum_wordcount"' in (package / "pyproject.toml").read_text(encoding="utf-8")

    python = _fresh_venv(tmp_path)
    install = run(
        "-m", "pip", "--python", python, "install", "--no-deps", "--no-build-isolation", "--quiet", "-e", package
    )
    assert install.returncode == 0, install.stderr

    # its own test passes, run from elsewhere so the package is imported from the installation
    tested = run("-m", "pytest", "-q", "-p", "no:cacheprovider", package / "tests", cwd=tmp_path, python=python)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "3 passed" in tested.stdout

    # the entry point works: briefsum finds the plugin and puts its stage in the default pipeline
    listed = run("-m", "briefsum", "plugins", "--local", "--json", cwd=tmp_path, python=python)
    assert listed.returncode == 0, listed.stderr
    report = json.loads(listed.stdout)
    (plugin,) = [p for p in report["plugins"] if p["name"] == "wordcount"]
    assert [s["name"] for s in plugin["stages"]] == ["wordcount.mentions"]
    assert "wordcount.mentions" in report["pipeline"]
    assert not report["failed"]


@pytest.mark.parametrize(("name", "message"), [("9lives", "invalid plugin name"), ("builtin", "is reserved")])
def test_bad_names_are_usage_errors(tmp_path: Path, name: str, message: str) -> None:
    result = run("-m", "briefsum", "new-plugin", name, "--directory", tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert not any(tmp_path.iterdir())


def test_an_existing_folder_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "briefsum-wordcount").mkdir()
    result = run("-m", "briefsum", "new-plugin", "wordcount", "--directory", tmp_path)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert not any((tmp_path / "briefsum-wordcount").iterdir())


def test_names_are_derived_from_one() -> None:
    names = plugin_names("briefsum-Word-Count")
    assert (names.name, names.module, names.dist) == ("word_count", "briefsum_word_count", "briefsum-word-count")
    assert names.values()["stage_class"] == "WordCountMentions"
