"""Choosing summary sentences from scored sentences: length limits, redundancy, reading order."""

from __future__ import annotations

from collections.abc import Sequence

from briefsum.model import ScoredSentence, Sentence
from briefsum.options import Length

#: Sentences shorter than this (code points) are not summary candidates while longer ones exist
#: (textrank4zh's ``sentence_min_len``).
MIN_SENTENCE_CHARS = 6
#: A candidate whose character bigrams overlap an already chosen sentence's by this share (of the
#: smaller set) or more is a near-duplicate and skipped. 1.0 would skip only exact repeats.
DUPLICATE_OVERLAP = 0.8
#: Decimals to which scores are compared: closer ones tie (the earlier sentence wins).
TIE_DECIMALS = 12


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of ``text`` without whitespace (the text itself if shorter)."""
    compact = "".join(text.split())
    if len(compact) < 2:
        return frozenset([compact]) if compact else frozenset()
    return frozenset(compact[i : i + 2] for i in range(len(compact) - 1))


def overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """Overlap coefficient |A ∩ B| / min(|A|, |B|): 1.0 when one sentence repeats or contains the other."""
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def select(
    sentences: Sequence[Sentence],
    scores: Sequence[float],
    length: Length,
    *,
    duplicate_overlap: float | None = DUPLICATE_OVERLAP,
) -> tuple[ScoredSentence, ...]:
    """The best sentences within ``length``, in reading order.

    Candidates are taken by descending score (ties, to 12 decimals: earlier first). ``max_sentences`` and
    ``ratio`` (of all the article's sentences, rounded up, at least one) cap the count;
    ``max_chars`` caps the total length, is never exceeded, and no sentence is ever cut: a
    sentence that does not fit is skipped and shorter ones still may. A near-duplicate of a chosen
    sentence (see :data:`DUPLICATE_OVERLAP`; ``None`` turns this off) is skipped too.
    """
    if not sentences:
        return ()
    # Scores equal to 12 decimals are ties, broken by position: float noise must not reorder equals.
    order = sorted(range(len(sentences)), key=lambda i: (-round(scores[i], TIE_DECIMALS), i))
    candidates = [i for i in order if len(sentences[i].text) >= MIN_SENTENCE_CHARS] or order
    budget = min(length.sentence_budget(len(sentences)), len(candidates))
    chosen: list[int] = []
    chosen_bigrams: list[frozenset[str]] = []
    used = 0
    for index in candidates:
        if len(chosen) >= budget:
            break
        size = len(sentences[index].text)
        if length.max_chars is not None and used + size > length.max_chars:
            continue
        grams = bigrams(sentences[index].text)
        if duplicate_overlap is not None and any(overlap(grams, g) >= duplicate_overlap for g in chosen_bigrams):
            continue
        chosen.append(index)
        chosen_bigrams.append(grams)
        used += size
    return tuple(ScoredSentence(sentences[i], scores[i]) for i in sorted(chosen))
