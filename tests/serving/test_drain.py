"""SIGTERM: NOT_SERVING at once, still serving during the drain delay, in-flight requests complete, exit 0."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.serving.conftest import ARTICLE

ROOT = Path(__file__).resolve().parents[2]
SLOW_SECONDS = 1.0
SECRET_TEXT = ARTICLE + "机密内容不得写入日志。"
DRAIN_DELAY = 1.5


def start_server(**env: str) -> tuple[subprocess.Popen[str], str]:
    environment = {
        **os.environ,
        "BRIEFSUM_SERVER__PORT": "0",
        "BRIEFSUM_SERVER__WORKERS": "2",
        "BRIEFSUM_SERVER__MAX_QUEUE": "8",
        "BRIEFSUM_SERVER__DRAIN_DELAY_SECONDS": str(DRAIN_DELAY),
        "BRIEFSUM_PLUGINS__ENTRYPOINTS": "false",
        "BRIEFSUM_STAGES": f'{{"faulty.sleep": {{"seconds": {SLOW_SECONDS}}}}}',
        "BRIEFSUM_LOG_FORMAT": "json",
        **env,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.serving.serve_faulty"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("briefsum listening on "), line + process.stderr.read()
    return process, line.split()[-1]


def wait_serving(health: health_pb2_grpc.HealthStub) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        reply = health.Check(health_pb2.HealthCheckRequest(service="briefsum.v1.Briefsum"), timeout=5)
        if reply.status == health_pb2.HealthCheckResponse.SERVING:
            return
        time.sleep(0.1)
    raise AssertionError("never SERVING")


def test_sigterm_drains_in_flight_requests_and_exits_zero() -> None:
    process, target = start_server()
    try:
        with grpc.insecure_channel(target) as channel:
            health = health_pb2_grpc.HealthStub(channel)
            wait_serving(health)
            stub = pb_grpc.BriefsumStub(channel)
            # A failing request with a request id of our choosing, for the log checks below.
            with pytest.raises(grpc.RpcError):
                stub.Summarize(
                    pb.SummarizeRequest(text=SECRET_TEXT, stages=["builtin.page", "test.raises"]),
                    timeout=30,
                    metadata=(("x-request-id", "req-drain-1"),),
                )
            slow = pb.SummarizeRequest(text=ARTICLE, stages=["faulty.sleep", "builtin.page"])
            in_flight = [stub.Summarize.future(slow, timeout=30) for _ in range(4)]
            time.sleep(0.3)
            process.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            reply = health.Check(health_pb2.HealthCheckRequest(service="briefsum.v1.Briefsum"), timeout=5)
            assert reply.status == health_pb2.HealthCheckResponse.NOT_SERVING
            alive = health.Check(health_pb2.HealthCheckRequest(service="liveness"), timeout=5)
            assert alive.status == health_pb2.HealthCheckResponse.SERVING  # draining is not dying
            # During the drain delay, callers that have not noticed yet are still served.
            late = stub.Summarize(pb.SummarizeRequest(id="late", text=ARTICLE), timeout=30)
            assert late.id == "late"
            assert all(f.result().articles for f in in_flight)  # two rounds of 1 s on two workers
        _, stderr = process.communicate(timeout=60)
        assert process.returncode == 0, stderr
        records = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
        assert records[-1]["message"] == "stopped"
        assert SECRET_TEXT not in stderr  # texts are never logged
        mine = [r for r in records if r["request_id"] == "req-drain-1"]
        # The access log line (server process) and the stage's error with its traceback (worker process).
        assert any(r.get("code") == "INTERNAL" and r["method"].endswith("/Summarize") for r in mine)
        assert any("test.raises" in r["message"] and r["process"] != process.pid for r in mine)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
