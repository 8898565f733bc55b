"""briefsum's built-in stages, registered through the same hooks as any third-party plugin."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from briefsum.hookspecs import hookimpl
from briefsum.stages import Stage


@hookimpl
def briefsum_stages(options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
    """Page segmentation, sentences, jieba tokens, TextRank summary, keywords and tags."""
    from briefsum_builtin import stages

    return [
        stages.PageStage(),
        stages.SentenceStage(),
        stages.JiebaStage(options.get(stages.JiebaStage.name, {})),
        stages.TextRankStage(),
        stages.KeywordStage(),
        stages.TagStage(),
    ]
