"""From chains to blocks: runs of headline material and runs of body text, split into items.

A body block is the text of one item. It ends where the next item's text begins: at a dateline
(本报讯…), after a photo credit, where the column width changes between paragraphs while the
vocabulary does not carry on (a new article set in another column), or at a headline block. A
one-line "headline" between two stretches of one column that share their vocabulary, or that is
numbered (一、…), is a subheading inside an article and joins the body around it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.cohesion import cosine
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.roles import Chain, Role
from briefsum_builtin.segment.wraps import INDENT_ALLOWANCE, WIDTH_TOLERANCE

#: Columns of two neighbouring articles differ by at least this many em to count as a change.
WIDTH_JUMP = 2.5
#: Text on both sides of a candidate boundary compared for cohesion, in characters.
COHESION_WINDOW = 400
#: At or above this bigram cosine two stretches of text are taken to be one article.
SAME_ARTICLE_COHESION = 0.12
#: Bodies split only by a dateline or a credit, in one column, are one item at or above this cosine.
CONTINUATION_COHESION = 0.15
#: Around a one-line headline between two stretches of one column, a lower bar: a subheading.
SUBHEADING_COHESION = 0.08
#: A subheading inside an article has at most this many lines.
MAX_SUBHEADING_LINES = 2
#: A run of at least this many display lines inside a body is verse or a list, not headlines.
MIN_VERSE_LINES = 5
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


def _closes(infos: Sequence[LineInfo], chain: Chain) -> Cause | None:
    """How ``chain`` ends an item, if it does: a photo credit (a caption ends, though a captioned
    picture may sit inside an article) or a signature or source note (the article ends).
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


def _text(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> str:
    return "".join(infos[i].line.text for chain in chains for i in chain.lines)


def group(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> list[Block]:
    """Group chains into head and body blocks; datelines and credits start new bodies."""
    blocks: list[Block] = []
    current: list[Chain] = []
    kind: BlockKind | None = None
    cause = Cause.START
    closed: Cause | None = None
    for chain in chains:
        head = chain.role in {Role.HEAD, Role.REPORTERS}
        first = infos[chain.lines[0]]
        opens = chain.role is Role.DATELINE or (chain.role is Role.BODY and first.dateline > 0)
        # Numbered captions of one picture story (1、… 2、…) run on after each credit.
        if closed is Cause.CREDIT and first.marker:
            closed = None
        if head:
            if kind is not BlockKind.HEAD:
                if current and kind is not None:
                    blocks.append(Block(kind, tuple(current), cause))
                current, kind = [], BlockKind.HEAD
        elif kind is not BlockKind.BODY or opens or closed is not None:
            if current and kind is not None:
                blocks.append(Block(kind, tuple(current), cause))
            if opens:
                cause = Cause.DATELINE
            elif closed is not None and kind is BlockKind.BODY:
                cause = closed
            else:
                cause = Cause.HEAD if kind is BlockKind.HEAD else Cause.START
            current, kind = [], BlockKind.BODY
        current.append(chain)
        closed = _closes(infos, chain)
    if current and kind is not None:
        blocks.append(Block(kind, tuple(current), cause))
    return blocks


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
    """Where the text after chain ``gap - 1`` changes column, if it does: the index of the first
    chain in the new column (``None`` when the columns agree or a side is unknown).
    """
    before = _known_width(chains, range(gap - 1, max(start, gap - 1 - WIDTH_SEARCH), -1))
    after = _known_width(chains, range(gap, min(len(chains), gap + WIDTH_SEARCH)))
    if before is None or after is None:
        return None
    (_, width_before), (index_after, width_after) = before, after
    if abs(width_before - width_after) < WIDTH_JUMP:
        return None
    for index in range(gap, index_after):
        if _belongs_after(infos, chains[index], width_before, width_after):
            return index
    return index_after


def _continues_text(
    infos: Sequence[LineInfo], before: Sequence[Chain], after: Sequence[Chain], threshold: float = SAME_ARTICLE_COHESION
) -> bool:
    """Whether the text after a candidate boundary carries on the text before it."""
    opening = infos[after[0].lines[0]].line.text
    if patterns.CONTINUATION_OPENING.match(opening):
        return True
    left = _text(infos, before)[-COHESION_WINDOW:]
    right = _text(infos, after)[:COHESION_WINDOW]
    return cosine(left, right) >= threshold


def split_columns(infos: Sequence[LineInfo], block: Block) -> list[Block]:
    """Split a body block where the column width changes and the text does not carry on."""
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
        if cut is not None and cut > start and not _continues_text(infos, chains[start:cut], chains[cut:]):
            pieces.append(Block(BlockKind.BODY, chains[start:cut], block.cause if not pieces else Cause.COLUMN))
            start = cut
            gap = cut + 1
            continue
        gap += 1
    pieces.append(Block(BlockKind.BODY, chains[start:], block.cause if not pieces else Cause.COLUMN))
    return pieces


def _is_subheading(infos: Sequence[LineInfo], head: Block, before: Block, after: Block) -> bool:
    """Whether a head block between two bodies is a subheading of one article."""
    lines = head.lines
    if after.cause is Cause.DATELINE or _closes(infos, before.chains[-1]) is not None:
        return False
    if len(lines) >= MIN_VERSE_LINES and not any(infos[i].forced for i in lines):
        return True  # verse or a list: no headline block is that long
    if len(lines) > MAX_SUBHEADING_LINES:
        return False
    if any(infos[i].forced or infos[i].dash for i in lines):
        return False
    if infos[lines[0]].marker:
        return True
    width_before = next((c.width for c in reversed(before.chains) if c.width is not None), None)
    width_after = next((c.width for c in after.chains if c.width is not None), None)
    if width_before is not None and width_after is not None and abs(width_before - width_after) >= WIDTH_JUMP:
        return False
    return _continues_text(infos, before.chains, after.chains, SUBHEADING_COHESION)


def merge_subheadings(infos: Sequence[LineInfo], blocks: Sequence[Block]) -> list[Block]:
    """Fold subheadings (and the bodies around them) into one body block."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if (
            block.kind is BlockKind.HEAD
            and result
            and result[-1].kind is BlockKind.BODY
            and index + 1 < len(blocks)
            and blocks[index + 1].kind is BlockKind.BODY
            and _is_subheading(infos, block, result[-1], blocks[index + 1])
        ):
            before = result.pop()
            after = blocks[index + 1]
            result.append(Block(BlockKind.BODY, before.chains + block.chains + after.chains, before.cause))
            index += 2
            continue
        result.append(block)
        index += 1
    return result


def _same_column(before: Block, after: Block) -> bool:
    width_before = next((c.width for c in reversed(before.chains) if c.width is not None), None)
    width_after = next((c.width for c in after.chains if c.width is not None), None)
    return width_before is not None and width_after is not None and abs(width_before - width_after) < WIDTH_JUMP


def merge_continuations(infos: Sequence[LineInfo], blocks: Sequence[Block]) -> list[Block]:
    """Join bodies that a dateline or a credit split although no headline separates them, they share
    a column and the text carries on: one report with several datelines (综合报道), or an article
    with a captioned picture inside.
    """
    result: list[Block] = []
    for block in blocks:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.kind is BlockKind.BODY
            and block.kind is BlockKind.BODY
            and block.cause in {Cause.DATELINE, Cause.CREDIT}
            and _same_column(previous, block)
            and _continues_text(infos, previous.chains, block.chains, CONTINUATION_COHESION)
        ):
            result[-1] = Block(BlockKind.BODY, previous.chains + block.chains, previous.cause)
            continue
        result.append(block)
    return result


def segment_blocks(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> list[Block]:
    """Head and body blocks of a page, one body block per item."""
    blocks = [piece for block in group(infos, chains) for piece in split_columns(infos, block)]
    return merge_subheadings(infos, merge_continuations(infos, blocks))
