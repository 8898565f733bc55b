"""Options and helpers shared by the CLI commands."""

from __future__ import annotations

import enum
import logging
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from briefsum.errors import ConfigError, InvalidRequest
from briefsum.options import Layout, SummarizeOptions, parse_options
from briefsum.rpc.security import ClientSecurity
from briefsum.settings import Settings, load_settings

DEFAULT_TARGET = "127.0.0.1:50051"


class ExitCode(enum.IntEnum):
    """Exit codes of every command (documented in ``--help`` and the README)."""

    OK = 0
    ITEMS_FAILED = 1
    USAGE = 2
    UNREACHABLE = 3


class OutputFormat(enum.StrEnum):
    """How results are printed."""

    TEXT = "text"
    JSONL = "jsonl"


ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="TOML config file (see README: Configuration).", envvar="BRIEFSUM_CONFIG"),
]
TargetOption = Annotated[
    str,
    typer.Option("--target", "-t", help="Server address host:port.", envvar="BRIEFSUM_TARGET"),
]
_PEM = {"exists": True, "dir_okay": False, "readable": True, "rich_help_panel": "Security"}
TlsCaOption = Annotated[
    Path | None, typer.Option(help="PEM CA bundle to check the server's certificate: connect with TLS.", **_PEM)
]
TlsCertOption = Annotated[
    Path | None, typer.Option(help="PEM client certificate (mutual TLS; with --tls-key).", **_PEM)
]
TlsKeyOption = Annotated[Path | None, typer.Option(help="PEM private key of --tls-cert.", **_PEM)]
TokenOption = Annotated[
    str | None,
    typer.Option(
        help="Bearer token the server requires.",
        envvar="BRIEFSUM_TOKEN",
        show_default=False,
        rich_help_panel="Security",
    ),
]
LocalOption = Annotated[
    bool, typer.Option("--local", help="Run the pipeline in this process instead of calling a server.")
]


def client_security(
    tls_ca: Path | None, tls_cert: Path | None, tls_key: Path | None, token: str | None
) -> ClientSecurity:
    """The client's TLS and token choices; a certificate without its key is a usage error."""
    if (tls_cert is None) != (tls_key is None):
        fail("--tls-cert and --tls-key go together (a client certificate and its key)", ExitCode.USAGE)
    return ClientSecurity(tls_ca=tls_ca, tls_cert=tls_cert, tls_key=tls_key, token=token or None)


def error_console() -> Console:
    """Where messages for people go (stderr), so stdout stays clean for results."""
    return Console(stderr=True)


def print_error(message: str, prefix: str = "error: ") -> None:
    """Print ``message`` on stderr in red, verbatim (no markup) and unwrapped."""
    error_console().print(Text(prefix, style="bold red") + Text(message), soft_wrap=True, highlight=False)


def fail(message: str, code: ExitCode) -> NoReturn:
    """Print ``message`` on stderr and exit with ``code``."""
    print_error(message)
    raise typer.Exit(int(code))


def setup_logging(level: str) -> None:
    """Log to stderr, one line per record."""
    logging.basicConfig(
        stream=sys.stderr,
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        force=True,
    )


def settings_or_exit(config: Path | None, **overrides: object) -> Settings:
    """Load settings; a configuration error exits with the usage code."""
    try:
        return load_settings(config, **{k: v for k, v in overrides.items() if v not in (None, {})})
    except ConfigError as exc:
        fail(str(exc), ExitCode.USAGE)


LayoutOption = Annotated[Layout, typer.Option(help="auto: decide; article: never split; page: split into articles.")]
MaxSentencesOption = Annotated[int | None, typer.Option(help="At most this many summary sentences.")]
MaxCharsOption = Annotated[int | None, typer.Option(help="At most this many characters per summary.")]
RatioOption = Annotated[float | None, typer.Option(help="This share of each article's sentences (0-1].")]
KeywordsOption = Annotated[int | None, typer.Option(help="Keywords per article (0-100).")]
StageOption = Annotated[list[str] | None, typer.Option("--stage", help="Run only these stages (repeat).")]


def request_options(
    layout: Layout,
    *,
    max_sentences: int | None = None,
    max_chars: int | None = None,
    ratio: float | None = None,
    keywords: int | None = None,
    stages: list[str] | None = None,
    title: str | None = None,
    debug: bool = False,
) -> SummarizeOptions:
    """The request options the command-line flags describe; invalid ones exit with the usage code."""
    values: dict[str, object] = {"layout": layout, "title": title, "debug": debug}
    if stages:
        values["stages"] = tuple(stages)
    if keywords is not None:
        values["keyword_count"] = keywords
    limits = {"max_sentences": max_sentences, "max_chars": max_chars, "ratio": ratio}
    length = {name: value for name, value in limits.items() if value is not None}
    if length:
        values["length"] = length
    try:
        return parse_options(values)
    except InvalidRequest as exc:
        fail(f"invalid option: {exc}", ExitCode.USAGE)
