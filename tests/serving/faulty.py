"""Stages that misbehave on purpose, and picklable engine factories for worker processes."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from typing import Any

from briefsum import hookimpl
from briefsum.engine import Engine, build_engine
from briefsum.model import Document
from briefsum.plugins import make_plugin_manager
from briefsum.settings import Settings
from briefsum.stages import BaseStage, Stage

from tests.stages_for_tests import Raises, WrongType


class Hangs(BaseStage):
    name = "faulty.hang"
    default = False

    def run(self, document: Document) -> Document:
        time.sleep(3600)
        return document


class Crashes(BaseStage):
    name = "faulty.crash"
    default = False

    def run(self, document: Document) -> Document:
        os._exit(3)


class Sleeps(BaseStage):
    """Takes ``stages."faulty.sleep".seconds`` (default 0.5) seconds: a slow but healthy stage."""

    name = "faulty.sleep"
    default = False

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def run(self, document: Document) -> Document:
        time.sleep(self.seconds)
        return document


class Records(BaseStage):
    """Remembers the id of each document it saw (in-process engines only: tests read ``seen``)."""

    name = "faulty.record"
    default = False

    def __init__(self) -> None:
        self.seen: list[str] = []

    def run(self, document: Document) -> Document:
        self.seen.append(document.options.title or "")
        return document


class FaultyPlugin:
    @hookimpl
    def briefsum_stages(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
        seconds = float(options.get(Sleeps.name, {}).get("seconds", 0.5))
        return [Hangs(), Crashes(), Sleeps(seconds), Records(), Raises(), WrongType()]


def faulty_engine(settings: Settings) -> Engine:
    """The built-in stages plus the faulty ones (only run when a request names them)."""
    plugins = make_plugin_manager(entrypoints=False, extra=[("faulty", FaultyPlugin())])
    return build_engine(settings, plugins)
