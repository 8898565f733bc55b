"""Request limits checked in the server process, before a request takes a worker.

The limits bound the work one request can cause: text size (bytes), sentences (TextRank is
quadratic in them), run time (the deadline) and, for streams, the number of items.
"""

from __future__ import annotations

import re
import time

from briefsum.errors import InvalidRequest
from briefsum.settings import ServerSettings

#: What counts as the end of a sentence for the sentence limit (full- and half-width).
SENTENCE_END = re.compile(r"[。！？!?；;]+")


def check_text(text: str, limits: ServerSettings) -> None:
    """Raise :class:`InvalidRequest` (field ``text``) when ``text`` is over a size or sentence limit."""
    limit = limits.max_text_bytes
    # Cheap bound first: a code point is at most 4 UTF-8 bytes, so short texts need no encoding.
    if len(text) * 4 > limit and len(text.encode("utf-8", errors="surrogatepass")) > limit:
        raise InvalidRequest.single(
            "text", f"text is larger than the limit of {limit} bytes (UTF-8); split it into smaller requests"
        )
    if len(text) > limits.max_sentences:  # cannot hold more sentence ends than characters
        sentences = sum(1 for _ in SENTENCE_END.finditer(text))
        if sentences > limits.max_sentences:
            raise InvalidRequest.single(
                "text",
                f"text has {sentences} sentences, more than the limit of {limits.max_sentences}; "
                "split it into smaller requests",
            )


def check_stream_length(count: int, limits: ServerSettings) -> None:
    """Raise :class:`InvalidRequest` (field ``stream``) when a stream brings its ``count``-th item."""
    if count > limits.max_stream_items:
        raise InvalidRequest.single(
            "stream",
            f"a stream may carry at most {limits.max_stream_items} requests; send the rest in another call",
        )


def deadline(time_remaining: float | None, limits: ServerSettings) -> float:
    """The :func:`time.monotonic` deadline: the client's, capped at ``max_request_seconds`` from now."""
    budget = limits.max_request_seconds if time_remaining is None else min(time_remaining, limits.max_request_seconds)
    return time.monotonic() + budget
