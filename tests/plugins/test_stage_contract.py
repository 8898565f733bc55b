"""Every stage in the repository honours the stage contract, and the contract catches stages that do not."""

from __future__ import annotations

import random
from dataclasses import replace

import briefsum_example
import briefsum_keyfigures
import pytest
from briefsum.engine import Engine
from briefsum.errors import PluginError
from briefsum.model import Article, Document, Span
from briefsum.stages import ArticleStage, BaseStage, Capability, Phase
from briefsum.testing import StageContractError, check_stage_contract, plugin_engine

from tests.stages_for_tests import RaisingPlugin

REPOSITORY_STAGES = [
    "builtin.page",
    "builtin.sentences",
    "builtin.tokens",
    "builtin.jieba",
    "builtin.textrank",
    "builtin.textrank4zh",
    "builtin.keywords",
    "builtin.tags",
    "example.stats",
    "keyfigures.figures",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    """The built-ins and both plugins of the repository."""
    return plugin_engine(briefsum_keyfigures, briefsum_example)


def test_every_stage_of_the_repository_is_checked(engine: Engine) -> None:
    assert sorted(engine.registry.names()) == sorted(REPOSITORY_STAGES)  # a new stage must join the list below


@pytest.mark.parametrize("name", REPOSITORY_STAGES)
def test_stage_honours_the_contract(engine: Engine, name: str) -> None:
    provided = engine.registry.get(name)
    assert provided is not None
    check_stage_contract(provided.stage, engine)


class _Mutates(ArticleStage):
    """Writes into the data an earlier stage (example.stats) left in the input."""

    name = "zz.mutates"  # sorts after example.stats in the ENRICH phase
    requires = frozenset({"example.stats"})

    def process(self, article: Article, document: Document) -> Article:
        stats = article.extensions.get("example.stats")
        if isinstance(stats, dict):
            stats["seen"] = True
        return article


class _Random(ArticleStage):
    name = "bad.random"
    requires = frozenset({Capability.ARTICLES})

    def process(self, article: Article, document: Document) -> Article:
        return replace(article, extensions={self.name: {"score": random.random()}})


class _OutOfText(ArticleStage):
    name = "bad.offsets"
    requires = frozenset({Capability.ARTICLES})

    def process(self, article: Article, document: Document) -> Article:
        end = len(document.text) + 5
        return replace(article, span=Span(0, end), extensions={self.name: {"hit": {"start": -1, "end": 3}}})


class _NotJson(ArticleStage):
    name = "bad.json"
    requires = frozenset({Capability.ARTICLES})

    def process(self, article: Article, document: Document) -> Article:
        return replace(article, extensions={self.name: {"when": object(), "ratio": float("nan")}})


class _FailsOnEmpty(BaseStage):
    name = "bad.empty"
    requires = frozenset({Capability.ARTICLES})

    def run(self, document: Document) -> Document:
        return replace(document, articles=(document.articles[0],))  # IndexError without articles


class _NeedsTags(BaseStage):
    name = "bad.needs"
    requires = frozenset({"nobody.provides.this"})
    phase = Phase.SEGMENT

    def run(self, document: Document) -> Document:
        return document


@pytest.mark.parametrize(
    ("stage", "problem"),
    [
        (_Mutates(), "changed its input document"),
        (_Random(), "is not deterministic"),
        (_OutOfText(), "is outside the text"),
        (_NotJson(), "is not JSON-compatible"),
        (_FailsOnEmpty(), "on 'empty': raised IndexError"),
        (_NeedsTags(), "needs nobody.provides.this"),
    ],
)
def test_contract_catches_a_broken_stage(engine: Engine, stage: BaseStage, problem: str) -> None:
    with pytest.raises(StageContractError, match=f"stage '{stage.name}' breaks the stage contract") as info:
        check_stage_contract(stage, engine)
    assert problem in str(info.value)


def test_plugin_engine_names_module_plugins_and_loads_nothing_else() -> None:
    engine = plugin_engine(briefsum_example, pipeline=["builtin.page", "builtin.sentences", "example.stats"])
    assert sorted(p.name for p in engine.report().plugins) == ["builtin", "example"]
    assert engine.pipeline.names == ("builtin.page", "builtin.sentences", "example.stats")


def test_plugin_engine_is_strict() -> None:
    with pytest.raises(PluginError, match="plugin 'broken'"):
        plugin_engine(("broken", RaisingPlugin()))
