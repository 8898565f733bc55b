"""Segmentation stages: page -> articles, article body -> paragraphs and sentences."""

from __future__ import annotations

from dataclasses import replace

from briefsum.model import Article, Document
from briefsum.stages import ArticleStage, BaseStage, Capability, Phase

from briefsum_builtin.segment.body import split_body
from briefsum_builtin.segment.page import segment_page


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
