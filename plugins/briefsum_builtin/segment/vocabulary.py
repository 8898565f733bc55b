"""The vocabulary of one page: its bigrams numbered once, windows of text and of paragraphs as vectors.

Every candidate gap of a page compares the text on its two sides (:mod:`.gaps`), and neighbouring
gaps look at the same paragraphs: the body on the right of one gap is the body on the left of the
next. A :class:`PageVocabulary` lives for the segmentation of one page. It numbers every pair of
adjacent Han characters of the page's text once (with whitespace left out, as
:func:`~.cohesion.bigrams` counts them), so that the bigrams of a stretch of lines are a slice of
one array and their counts one ``bincount``; the counts of a window are remembered, since
neighbouring gaps ask for the same ones.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from briefsum_builtin.segment.cohesion import bigrams, idf_of
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.roles import Chain, Role

#: A bigram in at most this many paragraphs of a page is rare there (a name, a place, a term).
RARE_PARAGRAPHS = 2
#: The Han characters whose adjacent pairs are counted (the range :func:`~.cohesion.bigrams` reads).
HAN_FIRST, HAN_LAST = 0x4E00, 0x9FFF
_CODE_BASE = 1 << 16


#: Every code point the regex ``\\s`` (which :func:`~.text.lines.ink` removes) matches, as ``str.isspace``.
SPACES: tuple[int, ...] = (
    *range(0x09, 0x0E),
    *range(0x1C, 0x21),
    0x85,
    0xA0,
    0x1680,
    *range(0x2000, 0x200B),
    0x2028,
    0x2029,
    0x202F,
    0x205F,
    0x3000,
)


@dataclass(frozen=True, slots=True)
class Window:
    """Bigram counts of a stretch of a page (raw, or weighted by rarity) and their squared norm.

    Weights are positive, so a bigram occurs in the window where its count is positive.
    """

    counts: npt.NDArray[np.float64]
    norm: float


def _weighted_counts(ids: npt.NDArray[np.intp], weights: npt.NDArray[np.float64], size: int) -> npt.NDArray[np.float64]:
    """The sum of ``weights`` per id in ``range(size)``."""
    return np.asarray(np.bincount(ids, weights=weights, minlength=size), dtype=np.float64)


def _code(gram: str) -> int:
    return ord(gram[0]) * _CODE_BASE + ord(gram[1])


class PageVocabulary:
    """The bigrams of a page, weighted by how rare each is among the page's paragraphs.

    ``chains`` are runs of consecutive lines in page order (as :func:`~.roles.classify` makes them).
    The bigrams of a chain are those of its own text (none across two chains); the inverse document
    frequency is counted over the body paragraphs (:class:`~.roles.Role.BODY` chains), and bigrams
    that occur in none of them (headline words) get the highest weight seen. Every chain asked about
    must be one of ``chains``.
    """

    __slots__ = (
        "_bounds",
        "_codes",
        "_ids",
        "_index",
        "_ink_before",
        "_inner_ids",
        "_lengths",
        "_line_offsets",
        "_ones",
        "_pair_starts",
        "_pair_weights",
        "_rare",
        "_spans",
        "_texts",
        "_weights",
        "_windows",
    )

    def __init__(self, infos: Sequence[LineInfo], chains: Iterable[Chain]) -> None:
        chains = list(chains)
        texts = [info.line.text for info in infos]
        self._line_offsets = [0, *np.cumsum([len(text) for text in texts]).tolist()]
        points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        space = np.zeros(max(SPACES) + 1, dtype=bool)
        space[list(SPACES)] = True
        visible = ~((points < len(space)) & space[np.minimum(points, len(space) - 1)])
        self._ink_before: list[int] = [0, *np.cumsum(visible).tolist()]  # characters of ink before each offset
        ink = points[visible]
        han = (ink >= HAN_FIRST) & (ink <= HAN_LAST)
        positions = np.flatnonzero(han[:-1] & han[1:])  # where a pair starts in the ink
        self._pair_starts: list[int] = positions.tolist()  # the same, for bisect
        self._ones = np.ones(len(positions))
        self._codes, ids = np.unique(ink[positions] * _CODE_BASE + ink[positions + 1], return_inverse=True)
        self._ids: npt.NDArray[np.intp] = ids.reshape(-1)
        size = len(self._codes)
        # The pairs inside each chain, chain after chain: a run of chains is a slice of them.
        for chain in chains:
            if chain.lines != tuple(range(chain.lines[0], chain.lines[-1] + 1)):
                raise ValueError("a chain of the vocabulary is not a run of consecutive lines")
        starts = np.array([self._ink_at(chain.lines[0]) for chain in chains], dtype=np.int64)
        ends = np.array([self._ink_at(chain.lines[-1] + 1) for chain in chains], dtype=np.int64)
        owner = np.searchsorted(starts, positions, side="right") - 1
        inside = (owner >= 0) & (positions + 1 < ends[np.maximum(owner, 0)]) if chains else owner < -1
        self._inner_ids = self._ids[inside]
        owner = owner[inside]
        self._bounds = np.searchsorted(owner, np.arange(len(chains) + 1)).tolist()
        self._index = {chain.lines[0]: k for k, chain in enumerate(chains)}
        self._lengths = [
            self._line_offsets[chain.lines[-1] + 1] - self._line_offsets[chain.lines[0]] for chain in chains
        ]
        # Document frequency: the distinct (chain, bigram) pairs of body chains, counted per bigram.
        body = np.array([chain.role is Role.BODY for chain in chains], dtype=bool)
        in_body = body[owner] if chains else owner < -1
        keys = np.sort(owner[in_body] * size + self._inner_ids[in_body])
        distinct = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
        frequency = np.bincount(distinct % size if size else distinct, minlength=size)
        paragraphs = int(body.sum())
        # One logarithm per document frequency, as cohesion.idf_of computes it; bigrams of no body
        # paragraph (frequency 0) get the highest weight seen.
        present = [int(df) for df in np.unique(frequency) if df]
        table = np.array([0.0] + [idf_of(paragraphs, df) for df in range(1, max(present, default=0) + 1)])
        table[0] = max((table[df] for df in present), default=1.0)
        self._weights = table[frequency]
        self._pair_weights = self._weights[self._inner_ids]
        self._rare = (frequency == 0) | (self._weights >= idf_of(paragraphs, RARE_PARAGRAPHS))
        self._windows: dict[tuple[int, int], Window] = {}
        self._spans: dict[tuple[int, int], Window] = {}
        self._texts: dict[str, Counter[str]] = {}

    def _ink_at(self, line: int) -> int:
        """Characters of ink before ``line``."""
        return int(self._ink_before[self._line_offsets[line]])

    def text_grams(self, text: str) -> Counter[str]:
        """:func:`~.cohesion.bigrams` of ``text``, counted once per page for the same text.

        The opening of a body is compared with the headline before it, the one after it and the
        body across each gap: the same stretch of text many times.
        """
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = bigrams(text)
        return found

    def window(self, chains: Sequence[Chain], budget: int) -> Window:
        """The weighted counts of ``chains`` (consecutive, in either direction) until ``budget`` characters."""
        first = self._index[chains[0].lines[0]]
        step = 1 if len(chains) < 2 or self._index[chains[1].lines[0]] > first else -1
        last, seen = first, 0
        for chain in chains:
            last = self._index[chain.lines[0]]
            seen += self._lengths[last]
            if seen >= budget:
                break
        key = (first, last) if step > 0 else (last, first)
        found = self._windows.get(key)
        if found is None:
            span = slice(self._bounds[key[0]], self._bounds[key[1] + 1])
            weighted = _weighted_counts(self._inner_ids[span], self._pair_weights[span], len(self._codes))
            found = self._windows[key] = Window(weighted, float(weighted @ weighted))
        return found

    def text_window(self, first: int, last: int, budget: int, *, from_end: bool = False) -> Window:
        """Raw counts of the text of lines ``first`` to ``last``: its first (or last) ``budget`` characters.

        The same counts as :func:`~.cohesion.bigrams` of ``text[:budget]`` (``text[-budget:]``),
        bigrams across chains included.
        """
        start, end = self._line_offsets[first], self._line_offsets[last + 1]
        if from_end:
            start = max(start, end - budget)
        else:
            end = min(end, start + budget)
        span = (
            bisect.bisect_left(self._pair_starts, self._ink_before[start]),
            bisect.bisect_left(self._pair_starts, self._ink_before[end] - 1),
        )
        found = self._spans.get(span)
        if found is None:
            # Counts as floats (weights of 1): dot products of whole numbers this small are exact.
            counts = _weighted_counts(self._ids[span[0] : span[1]], self._ones[span[0] : span[1]], len(self._codes))
            found = self._spans[span] = Window(counts, float(counts @ counts))
        return found

    def text_length(self, first: int, last: int) -> int:
        """Characters of lines ``first`` to ``last``."""
        return int(self._line_offsets[last + 1] - self._line_offsets[first])

    def cosine(self, left: Window, right: Window) -> float:
        """Cosine similarity of the counts of two windows (0 when either is empty)."""
        if not left.norm or not right.norm:
            return 0.0
        dot = float(left.counts @ right.counts)
        return dot / math.sqrt(left.norm * right.norm) if dot else 0.0

    def rare_shared(self, left: Window, right: Window) -> int:
        """Number of bigrams rare on the page (in at most :data:`RARE_PARAGRAPHS` paragraphs) in both windows."""
        return int(np.count_nonzero((left.counts > 0) & (right.counts > 0) & self._rare))

    def containment(self, grams: Collection[str], window: Window) -> float:
        """Share of the distinct bigrams ``grams`` that occur in ``window`` (0 when ``grams`` is empty)."""
        if not grams:
            return 0.0
        codes = np.array(sorted({_code(gram) for gram in grams}), dtype=np.int64)
        where = np.minimum(np.searchsorted(self._codes, codes), max(len(self._codes) - 1, 0))
        if not len(self._codes):
            return 0.0
        known = self._codes[where] == codes
        return int(np.count_nonzero(window.counts[where[known]] > 0)) / len(codes)
