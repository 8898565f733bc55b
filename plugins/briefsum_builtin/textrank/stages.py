"""The stages: tokenisers (rjieba, jieba), summarisers (TextRank, textrank4zh) and keywords.

Options are validated when a stage is constructed, so a bad value stops start-up with a message
naming the stage and the option; files (dictionaries, stop words) are read in ``setup()``.

Tokens are computed once per sentence by whichever tokeniser stage runs; the summary, keyword and
keyphrase stages (and any plugin) all read ``Article.tokens``. Choose engines per request with
``stages`` or for the server with ``pipeline``; the defaults are ``builtin.tokens`` (rjieba) and
``builtin.textrank`` (vectorised, weighed by word salience and position; see :mod:`.priors`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar

import numpy as np
from briefsum.model import Article, Document, Keyword
from briefsum.stages import ArticleStage, Capability, Phase

from briefsum_builtin.textrank import keywords, priors, reference, sentences, summary
from briefsum_builtin.textrank.options import (
    JiebaOptions,
    KeywordOptions,
    TextRank4zhOptions,
    TextRankOptions,
    TokenOptions,
    parse_stage_options,
    user_dict_of,
)
from briefsum_builtin.textrank.shared import SharedWords
from briefsum_builtin.textrank.tokenize import JiebaTokenizer, RjiebaTokenizer, Tokenizer
from briefsum_builtin.textrank.words import article_views


class _TokenStage(ArticleStage):
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({Capability.TOKENS})
    phase = Phase.TOKENS

    options_model: ClassVar[type[TokenOptions]] = TokenOptions

    def __init__(self, options: Mapping[str, Any]) -> None:
        self.options = parse_stage_options(self.options_model, self.name, options)
        self._tokenizer: Tokenizer | None = None

    def _make_tokenizer(self) -> Tokenizer:
        """The segmenter, with the configured user dictionary read."""
        raise NotImplementedError

    def setup(self) -> None:
        """Read the user dictionary and load the segmenter's dictionary."""
        tokenizer = self._make_tokenizer()
        tokenizer.load()
        self._tokenizer = tokenizer

    def process(self, article: Article, document: Document) -> Article:
        """Tokenise each sentence."""
        if self._tokenizer is None:
            raise RuntimeError(f"stage {self.name}: setup() was not called")
        tokenize = self._tokenizer.tokenize
        return replace(article, tokens=tuple(tokenize(s.text) for s in article.sentences))


class RjiebaStage(_TokenStage):
    """Words and part-of-speech tags with rjieba (jieba-rs): the default tokeniser."""

    name = "builtin.tokens"
    version = "2"
    description = "Words and POS tags with rjieba (jieba-rs)"

    def _make_tokenizer(self) -> Tokenizer:
        return RjiebaTokenizer(user_dict_of(self.options))


class JiebaStage(_TokenStage):
    """Words and part-of-speech tags with ``jieba.posseg``, as textrank4zh tokenises."""

    name = "builtin.jieba"
    version = "1"
    description = "Words and POS tags with jieba.posseg (as textrank4zh)"
    default = False
    options_model = JiebaOptions
    options: JiebaOptions

    def _make_tokenizer(self) -> Tokenizer:
        return JiebaTokenizer(user_dict_of(self.options), self.options.cache_dir)


def _check_tokens(article: Article, stage: str) -> None:
    if len(article.tokens) != len(article.sentences):
        raise ValueError(f"{stage}: {len(article.tokens)} token lists for {len(article.sentences)} sentences")


class _SummaryStage(ArticleStage):
    requires = frozenset({Capability.SENTENCES, Capability.TOKENS})
    provides = frozenset({Capability.SUMMARY})
    phase = Phase.SUMMARY
    options_model: ClassVar[type[TextRankOptions] | type[TextRank4zhOptions]]

    def __init__(self, options: Mapping[str, Any], shared: SharedWords | None = None) -> None:
        self.options = parse_stage_options(self.options_model, self.name, options)
        self._shared = shared if shared is not None else SharedWords()
        self._stopwords: frozenset[str] = frozenset()

    def setup(self) -> None:
        """Read the stop words."""
        self._stopwords = self._shared.stopwords(self.options)


class TextRankStage(_SummaryStage):
    """TextRank summaries: textrank4zh's algorithm, vectorised, weighed by word salience and position.

    With ``debug`` requested, ``extensions["builtin.textrank"]`` holds each sentence's factors
    (``textrank``, ``salience``, ``position``; see :mod:`.priors`), parallel to the sentences.
    """

    name = "builtin.textrank"
    version = "3"
    description = "Summary: TextRank x word salience x position"
    options_model = TextRankOptions
    options: TextRankOptions

    def process(self, article: Article, document: Document) -> Article:
        """Score every sentence (TextRank x word salience x position), then select the summary."""
        options = self.options
        _check_tokens(article, self.name)
        if not article.sentences:
            return replace(article, sentence_scores=(), summary=())
        words = self._shared.analyse(article.tokens, self._stopwords)
        views = words.views
        textrank = sentences.rank_sentences([view.no_stop for view in views])
        salience = priors.word_salience(views, words.ranked) if options.salience_weight else None
        position = priors.position_prior(len(views))
        combined = priors.combine(
            textrank,
            salience if salience is not None else np.ones(len(views)),
            position,
            salience_weight=options.salience_weight,
            position_weight=options.position_weight,
        )
        scores = tuple(float(s) for s in combined)
        chosen = summary.select(
            article.sentences, scores, document.options.length, duplicate_overlap=options.duplicate_overlap
        )
        article = replace(article, sentence_scores=scores, summary=chosen)
        if document.options.debug:
            factors = {"textrank": textrank, "position": position}
            if salience is not None:
                factors["salience"] = salience
            explained = {name: [round(float(v), 6) for v in values] for name, values in factors.items()}
            article = replace(article, extensions={**article.extensions, self.name: explained})
        return article


class TextRank4zhStage(_SummaryStage):
    """The textrank4zh package's own sentence ranking, on the shared tokens: the reference engine."""

    name = "builtin.textrank4zh"
    version = "1"
    description = "Summary: the textrank4zh package (reference)"
    default = False
    options_model = TextRank4zhOptions

    def setup(self) -> None:
        """Read the stop words and check that textrank4zh runs with this networkx."""
        super().setup()
        reference.rank_sentences([["检查"], ["检查"]])

    def process(self, article: Article, document: Document) -> Article:
        """Score every sentence with textrank4zh, then select the summary (no near-duplicate filter)."""
        _check_tokens(article, self.name)
        words = [view.no_stop for view in article_views(article.tokens, self._stopwords)]
        scores = tuple(reference.rank_sentences(words))
        chosen = summary.select(article.sentences, scores, document.options.length, duplicate_overlap=None)
        return replace(article, sentence_scores=scores, summary=chosen)


class KeywordStage(ArticleStage):
    """Keywords and keyphrases by TextRank over word co-occurrence (textrank4zh's, deterministic)."""

    name = "builtin.keywords"
    version = "2"
    description = "Keywords and keyphrases (textrank4zh's TextRank)"
    requires = frozenset({Capability.SENTENCES, Capability.TOKENS})
    provides = frozenset({Capability.KEYWORDS})
    phase = Phase.KEYWORDS

    def __init__(self, options: Mapping[str, Any], shared: SharedWords | None = None) -> None:
        self.options = parse_stage_options(KeywordOptions, self.name, options)
        self._shared = shared if shared is not None else SharedWords()
        self._stopwords: frozenset[str] = frozenset()

    def setup(self) -> None:
        """Read the stop words."""
        self._stopwords = self._shared.stopwords(self.options)

    def process(self, article: Article, document: Document) -> Article:
        """Rank the article's words; keep ``keyword_count`` keywords and keyphrases."""
        count = document.options.keyword_count
        if not count or not article.tokens:
            return replace(article, keywords=(), keyphrases=())
        options = self.options
        _check_tokens(article, self.name)
        analysis = self._shared.analyse(article.tokens, self._stopwords, options.window)
        ranked = analysis.ranked
        words = [Keyword(w.text, w.weight) for w in ranked if len(w.text) >= options.min_chars][:count]
        phrases = keywords.keyphrases(
            analysis.views,
            [s.text for s in article.sentences],
            ranked,
            candidates=options.keyphrase_candidates,
            min_occurrences=options.keyphrase_min_occurrences,
        )
        return replace(
            article, keywords=tuple(words), keyphrases=tuple(Keyword(p.text, p.weight) for p in phrases[:count])
        )
