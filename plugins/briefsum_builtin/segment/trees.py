"""Gradient-boosted decision trees, evaluated in pure Python from their JSON form.

The trees are fitted offline (scikit-learn's ``GradientBoostingClassifier``, see :mod:`.training`)
and shipped as plain arrays, so scoring needs no scikit-learn. A tree is stored as
parallel arrays over its nodes, as scikit-learn keeps them: ``feature`` (-1 at a leaf),
``threshold`` (go left when the value is at most the threshold), ``left``, ``right`` (child node
indices) and ``value`` (the leaf's contribution to the log-odds, learning rate included).

An ensemble answers the test of every node of every tree at once, the nodes laid end to end in
numpy arrays (a leaf points to itself), then walks all trees a level per step: a few array
operations instead of a Python loop per tree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

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
class _Flat:
    """Every node of an ensemble's trees in one set of arrays (global node indices)."""

    roots: npt.NDArray[np.intp]
    feature: npt.NDArray[np.intp]
    threshold: npt.NDArray[np.float64]
    left: npt.NDArray[np.intp]
    right: npt.NDArray[np.intp]
    value: npt.NDArray[np.float64]
    depth: int


def _depth(tree: Tree, node: int = 0) -> int:
    if tree.feature[node] < 0:
        return 0
    return 1 + max(_depth(tree, tree.left[node]), _depth(tree, tree.right[node]))


def _flatten(trees: Sequence[Tree]) -> _Flat:
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    for tree in trees:
        offset = len(feature)
        roots.append(offset)
        for node, index in enumerate(tree.feature):
            leaf = index < 0
            feature.append(0 if leaf else index)
            threshold.append(math.inf if leaf else tree.threshold[node])
            left.append(offset + (node if leaf else tree.left[node]))
            right.append(offset + (node if leaf else tree.right[node]))
            value.append(tree.value[node])
    return _Flat(
        np.array(roots, dtype=np.intp),
        np.array(feature, dtype=np.intp),
        np.array(threshold, dtype=np.float64),
        np.array(left, dtype=np.intp),
        np.array(right, dtype=np.intp),
        np.array(value, dtype=np.float64),
        max((_depth(tree) for tree in trees), default=0),
    )


@dataclass(frozen=True, slots=True)
class TreeEnsemble:
    """A sum of trees on top of a base log-odds: a binary classifier's decision function."""

    base: float
    trees: tuple[Tree, ...]
    _flat: _Flat = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_flat", _flatten(self.trees))

    def log_odds(self, values: Sequence[float]) -> float:
        """The ensemble's log-odds for ``values``."""
        flat = self._flat
        if not len(flat.roots):
            return self.base
        x = np.asarray(values, dtype=np.float64)
        # Every node's test at once, then each tree follows its own answers a level per step.
        following = np.where(x[flat.feature] <= flat.threshold, flat.left, flat.right)
        node = flat.roots
        for _ in range(flat.depth):
            node = following[node]
        return self.base + float(flat.value[node].sum())

    def probability(self, values: Sequence[float]) -> float:
        """The probability of the positive class for ``values``."""
        score = max(min(self.log_odds(values), MAX_LOG_ODDS), -MAX_LOG_ODDS)
        return 1.0 / (1.0 + math.exp(-score))

    def features_used(self) -> int:
        """One more than the highest feature index any tree reads (0 for an ensemble of leaves)."""
        return 1 + max((f for tree in self.trees for f in tree.feature), default=-1)
