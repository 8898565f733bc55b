"""Choosing summary sentences from ranked sentences under a length limit."""

from __future__ import annotations

from collections.abc import Sequence

from briefsum.model import ScoredSentence, Sentence
from briefsum.options import Length

#: Sentences shorter than this (code points) are not summary candidates while longer ones exist
#: (textrank4zh's ``sentence_min_len``).
MIN_SENTENCE_CHARS = 6


def select(sentences: Sequence[Sentence], scores: Sequence[float], length: Length) -> tuple[ScoredSentence, ...]:
    """The best sentences within ``length``, in reading order.

    Candidates are taken by descending score (ties: earlier first). ``max_chars`` is never exceeded
    and no sentence is cut: a sentence that does not fit is skipped and shorter ones still may.
    """
    if not sentences:
        return ()
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    long_enough = [i for i in order if len(sentences[i].text) >= MIN_SENTENCE_CHARS]
    candidates = long_enough or order
    budget = length.sentence_budget(len(candidates))
    chosen: list[int] = []
    used = 0
    for index in candidates:
        if len(chosen) >= budget:
            break
        size = len(sentences[index].text)
        if length.max_chars is not None and used + size > length.max_chars:
            continue
        chosen.append(index)
        used += size
    return tuple(ScoredSentence(sentences[i], scores[i]) for i in sorted(chosen))
