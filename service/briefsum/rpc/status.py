"""The one place that maps errors to gRPC status codes and rich error details.

=========================  ====================  =========================================
error                      status code           details
=========================  ====================  =========================================
InvalidRequest             INVALID_ARGUMENT      google.rpc.BadRequest (field violations)
Overloaded                 RESOURCE_EXHAUSTED    google.rpc.RetryInfo (retry delay)
DeadlineExceeded           DEADLINE_EXCEEDED
Cancelled                  CANCELLED
StageError                 INTERNAL              google.rpc.ErrorInfo (stage, plugin, id)
Unauthenticated            UNAUTHENTICATED
StatusError                its own               as computed in a worker process
anything else (a bug)      INTERNAL              google.rpc.ErrorInfo (error id only)
=========================  ====================  =========================================

Messages never contain exception text from stages or tracebacks; unexpected errors are logged
with an error id that the client also receives.
"""

from __future__ import annotations

import logging
import math
import uuid
from dataclasses import dataclass

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from briefsum.errors import BriefsumError, Cancelled, DeadlineExceeded, InvalidRequest, Overloaded, StageError

logger = logging.getLogger(__name__)

#: ``google.rpc.ErrorInfo.domain`` of every briefsum error.
ERROR_DOMAIN = "briefsum.v1"


#: ``ErrorInfo.reason`` of a failed (raised, invalid result, hung, crashed) stage.
STAGE_FAILED = "STAGE_FAILED"


class Unauthenticated(BriefsumError):
    """The call carries no valid bearer token."""


class StatusError(BriefsumError):
    """A ``google.rpc.Status`` already computed by :func:`to_rpc_status` in a worker process."""

    def __init__(self, status: status_pb2.Status) -> None:
        super().__init__(status.message)
        self.status = status


def failed_stage(status: status_pb2.Status) -> tuple[str, str] | None:
    """``(stage, plugin)`` when ``status`` reports a failed stage, else ``None``."""
    for detail in status.details:
        info = error_details_pb2.ErrorInfo()
        if detail.Unpack(info) and info.reason == STAGE_FAILED:
            return info.metadata["stage"], info.metadata["plugin"]
    return None


def _pack(message: object) -> any_pb2.Any:
    packed = any_pb2.Any()
    packed.Pack(message)  # type: ignore[arg-type]
    return packed


def to_rpc_status(exc: BaseException) -> status_pb2.Status:  # noqa: PLR0911 - one branch per row of the table
    """The ``google.rpc.Status`` for ``exc`` (for unary aborts and per-item stream errors)."""
    if isinstance(exc, StatusError):
        return exc.status
    if isinstance(exc, InvalidRequest):
        bad_request = error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=v.field, description=v.description)
                for v in exc.violations
            ]
        )
        return status_pb2.Status(code=code_pb2.INVALID_ARGUMENT, message=str(exc), details=[_pack(bad_request)])
    if isinstance(exc, Overloaded):
        seconds = max(exc.retry_after, 0.0)
        delay = duration_pb2.Duration(seconds=int(seconds), nanos=int(math.modf(seconds)[0] * 1e9))
        return status_pb2.Status(
            code=code_pb2.RESOURCE_EXHAUSTED,
            message=f"{exc}; retry after {seconds:.2f}s",
            details=[_pack(error_details_pb2.RetryInfo(retry_delay=delay))],
        )
    if isinstance(exc, DeadlineExceeded):
        return status_pb2.Status(code=code_pb2.DEADLINE_EXCEEDED, message=str(exc) or "deadline exceeded")
    if isinstance(exc, Cancelled):
        return status_pb2.Status(code=code_pb2.CANCELLED, message=str(exc) or "cancelled by the client")
    if isinstance(exc, Unauthenticated):
        return status_pb2.Status(code=code_pb2.UNAUTHENTICATED, message=str(exc))
    if isinstance(exc, StageError):
        info = error_details_pb2.ErrorInfo(
            reason=STAGE_FAILED,
            domain=ERROR_DOMAIN,
            metadata={"stage": exc.stage, "plugin": exc.plugin, "error_id": exc.error_id},
        )
        return status_pb2.Status(code=code_pb2.INTERNAL, message=str(exc), details=[_pack(info)])
    error_id = uuid.uuid4().hex[:12]
    logger.error("unexpected error (error id %s)", error_id, exc_info=exc)
    info = error_details_pb2.ErrorInfo(reason="INTERNAL", domain=ERROR_DOMAIN, metadata={"error_id": error_id})
    return status_pb2.Status(
        code=code_pb2.INTERNAL,
        message=f"internal error (error id {error_id}); the server log has the details",
        details=[_pack(info)],
    )


def as_grpc_status(status: status_pb2.Status) -> grpc.Status:
    """``status`` as a ``grpc.Status`` to abort a call with (details travel in the trailing metadata).

    An overload status also carries ``grpc-retry-pushback-ms``, so clients whose channel has a retry
    policy (like :class:`~briefsum.rpc.client.BriefsumClient`) wait the server's delay before retrying.
    """
    from grpc_status import rpc_status

    converted: grpc.Status = rpc_status.to_status(status)
    for detail in status.details:
        info = error_details_pb2.RetryInfo()
        if status.code == code_pb2.RESOURCE_EXHAUSTED and detail.Unpack(info):
            pushback_ms = int(info.retry_delay.ToMilliseconds())
            return _WithMetadata(
                converted.code,
                converted.details,
                (*converted.trailing_metadata, ("grpc-retry-pushback-ms", str(pushback_ms))),
            )
    return converted


@dataclass(frozen=True)
class _WithMetadata(grpc.Status):
    code: grpc.StatusCode
    details: str
    trailing_metadata: tuple[tuple[str, str | bytes], ...]


def to_grpc_status(exc: BaseException) -> grpc.Status:
    """The ``grpc.Status`` to abort a call with for ``exc``."""
    return as_grpc_status(to_rpc_status(exc))
