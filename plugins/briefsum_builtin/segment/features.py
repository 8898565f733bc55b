"""What each line of a page looks like: width, ending, and the conventions it matches."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefsum_builtin.segment import patterns
from briefsum_builtin.segment.text.lines import Line, display_width, ink, split_lines

#: Marks that may end a paragraph: sentence ends, the ellipsis, and the list separators ；：.
_PARAGRAPH_END = frozenset(patterns.SENTENCE_END + "…；：;:")
_CLOSERS = frozenset(patterns.CLOSERS)
#: Punctuation that may hang at the end of a line, outside the column.
#: Punctuation inside a sentence: a line with any of these is clause text, not a heading.
CLAUSE_MARKS = "，、；。！？,;"
_CLAUSE_MARK = re.compile(f"[{CLAUSE_MARKS}]")
_HANGING = "，。、；：！？”’）》」』…"


@dataclass(frozen=True, slots=True)
class LineInfo:
    """A line and the facts segmentation uses about it (all derived from the line alone)."""

    line: Line
    #: Printed width in em (see :func:`~briefsum_builtin.segment.text.lines.display_width`).
    width: float
    #: Width without the punctuation at the end, which may hang outside the column.
    core_width: float
    #: Ends like a paragraph may end (``。``, ``！``, ``。”``, ``；``, ``：``, ``……``).
    terminal: bool
    #: Letter-spaced display text (我 省 对 俄 …).
    spaced: bool
    #: Starts with a dash: a subtitle (——四平市…).
    dash: bool
    #: Length of an opening dateline with its reporters (本报讯（记者X）), 0 if none.
    dateline: int
    #: The line is nothing but a dateline (本报3月29日讯（记者于小博）).
    dateline_only: bool
    #: The line is the start of a dateline cut by the wrap before its 讯 or 电 (本报通化8月18日).
    dateline_start: bool
    #: The line names reporters or authors and nothing else (本报记者 崔维利 高鸿).
    reporters: bool
    #: A photo credit (本报记者 张野 摄).
    credit: bool
    #: Page furniture (masthead, page number, editor lines).
    furniture: bool
    #: Starts with a list marker (一、 （一） 1. ●).
    marker: bool
    #: Mentions a photo (图为…).
    caption_cue: bool
    #: Only a bracketed note (a signature or source): it closes the paragraph before it.
    note: bool
    #: Mostly figures: a row of a table.
    tabular: bool
    #: Holds clause or sentence punctuation (，、；。), as running text does and headlines mostly do not.
    clausal: bool
    #: Brackets opened minus brackets closed: positive when a bracket runs on to the next line.
    bracket_balance: int

    @property
    def display(self) -> bool:
        """Whether the line's form alone marks it as headline material."""
        return self.spaced

    @property
    def forced(self) -> bool:
        """Whether the line's role is fixed by its form (it is never wrapped body text)."""
        return self.display or self.reporters or self.credit or self.dateline_only or self.furniture


def _bracket_balance(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def is_terminal(text: str) -> bool:
    """Whether ``text`` ends like a paragraph may end.

    That is an end mark (closing quotes and brackets aside), or a bracketed note or credit after one
    (``。（孟西安）``, ``…成摄）（传真照片）``).
    """
    end = len(text)
    while end and text[end - 1] in _CLOSERS:
        end -= 1
    if end > 0 and text[end - 1] in _PARAGRAPH_END:
        return True
    if text.endswith(("）", ")")) and _bracket_balance(text) < 0:
        return True  # the end of a note whose bracket opened on the line before: （新华社记者 / 张野摄）
    return bool(patterns.TRAILING_NOTE.search(text) or patterns.NOTE_LINE.match(text))


#: A line that starts a dateline cut by the wrap is at most this long.
DATELINE_START_CHARS = 20
#: A line at least this share of whose characters are figures is a table row.
TABULAR_SHARE = 0.5
_TABLE_CHAR = re.compile("[" + re.escape("".join(sorted(patterns.TABLE_CHARS))) + "]")


def _tabular(text: str) -> bool:
    chars = ink(text)
    return bool(chars) and len(_TABLE_CHAR.findall(chars)) >= TABULAR_SHARE * len(chars)


def describe(line: Line) -> LineInfo:
    """The facts about one line."""
    text = line.text
    dateline = patterns.dateline_length(text)
    reporters = bool(patterns.REPORTERS_LINE.match(text))
    width = display_width(text)
    core = text.rstrip(_HANGING)
    return LineInfo(
        line=line,
        width=width,
        core_width=width - display_width(text[len(core) :]) if len(core) < len(text) else width,
        terminal=is_terminal(text),
        spaced=patterns.is_letter_spaced(text),
        dash=bool(patterns.SUBTITLE_DASH.match(text)),
        dateline=dateline,
        dateline_only=bool(dateline) and not text[dateline:].strip(),
        dateline_start=not dateline and len(text) <= DATELINE_START_CHARS and bool(patterns.DATELINE_START.match(text)),
        reporters=reporters,
        credit=not reporters and bool(patterns.CREDIT_LINE.match(text)),
        furniture=bool(patterns.FURNITURE.match(text)),
        marker=bool(patterns.LIST_MARKER.match(text)),
        caption_cue=bool(patterns.CAPTION_CUE.search(text)),
        note=bool(patterns.NOTE_LINE.match(text)) and not patterns.LIST_MARKER.match(text),
        tabular=_tabular(text),
        clausal=_CLAUSE_MARK.search(text) is not None,
        bracket_balance=_bracket_balance(text),
    )


def describe_all(lines: Sequence[Line]) -> tuple[LineInfo, ...]:
    """The facts about every line."""
    return tuple(describe(line) for line in lines)


def split_dateline(infos: Sequence[LineInfo], lines: Sequence[int]) -> bool:
    """Whether ``lines`` open with a dateline that the wrap cut before its 讯 or 电."""
    return len(lines) > 1 and infos[lines[0]].dateline_start and infos[lines[1]].line.text[:1] in "讯电"


def content_lines(source: str, start: int = 0, end: int | None = None) -> tuple[LineInfo, ...]:
    """The described lines of ``source[start:end]`` without page furniture.

    When every line is furniture, all of them are kept, so that no text is lost.
    """
    return _without_furniture(describe_all(split_lines(source, start, end)))


def _without_furniture(infos: tuple[LineInfo, ...]) -> tuple[LineInfo, ...]:
    content = tuple(info for info in infos if not info.furniture)
    return content or infos


@dataclass(frozen=True, slots=True)
class DescribedText:
    """Every line of a text described once, to read several stretches of it (the bodies of a page)."""

    source: str
    infos: tuple[LineInfo, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, source: str) -> DescribedText:
        """Describe the lines of ``source``."""
        infos = describe_all(split_lines(source))
        return cls(source, infos, tuple(info.line.start for info in infos))

    def all_content(self) -> tuple[LineInfo, ...]:
        """The same as :func:`content_lines` of the whole text."""
        return _without_furniture(self.infos)

    def content_lines(self, start: int, end: int) -> tuple[LineInfo, ...]:
        """The same as :func:`content_lines` with ``start`` at the beginning of a line."""
        first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        infos = list(self.infos[first:last])
        if not infos:
            return content_lines(self.source, start, end)
        if infos[-1].line.end > end:
            # A line cut by ``end`` is another line (other width, other ending).
            infos[-1] = describe(split_lines(self.source, infos[-1].line.start, end)[0])
        opening = infos[0].line
        blanks = self.source.count("\n", start, opening.start)
        if opening.blank_before != blanks:
            infos[0] = replace(infos[0], line=replace(opening, blank_before=blanks))
        return _without_furniture(tuple(infos))
