"""The command line, run as real subprocesses."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.conftest import EXAMPLE_PAGE

BRIEFSUM = [sys.executable, "-m", "briefsum"]
TIMEOUT = 120


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BRIEFSUM, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**os.environ, **(env or {})},
    )


def wait_serving(target: str) -> None:
    with grpc.insecure_channel(target) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        request = health_pb2.HealthCheckRequest(service="briefsum.v1.Briefsum")
        deadline = time.monotonic() + TIMEOUT
        while health.Check(request, timeout=5).status != health_pb2.HealthCheckResponse.SERVING:
            assert time.monotonic() < deadline, "server never became SERVING"
            time.sleep(0.05)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`briefsum serve --port 0` in a subprocess; yields its address once it is SERVING."""
    log = tmp_path_factory.mktemp("server") / "stderr.log"
    with log.open("w") as stderr:
        process = subprocess.Popen(
            [*BRIEFSUM, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=stderr, text=True
        )
    assert process.stdout is not None
    with process.stdout:
        line = process.stdout.readline()
        assert line.startswith("briefsum listening on "), line + log.read_text()
        target = line.split()[-1]
        wait_serving(target)
        yield target
        process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT) == 0, log.read_text()


def test_summarize_local_jsonl() -> None:
    result = run("summarize", "--local", "--format", "jsonl", "--max-sentences", "2", str(EXAMPLE_PAGE))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    data = json.loads(line)
    assert data["id"] == str(EXAMPLE_PAGE)
    assert len(data["articles"]) >= 5
    assert all(len(a["summary"]) <= 2 for a in data["articles"])


def test_summarize_stdin_against_server(server: str) -> None:
    text = EXAMPLE_PAGE.read_text(encoding="utf-8")
    result = run("summarize", "--target", server, "--format", "jsonl", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    remote = json.loads(result.stdout)
    local = json.loads(run("summarize", "--local", "--format", "jsonl", "-", stdin=text).stdout)
    assert remote["articles"] == local["articles"]  # same pipeline, same answer


def test_summarize_text_output(server: str) -> None:
    result = run("summarize", "--target", server, str(EXAMPLE_PAGE), env={"COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert "我省对俄经贸合作生机勃发" in result.stdout
    assert "tags:" in result.stdout


def test_gbk_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("国务院常务会议研究部署粮食生产。会议强调，要稳定播种面积。".encode("gbk"))
    result = run("summarize", "--local", "--format", "jsonl", str(path))
    assert result.returncode == 0, result.stderr
    assert "粮食" in result.stdout


def test_undecodable_and_missing_files_fail_but_others_succeed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\xff\xfe\xfa\x80\x81" * 10)
    result = run(
        "summarize", "--local", "--format", "jsonl", str(bad), str(tmp_path / "missing.txt"), str(EXAMPLE_PAGE)
    )
    assert result.returncode == 1
    assert "not UTF-8 or GB18030" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_invalid_option_is_a_usage_error() -> None:
    result = run("summarize", "--local", "--ratio", "3", str(EXAMPLE_PAGE))
    assert result.returncode == 2
    assert "length.ratio" in result.stderr


def test_unreachable_server_exits_3() -> None:
    result = run("summarize", "--target", "127.0.0.1:9", str(EXAMPLE_PAGE))
    assert result.returncode == 3
    assert "briefsum serve" in result.stderr


def test_plugins_local_and_remote(server: str) -> None:
    local = run("plugins", "--local", "--json")
    assert local.returncode == 0, local.stderr
    remote = run("plugins", "--target", server, "--json")
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    table = run("plugins", "--target", server, env={"COLUMNS": "160"})
    assert "builtin.textrank" in table.stdout


def test_serve_rejects_invalid_config(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('pipeline = ["builtin.nope"]\n', encoding="utf-8")
    process = subprocess.run(
        [*BRIEFSUM, "serve", "--port", "0", "--config", str(config)], capture_output=True, text=True, timeout=TIMEOUT
    )
    assert process.returncode == 2
    assert "unknown stage 'builtin.nope'" in process.stderr
    assert "Traceback" not in process.stderr


def test_version() -> None:
    assert run("--version").stdout.startswith("briefsum ")
