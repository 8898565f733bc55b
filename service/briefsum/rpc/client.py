"""A small synchronous client for the CLI: model in, model out, errors as :class:`RemoteError`.

The channel balances calls over every address the target resolves to (``round_robin``): gRPC keeps
one long-lived HTTP/2 connection, so with the default ``pick_first`` a client would send everything
to one replica. Point it at all replicas, e.g. a Kubernetes headless Service
(``dns:///briefsum-headless.NAMESPACE.svc.cluster.local:50051``) or a list
(``ipv4:10.0.0.1:50051,10.0.0.2:50051``). Calls that a draining or overloaded replica refuses
(UNAVAILABLE, RESOURCE_EXHAUSTED, CANCELLED) are retried with backoff by the channel (``SERVICE_CONFIG``).
"""

from __future__ import annotations

import json
from types import TracebackType
from typing import Any

import grpc

from briefsum.model import SummarizeResult
from briefsum.options import SummarizeOptions
from briefsum.rpc import convert
from briefsum.rpc.security import ClientSecurity, open_channel
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

#: Seconds to wait for the server to accept a connection before calling it unreachable.
CONNECT_TIMEOUT = 5.0
#: Largest message the channel sends or receives, bytes.
MESSAGE_LIMIT = 64 * 1024 * 1024

#: The channel's service config: round-robin over all addresses, retries with backoff for calls a
#: replica refused without doing the work.
SERVICE_CONFIG = {
    "loadBalancingConfig": [{"round_robin": {}}],
    "methodConfig": [
        {
            "name": [{"service": "briefsum.v1.Briefsum"}],
            "retryPolicy": {
                "maxAttempts": 5,
                "initialBackoff": "0.1s",
                "maxBackoff": "2s",
                "backoffMultiplier": 2,
                # CANCELLED from the server (never retried when this client cancels): a call that
                # reached a replica just as it stopped, before any work started on it.
                "retryableStatusCodes": ["UNAVAILABLE", "RESOURCE_EXHAUSTED", "CANCELLED"],
            },
        }
    ],
}


def channel_options(*, retries: bool = True) -> list[tuple[str, object]]:
    """Channel arguments of :class:`BriefsumClient` (also for other clients of the service).

    ``retries=False`` keeps round-robin balancing but leaves retries to the caller (the batch client
    retries each item itself, with backoff it can see and count).
    """
    config = SERVICE_CONFIG if retries else {"loadBalancingConfig": SERVICE_CONFIG["loadBalancingConfig"]}
    return [
        ("grpc.max_receive_message_length", MESSAGE_LIMIT),
        ("grpc.max_send_message_length", MESSAGE_LIMIT),
        ("grpc.service_config", json.dumps(config)),
        ("grpc.enable_retries", int(retries)),
    ]


class RemoteError(Exception):
    """A call failed; ``code`` is the gRPC status code name (``"INVALID_ARGUMENT"``).

    ``retry_after`` is the delay (seconds) the server asked for before a retry (``google.rpc.RetryInfo``
    or ``grpc-retry-pushback-ms``), if it sent one.
    """

    def __init__(self, code: str, message: str, retry_after: float | None = None) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.retry_after = retry_after


class Unreachable(RemoteError):
    """No server answers at the target."""


def unreachable(target: str, timeout: float, security: ClientSecurity) -> Unreachable:
    """The error for a server that did not accept a connection, saying what to check."""
    hint = (
        "check --tls-ca/--tls-cert/--tls-key against the server's TLS set-up"
        if security.uses_tls
        else "start one with `briefsum serve`, pass the right --target, or add --tls-ca if it serves TLS"
    )
    return Unreachable("UNAVAILABLE", f"no briefsum server answers at {target} after {timeout:.0f}s; {hint}")


class BriefsumClient:
    """Calls a briefsum server at ``target`` (``host:port``), over TLS and with a token if asked."""

    def __init__(self, target: str, timeout: float | None = None, security: ClientSecurity | None = None) -> None:
        self.target = target
        self.timeout = timeout
        self._security = security or ClientSecurity()
        self._channel = open_channel(target, self._security, channel_options())
        self._stub = pb_grpc.BriefsumStub(self._channel)  # type: ignore[no-untyped-call]

    def __enter__(self) -> BriefsumClient:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the channel."""
        self._channel.close()

    def connect(self, timeout: float = CONNECT_TIMEOUT) -> None:
        """Wait until the server accepts connections; raise :class:`Unreachable` if it does not."""
        try:
            grpc.channel_ready_future(self._channel).result(timeout=timeout)
        except grpc.FutureTimeoutError:
            raise unreachable(self.target, timeout, self._security) from None

    def _call(self, method: Any, request: Any) -> Any:
        try:
            return method(request, timeout=self.timeout, metadata=self._security.metadata())
        except grpc.RpcError as exc:
            code = exc.code()
            error = Unreachable if code == grpc.StatusCode.UNAVAILABLE else RemoteError
            details = exc.details() or ""
            if code == grpc.StatusCode.UNAUTHENTICATED:
                details += "; pass --token or set BRIEFSUM_TOKEN"
            raise error(code.name, details) from None

    def summarize(self, request_id: str, text: str, options: SummarizeOptions) -> SummarizeResult:
        """Summarize ``text`` on the server."""
        request = convert.request_from_options(request_id, text, options)
        response = self._call(self._stub.Summarize, request)
        return convert.result_from_response(response, text, options)

    def summarize_raw(self, request: pb.SummarizeRequest) -> pb.SummarizeResponse:
        """Send a protobuf request as is (load tests, tools); errors as :class:`RemoteError`."""
        response: pb.SummarizeResponse = self._call(self._stub.Summarize, request)
        return response

    def list_plugins(self) -> dict[str, Any]:
        """The server's plugin report as plain data."""
        return convert.report_from_response(self._call(self._stub.ListPlugins, pb.ListPluginsRequest()))
