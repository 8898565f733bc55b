"""TextRank for sentences and keywords, using the textrank4zh package's own ranking functions.

textrank4zh 0.3 calls ``networkx.from_numpy_matrix``, which networkx 3 removed.
:func:`textrank4zh_util` hands textrank4zh a view of networkx that still has it (as an alias of
``from_numpy_array``), without forking the package or changing networkx for anyone else.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from importlib import resources
from typing import Any

from briefsum.model import Token

#: PageRank damping factor, textrank4zh's default.
DAMPING = 0.85
#: Part-of-speech tags whose words may become keywords (textrank4zh's ``allow_speech_tags``).
KEYWORD_POS = frozenset(["an", "i", "j", "l", "n", "nr", "nrfg", "ns", "nt", "nz", "t", "v", "vd", "vn", "eng"])
#: jieba's tag for punctuation and symbols.
PUNCTUATION_POS = "x"


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


def load_stopwords() -> frozenset[str]:
    """textrank4zh's stop-word list, shipped inside the package."""
    text = resources.files("textrank4zh").joinpath("stopwords.txt").read_bytes().decode("utf-8", errors="ignore")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def word_lists(tokens: Sequence[Token], stop: frozenset[str]) -> tuple[list[str], list[str], list[str]]:
    """textrank4zh's three views of a sentence: no filter, no stop words, all filters (POS too)."""
    no_filter: list[str] = []
    no_stop: list[str] = []
    all_filters: list[str] = []
    for token in tokens:
        word = token.text.strip()
        if token.pos == PUNCTUATION_POS or not word:
            continue
        no_filter.append(word)
        if word in stop:
            continue
        no_stop.append(word)
        if token.pos in KEYWORD_POS:
            all_filters.append(word)
    return no_filter, no_stop, all_filters


def rank_sentences(words: Sequence[Sequence[str]]) -> list[float]:
    """textrank4zh's sentence scores (PageRank over word-overlap similarity), by sentence index."""
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
    """textrank4zh's keyword scores, best first; ties broken by the word for determinism."""
    if not any(vertex_source):
        return []
    util = textrank4zh_util()
    ranked = util.sort_words(
        [list(w) for w in vertex_source],
        [list(w) for w in edge_source],
        window=window,
        pagerank_config={"alpha": DAMPING},
    )
    return sorted(((item.word, float(item.weight)) for item in ranked), key=lambda pair: (-pair[1], pair[0]))
