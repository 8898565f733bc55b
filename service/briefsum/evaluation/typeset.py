"""A small model of how a newspaper sets Chinese text in a column, as a PDF extractor returns it.

Lines are filled to a column width in em units: CJK characters and full-width forms take 1 em,
ASCII letters, digits and signs half an em. As in real typesetting (GB/T 15834, JIS X 4051):
punctuation that may not start a line hangs at the end of the previous one, opening brackets
and quotes never end a line, adjacent punctuation is compressed, and runs of digits or Latin
letters are kept together unless the style allows splitting them. Because the typesetter's
width model differs from any reader's, the character count of full lines varies a little, as in
real pages.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

#: Characters that may not begin a line; they hang at the end of the previous line.
NO_LINE_START = frozenset("，。、；：！？）》」』”’…%％·")
#: Characters that may not end a line; they move to the start of the next line.
NO_LINE_END = frozenset("（《「『“‘〈")
#: Punctuation set in half an em when it touches another punctuation mark.
COMPRESSIBLE = frozenset("，。、；：！？（）《》「」『』“”‘’〈〉")
#: Characters of a number or Latin word, which the typesetter keeps on one line.
RUN_CHARS = frozenset("0123456789.%ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def glyph_width(char: str) -> float:
    """Width of ``char`` in em: half for printable ASCII, one for everything else."""
    return 0.5 if " " < char <= "~" else 1.0


def _advance(text: str, index: int, punctuation: float) -> float:
    char = text[index]
    width = glyph_width(char)
    if char in COMPRESSIBLE and width == 1.0:
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if before in COMPRESSIBLE or after in COMPRESSIBLE:
            return 0.5
        return punctuation
    return width


def _run_start(text: str, index: int) -> int:
    """Start of the digit/Latin run that ``text[index]`` belongs to (``index`` if none)."""
    start = index
    while start > 0 and text[start - 1] in RUN_CHARS and text[start] in RUN_CHARS:
        start -= 1
    return start


def wrap(
    text: str,
    widths: Sequence[float],
    *,
    first_indent: float = 0.0,
    split_runs: float = 0.0,
    punctuation: float = 1.0,
    rng: random.Random | None = None,
) -> list[str]:
    """Break ``text`` into lines; line ``i`` is ``widths[min(i, len(widths) - 1)]`` em wide.

    ``first_indent`` em are reserved at the start of the first line (the paragraph indent; the
    caller decides whether the extractor keeps it as spaces). ``split_runs`` is the probability
    that a number or Latin word crossing the line end is split instead of moved (needs ``rng``).
    ``punctuation`` is the width of a punctuation mark that touches no other (papers squeeze them
    to justify lines: 0.5 to 1 em).
    """
    if not widths:
        raise ValueError("at least one width is needed")
    lines: list[str] = []
    start = 0
    length = len(text)
    while start < length:
        capacity = widths[min(len(lines), len(widths) - 1)] - (first_indent if not lines else 0.0)
        used = 0.0
        end = start
        while end < length and used + _advance(text, end, punctuation) <= capacity:
            used += _advance(text, end, punctuation)
            end += 1
        end = max(end, start + 1)
        if end < length:
            end = _adjust(text, start, end, split_runs, rng)
        lines.append(text[start:end])
        start = end
    return lines


def _adjust(text: str, start: int, end: int, split_runs: float, rng: random.Random | None) -> int:
    """Move the break at ``end`` to respect line-start and line-end rules."""
    # Hanging punctuation: marks that may not start a line stay on this one.
    while end < len(text) and text[end] in NO_LINE_START:
        end += 1
    if end >= len(text):
        return end
    # An opening bracket or quote moves down with the text it opens.
    while end - 1 > start and text[end - 1] in NO_LINE_END:
        end -= 1
    # Keep numbers and Latin words whole, unless this style splits some of them (or moving the word
    # would start the next line with a mark that may not start one).
    if text[end] in RUN_CHARS and text[end - 1] in RUN_CHARS:
        keep_whole = rng is None or rng.random() >= split_runs
        run = _run_start(text, end)
        if keep_whole and run > start and text[run] not in NO_LINE_START:
            end = run
            while end - 1 > start and text[end - 1] in NO_LINE_END:
                end -= 1
    return end


def letter_space(text: str, gap: str = " ") -> str:
    """``text`` with ``gap`` between its characters, as short headlines are set to fill a column."""
    return gap.join(char for char in text if not char.isspace())


def display_width(text: str) -> float:
    """Width of ``text`` in em, ignoring whitespace and compression."""
    return sum(glyph_width(char) for char in text if not char.isspace())
