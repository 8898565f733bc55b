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
position, length normalisation and thresholds add.
"""

from __future__ import annotations

import enum
import json
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """Precision, recall and F1 of one method on one category."""

    category: str
    method: str
    precision: float
    recall: float
    f1: float
    positives: int
    negatives: int
    predicted: int


@dataclass(frozen=True, slots=True)
class Mistake:
    """A category briefsum got wrong on a row: ``missed`` (false negative) or ``extra``."""

    id: str
    category: str
    kind: str
    gold: tuple[str, ...]
    predicted: tuple[str, ...]
    score: float
    reason: str
    evidence: tuple[EvidenceLine, ...]
    uncertain: bool


@dataclass(frozen=True, slots=True)
class TaggingReport:
    """Everything ``briefsum eval tagging`` prints."""

    rows: int
    negatives: Negatives
    categories: tuple[str, ...]
    results: tuple[CategoryResult, ...]
    macro_f1: Mapping[str, float]
    #: ``None`` with partial labels, where it is undefined.
    exact_accuracy: Mapping[str, float | None]
    #: Share of rows labelled ``[]`` given no tag (of the evaluated categories); ``None`` without such rows.
    no_tag_rate: Mapping[str, float | None]
    empty_rows: int
    mistakes: tuple[Mistake, ...]
    timing_ms: Mapping[str, float] = field(default_factory=dict)


def _binary_scores(truth: Sequence[bool], guess: Sequence[bool]) -> tuple[float, float, float]:
    from sklearn.metrics import precision_recall_fscore_support

    precision, recall, f1, _ = precision_recall_fscore_support(
        truth, guess, average="binary", pos_label=True, zero_division=0.0
    )
    return float(precision), float(recall), float(f1)


def _exact(gold: Sequence[frozenset[str]], guess: Sequence[frozenset[str]], categories: Sequence[str]) -> float:
    from sklearn.metrics import accuracy_score

    matrix_gold = [[c in g for c in categories] for g in gold]
    matrix_guess = [[c in p for c in categories] for p in guess]
    return float(accuracy_score(matrix_gold, matrix_guess)) if gold else 0.0


def score_methods(
    rows: Sequence[LabelledText],
    methods: Mapping[str, Sequence[frozenset[str]]],
    negatives: Negatives,
    categories: Sequence[str],
) -> tuple[list[CategoryResult], dict[str, float], dict[str, float | None], dict[str, float | None]]:
    """Per-category results, macro-F1, exact-set accuracy and no-tag rate on ``[]`` rows, per method."""
    results: list[CategoryResult] = []
    macro: dict[str, float] = {}
    exact: dict[str, float | None] = {}
    no_tag: dict[str, float | None] = {}
    empty = [i for i, row in enumerate(rows) if not row.labels]
    for method, guesses in methods.items():
        f1s = []
        for category in categories:
            eligible = [
                i
                for i, row in enumerate(rows)
                if negatives is Negatives.ALL or not row.labels or category in row.labels
            ]
            truth = [category in rows[i].labels for i in eligible]
            guess = [category in guesses[i] for i in eligible]
            precision, recall, f1 = _binary_scores(truth, guess)
            results.append(
                CategoryResult(category, method, precision, recall, f1, sum(truth), len(truth) - sum(truth), sum(guess))
            )
            f1s.append(f1)
        macro[method] = statistics.fmean(f1s) if f1s else 0.0
        exact[method] = _exact([r.labels for r in rows], guesses, categories) if negatives is Negatives.ALL else None
        clean = sum(1 for i in empty if not guesses[i] & set(categories))
        no_tag[method] = clean / len(empty) if empty else None
    return results, macro, exact, no_tag


def _mistakes(
    rows: Sequence[LabelledText], predictions: Sequence[Prediction], categories: Sequence[str], negatives: Negatives
) -> list[Mistake]:
    mistakes: list[Mistake] = []
    for row, prediction in zip(rows, predictions, strict=True):
        given = frozenset(prediction.scores) & set(categories)
        for category in categories:
            gold = category in row.labels
            if gold == (category in given):
                continue
            if not gold and negatives is Negatives.EMPTY and row.labels:
                continue  # not a verified negative
            miss = prediction.near_misses.get(category, NearMiss(0.0, "no term of the category found", ()))
            given_here = category in given
            mistakes.append(
                Mistake(
                    id=row.id,
                    category=category,
                    kind="extra" if given_here else "missed",
                    gold=tuple(sorted(row.labels)),
                    predicted=tuple(sorted(given)),
                    score=prediction.scores[category] if given_here else miss.score,
                    reason="" if given_here else miss.reason,
                    evidence=prediction.evidence[category] if given_here else miss.evidence,
                    uncertain=row.uncertain,
                )
            )
    return mistakes


def _percentile(values: Sequence[float], percent: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def evaluate(rows: Sequence[LabelledText], predictions: Sequence[Prediction], negatives: Negatives) -> TaggingReport:
    """Score ``predictions`` (and the baseline) against ``rows``' labels."""
    categories = tuple(sorted({label for row in rows for label in row.labels}))
    methods = {
        BRIEFSUM: [frozenset(p.scores) for p in predictions],
        BASELINE: [baseline(row) for row in rows],
    }
    results, macro, exact, no_tag = score_methods(rows, methods, negatives, categories)
    tag_ms = [p.tag_ms for p in predictions]
    total_ms = [p.total_ms for p in predictions]
    timing = {
        "tag_mean": statistics.fmean(tag_ms) if tag_ms else 0.0,
        f"tag_p{TIME_PERCENTILE}": _percentile(tag_ms, TIME_PERCENTILE),
        "pipeline_mean": statistics.fmean(total_ms) if total_ms else 0.0,
    }
    return TaggingReport(
        rows=len(rows),
        negatives=negatives,
        categories=categories,
        results=tuple(results),
        macro_f1=macro,
        exact_accuracy=exact,
        no_tag_rate=no_tag,
        empty_rows=sum(1 for row in rows if not row.labels),
        mistakes=tuple(_mistakes(rows, predictions, categories, negatives)),
        timing_ms=timing,
    )


def report_to_dict(report: TaggingReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (``--json``)."""
    return {
        "rows": report.rows,
        "negatives": report.negatives.value,
        "categories": list(report.categories),
        "results": [
            {
                "category": r.category,
                "method": r.method,
                "precision": round(r.precision, 4),
                "recall": round(r.recall, 4),
                "f1": round(r.f1, 4),
                "positives": r.positives,
                "negatives": r.negatives,
                "predicted": r.predicted,
            }
            for r in report.results
        ],
        "macro_f1": {k: round(v, 4) for k, v in report.macro_f1.items()},
        "exact_accuracy": {k: None if v is None else round(v, 4) for k, v in report.exact_accuracy.items()},
        "no_tag_rate": {k: None if v is None else round(v, 4) for k, v in report.no_tag_rate.items()},
        "empty_rows": report.empty_rows,
        "timing_ms": {k: round(v, 3) for k, v in report.timing_ms.items()},
        "mistakes": len(report.mistakes),
    }


def mistake_to_dict(mistake: Mistake) -> dict[str, Any]:
    """One mistake as plain data, for the JSONL mistakes file."""
    return {
        "id": mistake.id,
        "category": mistake.category,
        "kind": mistake.kind,
        "gold": list(mistake.gold),
        "predicted": list(mistake.predicted),
        "score": mistake.score,
        "reason": mistake.reason,
        "uncertain": mistake.uncertain,
        "evidence": [
            {"term": e.term, "weight": e.weight, "count": e.count, "sentence": e.sentence} for e in mistake.evidence
        ],
    }
