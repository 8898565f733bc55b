"""How items reach the pipeline: gRPC (a stream, or a window of unary calls) or a Dask cluster.

A transport turns one item into its result as plain data (:func:`briefsum.export.result_to_dict`,
without timings, so reruns give identical lines) or raises
:class:`~briefsum.rpc.client.RemoteError` with a status code name. Retries are the caller's
(:mod:`briefsum.batch.retry`), so every transport is retried the same way.

``stream`` (the default, measured in ``bench/batch.py``) multiplexes items over
``SummarizeStream`` calls: no per-call overhead, and the server pulls items as it has room, so a
busy server slows the stream down instead of refusing calls. ``unary`` sends one ``Summarize``
call per item. Both keep at most ``concurrency`` items in flight.
"""

from __future__ import annotations

import asyncio
import enum
import itertools
import logging
import math
from collections.abc import Sequence
from typing import Any, Protocol

from briefsum.batch.items import Item
from briefsum.export import result_to_dict
from briefsum.options import SummarizeOptions
from briefsum.rpc.aio_client import AsyncBriefsumClient, StreamLane
from briefsum.rpc.client import CONNECT_TIMEOUT, RemoteError, Unreachable
from briefsum.rpc.security import ClientSecurity

logger = logging.getLogger(__name__)

#: Items one server works on at once per stream (``server.stream_window``'s default): the number
#: of streams is ``concurrency`` divided by it, so a stream never waits on a full window.
STREAM_WINDOW = 4


class Mode(enum.StrEnum):
    """How items travel to a gRPC server."""

    STREAM = "stream"
    UNARY = "unary"


class Transport(Protocol):
    """Sends items to a pipeline."""

    async def connect(self) -> None:
        """Connect; raise ``Unreachable`` when no server (or cluster) answers."""

    async def probe(self, options: SummarizeOptions) -> str:
        """The pipeline version ``options`` run with; raises ``RemoteError``."""

    def in_flight_cap(self) -> int | None:
        """After :meth:`probe`: most items worth having in flight at once, if the servers said."""

    async def summarize(self, item: Item, options: SummarizeOptions, timeout: float) -> dict[str, Any]:
        """One item's result as plain data; raises ``RemoteError``."""

    async def close(self) -> None:
        """Release connections."""


def names_one_server(target: str) -> bool:
    """Whether ``target`` is one server (``host:port``, ``unix:…``), not a name or list of replicas."""
    return "," not in target and not target.startswith(("dns:", "xds:", "ipv4:", "ipv6:"))


def item_options(item: Item, options: SummarizeOptions) -> SummarizeOptions:
    """``options`` with the item's title."""
    return options if item.title is None else options.model_copy(update={"title": item.title})


class GrpcTransport:
    """Items to one or more briefsum servers: each ``--target`` gets a channel, used in turn.

    A single target may itself name several replicas (``dns:///…``, ``ipv4:a:p,b:p``): its channel
    balances calls over them round-robin.
    """

    def __init__(self, targets: Sequence[str], security: ClientSecurity, mode: Mode, concurrency: int) -> None:
        self._targets = list(targets)
        self._security = security
        self._mode = mode
        self._concurrency = concurrency
        self._clients: list[AsyncBriefsumClient] = []
        self._lanes: list[StreamLane] = []
        self._turn = itertools.count()
        self._capacity: int | None = None

    async def connect(self) -> None:
        """Open a channel per target; targets that do not answer are left out (at least one must)."""
        clients = [AsyncBriefsumClient(target, self._security) for target in self._targets]
        outcomes = await asyncio.gather(*(c.connect(CONNECT_TIMEOUT) for c in clients), return_exceptions=True)
        for client, outcome in zip(clients, outcomes, strict=True):
            if isinstance(outcome, Unreachable):
                logger.warning("%s", outcome.message)
                await client.close()
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                self._clients.append(client)
        if not self._clients:
            first = next(o for o in outcomes if isinstance(o, Unreachable))
            raise first
        if self._mode is Mode.STREAM:
            lanes = max(len(self._clients), math.ceil(self._concurrency / STREAM_WINDOW))
            self._lanes = [self._clients[i % len(self._clients)].lane() for i in range(lanes)]

    async def probe(self, options: SummarizeOptions) -> str:
        """The pipeline version the servers run ``options`` with, and (unary) how much they admit."""
        probes = [await client.probe(options, CONNECT_TIMEOUT * 2) for client in self._clients]
        capacities = [p.capacity for p in probes]
        # A target naming several replicas reports one replica's capacity: no cap is known then.
        if self._mode is Mode.UNARY and all(capacities) and all(map(names_one_server, self._targets)):
            self._capacity = sum(c for c in capacities if c)
        return probes[0].pipeline_version

    def in_flight_cap(self) -> int | None:
        """Unary calls beyond what the servers admit are refused: their total capacity, if known.

        Stream items wait at the server instead, so streams have no cap.
        """
        return self._capacity

    async def summarize(self, item: Item, options: SummarizeOptions, timeout: float) -> dict[str, Any]:
        """One item through the next stream lane or channel in turn."""
        assert item.text is not None
        turn = next(self._turn)
        options = item_options(item, options)
        if self._lanes:
            result = await self._lanes[turn % len(self._lanes)].summarize(item.id, item.text, options, timeout)
        else:
            result = await self._clients[turn % len(self._clients)].summarize(item.id, item.text, options, timeout)
        return result_to_dict(item.id, result, timings=False)

    async def close(self) -> None:
        """Stop the lanes and close the channels."""
        for lane in self._lanes:
            await lane.close()
        for client in self._clients:
            await client.close()


__all__ = ["GrpcTransport", "Mode", "RemoteError", "Transport", "item_options"]
