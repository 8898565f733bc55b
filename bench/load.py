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
rejections; "cores" = CPU seconds the server's processes used per second, which shows how much of
the machine the server actually got when other work shares it; "OK/core-s" = goodput per core used,
which stays flat when the workers scale and only the machine's spare cores limit throughput) and
checks the targets: overload
rejections p99 < 20 ms, OK p99 under overload at most 3x unloaded (concurrency 1), and 2 workers at
least 1.6x the goodput of 1.

`--compare-reuseport` adds the design comparison: the same load (concurrency 4) against one server
process dispatching to 2 workers versus 2 server processes sharing the port with SO_REUSEPORT
(`server.reuse_port`), through 1 and 4 client channels. Traffic goes to loopback only; every loop
is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable
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
#: Clients in the design comparison: what two workers (each with one queued request) can hold.
DESIGN_CONCURRENCY = 4


@dataclass
class Phase:
    name: str
    workers: int
    seconds: float
    ok: list[float] = field(default_factory=list)
    rejected: list[float] = field(default_factory=list)
    codes: Counter[str] = field(default_factory=Counter)
    cores: float = float("nan")

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


async def closed_loop(
    stubs: list[pb_grpc.BriefsumStub], request: pb.SummarizeRequest, concurrency: int, phase: Phase
) -> None:
    end = time.monotonic() + phase.seconds

    async def client(stub: pb_grpc.BriefsumStub) -> None:
        while time.monotonic() < end:
            delay = await call(stub, request, phase)
            if delay:
                await asyncio.sleep(delay)

    await asyncio.gather(*(client(stubs[i % len(stubs)]) for i in range(concurrency)))


async def open_loop(stub: pb_grpc.BriefsumStub, request: pb.SummarizeRequest, rate: float, phase: Phase) -> None:
    started = time.monotonic()
    tasks = []
    for i in range(int(rate * phase.seconds)):
        await asyncio.sleep(max(0.0, started + i / rate - time.monotonic()))
        tasks.append(asyncio.create_task(call(stub, request, phase)))
    await asyncio.gather(*tasks)


class CpuMeter:
    """CPU seconds used by a process tree (the server, its forkserver and workers), from /proc."""

    def __init__(self, roots: list[int]) -> None:
        self.roots = roots

    def _tree(self) -> list[int]:
        pids, frontier = list(self.roots), list(self.roots)
        while frontier:
            found = []
            for pid in frontier:
                # Every thread's children: the forkserver is started from a worker thread of the server.
                for task in Path(f"/proc/{pid}/task").glob("*"):
                    with contextlib.suppress(OSError):
                        found += [int(c) for c in (task / "children").read_text().split()]
            pids += found
            frontier = found
        return pids

    def seconds(self) -> float:
        total = 0.0
        for pid in self._tree():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total


async def measured(meter: CpuMeter, phase: Phase, work: Awaitable[None]) -> Phase:
    cpu, wall = meter.seconds(), time.monotonic()
    await work
    phase.cores = (meter.seconds() - cpu) / (time.monotonic() - wall)
    return phase


def start_server(workers: int, port: int = 0, *, reuse_port: bool = False) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "BRIEFSUM_SERVER__DRAIN_DELAY_SECONDS": "0"}
    if reuse_port:
        env |= {"BRIEFSUM_SERVER__REUSE_PORT": "true", "BRIEFSUM_SERVER__MAX_CONCURRENCY": "1"}
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "briefsum", "serve", "--port", str(port), "--workers", str(workers)),
            *("--log-level", "WARNING"),
        ],
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
    meter = CpuMeter([process.pid])
    phases: list[Phase] = []
    try:
        async with grpc.aio.insecure_channel(target) as channel:
            await wait_serving(channel)
            stubs = [pb_grpc.BriefsumStub(channel)]
            request = pb.SummarizeRequest(id="bench", text=text)
            await closed_loop(stubs, request, workers, Phase("warm-up", workers, 1.0))
            for concurrency in (1, 4, 16):
                phase = Phase(f"c={concurrency}", workers, seconds)
                phases.append(await measured(meter, phase, closed_loop(stubs, request, concurrency, phase)))
            rate = overload * max(p.goodput for p in phases)
            phase = Phase(f"overload {rate:.0f}/s", workers, seconds)
            phases.append(await measured(meter, phase, open_loop(stubs[0], request, rate, phase)))
    finally:
        process.terminate()
        process.wait(timeout=60)
    return phases


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def run_design(
    name: str, processes: list[subprocess.Popen[str]], target: str, text: str, seconds: float
) -> list[Phase]:
    meter = CpuMeter([p.pid for p in processes])
    phases = []
    request = pb.SummarizeRequest(id="bench", text=text)
    for count in (1, 4):
        channels = [
            grpc.aio.insecure_channel(target, options=[("grpc.use_local_subchannel_pool", 1)]) for _ in range(count)
        ]
        try:
            for channel in channels:
                await wait_serving(channel)
            stubs = [pb_grpc.BriefsumStub(c) for c in channels]
            await closed_loop(stubs, request, DESIGN_CONCURRENCY, Phase("warm-up", 2, 1.0))
            phase = Phase(f"{name}, {count} channel(s), c={DESIGN_CONCURRENCY}", 2, seconds)
            phases.append(await measured(meter, phase, closed_loop(stubs, request, DESIGN_CONCURRENCY, phase)))
        finally:
            for channel in channels:
                await channel.close()
    return phases


async def compare_designs(text: str, seconds: float) -> list[Phase]:
    process, target = start_server(2)
    try:
        phases = await run_design("pool: 1 server, 2 workers", [process], target, text, seconds)
    finally:
        process.terminate()
        process.wait(timeout=60)
    port = free_port()
    started = [start_server(0, port, reuse_port=True) for _ in range(2)]
    try:
        phases += await run_design("SO_REUSEPORT: 2 servers", [p for p, _ in started], started[0][1], text, seconds)
    finally:
        for p, _ in started:
            p.terminate()
            p.wait(timeout=60)
    return phases


def report(console: Console, phases: list[Phase]) -> list[str]:
    table = Table(title="briefsum load (127.0.0.1, grpc.aio client)", title_justify="left", width=160)
    columns = (
        "workers",
        "phase",
        "goodput/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "reject p99 ms",
        "cores",
        "OK/core-s",
        "codes",
    )
    for column in columns:
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
            f"{p.cores:.2f}",
            f"{p.goodput / p.cores:.1f}" if p.cores > 0 else "-",
            codes,
        )
    console.print(table)
    checks = []
    by_workers: dict[int, list[Phase]] = {}
    for p in phases:
        if p.name.startswith("c=") or p.name.startswith("overload"):
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
    parser.add_argument("--compare-reuseport", action="store_true", help="also compare with SO_REUSEPORT servers")
    args = parser.parse_args()
    text = args.text.read_text(encoding="utf-8")
    phases: list[Phase] = []
    for workers in (int(w) for w in args.workers.split(",") if w):
        phases += asyncio.run(run_workers(workers, text, args.seconds, args.overload))
    if args.compare_reuseport:
        phases += asyncio.run(compare_designs(text, args.seconds))
    report(Console(width=170), phases)


if __name__ == "__main__":
    main()
