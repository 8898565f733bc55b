"""Split clean Chinese text into sentences."""

from __future__ import annotations

#: Characters that end a sentence.
SENTENCE_END = frozenset("。！？!?")
#: Closing quotes and brackets that belong to the sentence they follow (``。”``).
CLOSERS = frozenset("”’」』）)》〉】\"'")
#: The ellipsis ends a sentence when followed by more text.
ELLIPSIS = "……"


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text``; a trailing unterminated sentence is kept.

    Closing quotes and brackets after the end mark stay with their sentence; whitespace between
    sentences is excluded.
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    index = 0
    length = len(text)
    while index < length:
        ch = text[index]
        end: int | None = None
        if ch in SENTENCE_END:
            end = index + 1
            while end < length and (text[end] in SENTENCE_END):
                end += 1
        elif text.startswith(ELLIPSIS, index):
            end = index + len(ELLIPSIS)
        if end is None:
            index += 1
            continue
        while end < length and text[end] in CLOSERS:
            end += 1
        _append(bounds, text, start, end)
        start = index = end
    _append(bounds, text, start, length)
    return bounds


def _append(bounds: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        bounds.append((start, end))
