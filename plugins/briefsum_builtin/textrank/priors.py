"""What TextRank does not see: where a sentence stands, and how important its words are.

The default summariser scores sentence *i* as a product of three factors (a log-linear model;
each exponent is a stage option, 0 turns its factor off)::

    score_i = textrank_i * salience_i ** salience_weight * position_i ** position_weight

- ``textrank``: textrank4zh's sentence centrality (:mod:`.sentences`), unchanged.
- ``position = 1 / (i + 1)``: news is written inverted-pyramid, the lead says what happened.
  The inverse-position prior is PositionRank's (Florescu & Caragea, ACL 2017); here it weighs
  the stationary scores instead of the random jump, which measured better (a jump prior moves
  only the 15% teleport mass, and the lead still lost to Lead-3).
- ``salience``: the mean TextRank weight of the sentence's words, i.e. sentences are important
  when they are dense in important words (SumBasic's average word weight, Nenkova & Vanderwende
  2005, with the word graph of Wan, Yang & Xiao, ACL 2007, which ranks words and sentences
  together). The words are ranked once per article, the same ranking keywords come from.

``briefsum eval summaries`` shows each factor's effect (the ablation rows).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from briefsum_builtin.textrank.keywords import RankedWord
from briefsum_builtin.textrank.pagerank import FloatArray
from briefsum_builtin.textrank.words import WordViews


def position_prior(size: int) -> FloatArray:
    """``1 / (i + 1)`` for sentence positions ``i`` = 0 .. size-1."""
    prior: FloatArray = 1.0 / np.arange(1, size + 1, dtype=np.float64)
    return prior


def word_salience(views: Sequence[WordViews], ranked: Sequence[RankedWord]) -> FloatArray:
    """Per sentence, the summed weight of its distinct words over its word count (0 without words).

    Words outside the word graph (not keyword candidates) weigh 0. When no sentence has any
    weight (an article without keyword candidates) every sentence gets 1, so the factor is neutral.
    """
    weights = {word.text: word.weight for word in ranked}
    salience = np.array(
        # Distinct words in order of first occurrence (dict.fromkeys): a set's order follows the
        # per-process string hash, and the sum's last bits would follow that order.
        [
            sum(weights.get(word, 0.0) for word in dict.fromkeys(view.no_stop)) / max(len(view.no_stop), 1)
            for view in views
        ],
        dtype=np.float64,
    )
    if not salience.any():
        return np.ones(len(views))
    return salience


def combine(
    textrank: FloatArray,
    salience: FloatArray,
    position: FloatArray,
    *,
    salience_weight: float,
    position_weight: float,
) -> FloatArray:
    """The product of the factors, normalised to sum to 1 (all equal when the product is all zero)."""
    score = textrank * np.power(salience, salience_weight) * np.power(position, position_weight)
    total = score.sum()
    if not total > 0:
        return np.full(len(score), 1.0 / len(score)) if len(score) else score
    normalised: FloatArray = score / total
    return normalised
