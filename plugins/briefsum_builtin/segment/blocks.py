"""From chains to blocks: runs of headline material and runs of body text, cut at candidate boundaries.

A body block ends where the next item's text may begin: at a headline block, at a dateline
(本报讯…), after a photo credit or a signature, or where the column width changes between paragraphs.
These are candidates only: :mod:`.boundaries` decides which of them really separate two items (a
subheading, a second dateline of one report, a picture inside an article do not).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.features import LineInfo, split_dateline
from briefsum_builtin.segment.roles import Chain, Role
from briefsum_builtin.segment.wraps import INDENT_ALLOWANCE, WIDTH_TOLERANCE

#: Neighbouring paragraphs whose columns differ by at least this many em are a candidate boundary.
COLUMN_CHANGE = 1.5
#: Chains searched on each side of a gap for a paragraph with a known column width.
WIDTH_SEARCH = 3


class Cause(enum.Enum):
    """Why a body block starts a new item (explain-as-data for debugging and tests)."""

    START = "start"
    DATELINE = "dateline"
    CREDIT = "credit"
    COLUMN = "column"
    HEAD = "head"
    SIGNATURE = "signature"
    CAPTION = "caption"


def closing(infos: Sequence[LineInfo], chain: Chain) -> Cause | None:
    """How ``chain`` ends an item, if it does.

    A photo credit ends a caption (though a captioned picture may sit inside an article); a signature
    or source note ends an article.
    """
    text = "".join(infos[i].line.text for i in chain.lines)
    if chain.role is Role.CREDIT or patterns.TRAILING_CREDIT.search(text):
        return Cause.CREDIT
    if chain.role is Role.NOTE and patterns.NOTE_LINE.match(text):
        return Cause.SIGNATURE if patterns.SIGNATURE.search(text) else None
    last = infos[chain.lines[-1]].line.text
    if re.search(r"[。！？][”’]?[（(]", last) and patterns.SIGNATURE.search(last):
        return Cause.SIGNATURE
    return None


class BlockKind(enum.Enum):
    """Headline material or body text."""

    HEAD = "head"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Block:
    """Consecutive chains of one kind; a body block records why it starts a new item."""

    kind: BlockKind
    chains: tuple[Chain, ...]
    cause: Cause = Cause.HEAD

    @property
    def lines(self) -> tuple[int, ...]:
        """Indices of the block's lines."""
        return tuple(index for chain in self.chains for index in chain.lines)


def group(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> list[Block]:
    """Group chains into head and body blocks; datelines and credits start new bodies."""
    blocks: list[Block] = []
    current: list[Chain] = []
    kind: BlockKind | None = None
    cause = Cause.START
    closed: Cause | None = None
    for number, chain in enumerate(chains):
        head = chain.role in {Role.HEAD, Role.REPORTERS}
        first = infos[chain.lines[0]]
        opens = chain.role is Role.DATELINE or (
            chain.role is Role.BODY and (first.dateline > 0 or split_dateline(infos, chain.lines))
        )
        caption = not opens and kind is BlockKind.BODY and _opens_caption(infos, chains, number)
        # Numbered captions of one picture story (1、… 2、…) run on after each credit.
        if closed is Cause.CREDIT and first.marker:
            closed = None
        if head:
            if kind is not BlockKind.HEAD:
                if current and kind is not None:
                    blocks.append(Block(kind, tuple(current), cause))
                current, kind = [], BlockKind.HEAD
        elif kind is not BlockKind.BODY or opens or caption or closed is not None:
            if current and kind is not None:
                blocks.append(Block(kind, tuple(current), cause))
            if opens:
                cause = Cause.DATELINE
            elif caption and closed is None:
                cause = Cause.CAPTION
            elif closed is not None and kind is BlockKind.BODY:
                cause = closed
            else:
                cause = Cause.HEAD if kind is BlockKind.HEAD else Cause.START
            current, kind = [], BlockKind.BODY
        current.append(chain)
        closed = closing(infos, chain)
    if current and kind is not None:
        blocks.append(Block(kind, tuple(current), cause))
    return blocks


def _opens_caption(infos: Sequence[LineInfo], chains: Sequence[Chain], index: int) -> bool:
    """Whether body chain ``index`` opens a photo caption.

    It does when it mentions a picture (图为…) and a credit line follows it directly or after one
    more paragraph.
    """
    chain = chains[index]
    if chain.role is not Role.BODY or infos[chain.lines[0]].marker:
        return False
    if not any(infos[i].caption_cue for i in chain.lines):
        following = chains[index + 1 : index + 2]
        if not following or not any(infos[i].caption_cue for i in following[0].lines):
            return False
    return any(c.role is Role.CREDIT for c in chains[index + 1 : index + 3])


def _known_width(chains: Sequence[Chain], indices: range) -> tuple[int, float] | None:
    for index in indices:
        width = chains[index].width
        if width is not None:
            return index, width
    return None


def _belongs_after(infos: Sequence[LineInfo], chain: Chain, before: float, after: float) -> bool:
    """Whether a short paragraph between two columns is set in the second one."""
    first = infos[chain.lines[0]]
    if first.terminal and len(chain.lines) == 1:
        return first.width > before + WIDTH_TOLERANCE
    # A full or indented first line: which column does it fit better?
    distance_before = min(abs(first.width - before), abs(first.width + INDENT_ALLOWANCE - before))
    distance_after = min(abs(first.width - after), abs(first.width + INDENT_ALLOWANCE - after))
    return distance_after < distance_before


def _column_cut(infos: Sequence[LineInfo], chains: Sequence[Chain], gap: int, start: int) -> int | None:
    """Where the text after chain ``gap - 1`` changes column, if it does.

    Returns the index of the first chain in the new column (``None`` when the columns agree or a side
    is unknown).
    """
    before = _known_width(chains, range(gap - 1, max(start, gap - WIDTH_SEARCH) - 1, -1))
    after = _known_width(chains, range(gap, min(len(chains), gap + WIDTH_SEARCH)))
    if before is None or after is None:
        return None
    (_, width_before), (index_after, width_after) = before, after
    if abs(width_before - width_after) < COLUMN_CHANGE:
        return None
    for index in range(gap, index_after):
        if _belongs_after(infos, chains[index], width_before, width_after):
            return index
    return index_after


def split_columns(infos: Sequence[LineInfo], block: Block) -> list[Block]:
    """Cut a body block wherever the column width changes between paragraphs."""
    if block.kind is not BlockKind.BODY:
        return [block]
    chains = block.chains
    pieces: list[Block] = []
    start = 0
    gap = 1
    while gap < len(chains):
        previous = chains[gap - 1]
        if chains[gap].role is not Role.BODY or not infos[previous.lines[-1]].terminal:
            gap += 1
            continue
        cut = _column_cut(infos, chains, gap, start)
        if cut is not None and cut > start:
            pieces.append(Block(BlockKind.BODY, chains[start:cut], block.cause if not pieces else Cause.COLUMN))
            start = cut
            gap = cut + 1
            continue
        gap += 1
    pieces.append(Block(BlockKind.BODY, chains[start:], block.cause if not pieces else Cause.COLUMN))
    return pieces


def candidate_blocks(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> list[Block]:
    """Head and body blocks of a page, bodies cut at every candidate boundary."""
    return [piece for block in group(infos, chains) for piece in split_columns(infos, block)]
