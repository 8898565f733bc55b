"""Bad input, limits, deadlines, cancellation and overload through a server with a worker process.

Every case has its exact status code: never UNKNOWN, never a leaked traceback.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import grpc
import pytest
from briefsum.testing import RunningService, running_service
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

from tests.serving.conftest import ARTICLE, bad_fields, retry_info, serving_settings, start, wait_admitted
from tests.serving.faulty import faulty_engine

MAX_TEXT_BYTES = 4096
MAX_SENTENCES = 20
MAX_STREAM_ITEMS = 3
SLOW = ["faulty.sleep"]  # 0.4 s, see serving_settings


@pytest.fixture(scope="module")
def limited() -> Iterator[RunningService]:
    """One worker, no queue, small limits."""
    settings = serving_settings(
        workers=1,
        max_queue=0,
        max_text_bytes=MAX_TEXT_BYTES,
        max_sentences=MAX_SENTENCES,
        max_stream_items=MAX_STREAM_ITEMS,
        max_request_seconds=2.0,
    )
    with start(settings, metrics_port=False) as service:
        yield service


@pytest.fixture
def stub(limited: RunningService) -> Iterator[pb_grpc.BriefsumStub]:
    with grpc.insecure_channel(limited.target) as channel:
        yield pb_grpc.BriefsumStub(channel)


@pytest.mark.parametrize(
    ("request_kwargs", "code", "fields"),
    [
        ({"text": "字" * (MAX_TEXT_BYTES // 3 + 1)}, grpc.StatusCode.INVALID_ARGUMENT, ["text"]),
        ({"text": "好。" * (MAX_SENTENCES + 1)}, grpc.StatusCode.INVALID_ARGUMENT, ["text"]),
        ({"text": ARTICLE, "length": pb.Length(ratio=0.0)}, grpc.StatusCode.INVALID_ARGUMENT, ["length.ratio"]),
        ({"text": ARTICLE, "length": pb.Length(ratio=1.5)}, grpc.StatusCode.INVALID_ARGUMENT, ["length.ratio"]),
        ({"text": ARTICLE, "length": pb.Length(max_chars=-3)}, grpc.StatusCode.INVALID_ARGUMENT, ["length.max_chars"]),
        ({"text": ARTICLE, "keyword_count": -1}, grpc.StatusCode.INVALID_ARGUMENT, ["keyword_count"]),
        ({"text": ARTICLE, "layout": 9}, grpc.StatusCode.INVALID_ARGUMENT, ["layout"]),
        ({"text": ARTICLE, "stages": ["nope.nope"]}, grpc.StatusCode.INVALID_ARGUMENT, ["stages"]),
        ({"text": ARTICLE, "stages": ["builtin.page", "builtin.page"]}, grpc.StatusCode.INVALID_ARGUMENT, ["stages"]),
        ({"text": ARTICLE, "stages": ["test.raises"]}, grpc.StatusCode.INVALID_ARGUMENT, ["stages"]),
        ({"text": "好。" * MAX_SENTENCES}, grpc.StatusCode.OK, []),
        ({"text": " \n "}, grpc.StatusCode.OK, []),
    ],
    ids=[
        "text-too-large",
        "too-many-sentences",
        "zero-ratio",
        "ratio-over-one",
        "negative-max-chars",
        "negative-keywords",
        "unknown-layout",
        "unknown-stage",
        "duplicate-stage",
        "unmet-requirement",
        "sentences-at-limit",
        "whitespace",
    ],
)
def test_bad_input_table(
    stub: pb_grpc.BriefsumStub, request_kwargs: dict[str, object], code: grpc.StatusCode, fields: list[str]
) -> None:
    error = call_error(stub, pb.SummarizeRequest(**request_kwargs))
    if code == grpc.StatusCode.OK:
        assert error is None
    else:
        assert error is not None
        assert error.code() == code, error.details()
        assert bad_fields(error) == fields
        assert "Traceback" not in error.details()


def call_error(stub: pb_grpc.BriefsumStub, request: pb.SummarizeRequest) -> grpc.RpcError | None:
    try:
        stub.Summarize(request, timeout=30)
    except grpc.RpcError as error:
        return error
    return None


def test_stream_longer_than_the_limit_gets_its_answers_then_invalid_argument(stub: pb_grpc.BriefsumStub) -> None:
    requests = [pb.SummarizeRequest(id=str(i), text=ARTICLE) for i in range(MAX_STREAM_ITEMS + 2)]
    call = stub.SummarizeStream(iter(requests), timeout=60)
    received = []
    with pytest.raises(grpc.RpcError) as caught:
        received.extend(response.id for response in call)
    assert received == [str(i) for i in range(MAX_STREAM_ITEMS)]
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert bad_fields(caught.value) == ["stream"]


def test_client_deadline_stops_work_between_stages(stub: pb_grpc.BriefsumStub) -> None:
    with pytest.raises(grpc.RpcError) as caught:
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE, stages=[*SLOW, "builtin.page"]), timeout=0.2)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    # The worker stopped at the next stage boundary and serves the next request.
    assert stub.Summarize(pb.SummarizeRequest(text=ARTICLE), timeout=30).articles


def test_server_caps_the_deadline_and_skips_work_that_expired_in_the_queue() -> None:
    """Threads backend (same servicer): one request at a time, one may wait, 0.3 s per request at most."""
    settings = serving_settings(workers=0, max_concurrency=1, max_queue=1, max_request_seconds=0.3)
    engine = faulty_engine(settings)
    record = engine.registry.get("faulty.record")
    assert record is not None
    seen: list[str] = record.stage.seen  # type: ignore[attr-defined]
    with running_service(settings, engine) as service, grpc.insecure_channel(service.target) as channel:
        stub = pb_grpc.BriefsumStub(channel)
        # No client deadline: the server's cap still ends the request with the 0.4 s stage.
        slow = stub.Summarize.future(
            pb.SummarizeRequest(text=ARTICLE, title="capped", stages=[*SLOW, "faulty.record"]), timeout=None
        )
        wait_admitted(service, 1)
        # Queued behind it, this one's deadline passes before the slot frees: it never runs.
        with pytest.raises(grpc.RpcError) as queued:
            stub.Summarize(pb.SummarizeRequest(text=ARTICLE, title="queued", stages=["faulty.record"]), timeout=0.1)
        assert queued.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        with pytest.raises(grpc.RpcError) as capped:
            slow.result()
        assert capped.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        time.sleep(0.3)  # the slow stage ends; the pipeline must stop at the boundary after it
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE, title="next", stages=["faulty.record"]), timeout=5)
    assert seen == ["next"]


def test_cancel_frees_the_worker(stub: pb_grpc.BriefsumStub) -> None:
    future = stub.Summarize.future(pb.SummarizeRequest(text=ARTICLE, stages=SLOW), timeout=30)
    time.sleep(0.1)
    assert future.cancel()
    with pytest.raises(grpc.FutureCancelledError):
        future.result()
    assert stub.Summarize(pb.SummarizeRequest(text=ARTICLE), timeout=30).articles


def test_overload_is_refused_at_once_with_retry_info(limited: RunningService, stub: pb_grpc.BriefsumStub) -> None:
    slow = stub.Summarize.future(pb.SummarizeRequest(id="slow", text=ARTICLE, stages=SLOW), timeout=30)
    wait_admitted(limited, 1)  # it holds the only slot
    with pytest.raises(grpc.RpcError) as caught:
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE), timeout=30)
    assert caught.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    info = retry_info(caught.value)
    assert info is not None and info.retry_delay.ToTimedelta().total_seconds() > 0
    # ... and as gRPC's own pushback, which a channel's retry policy honours.
    trailers = dict(caught.value.trailing_metadata())
    assert int(trailers["grpc-retry-pushback-ms"]) == info.retry_delay.ToMilliseconds()
    assert not slow.done()  # refused while the slow request still runs: no waiting in a queue
    # Load is shed before any other work: a full server does not even read the options.
    with pytest.raises(grpc.RpcError) as shed:
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE, length=pb.Length(ratio=2.0)), timeout=30)
    assert shed.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert slow.result().id == "slow"
    with pytest.raises(grpc.RpcError) as invalid:  # with room again, the same request is checked
        stub.Summarize(pb.SummarizeRequest(text=ARTICLE, length=pb.Length(ratio=2.0)), timeout=30)
    assert invalid.value.code() == grpc.StatusCode.INVALID_ARGUMENT
