"""The ``briefsum`` command: one Typer app, one module per command."""

from __future__ import annotations

import typer

from briefsum.cli.batch import batch_command
from briefsum.cli.evaluate import make_eval_app
from briefsum.cli.new_plugin import new_plugin_command
from briefsum.cli.plugins import plugins_command
from briefsum.cli.serve import serve_command
from briefsum.cli.summarize import summarize_command
from briefsum.version import __version__

HELP = """Summaries, keywords and category tags for Chinese government briefings.

Exit codes: 0 ok, 1 some inputs failed, 2 usage or configuration error, 3 server unreachable.
"""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefsum {__version__}")
        raise typer.Exit


def make_app() -> typer.Typer:
    """Build the command-line application."""
    app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False, rich_markup_mode="rich")

    @app.callback()
    def _root(
        version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
    ) -> None:
        """Summaries, keywords and category tags for Chinese government briefings."""

    app.command("serve")(serve_command)
    app.command("summarize")(summarize_command)
    app.command("batch")(batch_command)
    app.command("plugins")(plugins_command)
    app.command("new-plugin")(new_plugin_command)
    app.add_typer(make_eval_app(), name="eval")
    return app


def main() -> None:
    """Entry point of the ``briefsum`` script."""
    make_app()()
