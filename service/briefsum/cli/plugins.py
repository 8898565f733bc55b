"""``briefsum plugins``: what is installed, what runs, what failed."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from briefsum.cli.common import (
    DEFAULT_TARGET,
    ConfigOption,
    ExitCode,
    LocalOption,
    TargetOption,
    TlsCaOption,
    TlsCertOption,
    TlsKeyOption,
    TokenOption,
    client_security,
    fail,
    settings_or_exit,
    setup_logging,
)
from briefsum.cli.render import print_plugins
from briefsum.engine import build_engine
from briefsum.errors import StartupError
from briefsum.rpc import convert
from briefsum.rpc.client import BriefsumClient, RemoteError, Unreachable


def _local_report(config: Any) -> dict[str, Any]:
    settings = settings_or_exit(config)
    setup_logging("ERROR")
    try:
        engine = build_engine(settings)
    except StartupError as exc:
        fail(str(exc), ExitCode.USAGE)
    return convert.report_from_response(convert.plugins_response(engine.report()))


def plugins_command(
    target: TargetOption = DEFAULT_TARGET,
    local: LocalOption = False,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    tls_ca: TlsCaOption = None,
    tls_cert: TlsCertOption = None,
    tls_key: TlsKeyOption = None,
    token: TokenOption = None,
) -> None:
    """List plugins, their stages, the default pipeline and plugins that failed to load.

    Exit codes: 0 ok, 2 usage error, 3 server unreachable.
    """
    if local:
        report = _local_report(config)
    else:
        security = client_security(tls_ca, tls_cert, tls_key, token)
        with BriefsumClient(target, timeout=10.0, security=security) as client:
            try:
                client.connect()
                report = client.list_plugins()
            except Unreachable as exc:
                fail(exc.message, ExitCode.UNREACHABLE)
            except RemoteError as exc:
                fail(str(exc), ExitCode.ITEMS_FAILED)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        print_plugins(Console(), report)
