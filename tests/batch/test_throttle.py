"""The adaptive cap on items in flight (pure asyncio, no server needed)."""

from __future__ import annotations

import asyncio

import pytest
from briefsum.batch.throttle import AdaptiveLimit


def test_refusal_halves_once_per_round_and_successes_grow_it_back() -> None:
    limit = AdaptiveLimit(8)
    assert limit.limit == 8

    async def scenario() -> None:
        async with limit.slot(), limit.slot(), limit.slot():
            limit.refused()
            assert limit.limit == 4
            limit.refused()  # same round: the other two in flight were sent under the old cap
            assert limit.limit == 4
        limit.refused()  # a new round
        assert limit.limit == 2
        for _ in range(200):
            limit.succeeded()
        assert limit.limit == 8  # never above the ceiling

    asyncio.run(scenario())


def test_never_below_one() -> None:
    limit = AdaptiveLimit(2)
    for _ in range(10):
        limit.refused()
    assert limit.limit == 1


def test_slots_wait_for_the_cap() -> None:
    limit = AdaptiveLimit(4)
    limit.refused()  # cap 2
    peak = 0
    running = 0

    async def attempt() -> None:
        nonlocal peak, running
        async with limit.slot():
            running += 1
            peak = max(peak, running)
            await asyncio.sleep(0.01)
            running -= 1

    async def scenario() -> None:
        await asyncio.gather(*(attempt() for _ in range(10)))

    asyncio.run(scenario())
    assert peak == 2


def test_ceiling_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        AdaptiveLimit(0)
