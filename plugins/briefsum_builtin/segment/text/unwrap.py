"""Undo hard line wraps and layout spacing while keeping every character's source offset."""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefsum_builtin.segment.text.lines import Line
from briefsum_builtin.segment.text.mapped import MappedText

#: A run of characters between whitespace (whitespace as :meth:`str.isspace` defines it).
_INK = re.compile(r"\S+")


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
        # (source index, is a line break) of the whitespace before the next run of characters
        pending: tuple[int, bool] | None = (line.start - 1, True) if number else None
        position = line.start
        for run in _INK.finditer(source, line.start, line.end):
            if run.start() > position and pending is None:
                pending = (position, False)
            word = run.group()
            if pending is not None and text and keep_space(text[-1][-1], word[0], line_break=pending[1]):
                text.append(" ")
                origin.append(pending[0])
            pending = None
            text.append(word)
            origin.extend(range(run.start(), run.end()))
            position = run.end()
    return MappedText("".join(text), tuple(origin))
