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

from briefsum.errors import ConfigError
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
LocalOption = Annotated[
    bool, typer.Option("--local", help="Run the pipeline in this process instead of calling a server.")
]


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
