"""Scoring tag predictions against labels, with a naive keyword baseline beside them.

Per-category precision, recall and F1, macro-F1, exact-set accuracy, the no-tag rate on rows
labelled ``[]``, time per article, and the mistakes with their evidence. See
:mod:`briefsum.evaluation.tagging` for the two labelling protocols (:class:`Negatives`).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from briefsum.evaluation.tagging import (
    BASELINE,
    BRIEFSUM,
    TIME_PERCENTILE,
    EvidenceLine,
    LabelledText,
    NearMiss,
    Negatives,
    Prediction,
    baseline,
)


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
