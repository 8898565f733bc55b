"""Keywords and keyphrases: textrank4zh's ``TextRank4Keyword``, vectorised and deterministic.

Keywords are the PageRank of a word graph: the vertices are the keyword candidates
(``WordViews.all_filters``), and two candidates are linked when they occur within ``window``
words of each other in a sentence without its stop words (``WordViews.no_stop``). Ties keep
textrank4zh's order (first occurrence).

Keyphrases are textrank4zh's ``get_keyphrases``: runs of two or more adjacent words, all among the
top keywords, that occur at least twice in the article. textrank4zh collects them in a ``set`` and
returns them in its iteration order, which changes with ``PYTHONHASHSEED`` (its issue #31); here
they come with a weight (the sum of their words' weights) in a fixed order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import scipy.sparse

from briefsum_builtin.textrank.pagerank import DENSE_NODES, FloatArray, pagerank
from briefsum_builtin.textrank.words import WordViews

#: Co-occurrence window in words (textrank4zh's ``window``); values below 2 mean 2.
WINDOW = 2
#: Top keywords that keyphrases are built from (textrank4zh's ``keywords_num``).
KEYPHRASE_CANDIDATES = 12
#: Occurrences in the article a keyphrase needs (textrank4zh's ``min_occur_num``).
KEYPHRASE_MIN_OCCURRENCES = 2


class RankedWord(NamedTuple):
    """A word or phrase and its weight; ``first`` is the order of first occurrence, for ties.

    A named tuple rather than a frozen dataclass: an article ranks hundreds of words, and a tuple
    is several times cheaper to build.
    """

    text: str
    weight: float
    first: int


def rank_words(views: Sequence[WordViews], window: int = WINDOW) -> tuple[RankedWord, ...]:
    """Every keyword candidate with its TextRank weight, best first (textrank4zh's ``sort_words``)."""
    index: dict[str, int] = {}
    for view in views:
        for word in view.all_filters:
            index.setdefault(word, len(index))
    if not index:
        return ()
    # Every sentence's candidate ids in a row (-1: a word that is not a candidate), sentences apart.
    get = index.get
    flat = np.array([get(word, -1) for view in views for word in view.no_stop], dtype=np.int64)
    sentence = np.repeat(np.arange(len(views), dtype=np.int64), [len(view.no_stop) for view in views])
    pairs = [
        (flat[:-distance][linked], flat[distance:][linked])
        for distance in range(1, max(window, 2))
        if len(flat) > distance
        for linked in [(flat[:-distance] >= 0) & (flat[distance:] >= 0) & (sentence[:-distance] == sentence[distance:])]
    ]
    sources = np.concatenate([p[0] for p in pairs]) if pairs else np.zeros(0, dtype=np.int64)
    targets = np.concatenate([p[1] for p in pairs]) if pairs else np.zeros(0, dtype=np.int64)
    size = len(index)
    rows = np.concatenate([sources, targets])
    columns = np.concatenate([targets, sources])
    # An edge is there or not (textrank4zh sets 1.0, however often two words meet).
    adjacency: FloatArray | scipy.sparse.csr_array
    if size <= DENSE_NODES:
        adjacency = np.zeros((size, size))
        adjacency[rows, columns] = 1.0
    else:
        adjacency = scipy.sparse.coo_array((np.ones(len(rows)), (rows, columns)), shape=(size, size)).tocsr()
        adjacency.data[:] = 1.0
    scores = pagerank(adjacency)
    words = list(index)
    order = np.lexsort((np.arange(size), -scores)).tolist()
    weights = scores.tolist()
    return tuple(RankedWord(words[i], weights[i], i) for i in order)


def keyphrases(
    views: Sequence[WordViews],
    sentences: Sequence[str],
    ranked: Sequence[RankedWord],
    *,
    candidates: int = KEYPHRASE_CANDIDATES,
    min_occurrences: int = KEYPHRASE_MIN_OCCURRENCES,
) -> tuple[RankedWord, ...]:
    """textrank4zh's keyphrases with weights, best first (ties: first occurrence).

    ``sentences`` are the texts the words came from (occurrences are counted in them), ``ranked``
    the output of :func:`rank_words`.
    """
    weights = {word.text: word.weight for word in ranked[:candidates]}
    found: dict[str, float] = {}
    for view in views:
        run: list[str] = []
        for word in (*view.no_filter, None):
            if word is not None and word in weights:
                run.append(word)
                continue
            if len(run) > 1:
                found.setdefault("".join(run), sum(weights[w] for w in run))
            run = []
    phrases = [
        RankedWord(text, weight, order)
        for order, (text, weight) in enumerate(found.items())
        if sum(sentence.count(text) for sentence in sentences) >= min_occurrences
    ]
    return tuple(sorted(phrases, key=lambda p: (-p.weight, p.first)))
