"""The built-in stages: thin wrappers that apply the pure functions of this package to articles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from briefsum.errors import ConfigError
from briefsum.model import Article, ArticleKind, Document, Keyword
from briefsum.stages import ArticleStage, BaseStage, Capability, Phase

from briefsum_builtin import summary, tagging, textrank
from briefsum_builtin.body import split_body
from briefsum_builtin.page import segment_page
from briefsum_builtin.tokenize import JiebaTokenizer


class PageStage(BaseStage):
    """Split the text into articles (or keep it whole), with titles and bylines."""

    name = "builtin.page"
    version = "1"
    description = "Split a newspaper page into articles and captions; find titles and bylines"
    provides = frozenset({Capability.ARTICLES})
    phase = Phase.SEGMENT

    def run(self, document: Document) -> Document:
        """Fill ``document.articles`` from the text and the requested layout."""
        options = document.options
        return replace(document, articles=segment_page(document.text, options.layout, options.title))


class SentenceStage(ArticleStage):
    """Undo line wraps and split each article body into paragraphs and sentences."""

    name = "builtin.sentences"
    version = "1"
    description = "Paragraphs and sentences of each article, wraps undone, offsets kept"
    requires = frozenset({Capability.ARTICLES})
    provides = frozenset({Capability.SENTENCES})
    phase = Phase.SENTENCES

    def process(self, article: Article, document: Document) -> Article:
        """Split the article body."""
        paragraphs, sentences = split_body(document.text, article.body_span)
        return replace(article, paragraphs=paragraphs, sentences=sentences)


class JiebaStage(ArticleStage):
    """Segment every sentence into words with jieba (part-of-speech tagged)."""

    name = "builtin.tokens"
    version = "1"
    description = "Word segmentation and part-of-speech tags with jieba"
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({Capability.TOKENS})
    phase = Phase.TOKENS

    def __init__(self, options: Mapping[str, Any]) -> None:
        unknown = set(options) - {"user_dict"}
        if unknown:
            raise ConfigError(f"stage {self.name}: unknown options {sorted(unknown)}; known: user_dict")
        user_dict = options.get("user_dict")
        if user_dict is not None and not Path(user_dict).is_file():
            raise ConfigError(f"stage {self.name}: user_dict {user_dict} is not a file")
        self._tokenizer = JiebaTokenizer(Path(user_dict) if user_dict else None)

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
        self._stop = textrank.load_stopwords()
        textrank.rank_sentences([["检查"], ["检查"]])

    def process(self, article: Article, document: Document) -> Article:
        """Score every sentence, then select the summary."""
        words = [textrank.word_lists(tokens, self._stop)[1] for tokens in article.tokens]
        scores = tuple(textrank.rank_sentences(words))
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
        self._stop = textrank.load_stopwords()

    def process(self, article: Article, document: Document) -> Article:
        """Rank the article's words; keep ``keyword_count`` of them."""
        count = document.options.keyword_count
        if not count or not article.tokens:
            return replace(article, keywords=())
        views = [textrank.word_lists(tokens, self._stop) for tokens in article.tokens]
        ranked = textrank.rank_words([v[2] for v in views], [v[1] for v in views])
        keywords = [Keyword(word, round(weight, 6)) for word, weight in ranked if len(word) >= self.min_chars]
        return replace(article, keywords=tuple(keywords[:count]))


class TagStage(ArticleStage):
    """Tag articles with categories defined as weighted terms (policy, trade, energy, agriculture)."""

    name = "builtin.tags"
    version = "1"
    description = "Category tags with scores and evidence, from weighted terms"
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({Capability.TAGS})
    phase = Phase.TAGS

    def __init__(self) -> None:
        self._categories: tuple[tagging.Category, ...] = ()

    def setup(self) -> None:
        """Read the category files."""
        self._categories = tagging.builtin_categories()

    def process(self, article: Article, document: Document) -> Article:
        """Score every category; keep those above their thresholds."""
        if article.kind is not ArticleKind.ARTICLE and not article.sentences:
            return article
        title = article.title.text if article.title else ""
        texts = [s.text for s in article.sentences]
        found = (tagging.score_category(c, title, texts) for c in self._categories)
        tags = tuple(sorted((t for t in found if t is not None), key=lambda t: (-t.score, t.category)))
        return replace(article, tags=article.tags + tags)
