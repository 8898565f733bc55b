"""``briefsum eval summaries``: Lead-k, bare textrank4zh and briefsum's summarisers, side by side.

Every system summarises the same texts at the same length (in sentences) and is scored with
character ROUGE (:mod:`.rouge`) against the references. The briefsum rows are an ablation: the
textrank4zh engine, then the vectorised engine without and with each improvement, so every step
shows what it is worth.
"""

from __future__ import annotations

import gc
import json
import logging
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from briefsum.engine import Engine, build_engine
from briefsum.evaluation.rouge import CharRouge, RougeF
from briefsum.evaluation.summary_data import Dataset
from briefsum.options import Layout, SummarizeOptions
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings

logger = logging.getLogger(__name__)

SEGMENT = ("builtin.page", "builtin.sentences")


class System(Protocol):
    """Something that summarises a text in a given number of sentences."""

    label: str

    def summarize(self, text: str, sentences: int) -> str:
        """The summary of ``text``, its sentences concatenated."""


@dataclass(frozen=True, slots=True)
class Variant:
    """A briefsum configuration to evaluate: the stages to run and their options."""

    label: str
    stages: tuple[str, ...]
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


_TOKENS = (*SEGMENT, "builtin.tokens", "builtin.textrank")
_JIEBA = (*SEGMENT, "builtin.jieba", "builtin.textrank")
_PLAIN = {"position_weight": 0.0, "salience_weight": 0.0, "duplicate_overlap": None}

#: The briefsum rows of the table: the reference engine, then the default engine step by step.
VARIANTS = (
    Variant("briefsum textrank4zh engine (jieba)", (*SEGMENT, "builtin.jieba", "builtin.textrank4zh")),
    Variant("briefsum TextRank, plain (jieba)", _JIEBA, {"builtin.textrank": _PLAIN}),
    Variant("briefsum TextRank, plain (rjieba)", _TOKENS, {"builtin.textrank": _PLAIN}),
    Variant("  + position prior", _TOKENS, {"builtin.textrank": {**_PLAIN, "position_weight": 1.0}}),
    Variant("  + word salience", _TOKENS, {"builtin.textrank": {"duplicate_overlap": None}}),
    Variant("  + near-duplicate removal = default", _TOKENS),
    Variant("default with jieba tokens", _JIEBA),
)


def _options(stages: Sequence[str], sentences: int) -> SummarizeOptions:
    return SummarizeOptions.model_validate(
        {"layout": Layout.ARTICLE, "length": {"max_sentences": sentences}, "keyword_count": 0, "stages": tuple(stages)}
    )


class Lead:
    """The first sentences of the body, as briefsum's segmentation finds them (Lead-k)."""

    label = "Lead-k (briefsum sentences)"

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def summarize(self, text: str, sentences: int) -> str:
        """The first ``sentences`` sentences."""
        result = self._engine.summarize(text, _options(SEGMENT, sentences))
        return "".join(s.text for a in result.document.articles for s in a.sentences[:sentences])


class BareTextRank4zh:
    """The textrank4zh package as its README uses it: ``TextRank4Sentence`` on the raw text."""

    label = "textrank4zh 0.3 (bare package)"

    def __init__(self) -> None:
        from briefsum_builtin.textrank.reference import textrank4zh_util

        textrank4zh_util()  # networkx 3 shim, see there
        import jieba
        from textrank4zh import TextRank4Sentence

        # jieba resets its logger to DEBUG on import and announces its dictionary on stderr.
        jieba.setLogLevel(logging.WARNING)
        with warnings.catch_warnings():  # textrank4zh opens its stop-word file and never closes it
            warnings.simplefilter("ignore", ResourceWarning)
            self._ranker = TextRank4Sentence()
            gc.collect()

    def summarize(self, text: str, sentences: int) -> str:
        """textrank4zh's key sentences, in its score order."""
        self._ranker.analyze(text=text)
        return "".join(item.sentence for item in self._ranker.get_key_sentences(num=sentences))


class Briefsum:
    """A briefsum pipeline run in-process, as a client would call it (``layout=ARTICLE``)."""

    def __init__(self, engine: Engine, variant: Variant) -> None:
        self._engine = engine
        self.variant = variant
        self.label = variant.label

    def summarize(self, text: str, sentences: int) -> str:
        """The summary sentences in reading order."""
        result = self._engine.summarize(text, _options(self.variant.stages, sentences))
        return "".join(s.sentence.text for a in result.document.articles for s in a.summary)


def build_systems(variants: Sequence[Variant] = VARIANTS) -> list[System]:
    """Lead-k, bare textrank4zh and one system per variant (one engine per distinct stage options)."""
    engines: dict[str, Engine] = {}

    def engine_for(options: Mapping[str, Mapping[str, Any]]) -> Engine:
        key = json.dumps(options, sort_keys=True)
        if key not in engines:
            settings = load_settings(stages={name: dict(value) for name, value in options.items()})
            engines[key] = build_engine(settings, make_plugin_manager(entrypoints=False))
        return engines[key]

    systems: list[System] = [Lead(engine_for({})), BareTextRank4zh()]
    systems.extend(Briefsum(engine_for(v.options), v) for v in variants)
    return systems


@dataclass(frozen=True, slots=True)
class Score:
    """One system on one dataset: mean ROUGE F, items, failures and time per item."""

    rouge: RougeF
    items: int
    failures: int
    ms_per_item: float


@dataclass(frozen=True, slots=True)
class Report:
    """The whole evaluation: datasets (in order), systems (in order) and their scores."""

    datasets: tuple[Dataset, ...]
    systems: tuple[str, ...]
    scores: Mapping[tuple[str, str], Score]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``--format json``."""
        return {
            "datasets": [{"name": d.name, "items": len(d.items), "sentences": d.sentences} for d in self.datasets],
            "results": [
                {
                    "system": system,
                    "dataset": dataset.name,
                    "rouge1": round(score.rouge.rouge1, 4),
                    "rouge2": round(score.rouge.rouge2, 4),
                    "rougeL": round(score.rouge.rougeL, 4),
                    "failures": score.failures,
                    "ms_per_item": round(score.ms_per_item, 2),
                }
                for system in self.systems
                for dataset in self.datasets
                if (score := self.scores[(system, dataset.name)])
            ],
        }


def evaluate(
    datasets: Sequence[Dataset],
    systems: Sequence[System],
    rouge: CharRouge,
    *,
    advance: Callable[[int], None] = lambda _: None,
) -> Report:
    """Score every system on every dataset; ``advance(n)`` is called as items are done.

    A system that raises on an item (bare textrank4zh does on some inputs) scores an empty summary
    there; the failures are counted in the report.
    """
    scores: dict[tuple[str, str], Score] = {}
    for dataset in datasets:
        for system in systems:
            results: list[RougeF] = []
            failures = 0
            elapsed = 0.0
            for item in dataset.items:
                started = time.perf_counter()
                try:
                    summary = system.summarize(item.text, dataset.sentences)
                except Exception:
                    logger.debug("%s failed on %s", system.label, item.id, exc_info=True)
                    failures += 1
                    summary = ""
                elapsed += (time.perf_counter() - started) * 1000.0
                results.append(rouge.score(summary, item.reference))
                advance(1)
            scores[(system.label, dataset.name)] = Score(
                RougeF.mean(results), len(results), failures, elapsed / max(len(results), 1)
            )
    return Report(tuple(datasets), tuple(s.label for s in systems), scores)
