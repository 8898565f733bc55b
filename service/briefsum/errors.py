"""Every error briefsum raises on purpose, in one hierarchy.

::

    BriefsumError                   base class; anything else escaping a stage is a bug
    ├── RequestError                the caller's doing; retrying the same request cannot help
    │   └── InvalidRequest          -> INVALID_ARGUMENT, with one FieldViolation per bad field
    ├── Overloaded                  -> RESOURCE_EXHAUSTED, with a retry delay
    ├── DeadlineExceeded            -> DEADLINE_EXCEEDED
    ├── Cancelled                   -> CANCELLED
    ├── StageError                  -> INTERNAL; names the stage and plugin and an error id,
    │                                  never the exception text (that goes to the log)
    └── StartupError                configuration and plugin problems; stop start-up, never
        ├── ConfigError             reach a client
        └── PluginError

The gRPC layer maps these to status codes in one place (:mod:`briefsum.rpc.status`); the CLI maps
them to exit codes. Expected errors (bad input, overload) are kept apart from bugs (``StageError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class BriefsumError(Exception):
    """Base class of the errors briefsum raises on purpose."""


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One invalid request field, named by its path in the protobuf request (``length.ratio``)."""

    field: str
    description: str


class RequestError(BriefsumError):
    """The request cannot be served as sent; the caller must change it."""


class InvalidRequest(RequestError):
    """One or more request fields are invalid."""

    def __init__(self, violations: Sequence[FieldViolation]) -> None:
        if not violations:
            raise ValueError("InvalidRequest needs at least one violation")
        self.violations = tuple(violations)
        super().__init__("; ".join(f"{v.field}: {v.description}" for v in self.violations))

    @classmethod
    def single(cls, field: str, description: str) -> InvalidRequest:
        """Shortcut for the common one-field case."""
        return cls([FieldViolation(field, description)])


class Overloaded(BriefsumError):
    """The server has no capacity for the request now; retry after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: float = 0.1) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class DeadlineExceeded(BriefsumError):
    """The caller's deadline passed before the work was done."""


class Cancelled(BriefsumError):
    """The caller cancelled the request."""


class StageError(BriefsumError):
    """A stage raised or returned something invalid: a bug in that stage's plugin.

    The message names the stage, its plugin and an opaque ``error_id`` that also appears in the log
    next to the traceback; the original exception text is never part of the message.
    """

    def __init__(self, stage: str, plugin: str, error_id: str, problem: str = "failed") -> None:
        self.stage = stage
        self.plugin = plugin
        self.error_id = error_id
        super().__init__(
            f"stage {stage!r} of plugin {plugin!r} {problem} (error id {error_id}); the server log has the details"
        )


class StartupError(BriefsumError):
    """The service cannot start as configured."""


class ConfigError(StartupError):
    """The configuration is invalid; the message says which setting and what is allowed."""


class PluginError(StartupError):
    """A plugin could not be loaded or registered something invalid."""
