"""Retrying one item: exponential backoff with jitter (tenacity), honouring the server's delay.

=====================  ==========================================================
status                 what happens
=====================  ==========================================================
UNAVAILABLE            retried (server restarting, draining or warming up); still
                       failing after the last attempt: the run stops (exit 3)
RESOURCE_EXHAUSTED     retried after at least the server's RetryInfo delay
DEADLINE_EXCEEDED      retried (the per-item timeout passed)
CANCELLED              retried (a replica stopped before working on the item)
anything else          not retried: an error item (INVALID_ARGUMENT, INTERNAL, ...)
=====================  ==========================================================
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)
from tenacity.wait import wait_base

from briefsum.rpc.client import RemoteError

T = TypeVar("T")

#: Status codes worth another attempt.
RETRYABLE = frozenset({"UNAVAILABLE", "RESOURCE_EXHAUSTED", "DEADLINE_EXCEEDED", "CANCELLED"})


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently an item is retried.

    The defaults ride out about half a minute of a server restart (0.2 s doubling to 10 s, plus up
    to ``jitter`` seconds each) before an item gives up.
    """

    attempts: int = 9
    initial: float = 0.2
    max_backoff: float = 10.0
    jitter: float = 0.2


class ItemFailed(Exception):
    """An item failed for good: the last status ``code``, its ``message``, after ``attempts`` attempts."""

    def __init__(self, code: str, message: str, attempts: int) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.attempts = attempts


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, RemoteError) and exc.code in RETRYABLE


class wait_server_hint(wait_base):  # noqa: N801 - named like tenacity's wait strategies
    """Wait as ``fallback`` says, but never less than the delay the server asked for."""

    def __init__(self, fallback: wait_base) -> None:
        self.fallback = fallback

    def __call__(self, retry_state: RetryCallState) -> float:
        """Seconds to wait before the next attempt."""
        delay = float(self.fallback(retry_state))
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        hint = exc.retry_after if isinstance(exc, RemoteError) else None
        return max(delay, hint) if hint is not None else delay


async def with_retries(
    call: Callable[[], Awaitable[T]], policy: RetryPolicy, on_retry: Callable[[RemoteError], None]
) -> tuple[T, int]:
    """``await call()`` with retries; the result and the number of attempts it took.

    Raises :class:`ItemFailed` with the last error when it is not retryable or the attempts ran out.
    """

    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome is not None else None
        if isinstance(exc, RemoteError):
            on_retry(exc)

    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.attempts),
        wait=wait_server_hint(
            wait_exponential(multiplier=policy.initial, max=policy.max_backoff) + wait_random(0, policy.jitter)
        ),
        retry=retry_if_exception(_retryable),
        before_sleep=before_sleep,
        reraise=True,
    )
    attempts = 0
    try:
        async for attempt in retrying:
            attempts = attempt.retry_state.attempt_number
            with attempt:
                result = await call()
    except RemoteError as exc:
        raise ItemFailed(exc.code, exc.message, attempts) from None
    return result, attempts
