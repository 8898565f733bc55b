"""The category tagging stage: every configured category scored on every article."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from briefsum.model import Article, Document, Evidence, Span, Tag, TextField
from briefsum.plugins import ProvidedCategory
from briefsum.stages import ArticleStage, Capability, Phase

from briefsum_builtin.tagging.config import ActiveCategory, parse_options, select_categories
from briefsum_builtin.tagging.matcher import Matcher, compile_matcher
from briefsum_builtin.tagging.offsets import locate
from briefsum_builtin.tagging.scoring import (
    BYLINE_ZONE,
    SUBTITLE_ZONE,
    TITLE_ZONE,
    TermEvidence,
    Verdict,
    score_category,
)


class TagStage(ArticleStage):
    """Tag articles with categories defined as weighted terms (policy, trade, energy, agriculture, …).

    With ``debug`` requests, categories that scored but were not given are reported with the
    reason in ``Article.extensions["builtin.tags"]["rejected"]``.
    """

    name = "builtin.tags"
    version = "4"
    description = "Category tags with scores and evidence, from weighted terms"
    requires = frozenset({Capability.SENTENCES})
    provides = frozenset({Capability.TAGS})
    phase = Phase.TAGS

    def __init__(self, options: Mapping[str, Any], categories: Sequence[ProvidedCategory]) -> None:
        self._raw_options = dict(options)
        self._provided = tuple(categories)
        self._max_evidence = 0
        self._active: tuple[tuple[ActiveCategory, Matcher], ...] = ()

    @property
    def categories(self) -> tuple[ActiveCategory, ...]:
        """The categories this stage scores (after :meth:`setup`), by name."""
        return tuple(active for active, _ in self._active)

    def setup(self) -> None:
        """Validate the options, read the category folder (if any) and compile every category.

        A bad option or category file raises :class:`~briefsum.errors.ConfigError`, which stops
        start-up with the file and field named.
        """
        options = parse_options(self._raw_options)
        self._max_evidence = options.max_evidence
        active = select_categories(options, self._provided)
        self._active = tuple((category, compile_matcher(category.definition)) for category in active)

    def process(self, article: Article, document: Document) -> Article:
        """Score every category; keep those that pass, with their evidence, highest score first."""
        heads = {TITLE_ZONE: article.title, SUBTITLE_ZONE: article.subtitle, BYLINE_ZONE: article.byline}
        head_texts = {zone: field.text for zone, field in heads.items() if field is not None and field.text}
        sentences = [s.text for s in article.sentences]
        verdicts = [score_category(c.definition, m, head_texts, sentences) for c, m in self._active]
        tags = tuple(
            sorted(
                (self._tag(v, article, heads, document.text) for v in verdicts if v.tagged),
                key=lambda t: (-t.score, t.category),
            )
        )
        article = replace(article, tags=article.tags + tags)
        if document.options.debug:
            rejected = [_rejected(v) for v in verdicts if not v.tagged and v.evidence]
            article = replace(article, extensions={**article.extensions, self.name: {"rejected": rejected}})
        return article

    def _tag(self, verdict: Verdict, article: Article, heads: Mapping[int, TextField | None], source: str) -> Tag:
        evidence = tuple(_evidence(e, article, heads, source) for e in verdict.evidence[: self._max_evidence])
        return Tag(verdict.category, verdict.score, evidence)


def _evidence(item: TermEvidence, article: Article, heads: Mapping[int, TextField | None], source: str) -> Evidence:
    hit = item.first
    if hit.zone >= 0:
        sentence = article.sentences[hit.zone]
        zone_span: Span | None = sentence.span
        zone_text = sentence.text
        index: int | None = hit.zone
    else:
        head = heads[hit.zone]
        zone_span = head.span if head is not None else None
        zone_text = head.text if head is not None else ""
        index = None
    match = locate(source, zone_span, zone_text, hit.start, hit.end) if zone_span is not None else None
    return Evidence(item.term, round(item.weight, 4), index, item.count, zone_span, match)


def _rejected(verdict: Verdict) -> dict[str, Any]:
    return {
        "category": verdict.category,
        "score": verdict.score,
        "threshold": verdict.threshold,
        "reason": verdict.reason,
        "evidence": [
            {
                "term": e.term,
                "weight": round(e.weight, 4),
                "count": e.count,
                "sentence": e.first.zone if e.first.zone >= 0 else None,
            }
            for e in verdict.evidence
        ],
    }
