"""briefsum's built-in stages, registered through the same hooks as any third-party plugin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from briefsum.hookspecs import hookimpl
from briefsum.stages import Stage


@hookimpl
def briefsum_stages(options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
    """Page segmentation, sentences, jieba tokens, TextRank summary, keywords and tags."""
    from briefsum_builtin.segment import stages as segment
    from briefsum_builtin.tagging import stage as tagging
    from briefsum_builtin.textrank import stages as textrank

    return [
        segment.PageStage(),
        segment.SentenceStage(),
        textrank.JiebaStage(options.get(textrank.JiebaStage.name, {})),
        textrank.TextRankStage(),
        textrank.KeywordStage(),
        tagging.TagStage(),
    ]
