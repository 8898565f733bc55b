"""Fixtures of the batch tests."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest

from tests.batch.helpers import Server


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A `briefsum serve` subprocess for the tests of a module that do not stop it."""
    running = Server(tmp_path_factory.mktemp("server") / "server.log").start()
    try:
        yield running
    finally:
        running.stop(signal.SIGTERM)
