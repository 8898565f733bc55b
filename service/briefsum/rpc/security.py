"""TLS credentials and bearer tokens, for the server and for clients.

Server: ``security.tls_cert`` + ``security.tls_key`` serve TLS; ``security.tls_client_ca`` also
requires clients to present a certificate signed by that CA (mutual TLS). ``security.tokens`` and
``security.token_file`` list accepted bearer tokens (see :class:`~briefsum.rpc.interceptors.TokenAuth`).

Client: :class:`ClientSecurity` holds what ``briefsum summarize``/``plugins`` take as ``--tls-ca``,
``--tls-cert``, ``--tls-key`` and ``--token`` (or ``BRIEFSUM_TOKEN``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import grpc

from briefsum.errors import ConfigError
from briefsum.settings import SecuritySettings


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the {what} {path}: {exc.strerror or exc}") from None


def server_credentials(security: SecuritySettings) -> grpc.ServerCredentials | None:
    """TLS credentials for the listening port, or ``None`` for plaintext."""
    if security.tls_cert is None or security.tls_key is None:
        return None
    pair = (_read(security.tls_key, "TLS key"), _read(security.tls_cert, "TLS certificate"))
    client_ca = _read(security.tls_client_ca, "client CA bundle") if security.tls_client_ca else None
    return grpc.ssl_server_credentials([pair], root_certificates=client_ca, require_client_auth=client_ca is not None)


def accepted_tokens(security: SecuritySettings) -> list[str]:
    """The bearer tokens the server accepts (settings, then the token file); empty: no authentication."""
    tokens = [secret.get_secret_value() for secret in security.tokens]
    if security.token_file is not None:
        text = _read(security.token_file, "token file").decode("utf-8")
        tokens += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    if any(not token for token in tokens):
        raise ConfigError("security.tokens: a token must not be empty")
    return tokens


@dataclass(frozen=True)
class ClientSecurity:
    """How a client proves itself and checks the server: TLS files and a bearer token, all optional.

    ``tls_ca`` alone gives server-authenticated TLS (``tls=True`` uses the system's CA roots);
    ``tls_cert`` and ``tls_key`` add a client certificate (mutual TLS).
    """

    tls: bool = False
    tls_ca: Path | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    token: str | None = None
    #: Overrides the host name checked against the server certificate (for tests and IP targets).
    server_name: str | None = None

    @property
    def uses_tls(self) -> bool:
        """Whether the channel is encrypted."""
        return self.tls or any(p is not None for p in (self.tls_ca, self.tls_cert, self.tls_key))

    def channel_credentials(self) -> grpc.ChannelCredentials | None:
        """TLS channel credentials, or ``None`` for plaintext."""
        if not self.uses_tls:
            return None
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ConfigError("--tls-cert and --tls-key go together (a client certificate and its key)")
        return grpc.ssl_channel_credentials(
            root_certificates=_read(self.tls_ca, "TLS CA bundle") if self.tls_ca else None,
            private_key=_read(self.tls_key, "TLS key") if self.tls_key else None,
            certificate_chain=_read(self.tls_cert, "TLS certificate") if self.tls_cert else None,
        )

    def channel_options(self) -> list[tuple[str, str]]:
        """Channel arguments the security choice needs."""
        return [("grpc.ssl_target_name_override", self.server_name)] if self.server_name and self.uses_tls else []

    def metadata(self) -> tuple[tuple[str, str], ...]:
        """Per-call metadata: the bearer token, if any."""
        return (("authorization", f"Bearer {self.token}"),) if self.token else ()


def open_channel(target: str, security: ClientSecurity, options: list[tuple[str, object]]) -> grpc.Channel:
    """A synchronous channel to ``target``, encrypted when ``security`` asks for TLS."""
    all_options = [*options, *security.channel_options()]
    credentials = security.channel_credentials()
    if credentials is None:
        return grpc.insecure_channel(target, options=all_options)
    return grpc.secure_channel(target, credentials, options=all_options)


def open_aio_channel(target: str, security: ClientSecurity, options: list[tuple[str, object]]) -> grpc.aio.Channel:
    """An asyncio channel to ``target`` (for :mod:`briefsum.rpc.aio_client`), encrypted when asked."""
    all_options = [*options, *security.channel_options()]
    credentials = security.channel_credentials()
    if credentials is None:
        return grpc.aio.insecure_channel(target, options=all_options)
    return grpc.aio.secure_channel(target, credentials, options=all_options)
