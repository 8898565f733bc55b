"""``briefsum serve``: run the gRPC service."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from briefsum.cli.common import ConfigOption, ExitCode, fail, settings_or_exit, setup_logging
from briefsum.errors import StartupError


def serve_command(
    config: ConfigOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 50051); 0 picks a free one.")] = None,
    log_level: Annotated[str | None, typer.Option(help="DEBUG, INFO, WARNING or ERROR.")] = None,
    strict: Annotated[
        bool | None, typer.Option("--strict/--no-strict", help="Refuse to start if a plugin fails.")
    ] = None,
    safe_mode: Annotated[
        bool, typer.Option("--safe-mode", help="Load the built-in plugins only, whatever is installed.")
    ] = False,
) -> None:
    """Serve the briefsum gRPC API until SIGTERM or Ctrl-C, then drain in-flight requests.

    Prints `briefsum listening on HOST:PORT` on stdout once the port is bound; health reports
    SERVING once the stages are warmed up. Logs go to stderr.
    """
    from briefsum.rpc.server import serve

    overrides: dict[str, object] = {
        "server": {k: v for k, v in {"host": host, "port": port}.items() if v is not None},
        "plugins": {
            **({} if strict is None else {"strict": strict}),
            **({"safe_mode": True} if safe_mode else {}),
        },
        "log_level": log_level,
    }
    settings = settings_or_exit(config, **overrides)
    setup_logging(settings.log_level)

    def listening(bound_host: str, bound_port: int) -> None:
        typer.echo(f"briefsum listening on {bound_host}:{bound_port}")

    try:
        asyncio.run(serve(settings, listening))
    except StartupError as exc:
        fail(str(exc), ExitCode.USAGE)
