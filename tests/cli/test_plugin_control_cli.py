"""Controlling what runs, through the real command line: strict, safe mode, deny/allow, debug traces."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import grpc
import pytest
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

from tests.cli.test_cli import TIMEOUT, wait_serving
from tests.conftest import EXAMPLE_PAGE
from tests.plugin_dists import fake_distribution

BRIEFSUM = [sys.executable, "-m", "briefsum"]
BROKEN = "raise ImportError('needs libfoo')\n"


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **extra}
    env.pop("BRIEFSUM_CONFIG", None)
    return env


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BRIEFSUM, *args], capture_output=True, text=True, timeout=TIMEOUT, env=_env(env or {}))


@pytest.fixture(scope="module")
def broken_path(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """PYTHONPATH holding an installed plugin that fails to import."""
    root = fake_distribution(tmp_path_factory.mktemp("dists"), "brokenplug", BROKEN)
    return {"PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH", "")]))}


@contextmanager
def serving(*args: str, env: dict[str, str]) -> Iterator[str]:
    """`briefsum serve --port 0 ARGS` in a subprocess; yields its address once SERVING, then SIGTERM."""
    process = subprocess.Popen(
        [*BRIEFSUM, "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(env),
    )
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.startswith("briefsum listening on "), line
        target = line.split()[-1]
        wait_serving(target)
        yield target
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT) == 0
        process.stdout.close()


def test_strict_serve_refuses_to_start(broken_path: dict[str, str]) -> None:
    result = run("serve", "--port", "0", "--strict", env=broken_path)
    assert result.returncode == 2
    assert "plugin 'brokenplug' (entry_point) failed: ImportError: needs libfoo (strict mode is on)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def server(broken_path: dict[str, str]) -> Iterator[str]:
    """A server (not strict) with a broken plugin installed."""
    with serving(env=broken_path) as target:
        yield target


def test_a_failed_plugin_is_visible_in_list_plugins_and_briefsum_plugins(server: str) -> None:
    with grpc.insecure_channel(server) as channel:
        response = pb_grpc.BriefsumStub(channel).ListPlugins(pb.ListPluginsRequest(), timeout=30)
    (failure,) = [f for f in response.failed if f.name == "brokenplug"]
    assert failure.reason == "ImportError: needs libfoo"
    assert failure.source == pb.PLUGIN_SOURCE_ENTRY_POINT
    assert not response.safe_mode
    table = run("plugins", "--target", server, env={"COLUMNS": "200"})
    assert table.returncode == 0, table.stderr
    assert "Failed plugins" in table.stdout
    assert "ImportError: needs libfoo" in table.stdout


def test_safe_mode_serves_the_builtins_only(broken_path: dict[str, str]) -> None:
    with serving("--safe-mode", env=broken_path) as target:
        report = json.loads(run("plugins", "--target", target, "--json").stdout)
        table = run("plugins", "--target", target, env={"COLUMNS": "200"}).stdout
    assert report["safe_mode"] is True
    assert [p["name"] for p in report["plugins"]] == ["builtin"]
    assert report["failed"] == []
    skipped = {s["name"]: s["reason"] for s in report["skipped"]}
    assert skipped["brokenplug"].startswith("safe mode")
    assert "safe mode: only built-in plugins are loaded" in table


def test_deny_and_allow_from_the_environment(tmp_path: Path) -> None:
    root = fake_distribution(tmp_path, "goodplug", "")
    env = {
        "BRIEFSUM_PLUGINS__DENY": '["example"]',  # a JSON list
        "BRIEFSUM_PLUGINS__ALLOW": "keyfigures,example",  # names separated by commas
        "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH", "")])),
    }
    report = json.loads(run("plugins", "--local", "--json", env=env).stdout)
    assert sorted(p["name"] for p in report["plugins"]) == ["builtin", "keyfigures"]
    skipped = {s["name"]: s["reason"] for s in report["skipped"]}
    assert skipped["example"] == "denied by plugins.deny"
    assert skipped["goodplug"] == "not in plugins.allow"
    assert "example.stats" not in report["pipeline"]


def test_summarize_debug_prints_the_trace(server: str) -> None:
    jsonl = run("summarize", "--target", server, "--debug", "--format", "jsonl", str(EXAMPLE_PAGE))
    assert jsonl.returncode == 0, jsonl.stderr
    trace = json.loads(jsonl.stdout)["trace"]
    assert trace[0]["stage"] == "builtin.page"
    assert {"keyfigures.figures": "keyfigures", "example.stats": "example"}.items() <= {
        step["stage"]: step["plugin"] for step in trace
    }.items()
    assert all(step["elapsed_ms"] >= 0 and step["version"] for step in trace)
    assert trace[0]["sentences"] == 0 < trace[0]["articles"] == trace[-1]["articles"]
    assert trace[-1]["sentences"] > 0
    plain = json.loads(run("summarize", "--target", server, "--format", "jsonl", str(EXAMPLE_PAGE)).stdout)
    assert "trace" not in plain
    text = run("summarize", "--target", server, "--debug", str(EXAMPLE_PAGE), env={"COLUMNS": "120"})
    assert text.returncode == 0, text.stderr
    assert "Trace" in text.stdout
    assert "keyfigures.figures" in text.stdout
