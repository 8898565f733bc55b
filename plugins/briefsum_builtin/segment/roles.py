"""Chains of lines and their roles: paragraphs of body text, headline material, datelines, credits."""

from __future__ import annotations

import enum
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.features import LineInfo, split_dateline
from briefsum_builtin.segment.wraps import WIDTH_TOLERANCE, chains

#: A chain of lines with no closing punctuation and at most this many lines is display text
#: (headline, lead-in, subtitle); longer ones are body text without punctuation (verse, tables).
MAX_DISPLAY_LINES = 3


class Role(enum.Enum):
    """What a chain of lines is on the page."""

    BODY = "body"
    #: Headline material: lead-in, headline, subtitle (or a subheading inside an article).
    HEAD = "head"
    #: A line that is only a dateline; the body it introduces follows.
    DATELINE = "dateline"
    REPORTERS = "reporters"
    CREDIT = "credit"
    #: A bracketed note closing the text before it (a signature, a source).
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Chain:
    """Lines joined by hard wraps (indices into the page's lines) and what they are."""

    lines: tuple[int, ...]
    role: Role
    #: Column width of a body paragraph, from its full lines; ``None`` when too short to tell.
    width: float | None
    #: The width comes from a two-line paragraph's first line, which may be indented.
    rough: bool = False


def _paragraph_width(infos: Sequence[LineInfo], run: Sequence[int]) -> float | None:
    """The column a paragraph was set in.

    That is the median of its lines but the first (indent) and last; for a two-line paragraph, its
    first line (a little short if it is indented).
    """
    inner = [infos[i].width for i in run[1:-1]]
    if inner:
        return statistics.median(inner)
    if len(run) == 2 and infos[run[0]].width >= infos[run[1]].width:
        return infos[run[0]].width
    return None


def _fits(width: float, column: float | None) -> bool:
    return column is not None and abs(width - column) <= WIDTH_TOLERANCE


def _role(  # noqa: PLR0911, PLR0912 - a decision list reads best as early returns
    infos: Sequence[LineInfo],
    run: Sequence[int],
    previous: Sequence[int] | None,
    previous_column: float | None,
    next_run: Sequence[int] | None,
) -> Role:
    first = infos[run[0]]
    joined = "".join(infos[i].line.text for i in run) if len(run) <= MAX_DISPLAY_LINES else ""
    if patterns.NOTE_LINE.match(joined) and not first.marker:
        return Role.NOTE
    if first.credit or (len(run) > 1 and patterns.CREDIT_LINE.match(joined)):
        return Role.CREDIT
    if len(run) == 1:
        if first.reporters:
            return Role.REPORTERS
        if first.dateline_only:
            return Role.DATELINE
        if first.display:
            return Role.HEAD
    last = infos[run[-1]]
    if last.terminal or len(run) > MAX_DISPLAY_LINES or first.dateline or split_dateline(infos, run):
        return Role.BODY
    # Lines without closing punctuation are headline material, unless they are list items or table
    # rows, follow a line announcing a list (…有：), or fill the column of the paragraph before and
    # plain text follows (a paragraph whose column changes in mid-sentence).
    if first.marker or all(infos[i].tabular for i in run):
        return Role.BODY
    if previous is not None and infos[previous[-1]].line.text.endswith(("：", ":")):
        return Role.BODY
    following = infos[next_run[0]] if next_run else None
    continued = following is not None and not following.forced and not following.dateline
    running = any(infos[i].clausal for i in run)
    if continued and running and len(run) == MAX_DISPLAY_LINES:
        return Role.BODY  # three lines of running text wrapping into one another are a paragraph
    if continued and running and previous_column is not None:
        if len(run) > 1 and all(_fits(infos[i].width, previous_column) for i in run[1:]):
            return Role.BODY
        if len(run) == 1 and first.clausal and _fits(first.width, previous_column):
            return Role.BODY
    return Role.HEAD


def classify(infos: Sequence[LineInfo]) -> list[Chain]:
    """The chains of a page (furniture already removed), with roles, in page order."""
    result: list[Chain] = []
    column: float | None = None
    runs = chains(infos)
    for number, run in enumerate(runs):
        role = _role(
            infos,
            run,
            runs[number - 1] if number else None,
            column,
            runs[number + 1] if number + 1 < len(runs) else None,
        )
        width = _paragraph_width(infos, run) if role is Role.BODY else None
        result.append(Chain(tuple(run), role, width, rough=width is not None and len(run) == 2))
        if role is Role.BODY and width is not None:
            column = width
    return result
