"""Precision and recall of key figures against annotations.

A predicted figure and an annotated one *match* when they are in the same sentence and have the
same head: the value and unit for a level (``173.3亿元`` -> 1.733e10 元), the change's direction,
value and unit for a change without a level. *Strict* matches also agree on the attached change.
Among matches, indicator, period and change details are counted as attribute accuracies.
Texts are compared after NFKC normalisation (full-width digits are the same as ASCII ones).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefsum_keyfigures.corpus import GoldChange, GoldFigure

#: Relative tolerance of value comparisons (values pass through float and Struct).
REL_TOL = 1e-9


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "")


def _same_head(a: GoldFigure, b: GoldFigure) -> bool:
    """Same level (value and unit), or, for figures without a level, the same change."""
    if a.value is not None or b.value is not None:
        return _same(a.value, b.value) and a.unit == b.unit
    if a.change is None or b.change is None:
        return a.change is None and b.change is None
    return (
        a.change.direction == b.change.direction
        and _same(a.change.value, b.change.value)
        and a.change.unit == b.change.unit
    )


def _same_change(a: GoldChange | None, b: GoldChange | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.direction == b.direction and _same(a.value, b.value) and a.unit == b.unit


def _same_detail(a: GoldChange | None, b: GoldChange | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return (a.basis, _norm(a.reference)) == (b.basis, _norm(b.reference))


def _overlaps(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return a == b
    return a in b or b in a


@dataclass
class Scores:
    """Counts over all sentences; the properties turn them into rates."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    strict: int = 0
    indicator_exact: int = 0
    indicator_overlap: int = 0
    period_exact: int = 0
    change_exact: int = 0
    basis_exact: int = 0
    with_change: int = 0
    #: (sentence number, gold or None, predicted or None) for every miss, for error listings.
    errors: list[tuple[int, GoldFigure | None, GoldFigure | None]] = field(default_factory=list)

    @staticmethod
    def rate(part: int, whole: int) -> float:
        """``part / whole``, 0 when ``whole`` is 0."""
        return part / whole if whole else 0.0

    @staticmethod
    def f1(precision: float, recall: float) -> float:
        """Harmonic mean."""
        return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def table(self) -> list[tuple[str, float, int, int]]:
        """(measure, value, numerator, denominator) rows."""
        p = self.rate(self.matched, self.predicted)
        r = self.rate(self.matched, self.gold)
        sp = self.rate(self.strict, self.predicted)
        sr = self.rate(self.strict, self.gold)
        return [
            ("precision", p, self.matched, self.predicted),
            ("recall", r, self.matched, self.gold),
            ("F1", self.f1(p, r), self.matched, 0),
            ("strict precision (value and change)", sp, self.strict, self.predicted),
            ("strict recall (value and change)", sr, self.strict, self.gold),
            ("strict F1", self.f1(sp, sr), self.strict, 0),
            (
                "indicator exact, of matches",
                self.rate(self.indicator_exact, self.matched),
                self.indicator_exact,
                self.matched,
            ),
            (
                "indicator overlaps, of matches",
                self.rate(self.indicator_overlap, self.matched),
                self.indicator_overlap,
                self.matched,
            ),
            ("period exact, of matches", self.rate(self.period_exact, self.matched), self.period_exact, self.matched),
            ("change exact, of matches", self.rate(self.change_exact, self.matched), self.change_exact, self.matched),
            (
                "change basis exact, of matched changes",
                self.rate(self.basis_exact, self.with_change),
                self.basis_exact,
                self.with_change,
            ),
        ]


def score_sentence(scores: Scores, number: int, gold: Sequence[GoldFigure], predicted: Sequence[GoldFigure]) -> None:
    """Add one sentence's figures to ``scores`` (greedy one-to-one matching in reading order)."""
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    unused = list(predicted)
    for expected in gold:
        found = next((p for p in unused if _same_head(expected, p)), None)
        if found is None:
            scores.errors.append((number, expected, None))
            continue
        unused.remove(found)
        scores.matched += 1
        change_ok = _same_change(expected.change, found.change)
        scores.strict += change_ok
        scores.change_exact += change_ok and _same_detail(expected.change, found.change)
        if expected.change is not None and expected.change.value is not None and found.change is not None:
            scores.with_change += 1
            scores.basis_exact += expected.change.basis == found.change.basis
        scores.indicator_exact += _norm(expected.indicator) == _norm(found.indicator)
        scores.indicator_overlap += _overlaps(expected.indicator, found.indicator)
        scores.period_exact += _norm(expected.period) == _norm(found.period)
        if not change_ok or _norm(expected.indicator) != _norm(found.indicator):
            scores.errors.append((number, expected, found))
    scores.errors.extend((number, None, p) for p in unused)
