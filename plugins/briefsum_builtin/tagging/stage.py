"""The category tagging stage."""

from __future__ import annotations

from dataclasses import replace

from briefsum.model import Article, ArticleKind, Document
from briefsum.stages import ArticleStage, Capability, Phase

from briefsum_builtin.tagging import categories


class TagStage(ArticleStage):
    """Tag articles with categories defined as weighted terms (policy, trade, energy, agriculture)."""

    name = "builtin.tags"
    version = "1"
    description = "Category tags with scores and evidence, from weighted terms"
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({Capability.TAGS})
    phase = Phase.TAGS

    def __init__(self) -> None:
        self._categories: tuple[categories.Category, ...] = ()

    def setup(self) -> None:
        """Read the category files."""
        self._categories = categories.builtin_categories()

    def process(self, article: Article, document: Document) -> Article:
        """Score every category; keep those above their thresholds."""
        if article.kind is not ArticleKind.ARTICLE and not article.sentences:
            return article
        title = article.title.text if article.title else ""
        texts = [s.text for s in article.sentences]
        found = (categories.score_category(c, title, texts) for c in self._categories)
        tags = tuple(sorted((t for t in found if t is not None), key=lambda t: (-t.score, t.category)))
        return replace(article, tags=article.tags + tags)
