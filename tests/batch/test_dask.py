"""The Dask runner on a real LocalCluster (worker processes): engines built once per worker, a
document that kills its worker is an error item, the batch goes on."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterator
from pathlib import Path

import dask
import pytest
from briefsum.batch.dask_runner import PLUGIN_NAME, DaskTransport
from briefsum.batch.inputs import Inputs
from briefsum.batch.ledger import Ledger
from briefsum.batch.runner import BatchConfig, BatchRunner
from briefsum.options import parse_options
from distributed import Client, LocalCluster

from tests.batch.helpers import Server, batch, by_id, read_jsonl, summary, write_records
from tests.batch.poison import POISON, poison_engine


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    # A worker that dies fails its task at once (the runner tries it once more on its own).
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            host="127.0.0.1",  # ":0": any free port; None still binds 8787
        ) as running,
    ):
        yield running


def test_cli_on_dask_gives_the_same_results_as_the_server(cluster: LocalCluster, tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    write_records(records, 40)
    on_dask = batch(str(records), "-o", str(tmp_path / "dask.jsonl"), "--dask", cluster.scheduler_address)
    assert on_dask.returncode == 0, on_dask.stderr
    server = Server(tmp_path / "server.log").start()
    try:
        served = batch(str(records), "-o", str(tmp_path / "grpc.jsonl"), "--target", server.target)
    finally:
        server.stop(signal.SIGTERM)
    assert served.returncode == 0, served.stderr
    assert by_id(read_jsonl(tmp_path / "dask.jsonl")) == by_id(read_jsonl(tmp_path / "grpc.jsonl"))
    assert summary(on_dask)["ok"] == 40
    # The engine was built once per worker, however many tasks ran.
    with Client(cluster.scheduler_address) as client:
        builds = client.run(lambda dask_worker: dask_worker.plugins[PLUGIN_NAME].builds)
    assert sorted(builds.values()) == [1, 1]


def test_a_document_that_kills_its_worker_is_an_error_item(cluster: LocalCluster, tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    ids = write_records(records, 30)
    with records.open("a", encoding="utf-8") as stream:
        stream.write(f'{{"id": "poison", "text": "会议强调{POISON}要落实。"}}\n')
    ledger = Ledger(tmp_path / "out.jsonl", tmp_path / "out.errors.jsonl").open()
    inputs = Inputs((str(records),))
    runner = BatchRunner(
        iter(inputs), ledger, DaskTransport(cluster.scheduler_address, poison_engine), BatchConfig(parse_options({}))
    )

    async def run() -> None:
        try:
            await runner.start()
            await runner.run(inputs.count())
        finally:
            await runner._transport.close()

    asyncio.run(asyncio.wait_for(run(), 180))
    ledger.close(seen=set(runner.seen))
    assert {r["id"] for r in read_jsonl(tmp_path / "out.jsonl")} == set(ids)
    [error] = read_jsonl(tmp_path / "out.errors.jsonl")
    assert (error["id"], error["code"]) == ("poison", "INTERNAL")
    assert "KilledWorker" in error["message"]
    assert (runner.tally.ok, runner.tally.failed) == (30, 1)
