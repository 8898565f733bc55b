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
    """Page segmentation, sentences, tokens (rjieba or jieba), summaries (TextRank or textrank4zh), keywords, tags."""
    from briefsum_builtin.segment import stages as segment
    from briefsum_builtin.segment.shared import SharedLines
    from briefsum_builtin.tagging.stage import TagStage
    from briefsum_builtin.textrank import stages as textrank
    from briefsum_builtin.textrank.shared import SharedWords

    # The summary and keyword stages share one analysis of each article's words.
    words = SharedWords()
    # The page and sentence stages share one description of the text's lines.
    lines = SharedLines()
    return [
        segment.PageStage(lines),
        segment.SentenceStage(lines),
        textrank.RjiebaStage(options.get(textrank.RjiebaStage.name, {})),
        textrank.JiebaStage(options.get(textrank.JiebaStage.name, {})),
        textrank.TextRankStage(options.get(textrank.TextRankStage.name, {}), words),
        textrank.TextRank4zhStage(options.get(textrank.TextRank4zhStage.name, {}), words),
        textrank.KeywordStage(options.get(textrank.KeywordStage.name, {}), words),
        TagStage(options.get(TagStage.name, {}), categories),
    ]
