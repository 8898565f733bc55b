"""Where a term found in cleaned text lies in the request text.

Sentence and title texts are the request text with layout whitespace removed (hard line wraps,
letter spacing) and at most a single space kept between Latin words: every other character is a
character of the source, in order. So a position in the clean text maps back by walking both
texts and skipping the source's extra whitespace.
"""

from __future__ import annotations

from briefsum.model import Span


def locate(source: str, zone: Span, text: str, start: int, end: int) -> Span | None:
    """The span of ``text[start:end]`` in ``source``, given that ``text`` was cleaned from ``zone``.

    ``None`` when ``text`` is not such a cleaned copy (a stage that rewrote characters).
    """
    if not 0 <= start < end <= len(text):
        return None
    position = zone.start
    first = -1
    for index in range(end):
        char = text[index]
        while position < zone.end and not _same(source[position], char):
            if not source[position].isspace():
                return None
            position += 1
        if position >= zone.end:
            return None
        if index == start:
            first = position
        position += 1
    return Span(first, position)


def _same(source_char: str, char: str) -> bool:
    # A kept word space may stand for any whitespace run (a wrapped line's newline, a tab).
    return source_char == char or (char == " " and source_char.isspace())
