"""Fitting the article-boundary model on rendered newspaper pages (used by ``scripts/train_boundaries.py``).

Pages are rendered (:mod:`briefsum.evaluation.render`) in random layouts; every candidate gap
(:mod:`.gaps`) becomes an example labelled by the true article boundaries, processed left to right
as :func:`~briefsum_builtin.segment.boundaries.decide` would, with the true decisions. Gradient-boosted
trees (scikit-learn, needed only here) are fitted to them and exported as plain arrays
(:mod:`.trees`); the decision threshold is the one that maximises article-boundary F1 when each half
of the training pages is scored by trees fitted on the other half.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from briefsum.evaluation.pagedata import SourcePage
from briefsum.evaluation.render import RenderedPage, render_page
from briefsum.evaluation.segmentation import evaluate_segmentation
from briefsum.options import Layout

from briefsum_builtin.segment.blocks import Block, candidate_blocks
from briefsum_builtin.segment.boundaries import BoundaryModel, join_gaps
from briefsum_builtin.segment.features import content_lines
from briefsum_builtin.segment.gaps import gap_features, page_stats
from briefsum_builtin.segment.page import segment_page
from briefsum_builtin.segment.roles import classify
from briefsum_builtin.segment.trees import Tree, TreeEnsemble

#: Thresholds tried for the decision.
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.3, 0.71, 0.05))
#: Leaf values are rounded to this many decimals in the model file (thresholds are kept exact).
VALUE_DECIMALS = 6


@dataclass(frozen=True, slots=True)
class Boosting:
    """Settings of the boosted trees (scikit-learn's ``GradientBoostingClassifier``)."""

    trees: int = 200
    depth: int = 3
    learning_rate: float = 0.1
    min_leaf: int = 5
    seed: int = 0

    def as_dict(self) -> dict[str, float]:
        """The settings as plain data (for the model's provenance)."""
        return {
            "trees": self.trees,
            "depth": self.depth,
            "learning_rate": self.learning_rate,
            "min_leaf": self.min_leaf,
            "seed": self.seed,
        }


def _owners(page: RenderedPage, starts: Sequence[int]) -> list[int]:
    """The true item of each line start (-1: page furniture)."""
    owners = []
    for start in starts:
        owner = next((k for k, item in enumerate(page.items) if item.span.start <= start < item.span.end), -1)
        owners.append(owner)
    return owners


def page_examples(page: RenderedPage) -> tuple[list[tuple[float, ...]], list[int]]:
    """Features and labels of every candidate gap of ``page``, merging as the truth says."""
    infos = content_lines(page.text)
    owners = _owners(page, [info.line.start for info in infos])
    chains = classify(infos)
    candidates = candidate_blocks(infos, chains)
    stats = page_stats(infos, chains, candidates)
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []

    def record(left: Block, head: Block | None, right: Block) -> bool:
        boundary = owners[left.chains[-1].lines[-1]] != owners[right.chains[0].lines[0]]
        rows.append(gap_features(infos, left, head, right, stats))
        labels.append(int(boundary))
        return boundary

    join_gaps(candidates, record)
    return rows, labels


def examples(pages: Sequence[SourcePage], renders: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """All training examples of ``renders`` renderings of ``pages``."""
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    for page in pages:
        for variant in range(renders):
            page_rows, page_labels = page_examples(render_page(page, seed, variant))
            rows.extend(page_rows)
            labels.extend(page_labels)
    return np.array(rows, dtype=float), np.array(labels, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, boosting: Boosting = Boosting()) -> TreeEnsemble:
    """Boosted trees minimising log loss on ``x``, ``y``, exported to plain arrays."""
    from sklearn.ensemble import GradientBoostingClassifier

    model = GradientBoostingClassifier(
        n_estimators=boosting.trees,
        max_depth=boosting.depth,
        learning_rate=boosting.learning_rate,
        min_samples_leaf=boosting.min_leaf,
        random_state=boosting.seed,
    ).fit(x, y)
    prior = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    trees = []
    for (estimator,) in model.estimators_:
        tree = estimator.tree_
        leaf = tree.feature < 0
        trees.append(
            Tree(
                feature=tuple(int(f) if not is_leaf else -1 for f, is_leaf in zip(tree.feature, leaf, strict=True)),
                threshold=tuple(
                    float(t) if not is_leaf else 0.0 for t, is_leaf in zip(tree.threshold, leaf, strict=True)
                ),
                left=tuple(int(c) for c in tree.children_left),
                right=tuple(int(c) for c in tree.children_right),
                value=tuple(round(float(v) * boosting.learning_rate, VALUE_DECIMALS) for v in tree.value[:, 0, 0]),
            )
        )
    ensemble = TreeEnsemble(math.log(prior / (1 - prior)), tuple(trees))
    expected = model.decision_function(x[:50])
    actual = np.array([ensemble.log_odds(tuple(row)) for row in x[:50]])
    if not np.allclose(expected, actual, atol=1e-3):
        raise RuntimeError("the exported trees do not reproduce scikit-learn's decisions")
    return ensemble


def score(pages: Sequence[SourcePage], model: BoundaryModel, renders: int, seed: int) -> dict[str, float | None]:
    """End-to-end article segmentation scores of ``model`` on rendered ``pages``."""
    report = evaluate_segmentation(
        pages, lambda text: segment_page(text, Layout.AUTO, model=model), count=renders, seed=seed
    )
    data = report.overall.as_dict()
    return {k: data[k] for k in ("precision", "recall", "f1", "exact_pages", "title_accuracy")}


def halves(pages: Sequence[SourcePage]) -> tuple[Sequence[SourcePage], Sequence[SourcePage]]:
    """``pages`` in two halves, alternately (the even-numbered pages, the odd-numbered ones)."""
    return pages[::2], pages[1::2]


def split_score(
    pages: Sequence[SourcePage], renders: int, seed: int, eval_seed: int, boosting: Boosting = Boosting()
) -> dict[str, float | None]:
    """Scores of a model fitted on one half of ``pages`` (:func:`halves`) on the other half.

    The honest measure for developing on one set of pages: scoring a model on the texts it was
    fitted on (even in other layouts) overstates it.
    """
    fitting, scoring = halves(pages)
    model, _, _ = train(fitting, renders, seed, boosting)
    return score(scoring, model, 4, eval_seed) | {"threshold": model.threshold}


def train(
    pages: Sequence[SourcePage],
    renders: int,
    seed: int,
    boosting: Boosting = Boosting(),
) -> tuple[BoundaryModel, int, int]:
    """A model fitted on ``pages``, with the threshold that maximises F1 across two halves of them."""
    parts = halves(pages)
    totals = dict.fromkeys(THRESHOLDS, 0.0)
    for part in (0, 1):
        x, y = examples(parts[part], renders, seed)
        ensemble = fit(x, y, boosting)
        for threshold in THRESHOLDS:
            totals[threshold] += score(parts[1 - part], BoundaryModel(ensemble, threshold), renders, seed)["f1"] or 0.0
    best = max(THRESHOLDS, key=lambda t: (totals[t], -abs(t - 0.5)))
    x, y = examples(pages, renders, seed)
    return BoundaryModel(fit(x, y, boosting), best), len(y), int(y.sum())
