"""Scoring predicted items against a rendered page's ground truth (pure functions).

A predicted item matches a true one when their overlap, counted in non-whitespace characters, is at
least :data:`MATCH_IOU` of their union (so layout whitespace neither helps nor hurts). Above 0.5 a
true item can match at most one prediction, so matching is unambiguous. Titles and bylines are
compared without whitespace (letter spacing and stray spaces are layout, not content).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from briefsum.evaluation.render import RenderedPage, TrueItem
from briefsum.model import Article, ArticleKind, Span

#: Intersection over union, in non-whitespace characters, for a predicted item to match a true one.
MATCH_IOU = 0.8


def squash(text: str | None) -> str:
    """``text`` without whitespace (``""`` for ``None``)."""
    return "".join(text.split()) if text else ""


class Ink:
    """Counts of non-whitespace characters in any span of one text, in constant time."""

    def __init__(self, text: str) -> None:
        self._prefix = [0, *itertools.accumulate(0 if char.isspace() else 1 for char in text)]

    def count(self, start: int, end: int) -> int:
        """Non-whitespace characters in ``[start, end)`` (0 when empty)."""
        return self._prefix[end] - self._prefix[start] if end > start else 0

    def overlap(self, a: Span, b: Span) -> int:
        """Non-whitespace characters ``a`` and ``b`` share."""
        return self.count(max(a.start, b.start), min(a.end, b.end))

    def iou(self, a: Span, b: Span) -> float:
        """Intersection over union of ``a`` and ``b`` in non-whitespace characters."""
        shared = self.overlap(a, b)
        union = self.count(a.start, a.end) + self.count(b.start, b.end) - shared
        return shared / union if union else 0.0


def match(ink: Ink, true: Sequence[Span], predicted: Sequence[Span]) -> dict[int, int]:
    """Matches ``{true index: predicted index}`` with IoU of at least :data:`MATCH_IOU`."""
    matches: dict[int, int] = {}
    for t, truth in enumerate(true):
        best, best_iou = -1, 0.0
        for p, guess in enumerate(predicted):
            if guess.end <= truth.start or guess.start >= truth.end:
                continue
            value = ink.iou(truth, guess)
            if value > best_iou:
                best, best_iou = p, value
        if best >= 0 and best_iou >= MATCH_IOU:
            matches[t] = best
    return matches


@dataclass(frozen=True, slots=True)
class ItemOutcome:
    """How one true item fared."""

    variations: tuple[str, ...]
    matched: bool
    title_right: bool
    #: ``None`` when the true byline is unknown (the article carries its own corpus dateline).
    byline_right: bool | None
    true_caption: bool
    predicted_caption: bool
    #: Unmatched predictions that overlap this item more than any other (its false positives).
    false_positives: int


@dataclass(frozen=True, slots=True)
class PageOutcome:
    """How one rendered page fared."""

    variations: tuple[str, ...]
    items: tuple[ItemOutcome, ...]
    #: Unmatched predictions overlapping no true item (page furniture turned into an article).
    stray_predictions: int
    #: Unmatched predicted captions (for caption precision).
    stray_captions: int

    @property
    def false_positives(self) -> int:
        """All unmatched predictions."""
        return self.stray_predictions + sum(item.false_positives for item in self.items)

    @property
    def exact(self) -> bool:
        """Every item found, nothing extra."""
        return self.false_positives == 0 and all(item.matched for item in self.items)

    @property
    def all_right(self) -> bool:
        """Exact, and every title, known byline and kind right too."""
        return self.exact and all(
            item.title_right and item.byline_right is not False and item.true_caption == item.predicted_caption
            for item in self.items
        )


def _title_right(truth: TrueItem, article: Article | None) -> bool:
    if article is None:
        return False
    return squash(truth.title) == squash(article.title.text if article.title else None)


def _byline_right(truth: TrueItem, article: Article | None) -> bool | None:
    if not truth.byline_scored:
        return None
    if article is None:
        return False
    return squash(truth.byline) == squash(article.byline.text if article.byline else None)


def score_page(page: RenderedPage, articles: Sequence[Article]) -> PageOutcome:
    """Compare the predicted ``articles`` of ``page`` with its ground truth."""
    ink = Ink(page.text)
    true_spans = [item.span for item in page.items]
    matches = match(ink, true_spans, [a.span for a in articles])
    matched_predictions = set(matches.values())
    blame = [0] * len(page.items)
    stray = stray_captions = 0
    for p, prediction in enumerate(articles):
        if p in matched_predictions:
            continue
        stray_captions += prediction.kind is ArticleKind.CAPTION
        overlaps = [ink.overlap(prediction.span, span) for span in true_spans]
        if overlaps and max(overlaps) > 0:
            blame[overlaps.index(max(overlaps))] += 1
        else:
            stray += 1
    outcomes = []
    for t, truth in enumerate(page.items):
        article = articles[matches[t]] if t in matches else None
        outcomes.append(
            ItemOutcome(
                variations=truth.variations,
                matched=article is not None,
                title_right=_title_right(truth, article),
                byline_right=_byline_right(truth, article),
                true_caption=truth.kind is ArticleKind.CAPTION,
                predicted_caption=article is not None and article.kind is ArticleKind.CAPTION,
                false_positives=blame[t],
            )
        )
    return PageOutcome(page.variations, tuple(outcomes), stray, stray_captions)


def leaked_sentences(page: RenderedPage, articles: Sequence[Article]) -> tuple[int, int]:
    """``(summary sentences holding headline, byline or credit text, all summary sentences)``."""
    ink = Ink(page.text)
    guarded = [span for item in page.items for span in item.guarded]
    total = leaked = 0
    for article in articles:
        for chosen in article.summary:
            total += 1
            if any(ink.overlap(chosen.sentence.span, span) for span in guarded):
                leaked += 1
    return leaked, total
