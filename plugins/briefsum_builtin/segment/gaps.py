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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.blocks import Block, Cause, closing
from briefsum_builtin.segment.cohesion import (
    bigrams,
    containment,
    cosine,
    counts_cosine,
    idf_of,
    inverse_frequencies,
    set_containment,
    weighted,
)
from briefsum_builtin.segment.features import LineInfo
from briefsum_builtin.segment.orientation import Orientation, orientation
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
#: A bigram in at most this many paragraphs of a page is rare there (a name, a place, a term).
RARE_PARAGRAPHS = 2

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
    grams: Mapping[int, Counter[str]] = field(default_factory=dict)
    idf: Mapping[str, float] = field(default_factory=dict)
    #: Bigrams weighted at least this much occur in at most :data:`RARE_PARAGRAPHS` paragraphs.
    rare_idf: float = math.inf

    def chain_grams(self, infos: Sequence[LineInfo], chain: Chain) -> Counter[str]:
        """The bigram counts of ``chain``."""
        found = self.grams.get(chain.lines[0])
        if found is None:
            found = bigrams("".join(infos[i].line.text for i in chain.lines))
        return found


def page_stats(infos: Sequence[LineInfo], chains: Sequence[Chain] = (), blocks: Sequence[Block] = ()) -> PageStats:
    """What is typical of a page: blank lines, column widths, headline side and vocabulary."""
    blanks = [info.line.blank_before for info in infos[1:]]
    widths = [chain.width for chain in chains if chain.width is not None and not chain.rough]
    one_column = False
    if len(widths) >= ONE_COLUMN_PARAGRAPHS:
        middle = statistics.median(widths)
        one_column = sum(abs(w - middle) <= 1.0 for w in widths) >= ONE_COLUMN_SHARE * len(widths)
    grams = {chain.lines[0]: bigrams("".join(infos[i].line.text for i in chain.lines)) for chain in chains}
    idf = inverse_frequencies(grams[chain.lines[0]] for chain in chains if chain.role is Role.BODY)
    side = orientation(infos, blocks) if blocks else Orientation.BEFORE
    paragraphs = sum(1 for chain in chains if chain.role is Role.BODY)
    rare_idf = idf_of(paragraphs, RARE_PARAGRAPHS)
    return PageStats(float(statistics.median(blanks)) if blanks else 0.0, one_column, side, grams, idf, rare_idf)


def _window(stats: PageStats, infos: Sequence[LineInfo], chains: Sequence[Chain], budget: int) -> Counter[str]:
    """Bigram counts of ``chains`` (in the order given) until ``budget`` characters are covered."""
    total: Counter[str] = Counter()
    seen = 0
    for chain in chains:
        total.update(stats.chain_grams(infos, chain))
        seen += sum(len(infos[i].line.text) for i in chain.lines)
        if seen >= budget:
            break
    return total


def _inner(stats: PageStats, infos: Sequence[LineInfo], chains: Sequence[Chain]) -> float:
    """How much the first of ``chains`` shares with the ones after it (weighted cosine; 0 for one chain)."""
    if len(chains) < 2:
        return 0.0
    first = weighted(stats.chain_grams(infos, chains[0]), stats.idf)
    return counts_cosine(first, weighted(_window(stats, infos, chains[1:], WIDE_WINDOW), stats.idf))


def _agency(text: str) -> str:
    return text[:3] if text.startswith(("新华社", "中新社")) else text[:2]


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
    column = right.cause is Cause.COLUMN and not is_head
    boundary_line = head_infos[0] if head_infos else first_right
    left_lines = [i for chain in left.chains for i in chain.lines][-TABLE_LINES:]
    right_lines = [i for chain in right.chains for i in chain.lines][:TABLE_LINES]
    extra_blanks = max(0.0, min(boundary_line.line.blank_before - stats.median_blank_lines, 2.0)) / 2.0
    left_wide = _window(stats, infos, tuple(reversed(left.chains)), WIDE_WINDOW)
    right_wide = _window(stats, infos, right.chains, WIDE_WINDOW)
    left_narrow = stats.chain_grams(infos, left.chains[-1])
    right_narrow = stats.chain_grams(infos, right.chains[0])
    idf_wide = counts_cosine(weighted(left_wide, stats.idf), weighted(right_wide, stats.idf))
    idf_narrow = counts_cosine(weighted(left_narrow, stats.idf), weighted(right_narrow, stats.idf))
    rare = sum(1 for gram in left_wide if gram in right_wide and stats.idf.get(gram, math.inf) >= stats.rare_idf)
    after = stats.side is Orientation.AFTER
    head_grams = bigrams(head_text) if is_head else Counter()
    left_opening = _window(stats, infos, left.chains, WIDE_WINDOW)
    match_right = set_containment(head_grams, right_wide) if is_head else 0.0
    match_left = set_containment(head_grams, left_opening) if is_head else 0.0
    own, other = (match_left, match_right) if after else (match_right, match_left)
    first_left = infos[left.chains[0].lines[0]]
    left_inner = _inner(stats, infos, tuple(reversed(left.chains)))
    right_inner = _inner(stats, infos, right.chains)
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
    )
