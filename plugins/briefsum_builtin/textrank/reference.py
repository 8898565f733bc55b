"""The textrank4zh package itself, made to run on networkx 3: the reference engine.

textrank4zh 0.3 calls ``networkx.from_numpy_matrix``, which networkx 3 removed (and networkx 3's
PageRank needs scipy, which textrank4zh does not declare; briefsum does). :func:`textrank4zh_util`
gives ``textrank4zh.util`` its own view of networkx that still has the function, as an alias of
``from_numpy_array``: networkx itself is not changed for anyone else, and textrank4zh is not forked.
Its ``TextRank4Sentence`` and ``TextRank4Keyword`` classes go through ``util`` too, so they work
after the first call as well (the evaluation and the benchmark run them as the baseline).
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Any

from briefsum_builtin.textrank.pagerank import DAMPING


class _NetworkxWithMatrix(types.ModuleType):
    """networkx, plus the ``from_numpy_matrix`` alias textrank4zh 0.3 expects."""

    def __init__(self, networkx: types.ModuleType) -> None:
        super().__init__(networkx.__name__, networkx.__doc__)
        self._networkx = networkx
        self.from_numpy_matrix = networkx.from_numpy_array

    def __getattr__(self, name: str) -> Any:
        return getattr(self._networkx, name)


def textrank4zh_util() -> types.ModuleType:
    """``textrank4zh.util``, made to work on networkx 3 (idempotent)."""
    import networkx
    from textrank4zh import util

    if not hasattr(util.nx, "from_numpy_matrix"):
        util.nx = _NetworkxWithMatrix(networkx)
    module: types.ModuleType = util
    return module


def rank_sentences(words: Sequence[Sequence[str]]) -> list[float]:
    """textrank4zh's ``sort_sentences`` scores, by sentence index."""
    if not words:
        return []
    util = textrank4zh_util()
    ranked = util.sort_sentences(
        sentences=list(range(len(words))), words=[list(w) for w in words], pagerank_config={"alpha": DAMPING}
    )
    scores = [0.0] * len(words)
    for item in ranked:
        scores[item.index] = float(item.weight)
    return scores


def rank_words(
    vertex_source: Sequence[Sequence[str]], edge_source: Sequence[Sequence[str]], window: int = 2
) -> list[tuple[str, float]]:
    """textrank4zh's ``sort_words``: (word, weight), best first, in its own order."""
    if not any(vertex_source):
        return []
    util = textrank4zh_util()
    ranked = util.sort_words(
        [list(w) for w in vertex_source],
        [list(w) for w in edge_source],
        window=window,
        pagerank_config={"alpha": DAMPING},
    )
    return [(item.word, float(item.weight)) for item in ranked]
