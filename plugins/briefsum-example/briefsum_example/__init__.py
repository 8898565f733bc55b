"""An example briefsum plugin: article length and reading time as a plugin extension."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from briefsum import hookimpl
from briefsum.model import Article, Document
from briefsum.stages import ArticleStage, Capability, Phase, Stage

__version__ = "0.1.0"

#: Reading speed of Chinese text, characters per minute.
CHARS_PER_MINUTE = 500


class StatsStage(ArticleStage):
    """Adds ``{"chars", "sentences", "reading_minutes"}`` to every article."""

    name = "example.stats"
    version = "1"
    description = "Article length and reading time (example plugin)"
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({"example.stats"})
    phase = Phase.ENRICH

    def process(self, article: Article, document: Document) -> Article:
        """Count the article's characters and sentences."""
        chars = sum(len(s.text) for s in article.sentences)
        stats = {
            "chars": chars,
            "sentences": len(article.sentences),
            "reading_minutes": round(chars / CHARS_PER_MINUTE, 1),
        }
        return replace(article, extensions={**article.extensions, self.name: stats})


@hookimpl
def briefsum_stages(options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
    """Register the example stage."""
    return [StatsStage()]
