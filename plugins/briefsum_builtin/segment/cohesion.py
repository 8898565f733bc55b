"""Lexical cohesion: how much two stretches of Chinese text share their vocabulary.

Two parts of one article repeat names, places and terms; two articles of one page mostly do not
(TextTiling's observation, Hearst 1997). Character bigrams of Han text stand in for words, so no
dictionary is needed and the measure is fast and deterministic.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from briefsum_builtin.segment.text.lines import ink

#: Every pair of adjacent Han characters, overlapping pairs included (a lookahead does not consume).
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def bigrams(text: str) -> Counter[str]:
    """Counts of adjacent Han character pairs, whitespace ignored (pairs across other characters are skipped)."""
    return Counter(_HAN_PAIR.findall(ink(text)))


def cosine(left: str, right: str) -> float:
    """Cosine similarity of the bigram counts of ``left`` and ``right`` (0 when either has none)."""
    a, b = bigrams(left), bigrams(right)
    if not a or not b:
        return 0.0
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def containment(part: str, whole: str) -> float:
    """Share of the distinct bigrams of ``part`` that occur in ``whole`` (0 when ``part`` has none)."""
    a = set(bigrams(part))
    if not a:
        return 0.0
    return len(a & set(bigrams(whole))) / len(a)
