"""An engine for Dask workers whose pipeline kills its process on one marked document."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from briefsum import hookimpl
from briefsum.engine import Engine, build_engine
from briefsum.model import Document
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
from briefsum.stages import BaseStage, Stage

#: A document containing this kills the worker that runs it.
POISON = "☠崩溃☠"


class KillsWorker(BaseStage):
    name = "poison.kill"

    def run(self, document: Document) -> Document:
        if POISON in document.text:
            os._exit(9)
        return document


class PoisonPlugin:
    @hookimpl
    def briefsum_stages(self, options: Any) -> Sequence[Stage]:
        return [KillsWorker()]


def poison_engine() -> Engine:
    """The built-in stages plus :class:`KillsWorker` (in the default pipeline)."""
    plugins = make_plugin_manager(entrypoints=False, extra=[("poison", PoisonPlugin())])
    return build_engine(load_settings(plugins={"entrypoints": False}), plugins)
