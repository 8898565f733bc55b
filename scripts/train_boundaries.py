"""Fit the article-boundary model of the page segmenter on rendered newspaper pages.

    python scripts/train_boundaries.py TRAIN.jsonl --heldout OTHER.jsonl --out MODEL.json

See :mod:`briefsum_builtin.segment.training`. The model is scored on HELDOUT pages it never saw, and
with ``--cross`` the two sets swap roles for a second estimate; the scores go into the model file's
``provenance``. ``--split`` also fits on half of the TRAIN pages and scores the other half: the
measure to develop features by, without looking at HELDOUT.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from briefsum.evaluation.pagedata import load_pages
from briefsum_builtin.segment.boundaries import BoundaryModel, dump_model
from briefsum_builtin.segment.gaps import FEATURES
from briefsum_builtin.segment.training import Boosting, score, split_score, train


def main() -> None:
    """Fit, score and write the model."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("train", nargs="+", type=Path)
    parser.add_argument("--heldout", nargs="+", type=Path, required=True)
    parser.add_argument("--renders", type=int, default=12)
    parser.add_argument("--trees", type=int, default=Boosting().trees)
    parser.add_argument("--depth", type=int, default=Boosting().depth)
    parser.add_argument("--learning-rate", type=float, default=Boosting().learning_rate)
    parser.add_argument("--seed", type=int, default=100, help="seed of the training layouts")
    parser.add_argument("--eval-seed", type=int, default=0, help="seed of the held-out layouts")
    parser.add_argument("--cross", action="store_true", help="also train on --heldout and score on train")
    parser.add_argument("--split", action="store_true", help="also fit on half of train and score the other half")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    train_pages, heldout_pages = load_pages(args.train), load_pages(args.heldout)
    boosting = Boosting(trees=args.trees, depth=args.depth, learning_rate=args.learning_rate)
    model, count, positives = train(train_pages, args.renders, args.seed, boosting)
    provenance: dict[str, object] = {
        "trained_on": [p.name for p in args.train],
        "pages": len(train_pages),
        "renders": args.renders,
        "seed": args.seed,
        "examples": count,
        "boundaries": positives,
        "boosting": boosting.as_dict(),
        "heldout": {"data": [p.name for p in args.heldout], "seed": args.eval_seed}
        | score(heldout_pages, model, 4, args.eval_seed),
    }
    if args.cross:
        other, _, _ = train(heldout_pages, args.renders, args.seed, boosting)
        provenance["cross"] = {"trained_on": [p.name for p in args.heldout], "scored_on": [p.name for p in args.train]}
        provenance["cross"] |= score(train_pages, other, 4, args.eval_seed)  # type: ignore[operator]
    if args.split:
        provenance["dev_split"] = split_score(train_pages, args.renders, args.seed, args.eval_seed, boosting)
    final = BoundaryModel(model.ensemble, model.threshold, provenance)
    args.out.write_text(dump_model(final), encoding="utf-8")
    print(json.dumps(provenance, indent=2))
    print(f"{len(FEATURES)} features, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
