"""Undo hard line wraps and layout spacing while keeping every character's source offset."""

from __future__ import annotations

from collections.abc import Sequence

from briefsum_builtin.segment.text.lines import Line
from briefsum_builtin.segment.text.mapped import MappedText


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def keep_space(left: str, right: str, *, line_break: bool) -> bool:
    """Whether whitespace between ``left`` and ``right`` is a real word space, not layout.

    Inside a line, a space survives only between Latin words (not next to CJK text and not between
    two digits, which is a number split by the layout). Across a line break, only between two
    Latin letters (a wrapped English phrase); a wrapped number or code is joined.
    """
    if line_break:
        return left.isascii() and left.isalpha() and right.isascii() and right.isalpha()
    return _is_ascii_alnum(left) and _is_ascii_alnum(right) and not (left.isdigit() and right.isdigit())


def unwrap(source: str, lines: Sequence[Line]) -> MappedText:
    """Join ``lines`` of ``source`` into one clean string with layout whitespace removed.

    A kept space is mapped to the first whitespace character it replaces.
    """
    text: list[str] = []
    origin: list[int] = []
    for number, line in enumerate(lines):
        # (source index, is a line break) of the whitespace run before the next character
        pending: tuple[int, bool] | None = (line.start - 1, True) if number else None
        for index in range(line.start, line.end):
            ch = source[index]
            if ch.isspace():
                if pending is None:
                    pending = (index, False)
                continue
            if pending is not None and text and keep_space(text[-1], ch, line_break=pending[1]):
                text.append(" ")
                origin.append(pending[0])
            pending = None
            text.append(ch)
            origin.append(index)
    return MappedText("".join(text), tuple(origin))
