"""Fit the article-boundary model of the page segmenter on rendered newspaper pages.

    python scripts/train_boundaries.py TRAIN.jsonl [...] --heldout OTHER.jsonl [...] \
        --out plugins/briefsum_builtin/segment/data/boundaries.json

Pages of TRAIN are rendered (``briefsum.evaluation.render``) in ``--renders`` random layouts; every
candidate gap (:mod:`briefsum_builtin.segment.gaps`) becomes an example labelled by the true article
boundaries, and a logistic regression with L2 regularisation is fitted (scipy's L-BFGS). The decision
threshold is the one that maximises article-boundary F1 on the training pages. The model is then
scored on HELDOUT pages it never saw, and with ``--cross`` the two sets swap roles for a second
estimate; the scores are written into the model file's ``provenance``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from briefsum.evaluation.pagedata import SourcePage, load_pages
from briefsum.evaluation.render import RenderedPage, render_page
from briefsum.evaluation.segmentation import evaluate_segmentation
from briefsum.options import Layout
from briefsum_builtin.segment.blocks import Block, BlockKind, candidate_blocks
from briefsum_builtin.segment.boundaries import BoundaryModel, model_to_dict
from briefsum_builtin.segment.features import content_lines
from briefsum_builtin.segment.gaps import FEATURES, gap_features, page_stats
from briefsum_builtin.segment.page import segment_page
from briefsum_builtin.segment.roles import classify
from scipy.optimize import minimize

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
    stats = page_stats(infos)
    rows: list[tuple[float, ...]] = []
    labels: list[int] = []
    result: list[Block] = []
    for block in candidate_blocks(infos, classify(infos)):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train", nargs="+", type=Path)
    parser.add_argument("--heldout", nargs="+", type=Path, required=True)
    parser.add_argument("--renders", type=int, default=4)
    parser.add_argument("--seed", type=int, default=100, help="seed of the training layouts")
    parser.add_argument("--eval-seed", type=int, default=0, help="seed of the held-out layouts")
    parser.add_argument("--cross", action="store_true", help="also train on --heldout and score on train")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    train_pages, heldout_pages = load_pages(args.train), load_pages(args.heldout)
    model, count, positives = train(train_pages, args.renders, args.seed)
    provenance: dict[str, object] = {
        "trained_on": [p.name for p in args.train],
        "pages": len(train_pages),
        "renders": args.renders,
        "seed": args.seed,
        "examples": count,
        "boundaries": positives,
        "l2": L2,
        "heldout": {"data": [p.name for p in args.heldout], "seed": args.eval_seed}
        | score(heldout_pages, model, args.renders, args.eval_seed),
    }
    if args.cross:
        other, _, _ = train(heldout_pages, args.renders, args.seed)
        provenance["cross"] = {"trained_on": [p.name for p in args.heldout], "scored_on": [p.name for p in args.train]}
        provenance["cross"] |= score(train_pages, other, args.renders, args.eval_seed)  # type: ignore[operator]
    final = BoundaryModel(model.weights, model.bias, model.threshold, provenance)
    args.out.write_text(json.dumps(model_to_dict(final), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(provenance, indent=2))
    print(f"{len(FEATURES)} features, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
