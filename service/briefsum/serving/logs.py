"""Logging set-up for the service: text or JSON lines on stderr, each carrying the request id.

The request id lives in a :class:`contextvars.ContextVar`, so every log line written while a request
is handled (in the server's event loop, in a thread it started, or in a worker process that was told
the id) names it without passing it around. Texts are never logged, only their sizes.
"""

from __future__ import annotations

import contextvars
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from pythonjsonlogger.json import JsonFormatter

LogFormat = Literal["text", "json"]

#: Shown when a line is not about a request (start-up, shutdown).
NO_REQUEST = "-"

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("briefsum_request_id", default=NO_REQUEST)

_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
_JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(process)d %(request_id)s %(message)s"


def current_request_id() -> str:
    """The id of the request being handled, or ``"-"``."""
    return _request_id.get()


@contextmanager
def request_context(request_id: str) -> Iterator[None]:
    """Log lines inside the block carry ``request_id``."""
    token = _request_id.set(request_id)
    try:
        yield
    finally:
        _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (handler-level, so third-party loggers get it too)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Attach the current request id; never drops a record."""
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


def setup_logging(level: str, log_format: LogFormat = "text") -> None:
    """Log to stderr at ``level``, as text lines or one JSON object per line."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if log_format == "json":
        handler.setFormatter(
            JsonFormatter(_JSON_FIELDS, rename_fields={"levelname": "level", "asctime": "time", "name": "logger"})
        )
    else:
        handler.setFormatter(logging.Formatter(_TEXT_FORMAT))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
