"""briefsum's built-in stages and categories, registered through the same hooks as any third-party plugin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from briefsum.hookspecs import hookimpl

if TYPE_CHECKING:
    from briefsum.categories import CategorySource
    from briefsum.plugins import ProvidedCategory
    from briefsum.stages import Stage


@hookimpl
def briefsum_categories(options: Mapping[str, Mapping[str, Any]]) -> Sequence[CategorySource]:
    """The four built-in categories: policy, trade, energy, agriculture (``tagging/data/*.toml``)."""
    from briefsum_builtin.tagging.categories import builtin_category_files

    return builtin_category_files()


@hookimpl
def briefsum_stages(
    options: Mapping[str, Mapping[str, Any]], categories: Sequence[ProvidedCategory]
) -> Sequence[Stage]:
    """Page segmentation, sentences, jieba tokens, TextRank summary, keywords and tags."""
    from briefsum_builtin.segment import stages as segment
    from briefsum_builtin.tagging.stage import TagStage
    from briefsum_builtin.textrank import stages as textrank

    return [
        segment.PageStage(),
        segment.SentenceStage(),
        textrank.JiebaStage(options.get(textrank.JiebaStage.name, {})),
        textrank.TextRankStage(),
        textrank.KeywordStage(),
        TagStage(options.get(TagStage.name, {}), categories),
    ]
