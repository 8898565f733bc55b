"""Servers with worker processes running the faulty test stages, and helpers to read their answers."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from typing import Any, TypeVar

import grpc
import pytest
from briefsum.settings import Settings, load_settings
from briefsum.testing import RunningService, running_service
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from tests.serving.faulty import faulty_engine

T = TypeVar("T")

#: A short article: quick to summarize, so the tests stay fast.
ARTICLE = (
    "本报讯（记者王明）省政府日前召开常务会议，研究部署春耕生产工作。"
    "会议强调，要扛稳粮食安全责任，落实耕地保护制度。"
    "全省今年计划播种粮食面积八千万亩，大豆种植面积稳定增长。"
)
#: Seconds a stage may run in these tests before its worker is replaced.
STAGE_TIMEOUT = 1.0


def serving_settings(**server: Any) -> Settings:
    """Settings for test servers: no drain delay, a short stage timeout, ``server`` overrides."""
    return load_settings(
        server={"drain_delay_seconds": 0, "stage_timeout_seconds": STAGE_TIMEOUT, **server},
        plugins={"entrypoints": False},
        stages={"faulty.sleep": {"seconds": 0.4}},
    )


def start(settings: Settings, **kwargs: Any) -> Any:
    """``running_service`` with worker processes building the faulty engine."""
    return running_service(settings, engine_factory=functools.partial(faulty_engine, settings), **kwargs)


@pytest.fixture(scope="module")
def workers() -> Iterator[RunningService]:
    """Two worker processes, metrics on."""
    with start(serving_settings(workers=2, max_queue=16), metrics_port=True) as service:
        yield service


def wait_admitted(service: RunningService, count: int) -> None:
    """Wait until ``count`` requests hold or wait for a slot on ``service`` (they reached the server)."""
    deadline = time.monotonic() + 30
    while service.metrics.registry.get_sample_value("briefsum_admitted_requests") != count:
        assert time.monotonic() < deadline, "requests did not reach the server"
        time.sleep(0.01)


def details(error: grpc.RpcError, kind: type[T]) -> list[T]:
    """The rich error details of type ``kind`` (``google.rpc.*``) that a failed call carried."""
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    found = []
    for detail in status.details if status else ():
        message = kind()
        if detail.Unpack(message):
            found.append(message)
    return found


def error_info(error: grpc.RpcError) -> error_details_pb2.ErrorInfo | None:
    return next(iter(details(error, error_details_pb2.ErrorInfo)), None)


def retry_info(error: grpc.RpcError) -> error_details_pb2.RetryInfo | None:
    return next(iter(details(error, error_details_pb2.RetryInfo)), None)


def bad_fields(error: grpc.RpcError) -> list[str]:
    return [v.field for info in details(error, error_details_pb2.BadRequest) for v in info.field_violations]
