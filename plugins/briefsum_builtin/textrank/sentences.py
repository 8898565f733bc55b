"""TextRank over sentences, vectorised: textrank4zh's similarity and PageRank without the loops.

textrank4zh compares every pair of sentences in Python (``util.get_similarity``): the number of
distinct words two sentences share, divided by the sum of the logs of their lengths in words. Here
the shared-word counts are one matrix product of word-presence vectors, so an article costs
microseconds instead of O(n²) Python calls. As in textrank4zh, a sentence is compared with itself
too (a self-loop), so a sentence sharing no word with any other scores exactly 1/N.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse

from briefsum_builtin.textrank.pagerank import FloatArray, pagerank

#: textrank4zh's threshold below which a co-occurrence count or a denominator counts as zero.
EPSILON = 1e-12
#: Articles with more sentences are ranked in consecutive blocks of this size, so memory stays
#: bounded (the dense similarity matrix of one block is 8 MB); no real article comes near it.
MAX_GRAPH_SENTENCES = 1000
#: Sentence-by-word presence matrices up to this many cells are multiplied dense, larger ones sparse
#: (see ``pagerank.DENSE_NODES`` on why not BLAS).
DENSE_PRESENCE = 10_000


def similarity_matrix(words: Sequence[Sequence[str]]) -> FloatArray:
    """textrank4zh's ``get_similarity`` for every pair of sentences (diagonal included)."""
    size = len(words)
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    for row, sentence in enumerate(words):
        for word in dict.fromkeys(sentence):  # distinct words, in a fixed order (not a set's)
            rows.append(row)
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
    shape = (size, max(len(vocabulary), 1))
    if shape[0] * shape[1] <= DENSE_PRESENCE:
        presence = np.zeros(shape)
        presence[rows, columns] = 1.0
        shared = presence @ presence.T
    else:
        sparse = scipy.sparse.csr_array((np.ones(len(rows)), (rows, columns)), shape=shape)
        shared = (sparse @ sparse.T).toarray()
    log_length = np.log(np.maximum(np.array([len(s) for s in words], dtype=np.float64), 1.0))
    denominator = log_length[:, None] + log_length[None, :]
    valid = (np.abs(shared) > EPSILON) & (np.abs(denominator) >= EPSILON)
    similarity = np.zeros((size, size))
    np.divide(shared, denominator, out=similarity, where=valid)
    return similarity


def rank_sentences(words: Sequence[Sequence[str]]) -> FloatArray:
    """TextRank score of every sentence, by sentence index (scores sum to 1).

    ``words`` holds each sentence's words (textrank4zh's ``words_no_stop_words``).
    """
    size = len(words)
    if size <= MAX_GRAPH_SENTENCES:
        return pagerank(similarity_matrix(words))
    scores = np.zeros(size)
    for start in range(0, size, MAX_GRAPH_SENTENCES):
        end = min(start + MAX_GRAPH_SENTENCES, size)
        # Each block's scores sum to 1; weight them by the block's share so the whole sums to 1.
        scores[start:end] = pagerank(similarity_matrix(words[start:end])) * (end - start) / size
    return scores
