"""``briefsum batch``: summarize files, directories and JSON Lines through a server (or Dask), resumably."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import signal
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from briefsum.batch.inputs import InputError, Inputs, StdinFormat
from briefsum.batch.ledger import Ledger, LedgerBusy
from briefsum.batch.progress import BarProgress, print_summary
from briefsum.batch.retry import RetryPolicy
from briefsum.batch.runner import BatchConfig, BatchRunner, ProbeFailed, ServerGone, Tally
from briefsum.batch.transport import GrpcTransport, Mode, Transport
from briefsum.batch.writers import Format
from briefsum.cli.common import (
    DEFAULT_TARGET,
    ConfigOption,
    ExitCode,
    KeywordsOption,
    LayoutOption,
    MaxCharsOption,
    MaxSentencesOption,
    RatioOption,
    StageOption,
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
from briefsum.options import Layout
from briefsum.rpc.client import Unreachable

#: Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
INTERRUPTED = 130


def output_paths(out: Path, output: Format, errors: Path | None) -> tuple[Path, Path]:
    """The results (JSON Lines) and errors files for ``-o out``."""
    stem = out.name.removesuffix(".jsonl") if output is Format.JSONL else out.stem
    results = out if output is Format.JSONL else out.with_name(f"{stem}.results.jsonl")
    return results, errors or out.with_name(f"{stem}.errors.jsonl")


def batch_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (walked recursively), *.jsonl record files; - reads stdin.", show_default=False
        ),
    ],
    out: Annotated[Path, typer.Option("--output", "-o", help="Output file (see above).", show_default=False)],
    output: Annotated[
        Format, typer.Option("--format", "-f", help="jsonl results, csv rows, md digest or html page.")
    ] = Format.JSONL,
    errors: Annotated[Path | None, typer.Option(help="Errors file (default: OUT's stem + .errors.jsonl).")] = None,
    include: Annotated[
        list[str] | None, typer.Option("--include", help="Only files of directories matching this glob (repeat).")
    ] = None,
    exclude: Annotated[
        list[str] | None, typer.Option("--exclude", help="Skip files of directories matching this glob (repeat).")
    ] = None,
    stdin_format: Annotated[
        StdinFormat, typer.Option(help="Read stdin (-) as JSON Lines records or as one text.")
    ] = StdinFormat.JSONL,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            "-t",
            help="Server address (repeat for several; dns:///NAME:PORT balances over replicas).",
            envvar="BRIEFSUM_TARGET",
            show_default=DEFAULT_TARGET,
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            help="Run the pipeline on this Dask scheduler (tcp://HOST:8786) instead of a server; "
            "needs briefsum[dask]. The engine is configured by --config."
        ),
    ] = None,
    config: ConfigOption = None,
    transport: Annotated[Mode, typer.Option(help="stream: SummarizeStream calls; unary: one call per item.")] = (
        Mode.STREAM
    ),
    concurrency: Annotated[int, typer.Option(min=1, help="Items in flight at once.")] = 8,
    timeout: Annotated[float, typer.Option(min=0.001, help="Seconds per attempt of one item.")] = 60.0,
    retries: Annotated[
        int, typer.Option(min=0, help="Retries of an item on UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED.")
    ] = 8,
    layout: LayoutOption = Layout.AUTO,
    max_sentences: MaxSentencesOption = None,
    max_chars: MaxCharsOption = None,
    ratio: RatioOption = None,
    keywords: KeywordsOption = None,
    stage: StageOption = None,
    progress: Annotated[
        bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: when stdout is a terminal).")
    ] = None,
    tls_ca: TlsCaOption = None,
    tls_cert: TlsCertOption = None,
    tls_key: TlsKeyOption = None,
    token: TokenOption = None,
) -> None:
    """Summarize many texts (files, directories, JSON Lines records, stdin) and keep every result.

    Results are appended to OUT as they arrive (JSON Lines, one line per input id, with the input's sha256
    and the pipeline version); errors go to OUT's stem + .errors.jsonl. Run the same command again to
    resume: ids already done with the same input and pipeline version are skipped, failed ones retried.
    With --format csv, md or html, OUT is that file and the results are kept in OUT's stem + .results.jsonl.

    Exit codes: 0 all items ok; 1 some items failed (listed in the errors file); 2 usage error;
    3 server unreachable (nothing lost: rerun the same command to resume); 130 interrupted (rerun to resume).
    """
    setup_logging("WARNING")
    options = request_options(
        layout, max_sentences=max_sentences, max_chars=max_chars, ratio=ratio, keywords=keywords, stages=stage
    )
    sources = Inputs(tuple(inputs), tuple(include or ()), tuple(exclude or ()), stdin_format)
    try:
        sources.check()
    except InputError as exc:
        fail(str(exc), ExitCode.USAGE)
    if dask is not None:
        pipeline = _dask_transport(dask, config)
    else:
        security = client_security(tls_ca, tls_cert, tls_key, token)
        pipeline = GrpcTransport(target or [DEFAULT_TARGET], security, transport, concurrency)
    results_path, errors_path = output_paths(out, output, errors)
    try:
        ledger = Ledger(results_path, errors_path).open()
    except LedgerBusy as exc:
        fail(f"{exc}; wait for it to finish or choose another --output", ExitCode.USAGE)
    except OSError as exc:
        fail(f"cannot open {results_path}: {exc.strerror or exc}", ExitCode.USAGE)
    texts: dict[str, str] | None = {} if output is Format.HTML else None
    runner = BatchRunner(
        _remember(iter(sources), texts),
        ledger,
        pipeline,
        BatchConfig(options, concurrency, timeout, RetryPolicy(attempts=retries + 1)),
    )
    show = sys.stdout.isatty() if progress is None else progress
    console = Console()
    tally = _run(runner, sources, ledger, pipeline, console, show=show)
    files = {"results": results_path, "errors": errors_path}
    if output is not Format.JSONL:
        files = {output.value: out, **files}
        _render(output, out, ledger, texts)
    print_summary(console, tally, files, machine=not show)
    if tally.failed:
        raise typer.Exit(int(ExitCode.ITEMS_FAILED))


def _remember(items: Any, texts: dict[str, str] | None) -> Any:
    """Pass items through, keeping their texts for the HTML page (stdin cannot be read twice)."""
    for item in items:
        if texts is not None and item.text is not None:
            texts.setdefault(item.id, item.text)
        yield item


def _dask_transport(address: str, config: Path | None) -> Transport:
    try:
        from briefsum.batch.dask_runner import DaskTransport
    except ImportError:
        fail("--dask needs the optional dependencies: pip install 'briefsum[dask]'", ExitCode.USAGE)
    from briefsum.engine import build_engine

    return DaskTransport(address, functools.partial(build_engine, settings_or_exit(config)))


def _run(
    runner: BatchRunner, sources: Inputs, ledger: Ledger, pipeline: Transport, console: Console, *, show: bool
) -> Tally:
    """Run the batch; on a stop that a rerun fixes, keep the files and exit with its code."""

    async def main() -> Tally:
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signal.SIGTERM, task.cancel)
        try:
            await runner.start()
            total = await asyncio.to_thread(sources.count)
            if not show:
                return await runner.run(total)
            with BarProgress(console) as bar:
                return await runner.run(total, bar)
        finally:
            await pipeline.close()

    try:
        tally = asyncio.run(main())
    except (KeyboardInterrupt, asyncio.CancelledError):
        ledger.close()
        print_error(
            f"interrupted after {runner.tally.ok} ok and {runner.tally.failed} failed; "
            "rerun the same command to finish (done items are skipped)",
            prefix="stopped: ",
        )
        raise typer.Exit(INTERRUPTED) from None
    except (Unreachable, ServerGone) as exc:
        ledger.close()
        message = exc.message if isinstance(exc, Unreachable) else str(exc)
        done = runner.tally.ok
        fail(
            f"{message}. {done} item(s) were done and kept; once the server answers, rerun the same command to resume",
            ExitCode.UNREACHABLE,
        )
    except ProbeFailed as exc:
        ledger.close()
        fail(f"the server refused the batch's options or credentials: {exc}", ExitCode.USAGE)
    ledger.close(seen=set(runner.seen))
    return tally


def _render(output: Format, out: Path, ledger: Ledger, texts: dict[str, str] | None) -> None:
    from briefsum.batch.writers.to_csv import write_csv
    from briefsum.batch.writers.to_html import write_html
    from briefsum.batch.writers.to_markdown import write_markdown

    if output is Format.CSV:
        write_csv(out, ledger.results())
    elif output is Format.MD:
        write_markdown(out, ledger.results())
    else:
        lookup = texts or {}
        write_html(out, ledger.results(), lookup.get)
