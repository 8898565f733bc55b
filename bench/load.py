"""Load generator for `briefsum serve`: goodput, latency percentiles and status codes (grpc.aio).

    python bench/load.py                         # 1 and 2 workers, ~2 minutes
    python bench/load.py --workers 2 --seconds 5 --text examples/jilin-daily-2023-03-30.txt

For each worker count it starts a real server (`briefsum serve --workers N --port 0`) on 127.0.0.1,
waits for health SERVING, then runs, each for --seconds:

- closed loops at concurrency 1, 4 and 16: each client sends its next request when the last one
  ended; a RESOURCE_EXHAUSTED answer makes it wait the RetryInfo delay the server sent (as a
  well-behaved client would) and is counted;
- overload: open-loop arrivals at --overload times the best closed-loop goodput, no retries.

It prints one table (goodput = OK responses per second; latency percentiles of OK calls; p99 of
rejections) and checks the targets: overload rejections p99 < 20 ms, OK p99 under overload at most
3x unloaded (concurrency 1), and 2 workers at least 1.6x the goodput of 1. Traffic goes to loopback
only; every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import grpc
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = ROOT / "examples" / "jilin-daily-2023-03-30.txt"
CALL_TIMEOUT = 30.0
START_TIMEOUT = 120.0


@dataclass
class Phase:
    name: str
    workers: int
    seconds: float
    ok: list[float] = field(default_factory=list)
    rejected: list[float] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)

    @property
    def goodput(self) -> float:
        return len(self.ok) / self.seconds


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def retry_delay(error: grpc.aio.AioRpcError) -> float:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    for detail in status.details if status else ():
        info = error_details_pb2.RetryInfo()
        if detail.Unpack(info):
            return info.retry_delay.seconds + info.retry_delay.nanos / 1e9
    return 0.1


async def call(stub: pb_grpc.BriefsumStub, request: pb.SummarizeRequest, phase: Phase) -> float | None:
    """One call; returns the retry delay when rejected, else None."""
    started = time.perf_counter()
    try:
        await stub.Summarize(request, timeout=CALL_TIMEOUT)
    except grpc.aio.AioRpcError as error:
        elapsed = time.perf_counter() - started
        phase.codes[error.code().name] += 1
        if error.code() == grpc.StatusCode.RESOURCE_EXHAUSTED:
            phase.rejected.append(elapsed)
            return retry_delay(error)
        return None
    phase.ok.append(time.perf_counter() - started)
    phase.codes["OK"] += 1
    return None


async def closed_loop(stub: pb_grpc.BriefsumStub, request: pb.SummarizeRequest, concurrency: int, phase: Phase) -> None:
    end = time.monotonic() + phase.seconds

    async def client() -> None:
        while time.monotonic() < end:
            delay = await call(stub, request, phase)
            if delay:
                await asyncio.sleep(delay)

    await asyncio.gather(*(client() for _ in range(concurrency)))


async def open_loop(stub: pb_grpc.BriefsumStub, request: pb.SummarizeRequest, rate: float, phase: Phase) -> None:
    started = time.monotonic()
    tasks = []
    for i in range(int(rate * phase.seconds)):
        await asyncio.sleep(max(0.0, started + i / rate - time.monotonic()))
        tasks.append(asyncio.create_task(call(stub, request, phase)))
    await asyncio.gather(*tasks)


def start_server(workers: int) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "BRIEFSUM_SERVER__DRAIN_DELAY_SECONDS": "0"}
    process = subprocess.Popen(
        [sys.executable, "-m", "briefsum", "serve", "--port", "0", "--workers", str(workers), "--log-level", "WARNING"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("briefsum listening on "):
        process.kill()
        raise SystemExit(f"server did not start: {line!r}")
    return process, line.split()[-1]


async def wait_serving(channel: grpc.aio.Channel) -> None:
    health = health_pb2_grpc.HealthStub(channel)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        try:
            reply = await health.Check(health_pb2.HealthCheckRequest(service="briefsum.v1.Briefsum"), timeout=2)
            if reply.status == health_pb2.HealthCheckResponse.SERVING:
                return
        except grpc.aio.AioRpcError:
            pass
        await asyncio.sleep(0.2)
    raise SystemExit("server never reported SERVING")


async def run_workers(workers: int, text: str, seconds: float, overload: float) -> list[Phase]:
    process, target = start_server(workers)
    phases: list[Phase] = []
    try:
        async with grpc.aio.insecure_channel(target) as channel:
            await wait_serving(channel)
            stub = pb_grpc.BriefsumStub(channel)
            request = pb.SummarizeRequest(id="bench", text=text)
            await closed_loop(stub, request, workers, Phase("warm-up", workers, 1.0))
            for concurrency in (1, 4, 16):
                phase = Phase(f"c={concurrency}", workers, seconds)
                await closed_loop(stub, request, concurrency, phase)
                phases.append(phase)
            rate = overload * max(p.goodput for p in phases)
            phase = Phase(f"overload {rate:.0f}/s", workers, seconds)
            await open_loop(stub, request, rate, phase)
            phases.append(phase)
    finally:
        process.terminate()
        process.wait(timeout=60)
    return phases


def report(console: Console, phases: list[Phase]) -> list[str]:
    table = Table(title="briefsum load (127.0.0.1, grpc.aio client)", title_justify="left")
    for column in ("workers", "phase", "goodput/s", "p50 ms", "p90 ms", "p99 ms", "reject p99 ms", "codes"):
        table.add_column(column, justify="left" if column in ("phase", "codes") else "right")
    for p in phases:
        ms = [v * 1000 for v in p.ok]
        codes = " ".join(f"{code}:{n}" for code, n in sorted(p.codes.items()))
        reject = percentile([v * 1000 for v in p.rejected], 99)
        table.add_row(
            str(p.workers),
            p.name,
            f"{p.goodput:.1f}",
            f"{percentile(ms, 50):.0f}",
            f"{percentile(ms, 90):.0f}",
            f"{percentile(ms, 99):.0f}",
            "-" if not p.rejected else f"{reject:.1f}",
            codes,
        )
    console.print(table)
    checks = []
    by_workers: dict[int, list[Phase]] = {}
    for p in phases:
        by_workers.setdefault(p.workers, []).append(p)
    for workers, group in sorted(by_workers.items()):
        unloaded, over = group[0], group[-1]
        reject = percentile(over.rejected, 99) * 1000
        ratio = percentile(over.ok, 99) / percentile(unloaded.ok, 99)
        checks.append(f"{workers} worker(s): overload rejections p99 {reject:.1f} ms (target < 20)")
        checks.append(f"{workers} worker(s): OK p99 under overload / unloaded = {ratio:.2f}x (target <= 3)")
    if 1 in by_workers and 2 in by_workers:
        best = {w: max(p.goodput for p in g[:-1]) for w, g in by_workers.items()}
        checks.append(f"throughput 2 workers / 1 worker = {best[2] / best[1]:.2f}x (target >= 1.6)")
    for line in checks:
        console.print(line)
    return checks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    parser.add_argument("--seconds", type=float, default=8.0, help="duration of each phase")
    parser.add_argument("--overload", type=float, default=3.0, help="overload arrival rate / best goodput")
    parser.add_argument("--text", type=Path, default=DEFAULT_TEXT, help="the text every request sends")
    args = parser.parse_args()
    text = args.text.read_text(encoding="utf-8")
    phases: list[Phase] = []
    for workers in (int(w) for w in args.workers.split(",")):
        phases += asyncio.run(run_workers(workers, text, args.seconds, args.overload))
    report(Console(), phases)


if __name__ == "__main__":
    main()
