"""Shared fixtures: one warmed-up engine per session, real servers on 127.0.0.1:0."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from briefsum.engine import Engine, build_engine
from briefsum.plugins import make_plugin_manager
from briefsum.settings import Settings, load_settings
from briefsum.testing import running_server
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_PAGE = ROOT / "examples" / "jilin-daily-2023-03-30.txt"


@pytest.fixture(scope="session")
def settings() -> Settings:
    # Room for the tests' bursts of concurrent calls (the default queue is as small as the worker count).
    return load_settings(server={"max_queue": 32})


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Engine:
    """The built-in stages only (installed plugins excluded), warmed up once."""
    return build_engine(settings, make_plugin_manager(entrypoints=False))


@pytest.fixture(scope="session")
def example_page() -> str:
    return EXAMPLE_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def server_port(settings: Settings, engine: Engine) -> Iterator[int]:
    with running_server(settings, engine) as port:
        yield port


@pytest.fixture
def channel(server_port: int) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(f"127.0.0.1:{server_port}") as channel:
        yield channel


@pytest.fixture
def stub(channel: grpc.Channel) -> pb_grpc.BriefsumStub:
    return pb_grpc.BriefsumStub(channel)
