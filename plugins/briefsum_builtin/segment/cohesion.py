"""Lexical cohesion: how much two stretches of Chinese text share their vocabulary.

Two parts of one article repeat names, places and terms; two articles of one page mostly do not
(TextTiling's observation, Hearst 1997). Character bigrams of Han text stand in for words, so no
dictionary is needed and the measure is fast and deterministic. Weighted by how rare a bigram is
on the page (inverse document frequency over its paragraphs), a shared name counts for more than a
shared 发展 or 工作.

These are the plain definitions on strings and counters. Page segmentation computes the same
measures for every gap of a page with :class:`~.vocabulary.PageVocabulary`, which counts each
stretch of the page once (its tests hold it to these definitions).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from briefsum_builtin.segment.text.lines import ink

#: Every pair of adjacent Han characters, overlapping pairs included (a lookahead does not consume).
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def bigrams(text: str) -> Counter[str]:
    """Counts of adjacent Han character pairs, whitespace ignored (pairs across other characters are skipped)."""
    return Counter(_HAN_PAIR.findall(ink(text)))


def cosine(left: str, right: str) -> float:
    """Cosine similarity of the bigram counts of ``left`` and ``right`` (0 when either has none)."""
    return counts_cosine(bigrams(left), bigrams(right))


def counts_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two count vectors (0 when either is empty)."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b[gram] for gram, value in a.items() if gram in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def containment(part: str, whole: str) -> float:
    """Share of the distinct bigrams of ``part`` that occur in ``whole`` (0 when ``part`` has none)."""
    a = set(bigrams(part))
    if not a:
        return 0.0
    return len(a & set(bigrams(whole))) / len(a)


def set_containment(part: Iterable[str], whole: Mapping[str, object]) -> float:
    """Share of the distinct bigrams ``part`` that occur in ``whole`` (0 when ``part`` is empty)."""
    grams = set(part)
    if not grams:
        return 0.0
    return sum(1 for gram in grams if gram in whole) / len(grams)


def inverse_frequencies(documents: Iterable[Counter[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of every bigram over ``documents`` (paragraphs of a page)."""
    frequency: Counter[str] = Counter()
    count = 0
    for document in documents:
        count += 1
        frequency.update(document.keys())
    return {gram: idf_of(count, df) for gram, df in frequency.items()}


def idf_of(documents: int, frequency: int) -> float:
    """The smoothed inverse document frequency of a bigram in ``frequency`` of ``documents``."""
    return math.log((documents + 1) / (frequency + 0.5))


def weighted(counts: Mapping[str, int], idf: Mapping[str, float]) -> dict[str, float]:
    """``counts`` weighted by ``idf`` (bigrams ``idf`` does not know get the highest weight seen)."""
    default = max(idf.values(), default=1.0)
    return {gram: count * idf.get(gram, default) for gram, count in counts.items()}
