"""A real `briefsum serve` subprocess that tests can kill and restart on the same port, and batch runs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

BRIEFSUM = [sys.executable, "-m", "briefsum"]
#: Seconds any one step (a server start, a batch run) may take.
TIMEOUT = 120
#: Server settings of these tests: one worker, no drain delay, a small text limit (oversize items).
SERVER_ENV = {
    "BRIEFSUM_SERVER__DRAIN_DELAY_SECONDS": "0",
    "BRIEFSUM_SERVER__GRACE_SECONDS": "5",
    "BRIEFSUM_SERVER__MAX_TEXT_BYTES": "6000",
    "BRIEFSUM_PLUGINS__ENTRYPOINTS": "false",
}
#: Short articles (kept small so hundreds of items run in seconds), varied by a number.
SENTENCES = (
    "省政府日前召开常务会议，研究部署春耕生产工作。",
    "会议强调，要扛稳粮食安全责任，落实耕地保护制度。",
    "全省今年计划播种粮食面积{n}万亩，大豆种植面积稳定增长。",
    "海关总署发布数据，前{n}个月外贸进出口保持增长。",
    "电网企业加快建设新能源项目，风电装机容量达到{n}万千瓦。",
)


def article(n: int) -> str:
    """A short article that differs with ``n`` (its tags and summary vary too)."""
    picked = [SENTENCES[(n + k) % len(SENTENCES)] for k in range(3 + n % 3)]
    return "本报讯（记者王明）" + "".join(s.format(n=n) for s in picked)


def write_records(path: Path, count: int, start: int = 0) -> list[str]:
    """``count`` JSON Lines records; returns their ids."""
    ids = [f"doc-{n:04d}" for n in range(start, start + count)]
    with path.open("w", encoding="utf-8") as stream:
        for n, item_id in zip(range(start, start + count), ids, strict=True):
            stream.write(
                json.dumps({"id": item_id, "text": article(n), "title": f"第{n}号"}, ensure_ascii=False) + "\n"
            )
    return ids


def wait_serving(target: str, deadline: float) -> None:
    with grpc.insecure_channel(target) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        request = health_pb2.HealthCheckRequest(service="briefsum.v1.Briefsum")
        while True:
            try:
                if health.Check(request, timeout=2).status == health_pb2.HealthCheckResponse.SERVING:
                    return
            except grpc.RpcError:
                pass
            assert time.monotonic() < deadline, "server never became SERVING"
            time.sleep(0.05)


@dataclass
class Server:
    """`briefsum serve --workers 1` in a subprocess; :meth:`start` again reuses the port."""

    log: Path
    port: int = 0
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> Server:
        command = [*BRIEFSUM, "serve", "--port", str(self.port), "--workers", "1"]
        with self.log.open("a") as stderr:
            self.process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=stderr, text=True, env={**os.environ, **SERVER_ENV, **self.env}
            )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.startswith("briefsum listening on "), line + self.log.read_text()
        self.port = int(line.rsplit(":", 1)[1])
        wait_serving(self.target, time.monotonic() + TIMEOUT)
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            self.process.wait(timeout=TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            assert self.process.stdout is not None
            self.process.stdout.close()
            self.process = None


def batch(*args: str, stdin: str | None = None, timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run `briefsum batch ARGS` to the end (with the servers' settings, for ``--dask``)."""
    return subprocess.run(
        [*BRIEFSUM, "batch", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **SERVER_ENV},
    )


def start_batch(*args: str) -> subprocess.Popen[str]:
    """Start `briefsum batch ARGS` in the background."""
    return subprocess.Popen([*BRIEFSUM, "batch", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_lines(path: Path, count: int, process: subprocess.Popen[str]) -> None:
    """Wait until ``path`` has ``count`` lines (the batch is midway)."""
    deadline = time.monotonic() + TIMEOUT
    while not path.exists() or path.read_bytes().count(b"\n") < count:
        assert process.poll() is None, "the batch ended before it was interrupted"
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.02)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def summary(process: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The machine-readable summary line a batch prints when stdout is not a terminal."""
    return json.loads(process.stdout.strip().splitlines()[-1])


def by_id(results: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    """What must not change between runs: input hash, pipeline version and the articles, per id."""
    return {r["id"]: (r["sha256"], r["pipeline_version"], r["articles"]) for r in results}
