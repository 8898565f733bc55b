"""Worker processes through a real server: faults are contained, metrics add up across workers."""

from __future__ import annotations

import re
import time
import urllib.request

import grpc
import pytest
from briefsum.testing import RunningService
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc
from prometheus_client.parser import text_string_to_metric_families

from tests.serving.conftest import ARTICLE, error_info, wait_admitted


def scrape(service: RunningService) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{service.metrics_port}/metrics", timeout=10) as reply:
        text = reply.read().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def wait_ready(service: RunningService, count: int) -> None:
    """Wait until ``count`` workers are warm (a replaced one takes a few seconds)."""
    deadline = time.monotonic() + 60
    while value(scrape(service), "briefsum_workers_ready") != count:
        assert time.monotonic() < deadline, "workers did not become ready"
        time.sleep(0.1)


@pytest.fixture
def stub(workers: RunningService):
    with grpc.insecure_channel(workers.target) as channel:
        yield pb_grpc.BriefsumStub(channel)


@pytest.mark.parametrize(
    ("stages", "stage", "reason"),
    [
        (["faulty.hang"], "faulty.hang", "timeout"),
        (["builtin.page", "test.raises"], "test.raises", "error"),
        (["test.wrongtype"], "test.wrongtype", "error"),
        (["faulty.crash"], "faulty.crash", "crash"),
        # The stage named is the one running when the time ran out or the process died.
        (["faulty.sleep", "faulty.hang"], "faulty.hang", "timeout"),
        (["builtin.page", "builtin.sentences", "faulty.crash"], "faulty.crash", "crash"),
    ],
    ids=["hangs", "raises", "wrong-type", "crashes", "hangs-after-a-slow-stage", "crashes-third"],
)
def test_a_faulty_stage_is_internal_and_the_next_request_is_served(
    workers: RunningService, stub: pb_grpc.BriefsumStub, stages: list[str], stage: str, reason: str
) -> None:
    before = scrape(workers)
    with pytest.raises(grpc.RpcError) as caught:
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE, stages=stages), timeout=30)
    error = caught.value
    assert error.code() == grpc.StatusCode.INTERNAL
    info = error_info(error)
    assert info is not None and info.reason == "STAGE_FAILED"
    assert info.metadata["stage"] == stage
    assert re.fullmatch(r"[0-9a-f]{12}", info.metadata["error_id"])
    assert info.metadata["error_id"] in error.details()
    assert "secret" not in error.details() and "Traceback" not in error.details()
    # The failed worker was replaced: both workers serve a slow request each, at the same time.
    wait_ready(workers, 2)
    ready = scrape(workers)
    slow = pb.SummarizeRequest(text=ARTICLE, stages=["builtin.page", "faulty.sleep"])
    futures = [stub.Summarize.future(slow, timeout=60) for _ in range(2)]
    assert all(f.result().articles for f in futures)
    after = scrape(workers)
    jobs = "briefsum_worker_jobs_total"
    assert [value(after, jobs, worker=w) - value(ready, jobs, worker=w) for w in ("0", "1")] == [1, 1]
    labels = {"stage": stage, "plugin": "faulty", "reason": reason}
    assert value(after, "briefsum_plugin_failures_total", **labels) == (
        value(before, "briefsum_plugin_failures_total", **labels) + 1
    )
    if reason != "error":
        restarts = "briefsum_worker_restarts_total"
        assert value(after, restarts, reason=reason) == value(before, restarts, reason=reason) + 1


def test_metrics_add_up_across_worker_processes(workers: RunningService, stub: pb_grpc.BriefsumStub) -> None:
    wait_ready(workers, 2)
    before = scrape(workers)
    count = 8
    futures = [stub.Summarize.future(pb.SummarizeRequest(id=str(i), text=ARTICLE), timeout=60) for i in range(count)]
    assert [f.result().id for f in futures] == [str(i) for i in range(count)]
    after = scrape(workers)

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    method = "briefsum.v1.Briefsum/Summarize"
    assert delta("briefsum_requests_total", method=method, code="OK") == count
    assert delta("briefsum_request_duration_seconds_count", method=method) == count
    for stage in ("builtin.page", "builtin.sentences", "builtin.tokens", "builtin.textrank", "builtin.tags"):
        assert delta("briefsum_stage_duration_seconds_count", stage=stage, plugin="builtin") == count
    jobs = [delta("briefsum_worker_jobs_total", worker=str(slot)) for slot in range(2)]
    assert sum(jobs) == count
    assert all(n > 0 for n in jobs), jobs  # both processes did work
    assert value(after, "briefsum_requests_in_flight", method=method) == 0


def test_jobs_waiting_behind_a_hung_stage_go_to_another_worker(
    workers: RunningService, stub: pb_grpc.BriefsumStub
) -> None:
    """Each worker holds a running job and one waiting; a kill must not take the waiting ones down."""
    wait_ready(workers, 2)
    hang = pb.SummarizeRequest(id="hang", text=ARTICLE, stages=["faulty.hang"])
    hung = stub.Summarize.future(hang, timeout=30)
    wait_admitted(workers, 1)
    # Three more while the hang runs: with two workers of two places each, at least one of them
    # waits in the hung worker's socket.
    normal = [stub.Summarize.future(pb.SummarizeRequest(id=str(i), text=ARTICLE), timeout=60) for i in range(3)]
    with pytest.raises(grpc.RpcError) as caught:
        hung.result()
    assert caught.value.code() == grpc.StatusCode.INTERNAL
    assert [f.result().id for f in normal] == ["0", "1", "2"]
