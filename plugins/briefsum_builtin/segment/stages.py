"""Segmentation stages: page -> articles, article body -> paragraphs and sentences."""

from __future__ import annotations

from dataclasses import replace

from briefsum.model import Article, Document
from briefsum.stages import ArticleStage, BaseStage, Capability, Phase

from briefsum_builtin.segment.body import split_body
from briefsum_builtin.segment.boundaries import BoundaryModel, load_model
from briefsum_builtin.segment.features import DescribedText
from briefsum_builtin.segment.page import segment_page
from briefsum_builtin.segment.shared import SharedLines


class PageStage(BaseStage):
    """Split the text into articles (or keep it whole), with titles and bylines."""

    name = "builtin.page"
    version = "1"
    description = "Split a newspaper page into articles and captions; find titles and bylines"
    provides = frozenset({Capability.ARTICLES})
    phase = Phase.SEGMENT

    def __init__(self, lines: SharedLines | None = None) -> None:
        self._model: BoundaryModel | None = None
        self._lines = lines if lines is not None else SharedLines()

    def setup(self) -> None:
        """Load the boundary model."""
        self._model = load_model()

    def run(self, document: Document) -> Document:
        """Fill ``document.articles`` from the text and the requested layout."""
        if self._model is None:
            self.setup()
        options = document.options
        described = self._lines.described(document.text)
        articles = segment_page(document.text, options.layout, options.title, self._model, described)
        return replace(document, articles=articles)


class SentenceStage(ArticleStage):
    """Undo line wraps and split each article body into paragraphs and sentences."""

    name = "builtin.sentences"
    version = "1"
    description = "Paragraphs and sentences of each article, wraps undone, offsets kept"
    requires = frozenset({Capability.ARTICLES})
    provides = frozenset({Capability.SENTENCES})
    phase = Phase.SENTENCES

    def __init__(self, lines: SharedLines | None = None) -> None:
        self._lines = lines if lines is not None else SharedLines()

    def run(self, document: Document) -> Document:
        """Split every article body, reading the lines of the text once for all of them."""
        if not document.articles:
            return document
        described = self._lines.described(document.text)
        return replace(
            document, articles=tuple(self._split(article, document, described) for article in document.articles)
        )

    def process(self, article: Article, document: Document) -> Article:
        """Split the article body."""
        return self._split(article, document, None)

    @staticmethod
    def _split(article: Article, document: Document, described: DescribedText | None) -> Article:
        paragraphs, sentences = split_body(document.text, article.body_span, described)
        return replace(article, paragraphs=paragraphs, sentences=sentences)
