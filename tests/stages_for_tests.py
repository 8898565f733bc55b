"""Small stages and plugins used by the tests (real objects, registered through real hooks)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from briefsum import hookimpl
from briefsum.model import Article, Document, Span
from briefsum.stages import ArticleStage, BaseStage, Capability, Phase, Stage


class WholeText(BaseStage):
    name = "test.whole"
    provides = frozenset({Capability.ARTICLES})
    phase = Phase.SEGMENT

    def run(self, document: Document) -> Document:
        return replace(document, articles=(Article(span=Span(0, len(document.text))),))


class Raises(ArticleStage):
    name = "test.raises"
    requires = frozenset({Capability.ARTICLES})
    default = False

    def process(self, article: Article, document: Document) -> Article:
        raise ValueError("secret internal detail")


class WrongType(BaseStage):
    name = "test.wrongtype"
    default = False

    def run(self, document: Document) -> Document:
        return {"not": "a document"}  # type: ignore[return-value]


class Marks(ArticleStage):
    """Adds an extension so tests can see a plugin stage ran."""

    name = "test.marks"
    requires = frozenset({Capability.ARTICLES})
    provides = frozenset({"test.marks"})

    def process(self, article: Article, document: Document) -> Article:
        return replace(article, extensions={**article.extensions, self.name: {"length": len(article.span)}})


class FailingSetup(BaseStage):
    name = "test.badsetup"

    def __init__(self) -> None:
        self.setups = 0

    def setup(self) -> None:
        self.setups += 1
        raise OSError("dictionary missing")

    def run(self, document: Document) -> Document:
        return document


class CountingSetup(BaseStage):
    """A stage outside the default pipeline that counts its set-ups."""

    name = "test.counting"
    default = False

    def __init__(self) -> None:
        self.setups = 0

    def setup(self) -> None:
        self.setups += 1

    def run(self, document: Document) -> Document:
        return document


class Plugin:
    """A plugin object registering the given stages."""

    def __init__(self, *stages: Stage) -> None:
        self._stages = stages

    @hookimpl
    def briefsum_stages(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
        return list(self._stages)


class RaisingPlugin:
    @hookimpl
    def briefsum_stages(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
        raise RuntimeError("plugin bug")


class NotAStagePlugin:
    @hookimpl
    def briefsum_stages(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
        return ["not a stage"]  # type: ignore[list-item]


class TypoPlugin:
    @hookimpl
    def briefsum_stagez(self) -> None:
        """A misspelt hook."""
