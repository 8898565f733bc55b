"""Throughput of `briefsum batch` against the in-process pipeline on the same articles.

    python bench/batch.py /work/shared/data/pages/people_daily_199801.jsonl      # ~4 minutes
    python bench/batch.py PAGES.jsonl --workers 1 2 --concurrency 8

Each article of the pages file (``{"articles": [{"id", "title", "paragraphs"}]}`` per line) becomes
a JSON Lines record ``{id, title, text}`` in a temporary directory. For each worker count N:

- in-process: N processes (a multiprocessing pool, each with its own warmed-up engine) summarise
  every article; the rate counts from the first article to the last (warm-up excluded);
- batch: a real `briefsum serve --workers N` on 127.0.0.1, then `briefsum batch` over the records,
  once with --transport stream and once with --transport unary, into fresh output files; the
  rate is the items/s the batch reports (connection and probe excluded, like the warm-up above).

The table shows articles/s and the ratio to the in-process rate at the same N (target >= 0.8), and
where the CPU went per article: the batch client, the server process and its worker processes
(Linux ``/proc``). On a machine with as many cores as workers, the client and the server share
those cores with the workers, which the in-process rate does not pay for.
The machine is shared with other work: compare ratios within one run, not across runs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BRIEFSUM = [sys.executable, "-m", "briefsum"]
ENV = {"BRIEFSUM_PLUGINS__ENTRYPOINTS": "false", "BRIEFSUM_SERVER__DRAIN_DELAY_SECONDS": "0"}


def records(pages: Path, out: Path) -> int:
    count = 0
    with pages.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for line in source:
            for article in json.loads(line)["articles"]:
                text = "\n".join(article["paragraphs"])
                sink.write(
                    json.dumps(
                        {"id": article["id"], "title": article.get("title") or None, "text": text}, ensure_ascii=False
                    )
                )
                sink.write("\n")
                count += 1
    return count


_ENGINE: Any = None


def _init() -> None:
    global _ENGINE  # noqa: PLW0603 - one engine per pool process
    from briefsum.engine import build_engine
    from briefsum.plugins import make_plugin_manager
    from briefsum.settings import load_settings

    _ENGINE = build_engine(load_settings(), make_plugin_manager(entrypoints=False))


def _summarize(item: tuple[str, str | None]) -> int:
    from briefsum.options import parse_options

    text, title = item
    return len(_ENGINE.summarize(text, parse_options({"title": title})).document.articles)


def in_process(path: Path, workers: int) -> float:
    items = [(r["text"], r.get("title")) for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())]
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_init) as pool:
        pool.map(_summarize, items[: workers * 2])  # warm every process up
        started = time.perf_counter()
        pool.map(_summarize, items, chunksize=4)
        return len(items) / (time.perf_counter() - started)


def serve(workers: int, log: Path) -> tuple[subprocess.Popen[str], str]:
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    with log.open("w") as stderr:
        process = subprocess.Popen(
            [*BRIEFSUM, "serve", "--port", "0", "--workers", str(workers)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env={**os.environ, **ENV},
        )
    assert process.stdout is not None
    target = process.stdout.readline().split()[-1]
    with grpc.insecure_channel(target) as channel:
        health = health_pb2_grpc.HealthStub(channel)
        request = health_pb2.HealthCheckRequest(service="briefsum.v1.Briefsum")
        deadline = time.monotonic() + 120
        while health.Check(request, timeout=5).status != health_pb2.HealthCheckResponse.SERVING:
            assert time.monotonic() < deadline, "server never became SERVING"
            time.sleep(0.1)
    return process, target


def run_batch(path: Path, target: str, transport: str, concurrency: int, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [
            *BRIEFSUM,
            "batch",
            str(path),
            "-o",
            str(out),
            "--target",
            target,
            "--transport",
            transport,
            "--concurrency",
            str(concurrency),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={**os.environ, **ENV},
    )
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr}")
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    """``pid``'s child processes, their children, … (the forkserver and the workers of a server)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", type=Path, help="People's Daily pages JSONL (evaluation data, not shipped)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        path = directory / "articles.jsonl"
        count = records(args.pages, path)
        rows = []
        for workers in args.workers:
            local = in_process(path, workers)
            process, target = serve(workers, directory / f"server-{workers}.log")
            try:
                workers_pids = _descendants(process.pid)
                for transport in ("stream", "unary"):
                    before = (_children_cpu(), _cpu_seconds(process.pid), sum(map(_cpu_seconds, workers_pids)))
                    summary = run_batch(
                        path, target, transport, args.concurrency, directory / f"{transport}-{workers}.jsonl"
                    )
                    after = (_children_cpu(), _cpu_seconds(process.pid), sum(map(_cpu_seconds, workers_pids)))
                    assert summary["ok"] == count, summary
                    cpu = tuple(1000.0 * (b - a) / count for a, b in zip(before, after, strict=True))
                    rows.append((workers, transport, summary["items_per_second"], local, summary["retries"], cpu))
            finally:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)
    print(f"\n{count} articles, --concurrency {args.concurrency}; one run on a shared machine: compare ratios only\n")
    print(
        "| workers | path | articles/s | in-process articles/s | ratio | retries "
        "| CPU ms/article: batch client (with its start-up) | server | workers |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for workers, transport, rate, local, retries, (client, server, pool) in rows:
        print(
            f"| {workers} | batch --transport {transport} | {rate:.1f} | {local:.1f} | {rate / local:.2f} | {retries} "
            f"| {client:.2f} | {server:.2f} | {pool:.2f} |"
        )


if __name__ == "__main__":
    main()
