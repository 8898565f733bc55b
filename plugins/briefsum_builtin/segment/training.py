"""Fitting the article-boundary model on rendered newspaper pages (used by ``scripts/train_boundaries.py``).

Pages are rendered (:mod:`briefsum.evaluation.render`) in random layouts; every candidate gap
(:mod:`.gaps`) becomes an example labelled by the true article boundaries, processed left to right
as :func:`~briefsum_builtin.segment.boundaries.decide` would, with the true decisions. A logistic
regression with L2 regularisation is fitted with scipy's L-BFGS, and the decision threshold is the
one that maximises article-boundary F1 on the training pages.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from briefsum.evaluation.pagedata import SourcePage
from briefsum.evaluation.render import RenderedPage, render_page
from briefsum.evaluation.segmentation import evaluate_segmentation
from briefsum.options import Layout
from scipy.optimize import minimize

from briefsum_builtin.segment.blocks import Block, BlockKind, candidate_blocks
from briefsum_builtin.segment.boundaries import BoundaryModel
from briefsum_builtin.segment.features import content_lines
from briefsum_builtin.segment.gaps import gap_features, page_stats
from briefsum_builtin.segment.page import segment_page
from briefsum_builtin.segment.roles import classify

#: L2 penalty on the weights (not the bias), per example.
L2 = 0.001
#: Thresholds tried for the decision.
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.2, 0.81, 0.05))


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
    stats = page_stats(infos, chains)
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    result: list[Block] = []
    for block in candidate_blocks(infos, chains):
        if block.kind is BlockKind.BODY and result:
            head = result[-1] if result[-1].kind is BlockKind.HEAD else None
            left_index = len(result) - (2 if head is not None else 1)
            if left_index >= 0 and result[left_index].kind is BlockKind.BODY:
                left = result[left_index]
                boundary = owners[left.chains[-1].lines[-1]] != owners[block.chains[0].lines[0]]
                rows.append(gap_features(infos, left, head, block, stats))
                labels.append(int(boundary))
                if not boundary:
                    middle = head.chains if head is not None else ()
                    del result[left_index:]
                    result.append(Block(BlockKind.BODY, left.chains + middle + block.chains, left.cause))
                    continue
        result.append(block)
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


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2) -> tuple[np.ndarray, float]:
    """Logistic regression weights and bias minimising log loss plus ``l2`` times the squared weights."""
    n, d = x.shape

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = params[:d], params[d]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))
        eps = 1e-12
        value = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + l2 * float(w @ w)
        grad_z = (p - y) / n
        return value, np.concatenate([x.T @ grad_z + 2 * l2 * w, [grad_z.sum()]])

    result = minimize(loss, np.zeros(d + 1), jac=True, method="L-BFGS-B")
    return result.x[:d], float(result.x[d])


def score(pages: Sequence[SourcePage], model: BoundaryModel, renders: int, seed: int) -> dict[str, float | None]:
    """End-to-end article segmentation scores of ``model`` on rendered ``pages``."""
    report = evaluate_segmentation(
        pages, lambda text: segment_page(text, Layout.AUTO, model=model), count=renders, seed=seed
    )
    data = report.overall.as_dict()
    return {k: data[k] for k in ("precision", "recall", "f1", "exact_pages", "title_accuracy")}


def train(pages: Sequence[SourcePage], renders: int, seed: int) -> tuple[BoundaryModel, int, int]:
    """A model fitted on ``pages`` with the threshold that maximises F1 on them."""
    x, y = examples(pages, renders, seed)
    weights, bias = fit(x, y)
    best: tuple[float, float] = (-1.0, 0.5)
    for threshold in THRESHOLDS:
        model = BoundaryModel(tuple(map(float, weights)), bias, float(threshold))
        f1 = score(pages, model, renders, seed)["f1"] or 0.0
        best = max(best, (f1, float(threshold)))
    return BoundaryModel(tuple(map(float, weights)), bias, best[1]), len(y), int(y.sum())
