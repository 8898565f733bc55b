"""ROUGE-1/2/L on characters, for Chinese: Google's ``rouge-score`` with a character tokenizer.

``rouge-score``'s default tokenizer keeps only ``[a-z0-9]`` and would see nothing in Chinese text.
Chinese summarisation papers (LCSTS, CLTS) score on characters, which needs no word segmenter and
so cannot favour one. Here a token is one letter or digit character after NFKC normalisation and
case folding (full-width ``１９９８`` and ``ＧＤＰ`` match ``1998`` and ``gdp``); punctuation, symbols
and whitespace are dropped.

Needs the ``eval`` extra (``pip install 'briefsum[eval]'``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from briefsum.errors import ConfigError

#: The ROUGE variants reported, in table order.
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


def char_tokens(text: str) -> list[str]:
    """The letters and digits of ``text``, one token each, NFKC-normalised and case-folded."""
    normalized = unicodedata.normalize("NFKC", text).casefold()
    return [char for char in normalized if unicodedata.category(char)[0] in "LN"]


class CharTokenizer:
    """A ``rouge_score`` tokenizer (it needs only a ``tokenize`` method) over :func:`char_tokens`."""

    def tokenize(self, text: str) -> list[str]:
        """Character tokens of ``text``."""
        return char_tokens(text)


@dataclass(frozen=True, slots=True)
class RougeF:
    """ROUGE-1, ROUGE-2 and ROUGE-L F-measures of one summary (or a mean), in [0, 1]."""

    rouge1: float
    rouge2: float
    rougeL: float  # noqa: N815 - the metric's own name

    @staticmethod
    def mean(scores: Sequence[RougeF]) -> RougeF:
        """The macro average of ``scores`` (all zeros for none)."""
        if not scores:
            return RougeF(0.0, 0.0, 0.0)
        count = len(scores)
        return RougeF(
            sum(s.rouge1 for s in scores) / count,
            sum(s.rouge2 for s in scores) / count,
            sum(s.rougeL for s in scores) / count,
        )


class CharRouge:
    """Scores summaries against references on characters."""

    def __init__(self) -> None:
        try:
            from rouge_score import rouge_scorer
        except ImportError:
            raise ConfigError(
                "ROUGE needs the rouge-score package: pip install 'briefsum[eval]' (or pip install rouge-score)"
            ) from None
        self._scorer: Any = rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=CharTokenizer())

    def score(self, summary: str, reference: str) -> RougeF:
        """F-measures of ``summary`` against ``reference`` (0 when either has no characters)."""
        scores = self._scorer.score(reference, summary)
        return RougeF(*(float(scores[kind].fmeasure) for kind in ROUGE_TYPES))
