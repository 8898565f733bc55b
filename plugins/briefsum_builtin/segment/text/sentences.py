"""Split clean Chinese text (wraps already undone) into sentences.

Rules, in the spirit of the Chinese punctuation standard (GB/T 15834):

* ``。！？`` (and ``!?``) end a sentence; repeated marks (``？！``) stay together, and so do closing
  quotes and brackets after them (``。”``, ``。）``).
* An end mark inside quotes or brackets does not end the sentence unless the quote closes right
  after it (``他说：“要抓紧落实。我们一定做好。”`` is one sentence); a quote left open for more than
  :data:`MAX_QUOTED` characters is taken to be unbalanced and no longer protects its text.
* ``；`` and ``……`` end a sentence only where that helps a summary: before a list item (``一是…；二是…``)
  and inside long sentences (a long enumeration), when both sides are real clauses.
* A trailing sentence without an end mark is kept; whitespace between sentences is left out.
"""

from __future__ import annotations

import bisect
import re

#: Characters that end a sentence.
SENTENCE_END = frozenset("。！？!?")
#: Closing quotes and brackets that belong to the sentence they follow (``。”``).
CLOSERS = frozenset("”’」』）)》〉】\"'")
_OPENING = frozenset("“「『（(《〈【")
_CLOSING = frozenset("”」』）)》〉】")
ELLIPSIS = ("……", "⋯⋯")
SEMICOLON = frozenset("；;")
#: Clause marks: a sentence does not end right before one (“要抓紧落实。”，他说).
CLAUSE_MARKS = frozenset("，、；：,;:")
#: A sentence at least this long may be split at ``；`` or ``……``.
LONG_SENTENCE = 60
#: Each side of such a split is at least this long.
MIN_CLAUSE = 12
#: Quotes and brackets open for longer than this are treated as unbalanced.
MAX_QUOTED = 200
#: A list item after ``；`` starts a new sentence: 二是, （二）, 2．, ②.
_LIST_ITEM = re.compile(
    r"\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|[0-9０-９]{1,2}[.．、](?![0-9０-９])|[①-⑳]"
    r"|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+[，,、])"
)
_END_MARK = re.compile("[" + re.escape("".join(sorted(SENTENCE_END))) + "]")
#: The characters :func:`sentence_bounds` looks at; everything else is skipped.
_MARK = re.compile(
    "["
    + re.escape("".join(sorted(SENTENCE_END | _OPENING | _CLOSING | SEMICOLON | {text[0] for text in ELLIPSIS})))
    + "]"
)


class _Stops:
    """Where the sentence running at an index would end at the latest: just after the next end mark."""

    def __init__(self, text: str) -> None:
        self._marks = [match.start() for match in _END_MARK.finditer(text)]
        self._length = len(text)

    def __getitem__(self, index: int) -> int:
        found = bisect.bisect_left(self._marks, index)
        return self._marks[found] + 1 if found < len(self._marks) else self._length


def _after_closers(text: str, index: int, depth: int) -> tuple[int, int]:
    """Skip closing quotes and brackets from ``index``; return the new index and bracket depth."""
    while index < len(text) and text[index] in CLOSERS:
        if text[index] in _CLOSING:
            depth = max(0, depth - 1)
        index += 1
    return index, depth


def sentence_bounds(text: str) -> list[tuple[int, int]]:  # noqa: PLR0912 - one pass over the characters
    """``(start, end)`` of every sentence of ``text``; a trailing unterminated sentence is kept."""
    bounds: list[tuple[int, int]] = []
    stops = _Stops(text)
    start = 0
    #: Start of the whole sentence the current clause belongs to (``；`` splits do not move it).
    origin = 0
    index = 0
    depth = 0
    opened = 0
    length = len(text)
    while index < length:
        char = text[index]
        quoted = depth > 0 and index - opened <= MAX_QUOTED
        end: int | None = None
        hard = False
        if char in _OPENING:
            if depth == 0:
                opened = index
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif char in SENTENCE_END:
            stop = index + 1
            while stop < length and text[stop] in SENTENCE_END:
                stop += 1
            stop, closed = _after_closers(text, stop, depth)
            goes_on = stop < length and text[stop] in CLAUSE_MARKS  # “…。”，he said: one sentence
            if (not quoted or closed == 0) and not goes_on:
                end, depth, hard = stop, closed, True
        elif text.startswith(ELLIPSIS, index):
            stop, closed = _after_closers(text, index + 2, depth)
            if stop < length and text[stop] in SENTENCE_END:
                index, depth = stop, closed  # the end mark after the ellipsis ends the sentence
                continue
            if not quoted or closed == 0:
                at_end = stop >= length or stop > index + 2
                if at_end or _long_enough(index - start, stops[stop] - stop, stops[stop] - origin):
                    end, depth, hard = stop, closed, at_end
        elif char in SEMICOLON and not quoted:
            rest = stops[index + 1] - index - 1
            if _LIST_ITEM.match(text, index + 1) or _long_enough(index + 1 - start, rest, rest + index + 1 - origin):
                end = index + 1
        if end is None:
            # Only the marks matter: jump to the next one.
            found = _MARK.search(text, index + 1)
            index = found.start() if found else length
            continue
        _append(bounds, text, start, end)
        start = index = end
        if hard:
            origin = end
    _append(bounds, text, start, length)
    return bounds


def _long_enough(before: int, after: int, sentence: int) -> bool:
    """Whether a clause boundary inside a sentence of ``sentence`` characters may split it."""
    return sentence >= LONG_SENTENCE and before >= MIN_CLAUSE and after >= MIN_CLAUSE


def _append(bounds: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        bounds.append((start, end))
