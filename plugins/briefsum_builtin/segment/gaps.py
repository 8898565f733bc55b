"""What is known about a gap between two stretches of body text that might be an article boundary.

A gap is where one item may end and the next begin: a headline block between two bodies, a
dateline opening a paragraph, a photo credit or signature closing one, or a change of column
width. :func:`gap_features` describes a gap as a fixed vector of numbers (explain-as-data: the
names in :data:`FEATURES` say what each one is); :mod:`.boundaries` weighs them.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.blocks import Block, Cause, closing
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.orientation import Orientation, orientation
from briefsum_builtin.segment.roles import Chain, Role
from briefsum_builtin.segment.vocabulary import PageVocabulary

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
    "idf_cosine_wide",
    "idf_cosine_narrow",
    "rare_shared",
    "orientation_after",
    "head_own",
    "head_other",
    "head_own_minus_other",
    "left_dateline",
    "left_paragraphs",
    "right_news_opening",
    "left_titled",
    "head_chars",
    "head_clausal",
    "right_dateline_agency_same",
    "right_lead_day",
    "left_inner",
    "right_inner",
    "depth",
    "head_author",
)


@dataclass(frozen=True, slots=True)
class PageStats:
    """What is typical of a page, for comparison.

    Blank lines between lines, whether every paragraph is set in one column width (then a shared
    column says nothing about articles), the side the page prints its headlines on, and the
    vocabulary of every paragraph (bigram counts, weighted by how rare each bigram is on the page).
    """

    median_blank_lines: float
    one_column: bool = False
    side: Orientation = Orientation.BEFORE
    vocabulary: PageVocabulary = field(default_factory=lambda: PageVocabulary((), ()))


def page_stats(infos: Sequence[LineInfo], chains: Sequence[Chain] = (), blocks: Sequence[Block] = ()) -> PageStats:
    """What is typical of a page: blank lines, column widths, headline side and vocabulary."""
    blanks = [info.line.blank_before for info in infos[1:]]
    widths = [chain.width for chain in chains if chain.width is not None and not chain.rough]
    one_column = False
    if len(widths) >= ONE_COLUMN_PARAGRAPHS:
        middle = statistics.median(widths)
        one_column = sum(abs(w - middle) <= 1.0 for w in widths) >= ONE_COLUMN_SHARE * len(widths)
    vocabulary = PageVocabulary(infos, chains)
    side = orientation(infos, blocks, vocabulary) if blocks else Orientation.BEFORE
    median = float(statistics.median(blanks)) if blanks else 0.0
    return PageStats(median, one_column, side, vocabulary)


def _inner(vocabulary: PageVocabulary, chains: Sequence[Chain]) -> float:
    """How much the first of ``chains`` shares with the ones after it (weighted cosine; 0 for one chain)."""
    if len(chains) < 2:
        return 0.0
    return vocabulary.cosine(vocabulary.window(chains[:1], 0), vocabulary.window(chains[1:], WIDE_WINDOW))


def _agency(text: str) -> str:
    return text[:3] if text.startswith(("新华社", "中新社")) else text[:2]


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


def _author_chain(infos: Sequence[LineInfo], chain: Chain) -> bool:
    """Whether ``chain`` signs an article (中国人民银行行长戴相龙, wrapped or not): subheadings are not signed."""
    return len(chain.lines) <= 2 and patterns.is_author_line("".join(infos[i].line.text for i in chain.lines))


def _tabular_share(infos: Sequence[LineInfo], lines: Sequence[int]) -> float:
    return sum(infos[i].tabular for i in lines) / len(lines) if lines else 0.0


def _length(characters: int) -> float:
    return min(math.log1p(characters) / 10.0, 1.0)


def gap_features(
    infos: Sequence[LineInfo], left: Block, head: Block | None, right: Block, stats: PageStats
) -> tuple[float, ...]:
    """The features of the gap between body blocks ``left`` and ``right`` (``head`` in between, if any)."""
    head_lines = list(head.lines) if head is not None else []
    head_infos = [infos[i] for i in head_lines]
    head_text = "".join(info.line.text for info in head_infos)
    left_first, left_last = left.chains[0].lines[0], left.chains[-1].lines[-1]
    right_first, right_last = right.chains[0].lines[0], right.chains[-1].lines[-1]
    first_right = infos[right.chains[0].lines[0]]
    last_left = infos[left.chains[-1].lines[-1]]
    closed = closing(infos, left.chains[-1])
    (width_left, rough_left), (width_right, rough_right) = _width(tuple(reversed(left.chains))), _width(right.chains)
    known = width_left is not None and width_right is not None
    difference = abs(width_left - width_right) if width_left is not None and width_right is not None else 0.0
    same = known and difference <= 1.0
    vocabulary = stats.vocabulary
    right_start = vocabulary.text_window(right_first, right_last, WIDE_WINDOW)
    wide = vocabulary.cosine(vocabulary.text_window(left_first, left_last, WIDE_WINDOW, from_end=True), right_start)
    narrow = vocabulary.cosine(
        vocabulary.text_window(left_first, left_last, NARROW_WINDOW, from_end=True),
        vocabulary.text_window(right_first, right_last, NARROW_WINDOW),
    )
    is_head = head is not None
    dateline = right.cause is Cause.DATELINE
    column = right.cause is Cause.COLUMN and not is_head
    boundary_line = head_infos[0] if head_infos else first_right
    left_lines = [i for chain in left.chains for i in chain.lines][-TABLE_LINES:]
    right_lines = [i for chain in right.chains for i in chain.lines][:TABLE_LINES]
    extra_blanks = max(0.0, min(boundary_line.line.blank_before - stats.median_blank_lines, 2.0)) / 2.0
    backwards = tuple(reversed(left.chains))
    left_wide = vocabulary.window(backwards, WIDE_WINDOW)
    right_wide = vocabulary.window(right.chains, WIDE_WINDOW)
    idf_wide = vocabulary.cosine(left_wide, right_wide)
    idf_narrow = vocabulary.cosine(vocabulary.window(left.chains[-1:], 0), vocabulary.window(right.chains[:1], 0))
    rare = vocabulary.rare_shared(left_wide, right_wide)
    after = stats.side is Orientation.AFTER
    head_grams = vocabulary.text_grams(head_text) if is_head else Counter()
    left_opening = vocabulary.window(left.chains, WIDE_WINDOW)
    match_right = vocabulary.containment(head_grams, right_wide) if is_head else 0.0
    match_left = vocabulary.containment(head_grams, left_opening) if is_head else 0.0
    own, other = (match_left, match_right) if after else (match_right, match_left)
    first_left = infos[left.chains[0].lines[0]]
    left_inner = _inner(vocabulary, backwards)
    right_inner = _inner(vocabulary, right.chains)
    body_chains = sum(1 for chain in left.chains if chain.role is Role.BODY)
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
        vocabulary.containment(head_grams, right_start) if is_head else 0.0,
        vocabulary.containment(head_grams, vocabulary.text_window(left_first, left_last, WIDE_WINDOW))
        if is_head
        else 0.0,
        float(bool(patterns.CONTINUATION_OPENING.match(first_right.line.text))),
        float(first_right.marker),
        float(last_left.line.text.endswith(("：", ":"))),
        _tabular_share(infos, left_lines),
        _tabular_share(infos, right_lines),
        _length(vocabulary.text_length(left_first, left_last)),
        _length(vocabulary.text_length(right_first, right_last)),
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
        idf_wide,
        idf_narrow,
        min(rare, 10) / 10.0,
        float(after),
        own,
        other,
        own - other,
        float(first_left.dateline > 0),
        min(math.log1p(body_chains) / 3.0, 1.0),
        float(bool(patterns.NEWS_OPENING.match(first_right.line.text[first_right.dateline :]))),
        float(left.cause is Cause.HEAD),
        min(len(head_text), 60) / 60.0,
        sum(info.clausal for info in head_infos) / len(head_infos) if head_infos else 0.0,
        float(dateline and first_left.dateline > 0 and _agency(first_left.line.text) == _agency(first_right.line.text)),
        float(
            bool(patterns.LEAD_DAY.search(first_right.line.text[first_right.dateline :], 0, patterns.LEAD_DAY_CHARS))
        ),
        left_inner,
        right_inner,
        left_inner + right_inner - 2 * idf_narrow,
        float(head is not None and any(_author_chain(infos, chain) for chain in head.chains)),
    )
