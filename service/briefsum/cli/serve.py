"""``briefsum serve``: run the gRPC service."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated, Literal

import typer

from briefsum.cli.common import ConfigOption, ExitCode, fail, settings_or_exit
from briefsum.errors import StartupError
from briefsum.serving.logs import setup_logging

_PEM = {"exists": True, "dir_okay": False, "readable": True}


def serve_command(
    config: ConfigOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 50051); 0 picks a free one.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=0, help="Worker processes (default: number of cores); 0 runs the pipeline in threads."),
    ] = None,
    metrics_port: Annotated[
        int | None, typer.Option(min=0, max=65535, help="Serve Prometheus /metrics on this port (0: a free one).")
    ] = None,
    log_level: Annotated[str | None, typer.Option(help="DEBUG, INFO, WARNING or ERROR.")] = None,
    log_format: Annotated[
        Literal["text", "json"] | None, typer.Option(help="text, or json: one object per line.")
    ] = None,
    tls_cert: Annotated[Path | None, typer.Option(help="PEM certificate chain: serve TLS.", **_PEM)] = None,
    tls_key: Annotated[Path | None, typer.Option(help="PEM private key of --tls-cert.", **_PEM)] = None,
    tls_client_ca: Annotated[
        Path | None, typer.Option(help="PEM CA bundle: require client certificates it signed (mTLS).", **_PEM)
    ] = None,
    token_file: Annotated[
        Path | None, typer.Option(help="Accepted bearer tokens, one per line: calls must carry one.", **_PEM)
    ] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict/--no-strict", help="Refuse to start if a plugin fails.")
    ] = None,
    safe_mode: Annotated[
        bool, typer.Option("--safe-mode", help="Load the built-in plugins only, whatever is installed.")
    ] = False,
) -> None:
    """Serve the briefsum gRPC API until SIGTERM or Ctrl-C, then drain in-flight requests.

    Prints `briefsum listening on HOST:PORT` on stdout once the port is bound; health reports
    SERVING once the workers are warmed up. Logs go to stderr. On SIGTERM health turns
    NOT_SERVING, the server keeps serving for server.drain_delay_seconds, then lets in-flight
    requests finish and exits 0.
    """
    from briefsum.rpc.server import serve

    def given(**values: object) -> dict[str, object]:
        return {k: v for k, v in values.items() if v is not None}

    overrides: dict[str, object] = {
        "server": given(host=host, port=port, workers=workers),
        "security": given(tls_cert=tls_cert, tls_key=tls_key, tls_client_ca=tls_client_ca, token_file=token_file),
        "metrics": given(port=metrics_port),
        "plugins": {**given(strict=strict), **({"safe_mode": True} if safe_mode else {})},
        "log_level": log_level,
        "log_format": log_format,
    }
    settings = settings_or_exit(config, **overrides)
    setup_logging(settings.log_level, settings.log_format)

    def listening(bound_host: str, bound_port: int) -> None:
        typer.echo(f"briefsum listening on {bound_host}:{bound_port}")

    try:
        asyncio.run(serve(settings, listening))
    except StartupError as exc:
        fail(str(exc), ExitCode.USAGE)
