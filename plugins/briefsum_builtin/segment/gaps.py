"""What is known about a gap between two stretches of body text that might be an article boundary.

A gap is where one item may end and the next begin: a headline block between two bodies, a
dateline opening a paragraph, a photo credit or signature closing one, or a change of column
width. :func:`gap_features` describes a gap as a fixed vector of numbers (explain-as-data: the
names in :data:`FEATURES` say what each one is); :mod:`.boundaries` weighs them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.blocks import Block, Cause, closing
from briefsum_builtin.segment.cohesion import containment, cosine
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.roles import Chain, Role

#: Characters of text compared on each side of a gap (long and short windows).
WIDE_WINDOW = 400
NARROW_WINDOW = 150
#: A page has one column width when this share of its paragraphs (at least this many) agree within 1 em.
ONE_COLUMN_SHARE = 0.85
ONE_COLUMN_PARAGRAPHS = 6
#: Lines looked at on each side of a gap for table rows.
TABLE_LINES = 5
#: Width differences are capped at this many em (and scaled by it into [0, 1]).
MAX_WIDTH_DIFFERENCE = 10.0
#: Headline blocks of at least this many lines are verse or lists.
VERSE_LINES = 5

#: The features of a gap, in order. Each is a number, mostly in [0, 1].
FEATURES: tuple[str, ...] = (
    "head",
    "head_lines",
    "head_forced",
    "head_dash",
    "head_marker",
    "head_name",
    "head_tabular",
    "head_lead_in",
    "head_verse",
    "dateline",
    "credit",
    "signature",
    "column",
    "widths_known",
    "widths_rough",
    "width_difference",
    "same_column",
    "cosine_wide",
    "cosine_narrow",
    "head_matches_right",
    "head_matches_left_opening",
    "continuation_opening",
    "right_list_item",
    "left_announces_list",
    "left_tabular",
    "right_tabular",
    "left_length",
    "right_length",
    "left_terminal",
    "extra_blank_lines",
    "right_indented",
    "credit_line",
    "right_caption",
    "one_column_page",
    "head_x_one_column_page",
    "head_x_same_column",
    "head_x_cosine",
    "dateline_x_same_column",
    "column_x_cosine",
)


@dataclass(frozen=True, slots=True)
class PageStats:
    """What is typical of a page, for comparison.

    Blank lines between lines, and whether every paragraph is set in one column width (then a
    shared column says nothing about articles).
    """

    median_blank_lines: float
    one_column: bool = False


def page_stats(infos: Sequence[LineInfo], chains: Sequence[Chain] = ()) -> PageStats:
    """Typical blank lines between two lines of the page, and whether it has a single column width."""
    blanks = [info.line.blank_before for info in infos[1:]]
    widths = [chain.width for chain in chains if chain.width is not None and not chain.rough]
    one_column = False
    if len(widths) >= ONE_COLUMN_PARAGRAPHS:
        middle = statistics.median(widths)
        one_column = sum(abs(w - middle) <= 1.0 for w in widths) >= ONE_COLUMN_SHARE * len(widths)
    return PageStats(float(statistics.median(blanks)) if blanks else 0.0, one_column)


def _text(infos: Sequence[LineInfo], chains: Sequence[Chain]) -> str:
    return "".join(infos[i].line.text for chain in chains for i in chain.lines)


def _width(chains: Sequence[Chain]) -> tuple[float | None, bool]:
    """The nearest known column width and whether it is rough (see :attr:`Chain.rough`)."""
    chain = next((chain for chain in chains if chain.width is not None), None)
    return (chain.width, chain.rough) if chain is not None else (None, False)


def _credit_line(infos: Sequence[LineInfo], chain: Chain) -> bool:
    """Whether ``chain`` is a photo credit on a line of its own, unbracketed (本报记者 张野 摄).

    That marks a separate picture; bracketed credits (（新华社记者X摄）) also follow pictures inside
    articles.
    """
    return chain.role is Role.CREDIT and not infos[chain.lines[0]].line.text.startswith(("（", "("))


def _tabular_share(infos: Sequence[LineInfo], lines: Sequence[int]) -> float:
    return sum(infos[i].tabular for i in lines) / len(lines) if lines else 0.0


def _length(text: str) -> float:
    return min(math.log1p(len(text)) / 10.0, 1.0)


def gap_features(
    infos: Sequence[LineInfo], left: Block, head: Block | None, right: Block, stats: PageStats
) -> tuple[float, ...]:
    """The features of the gap between body blocks ``left`` and ``right`` (``head`` in between, if any)."""
    head_lines = list(head.lines) if head is not None else []
    head_infos = [infos[i] for i in head_lines]
    head_text = "".join(info.line.text for info in head_infos)
    left_text = _text(infos, left.chains)
    right_text = _text(infos, right.chains)
    first_right = infos[right.chains[0].lines[0]]
    last_left = infos[left.chains[-1].lines[-1]]
    closed = closing(infos, left.chains[-1])
    (width_left, rough_left), (width_right, rough_right) = _width(tuple(reversed(left.chains))), _width(right.chains)
    known = width_left is not None and width_right is not None
    difference = abs(width_left - width_right) if width_left is not None and width_right is not None else 0.0
    same = known and difference <= 1.0
    wide = cosine(left_text[-WIDE_WINDOW:], right_text[:WIDE_WINDOW])
    narrow = cosine(left_text[-NARROW_WINDOW:], right_text[:NARROW_WINDOW])
    is_head = head is not None
    dateline = right.cause is Cause.DATELINE
    column = not is_head and not dateline and closed is None
    boundary_line = head_infos[0] if head_infos else first_right
    left_lines = [i for chain in left.chains for i in chain.lines][-TABLE_LINES:]
    right_lines = [i for chain in right.chains for i in chain.lines][:TABLE_LINES]
    extra_blanks = max(0.0, min(boundary_line.line.blank_before - stats.median_blank_lines, 2.0)) / 2.0
    return (
        float(is_head),
        min(len(head_lines), 6) / 6.0,
        float(any(info.forced for info in head_infos)),
        float(any(info.dash for info in head_infos)),
        float(bool(head_infos) and head_infos[0].marker),
        float(any(patterns.is_name_line(info.line.text) for info in head_infos)),
        _tabular_share(infos, head_lines),
        float(bool(head_infos) and bool(patterns.LEAD_IN_END.search(head_infos[0].line.text))),
        float(len(head_lines) >= VERSE_LINES),
        float(dateline),
        float(closed is Cause.CREDIT),
        float(closed is Cause.SIGNATURE),
        float(column),
        float(known),
        float(known and (rough_left or rough_right)),
        min(difference, MAX_WIDTH_DIFFERENCE) / MAX_WIDTH_DIFFERENCE,
        float(same),
        wide,
        narrow,
        containment(head_text, right_text[:WIDE_WINDOW]) if is_head else 0.0,
        containment(head_text, left_text[:WIDE_WINDOW]) if is_head else 0.0,
        float(bool(patterns.CONTINUATION_OPENING.match(first_right.line.text))),
        float(first_right.marker),
        float(last_left.line.text.endswith(("：", ":"))),
        _tabular_share(infos, left_lines),
        _tabular_share(infos, right_lines),
        _length(left_text),
        _length(right_text),
        float(last_left.terminal),
        extra_blanks,
        float(first_right.line.indented),
        float(_credit_line(infos, left.chains[-1])),
        float(any(_credit_line(infos, chain) for chain in right.chains[1:3])),
        float(stats.one_column),
        float(is_head and stats.one_column),
        float(is_head and same),
        wide if is_head else 0.0,
        float(dateline and same),
        wide if column else 0.0,
    )
