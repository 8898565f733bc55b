"""``briefsum summarize``: summarize files or stdin, on a server or in-process."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from briefsum.cli.common import (
    DEFAULT_TARGET,
    ConfigOption,
    ExitCode,
    KeywordsOption,
    LayoutOption,
    LocalOption,
    MaxCharsOption,
    MaxSentencesOption,
    OutputFormat,
    RatioOption,
    StageOption,
    TargetOption,
    TlsCaOption,
    TlsCertOption,
    TlsKeyOption,
    TokenOption,
    client_security,
    fail,
    print_error,
    request_options,
    settings_or_exit,
    setup_logging,
)
from briefsum.cli.render import print_result, print_trace
from briefsum.engine import build_engine
from briefsum.errors import BriefsumError, StartupError
from briefsum.export import result_to_dict
from briefsum.model import SummarizeResult
from briefsum.options import Layout, SummarizeOptions
from briefsum.rpc.client import BriefsumClient, RemoteError, Unreachable
from briefsum.rpc.security import ClientSecurity
from briefsum.textio import UndecodableText, decode, read_text

#: Summarizes one text: (id, text, options) -> result.
Runner = Callable[[str, str, SummarizeOptions], SummarizeResult]


def _inputs(paths: list[Path]) -> Iterator[tuple[str, str]]:
    """``(id, text)`` per input; ``-`` reads stdin. Undecodable files raise UndecodableText."""
    for path in paths:
        if str(path) == "-":
            yield "-", decode(sys.stdin.buffer.read())
        else:
            yield str(path), read_text(path)


def summarize_command(
    paths: Annotated[list[Path], typer.Argument(help="Text files to summarize; - reads stdin.", show_default=False)],
    target: TargetOption = DEFAULT_TARGET,
    local: LocalOption = False,
    config: ConfigOption = None,
    layout: LayoutOption = Layout.AUTO,
    max_sentences: MaxSentencesOption = None,
    max_chars: MaxCharsOption = None,
    ratio: RatioOption = None,
    keywords: KeywordsOption = None,
    title: Annotated[str | None, typer.Option(help="Title of the (first) article, if known.")] = None,
    stage: StageOption = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text for people, jsonl for pipelines.")
    ] = OutputFormat.TEXT,
    timeout: Annotated[float, typer.Option(help="Seconds per request (server mode).")] = 60.0,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the trace of stages run (stage, plugin, version, time, counts).")
    ] = False,
    tls_ca: TlsCaOption = None,
    tls_cert: TlsCertOption = None,
    tls_key: TlsKeyOption = None,
    token: TokenOption = None,
) -> None:
    """Summarize text files (or stdin) and print titles, summaries, tags and keywords.

    Exit codes: 0 all ok, 1 some inputs failed, 2 usage error, 3 server unreachable.
    """
    options = request_options(
        layout,
        max_sentences=max_sentences,
        max_chars=max_chars,
        ratio=ratio,
        keywords=keywords,
        stages=stage,
        title=title,
        debug=debug,
    )
    if local:
        run = _local_runner(config)
    else:
        run = _remote_runner(target, timeout, client_security(tls_ca, tls_cert, tls_key, token))
    console = Console()
    failed = 0
    for request_id, text in _safe_inputs(paths):
        if text is None:
            failed += 1
            continue
        try:
            result = run(request_id, text, options)
        except Unreachable as exc:
            fail(exc.message, ExitCode.UNREACHABLE)
        except (BriefsumError, RemoteError) as exc:
            print_error(str(exc), prefix=f"{request_id}: ")
            failed += 1
            continue
        _print(console, output, request_id, result)
    if failed:
        raise typer.Exit(int(ExitCode.ITEMS_FAILED))


def _safe_inputs(paths: list[Path]) -> Iterator[tuple[str, str | None]]:
    for path in paths:
        try:
            yield from _inputs([path])
        except (OSError, UndecodableText) as exc:
            print_error(str(exc), prefix=f"{path}: ")
            yield str(path), None


def _print(console: Console, output: OutputFormat, request_id: str, result: SummarizeResult) -> None:
    if output is OutputFormat.JSONL:
        sys.stdout.write(json.dumps(result_to_dict(request_id, result), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        print_result(console, request_id, result)
        if result.document.options.debug:
            print_trace(console, result)


def _local_runner(config: Path | None) -> Runner:
    settings = settings_or_exit(config)
    setup_logging("WARNING")
    try:
        engine = build_engine(settings)
    except StartupError as exc:
        fail(str(exc), ExitCode.USAGE)

    def run(request_id: str, text: str, options: SummarizeOptions) -> SummarizeResult:
        return engine.summarize(text, options)

    return run


def _remote_runner(target: str, timeout: float, security: ClientSecurity) -> Runner:
    client = BriefsumClient(target, timeout=timeout, security=security)
    try:
        client.connect()
    except Unreachable as exc:
        fail(exc.message, ExitCode.UNREACHABLE)

    def run(request_id: str, text: str, options: SummarizeOptions) -> SummarizeResult:
        return client.summarize(request_id, text, options)

    return run
