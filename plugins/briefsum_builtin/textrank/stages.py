"""Word segmentation, TextRank summary and keyword stages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefsum.errors import ConfigError
from briefsum.model import Article, Document, Keyword
from briefsum.stages import ArticleStage, Capability, Phase

from briefsum_builtin.textrank import ranking, summary
from briefsum_builtin.textrank.tokenize import JiebaTokenizer


class JiebaStage(ArticleStage):
    """Segment every sentence into words with jieba (part-of-speech tagged)."""

    name = "builtin.tokens"
    version = "1"
    description = "Word segmentation and part-of-speech tags with jieba"
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({Capability.TOKENS})
    phase = Phase.TOKENS

    def __init__(self, options: Mapping[str, Any]) -> None:
        unknown = set(options) - {"user_dict", "cache_dir"}
        if unknown:
            raise ConfigError(f"stage {self.name}: unknown options {sorted(unknown)}; known: cache_dir, user_dict")
        user_dict = options.get("user_dict")
        if user_dict is not None and not Path(user_dict).is_file():
            raise ConfigError(f"stage {self.name}: user_dict {user_dict} is not a file")
        cache_dir = options.get("cache_dir")
        if cache_dir is not None and not Path(cache_dir).is_dir():
            raise ConfigError(f"stage {self.name}: cache_dir {cache_dir} is not a directory")
        self._tokenizer = JiebaTokenizer(Path(user_dict) if user_dict else None, Path(cache_dir) if cache_dir else None)

    def setup(self) -> None:
        """Load jieba's dictionary."""
        self._tokenizer.load()

    def process(self, article: Article, document: Document) -> Article:
        """Tokenise each sentence."""
        return replace(article, tokens=tuple(self._tokenizer.tokenize(s.text) for s in article.sentences))


class TextRankStage(ArticleStage):
    """Rank sentences with TextRank and keep the best within the requested length."""

    name = "builtin.textrank"
    version = "1"
    description = "Extractive summary: TextRank (textrank4zh) over the article's sentences"
    requires = frozenset({Capability.SENTENCES, Capability.TOKENS})
    provides = frozenset({Capability.SUMMARY})
    phase = Phase.SUMMARY

    def __init__(self) -> None:
        self._stop: frozenset[str] = frozenset()

    def setup(self) -> None:
        """Load the stop words and check that textrank4zh works with this networkx."""
        self._stop = ranking.load_stopwords()
        ranking.rank_sentences([["检查"], ["检查"]])

    def process(self, article: Article, document: Document) -> Article:
        """Score every sentence, then select the summary."""
        words = [ranking.word_lists(tokens, self._stop)[1] for tokens in article.tokens]
        scores = tuple(ranking.rank_sentences(words))
        chosen = summary.select(article.sentences, scores, document.options.length)
        return replace(article, sentence_scores=scores, summary=chosen)


class KeywordStage(ArticleStage):
    """Keywords by TextRank over the word co-occurrence graph (textrank4zh)."""

    name = "builtin.keywords"
    version = "1"
    description = "Keywords by TextRank over word co-occurrence (textrank4zh)"
    requires = frozenset({Capability.TOKENS})
    provides = frozenset({Capability.KEYWORDS})
    phase = Phase.KEYWORDS
    #: Single characters are rarely useful keywords in Chinese.
    min_chars = 2

    def __init__(self) -> None:
        self._stop: frozenset[str] = frozenset()

    def setup(self) -> None:
        """Load the stop words."""
        self._stop = ranking.load_stopwords()

    def process(self, article: Article, document: Document) -> Article:
        """Rank the article's words; keep ``keyword_count`` of them."""
        count = document.options.keyword_count
        if not count or not article.tokens:
            return replace(article, keywords=())
        views = [ranking.word_lists(tokens, self._stop) for tokens in article.tokens]
        ranked = ranking.rank_words([v[2] for v in views], [v[1] for v in views])
        keywords = [Keyword(word, round(weight, 6)) for word, weight in ranked if len(word) >= self.min_chars]
        return replace(article, keywords=tuple(keywords[:count]))
