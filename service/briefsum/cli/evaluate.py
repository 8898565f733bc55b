"""``briefsum eval``: quality measurements on data given by path (one subcommand per evaluation)."""

from __future__ import annotations

import typer

from briefsum.cli.eval_segmentation import segmentation_command
from briefsum.cli.eval_summaries import summaries_command
from briefsum.cli.eval_tagging import eval_tagging_command


def make_eval_app() -> typer.Typer:
    """The ``eval`` command group; each evaluation registers its subcommand here."""
    app = typer.Typer(
        help="Measure quality on evaluation data (the data path is an argument; nothing is downloaded).",
        no_args_is_help=True,
    )

    @app.callback()
    def _group() -> None:
        """Measure quality on evaluation data."""

    app.command("summaries")(summaries_command)
    app.command("tagging")(eval_tagging_command)
    app.command("segmentation")(segmentation_command)
    return app
