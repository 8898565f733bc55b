"""On which side of their bodies a page prints its headlines.

Pages extracted from PDFs put headline blocks either before their bodies or after them, consistently
within a page (the headline is typeset apart from the text flow). The side is decided once per page
from the evidence of all its headlines: a headline shares its words with its own article's opening,
and a page begins or ends with a headline block on the side its headlines are on.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

from briefsum_builtin.segment.blocks import Block, BlockKind
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.roles import Chain, Role
from briefsum_builtin.segment.vocabulary import PageVocabulary, Window

#: Weight of the page's first and last blocks in the orientation vote (each headline adds the
#: difference of its word overlap with the following and the preceding article, in [-1, 1]).
STRUCTURE_WEIGHT = 0.25
#: No single headline block sways the orientation by more than this (one subheading that matches
#: the text after it must not outvote the page's headlines).
MAX_HEADLINE_VOTE = 0.5
#: Characters of an article's opening compared with a headline.
OPENING_CHARS = 400


class Orientation(enum.Enum):
    """Where a page's headline blocks are relative to their bodies."""

    BEFORE = "before"
    AFTER = "after"


def _text(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> str:
    return "".join(infos[i].line.text for chain in chains for i in chain.lines)


def _displays(block: Block) -> bool:
    """Whether ``block`` is a headline block with display lines (not only a reporters' line)."""
    return block.kind is BlockKind.HEAD and any(chain.role is Role.HEAD for chain in block.chains)


def orientation(
    infos: Sequence[LineInfo], blocks: Sequence[Block], vocabulary: PageVocabulary | None = None
) -> Orientation:
    """Whether the page's headlines precede or follow their bodies.

    ``vocabulary`` is the page's (made from ``blocks`` when not given).
    """
    if not any(block.kind is BlockKind.HEAD for block in blocks):
        return Orientation.BEFORE
    score = STRUCTURE_WEIGHT if _displays(blocks[0]) else -STRUCTURE_WEIGHT
    score += -STRUCTURE_WEIGHT if _displays(blocks[-1]) else STRUCTURE_WEIGHT
    if vocabulary is None:
        vocabulary = PageVocabulary(infos, [chain for block in blocks for chain in block.chains])

    def opening(index: int) -> Window:
        lines = blocks[index].lines
        return vocabulary.text_window(lines[0], lines[-1], OPENING_CHARS)

    for index in range(1, len(blocks) - 1):
        head = blocks[index]
        if head.kind is not BlockKind.HEAD:
            continue
        display = [c for c in head.chains if c.role is Role.HEAD]
        words = vocabulary.text_grams(_text(infos, display))
        difference = vocabulary.containment(words, opening(index + 1)) - vocabulary.containment(
            words, opening(index - 1)
        )
        score += max(-MAX_HEADLINE_VOTE, min(MAX_HEADLINE_VOTE, difference))
    return Orientation.BEFORE if score > 0 else Orientation.AFTER
