"""Lines of a text with their offsets, the raw material of page segmentation."""

from __future__ import annotations

from dataclasses import dataclass


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


def visible_length(text: str) -> int:
    """Number of characters that are not whitespace."""
    return sum(1 for ch in text if not ch.isspace())


#: Chinese punctuation, which newspapers squeeze to justify lines.
PUNCTUATION = frozenset("，、。；：！？“”‘’（）《》〈〉「」『』")
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
    """How wide ``text`` is on the page, in em, ignoring whitespace."""
    return sum(char_width(ch) for ch in text if not ch.isspace())
