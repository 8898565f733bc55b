"""Evaluating category tags against labelled JSON Lines (``briefsum eval tagging FILE.jsonl``).

Each line is ``{"id", "text", "labels": [...], "uncertain"?: bool}``. Texts run through the
engine's own pipeline, cut down to the stages tagging needs (for the built-ins: page, sentences,
tags), as single articles. Two labelling protocols:

- :attr:`Negatives.ALL` (complete labels, e.g. ``tagging_pd1998.jsonl``): a row without a
  category is a negative for it.
- :attr:`Negatives.EMPTY` (partial labels, e.g. ``tagging.jsonl`` built from single-label
  corpora): only rows labelled ``[]`` are verified negatives; a row labelled with another
  category is left out when scoring this one, and exact-set accuracy is undefined.

Beside briefsum's tags, a naive keyword baseline (:data:`BASELINE_KEYWORDS`: a category is given
when any of its keywords occurs) is scored the same way, so the table shows what weighting,
position, length normalisation and thresholds add. Scoring is in
:mod:`briefsum.evaluation.tagging_report`.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from briefsum.engine import Engine
from briefsum.errors import BriefsumError
from briefsum.model import Article
from briefsum.options import Layout, parse_options
from briefsum.pipeline import Pipeline
from briefsum.stages import Capability

#: The naive baseline: a category is given when any of these occurs anywhere in the text.
BASELINE_KEYWORDS: Mapping[str, tuple[str, ...]] = {
    "policy": ("政策", "政府", "会议", "规定", "决定", "通知", "条例"),
    "trade": ("贸易", "出口", "进口", "外贸", "外资", "海关", "关税"),
    "energy": ("能源", "电力", "发电", "煤炭", "石油", "天然气", "电网"),
    "agriculture": ("农业", "粮食", "农民", "农村", "种植", "养殖", "耕地"),
}
#: Method names in reports.
BRIEFSUM = "briefsum"
BASELINE = "baseline"
#: Percentile of per-article time reported beside the mean.
TIME_PERCENTILE = 95


class EvaluationDataError(BriefsumError):
    """The evaluation file cannot be read as labelled JSON Lines; the message names the line."""


class Negatives(enum.StrEnum):
    """Which rows are negatives for a category."""

    ALL = "all"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class LabelledText:
    """One evaluation row."""

    id: str
    text: str
    labels: frozenset[str]
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class EvidenceLine:
    """One evidence term of a prediction, with the sentence (or title) it came from."""

    term: str
    weight: float
    count: int
    sentence: str


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A category that found evidence but was not given, and why."""

    score: float
    reason: str
    evidence: tuple[EvidenceLine, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the engine said about one row: scores of given tags, evidence, near misses, time."""

    id: str
    scores: Mapping[str, float]
    evidence: Mapping[str, tuple[EvidenceLine, ...]]
    near_misses: Mapping[str, NearMiss]
    tag_ms: float
    total_ms: float


def load_labelled(path: Path) -> list[LabelledText]:
    """Read labelled JSON Lines; a malformed line raises :class:`EvaluationDataError` naming it."""
    rows: list[LabelledText] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                labels = data["labels"]
                if not isinstance(data["text"], str) or not isinstance(labels, list):
                    raise TypeError("text must be a string and labels a list")
                rows.append(
                    LabelledText(
                        id=str(data.get("id", number)),
                        text=data["text"],
                        labels=frozenset(str(label) for label in labels),
                        uncertain=bool(data.get("uncertain") or False),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise EvaluationDataError(
                    f"{path}, line {number}: expected {{'id', 'text', 'labels': [...]}} ({type(exc).__name__}: {exc})"
                ) from None
    return rows


def tagging_stages(pipeline: Pipeline) -> tuple[str, ...]:
    """The stages of ``pipeline`` that tagging needs: every tagging stage and what it requires."""
    needed: set[str] = set()
    chosen: list[str] = []
    for provided in reversed(pipeline.stages):
        stage = provided.stage
        if Capability.TAGS in stage.provides or stage.provides & needed:
            chosen.append(stage.name)
            needed |= stage.requires
    if not chosen:
        raise EvaluationDataError(f"the pipeline ({', '.join(pipeline.names)}) has no stage that provides tags")
    return tuple(reversed(chosen))


def _sentence(article: Article, index: int | None) -> str:
    """The text of sentence ``index`` of ``article``; its title for ``None``."""
    if index is None or not 0 <= index < len(article.sentences):
        return article.title.text if article.title else ""
    return article.sentences[index].text


def _evidence_lines(article: Article) -> dict[str, tuple[EvidenceLine, ...]]:
    return {
        tag.category: tuple(
            EvidenceLine(e.term, e.weight, e.count, _sentence(article, e.sentence)) for e in tag.evidence
        )
        for tag in article.tags
    }


def _near_misses(article: Article, stage: str) -> dict[str, NearMiss]:
    """What a tagging stage reported, in debug mode, about the categories it did not give."""
    report = article.extensions.get(stage, {})
    misses: dict[str, NearMiss] = {}
    for item in report.get("rejected", []):
        evidence = tuple(
            EvidenceLine(str(e["term"]), float(e["weight"]), int(e["count"]), _sentence(article, e.get("sentence")))
            for e in item.get("evidence", [])
        )
        misses[str(item["category"])] = NearMiss(float(item["score"]), str(item["reason"]), evidence)
    return misses


def predict(
    engine: Engine, rows: Iterable[LabelledText], advance: Callable[[], None] = lambda: None
) -> list[Prediction]:
    """Tag every row as one article with the engine's tagging stages (debug on, for near misses)."""
    stages = tagging_stages(engine.pipeline)
    options = parse_options({"layout": Layout.ARTICLE, "stages": stages, "debug": True})
    tag_stages = {p.stage.name for p in engine.pipeline.stages if Capability.TAGS in p.stage.provides}
    predictions: list[Prediction] = []
    for row in rows:
        result = engine.summarize(row.text, options)
        scores: dict[str, float] = {}
        evidence: dict[str, tuple[EvidenceLine, ...]] = {}
        misses: dict[str, NearMiss] = {}
        for article in result.document.articles:
            lines = _evidence_lines(article)
            for tag in article.tags:
                if tag.score > scores.get(tag.category, -1.0):
                    scores[tag.category] = tag.score
                    evidence[tag.category] = lines[tag.category]
            for name in sorted(tag_stages):
                misses.update(_near_misses(article, name))
        predictions.append(
            Prediction(
                id=row.id,
                scores=scores,
                evidence=evidence,
                near_misses={k: v for k, v in misses.items() if k not in scores},
                tag_ms=sum(r.elapsed_ms for r in result.trace if r.stage in tag_stages),
                total_ms=sum(r.elapsed_ms for r in result.trace),
            )
        )
        advance()
    return predictions


def baseline(row: LabelledText) -> frozenset[str]:
    """The naive keyword baseline's categories for ``row``."""
    return frozenset(name for name, words in BASELINE_KEYWORDS.items() if any(w in row.text for w in words))
