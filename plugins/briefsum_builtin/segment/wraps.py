"""Which lines continue on the next one: hard wraps, told apart from headlines by column width.

Every column of a page has its own width, and every line of a paragraph but the last fills it (the
first may be shorter by the paragraph indent). A line continues on the next one when it is as wide as
the column the next line belongs to; a headline is a line that does not, whatever its width. Lines
joined this way form *chains*: paragraphs, or the lines of a headline block.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from briefsum_builtin.segment.features import LineInfo

#: Widths of two full lines of one column differ by at most this many em (compressed punctuation,
#: half-width digits and hanging punctuation make full lines a little uneven).
WIDTH_TOLERANCE = 2.0
#: A paragraph's first line may be this many em shorter than the column (the indent the extractor
#: dropped), give or take :data:`INDENT_TOLERANCE`.
INDENT_ALLOWANCE = 2.0
INDENT_TOLERANCE = 1.5
#: A line at least this much shorter than the full lines after it is indented (or in another column).
INDENT_MINIMUM = 1.5
#: The words that end a dateline (本报讯, 新华社…电).
DATELINE_ENDS = "讯电"
#: Lines looked at after a line to learn the width of its column.
LOOKAHEAD = 4


def _full_lines_after(infos: Sequence[LineInfo], start: int) -> list[float]:
    """Widths of the full-line candidates from ``start`` on: non-terminal lines of plain text."""
    widths: list[float] = []
    for index in range(start, min(start + LOOKAHEAD, len(infos) - 1)):  # the text's last line ends a paragraph
        info = infos[index]
        if info.terminal or info.forced or info.dateline:
            break
        widths.append(info.core_width)
    return widths


def _fits_column(line: LineInfo, column: float) -> bool:
    """Whether ``line`` can be a full or indented first line of ``column``.

    A line that shows its indent as leading whitespace may be shorter still.
    """
    slack = INDENT_ALLOWANCE + INDENT_TOLERANCE + (WIDTH_TOLERANCE if line.line.indented else 0.0)
    return column - slack <= line.width <= column + WIDTH_TOLERANCE


def continues(  # noqa: PLR0911, PLR0912 - a decision list reads best as early returns
    infos: Sequence[LineInfo], index: int, *, starts_chain: bool = False, previous_column: float | None = None
) -> bool:
    """Whether line ``index`` is hard-wrapped: its text goes on in line ``index + 1``.

    ``starts_chain`` says that the line before does not run into this one (it may begin a paragraph
    or be a headline); ``previous_column`` is the column of the last paragraph seen, if known.
    """
    if index + 1 >= len(infos):
        return False
    line, following = infos[index], infos[index + 1]
    if line.dateline_start and following.line.text[:1] in DATELINE_ENDS:
        return True  # 本报通化8月18日 / 电（记者X）…: one dateline across the wrap
    if line.terminal or line.forced or following.forced or following.dateline or following.dateline_start:
        return False
    if line.bracket_balance > 0 and following.bracket_balance < 0:
        return True  # a bracket opened here closes there: one note or credit across the wrap
    if following.line.indented and not line.line.indented:
        return False
    if starts_chain and line.dash and index > 0 and not infos[index - 1].terminal:
        return False  # a dash line right after a headline is its subtitle
    beyond = infos[index + 2] if index + 2 < len(infos) else None
    if following.terminal or beyond is None or beyond.forced or beyond.dateline:
        # The next line ends a paragraph: it may be short, and it may be full.
        if not starts_chain:
            return line.width >= following.core_width - WIDTH_TOLERANCE
        columns = [previous_column] if previous_column is not None else []
        after = _full_lines_after(infos, index + 2)
        if after:
            columns.append(statistics.median(after))
        if not columns:
            return line.width >= following.core_width - INDENT_ALLOWANCE - INDENT_TOLERANCE
        return any(
            _fits_column(line, column) and following.core_width <= column + WIDTH_TOLERANCE for column in columns
        )
    after = _full_lines_after(infos, index + 2)
    column = statistics.median(after) if after else following.width
    if following.width > column + WIDTH_TOLERANCE:
        column = following.width  # the next line is wider than what follows it: judge by it alone
    elif following.width <= column - INDENT_MINIMUM:
        if following.width >= column - INDENT_ALLOWANCE - INDENT_TOLERANCE:
            # The next line is indented and starts a paragraph, unless it is a full line left short by
            # a number moved down whole: after a full line, or after a paragraph's first line that is
            # just as short (itself indented).
            if not starts_chain:
                return line.width >= column - WIDTH_TOLERANCE
            after_paragraph = index == 0 or infos[index - 1].terminal
            return (
                after_paragraph and abs(line.width - following.width) <= WIDTH_TOLERANCE and _fits_column(line, column)
            )
        column = following.width  # the next line belongs to a narrower column than what follows
    return _fits_column(line, column)


def chains(infos: Sequence[LineInfo]) -> list[list[int]]:
    """Runs of line indices joined by hard wraps, in order; every line is in exactly one run."""
    runs: list[list[int]] = []
    current: list[int] = []
    column: float | None = None
    for index in range(len(infos)):
        current.append(index)
        if not continues(infos, index, starts_chain=len(current) == 1, previous_column=column):
            if len(current) >= 3 and infos[current[-1]].terminal:
                column = statistics.median(infos[i].width for i in current[1:-1])
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def column_width(infos: Sequence[LineInfo], indices: Sequence[int]) -> float | None:
    """The column width of the body lines ``indices``: median of their full lines, if two or more."""
    full = [infos[i].width for i in indices if not infos[i].terminal and not infos[i].forced]
    if len(full) < 2:
        return None
    return statistics.median(full)
