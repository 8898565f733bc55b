"""Gradient-boosted decision trees, evaluated in pure Python from their JSON form.

The trees are fitted offline (scikit-learn's ``GradientBoostingClassifier``, see :mod:`.training`)
and shipped as plain arrays, so scoring needs neither scikit-learn nor numpy. A tree is stored as
parallel arrays over its nodes, as scikit-learn keeps them: ``feature`` (-1 at a leaf),
``threshold`` (go left when the value is at most the threshold), ``left``, ``right`` (child node
indices) and ``value`` (the leaf's contribution to the log-odds, learning rate included).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: Log-odds beyond this are clipped before the logistic function (no overflow, same decisions).
MAX_LOG_ODDS = 60.0


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree as parallel node arrays (see the module docstring)."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def __post_init__(self) -> None:
        sizes = {len(self.feature), len(self.threshold), len(self.left), len(self.right), len(self.value)}
        if len(sizes) != 1 or not self.feature:
            raise ValueError("a tree needs the same number (at least one) of features, thresholds, children and values")

    def predict(self, values: Sequence[float]) -> float:
        """The leaf value ``values`` fall into."""
        node = 0
        feature = self.feature
        while feature[node] >= 0:
            node = self.left[node] if values[feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]

    def as_dict(self) -> dict[str, list[Any]]:
        """The JSON form of the tree."""
        return {
            "feature": list(self.feature),
            "threshold": list(self.threshold),
            "left": list(self.left),
            "right": list(self.right),
            "value": list(self.value),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Sequence[Any]]) -> Tree:
        """A tree from its JSON form."""
        return cls(
            feature=tuple(int(v) for v in data["feature"]),
            threshold=tuple(float(v) for v in data["threshold"]),
            left=tuple(int(v) for v in data["left"]),
            right=tuple(int(v) for v in data["right"]),
            value=tuple(float(v) for v in data["value"]),
        )


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """A sum of trees on top of a base log-odds: a binary classifier's decision function."""

    base: float
    trees: tuple[Tree, ...]

    def log_odds(self, values: Sequence[float]) -> float:
        """The ensemble's log-odds for ``values``."""
        return self.base + sum(tree.predict(values) for tree in self.trees)

    def probability(self, values: Sequence[float]) -> float:
        """The probability of the positive class for ``values``."""
        score = max(min(self.log_odds(values), MAX_LOG_ODDS), -MAX_LOG_ODDS)
        return 1.0 / (1.0 + math.exp(-score))

    def features_used(self) -> int:
        """One more than the highest feature index any tree reads (0 for an ensemble of leaves)."""
        return 1 + max((f for tree in self.trees for f in tree.feature), default=-1)
