"""One analysis of an article's words for both the summary and the keyword stage.

The summary stage weighs sentences by their words' TextRank weights; the keyword stage returns
those same weights as keywords. Both read the same ``Article.tokens`` in the same request, so the
word views and the word ranking are computed once and handed to the second stage: a small
per-thread memo keyed by the identity of the token tuple (kept alive by the memo, so the identity
cannot be reused) and the stop-word set. It is a pure cache: a miss only costs time.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from briefsum.model import Token

from briefsum_builtin.memo import RequestMemo
from briefsum_builtin.textrank.keywords import WINDOW, RankedWord, rank_words
from briefsum_builtin.textrank.options import StopwordOptions, stopwords_of
from briefsum_builtin.textrank.words import WordViews, article_views

#: Analyses remembered per thread: a request's stages run one after another in one thread, each
#: over all the articles of a page (the summary stage for every article, then the keyword stage),
#: so this covers a page of up to this many articles.
MEMO_SIZE = 64


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    """An article's word views (one per sentence) and its ranked keyword candidates."""

    views: tuple[WordViews, ...]
    ranked: tuple[RankedWord, ...]


class SharedWords:
    """Word views and rankings shared by the stages that receive the same instance."""

    def __init__(self) -> None:
        self._analyses: RequestMemo[WordAnalysis] = RequestMemo(MEMO_SIZE)
        self._stopwords: dict[tuple[object, ...], frozenset[str]] = {}
        self._lock = threading.Lock()

    def stopwords(self, options: StopwordOptions) -> frozenset[str]:
        """The stop words ``options`` ask for, loaded once and shared, so that memo keys match."""
        key = (options.default_stopwords, options.stopwords, options.stopwords_file)
        with self._lock:
            found = self._stopwords.get(key)
            if found is None:
                found = stopwords_of(options)
                self._stopwords[key] = found
            return found

    def analyse(
        self, tokens: Sequence[Sequence[Token]], stopwords: frozenset[str], window: int = WINDOW
    ) -> WordAnalysis:
        """The views and word ranking of ``tokens``; computed at most once per request."""

        def compute() -> WordAnalysis:
            views = article_views(tokens, stopwords)
            return WordAnalysis(views, rank_words(views, window))

        return self._analyses.get((tokens, stopwords), window, compute)
