"""Lines of a text with their offsets, the raw material of page segmentation."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line: ``text`` is ``source[start:end]`` without its surrounding whitespace."""

    start: int
    end: int
    text: str
    #: The line began with whitespace (an indent, which often starts a paragraph).
    indented: bool
    #: Blank lines between this line and the previous non-blank one.
    blank_before: int


def split_lines(source: str, start: int = 0, end: int | None = None) -> tuple[Line, ...]:
    """The non-blank lines of ``source[start:end]``, with code-point offsets into ``source``."""
    end = len(source) if end is None else end
    lines: list[Line] = []
    blanks = 0
    position = start
    while position < end:
        newline = source.find("\n", position, end)
        line_end = end if newline == -1 else newline
        raw = source[position:line_end]
        stripped = raw.strip()
        if stripped:
            left = position + (len(raw) - len(raw.lstrip()))
            lines.append(Line(left, left + len(stripped), stripped, left > position, blanks))
            blanks = 0
        else:
            blanks += 1
        position = line_end + 1
    return tuple(lines)


def ink(text: str) -> str:
    """``text`` without its whitespace."""
    return _WHITESPACE.sub("", text)


def visible_length(text: str) -> int:
    """Number of characters that are not whitespace."""
    return len(ink(text))


#: Chinese punctuation, which newspapers squeeze to justify lines.
PUNCTUATION = frozenset("，、。；：！？“”‘’（）《》〈〉「」『』")
_PUNCTUATION_MARK = re.compile("[" + "".join(sorted(PUNCTUATION)) + "]")
#: Typical printed width of a punctuation mark, in em.
PUNCTUATION_WIDTH = 0.75


def char_width(ch: str) -> float:
    """Printed width of ``ch`` in em.

    Half for ASCII (digits, Latin letters, signs), about three quarters for Chinese punctuation, one
    for everything else.
    """
    if ch.isascii():
        return 0.5
    return PUNCTUATION_WIDTH if ch in PUNCTUATION else 1.0


def display_width(text: str) -> float:
    """How wide ``text`` is on the page, in em, ignoring whitespace (the sum of :func:`char_width`)."""
    chars = ink(text)
    # Counted by the C string methods: this runs on every line of every page.
    ascii_count = len(chars.encode("ascii", "ignore"))
    punctuation = len(_PUNCTUATION_MARK.findall(chars))
    return len(chars) - 0.5 * ascii_count - (1.0 - PUNCTUATION_WIDTH) * punctuation
