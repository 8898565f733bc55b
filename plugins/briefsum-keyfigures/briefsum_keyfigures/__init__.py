"""briefsum-keyfigures: the key figures of Chinese government briefings, as a briefsum plugin.

Adds the stage ``keyfigures.figures``: for every article, each figure's indicator (what it
measures), value and unit, change, period and offsets, in ``Article.extensions["keyfigures.figures"]``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from briefsum import hookimpl
from briefsum.stages import Stage

from briefsum_keyfigures.stage import STAGE_NAME, FiguresStage

__version__ = "0.1.0"
__all__ = ["STAGE_NAME", "FiguresStage", "__version__", "briefsum_stages"]


@hookimpl
def briefsum_stages(options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
    """Register the key-figures stage."""
    return [FiguresStage(options.get(STAGE_NAME, {}))]
