"""What a figure measures: clauses, their subjects and the nouns after counts.

All functions work on width-folded text (:func:`~briefsum_keyfigures.numerals.fold_width`) and
return spans, so the caller reports the original characters.
"""

from __future__ import annotations

from briefsum_keyfigures.lexicon import (
    CLAUSE_DELIMITERS,
    LEADING_NOISE,
    MAX_INDICATOR_CHARS,
    MAX_NOUN_CHARS,
    NOUN_STOPS,
    TRAILING_NOISE,
)

_CLOSE_BRACKETS = {"）": "（", ")": "("}
_OPEN_BRACKETS = frozenset("（(")
#: The verb of shares: in 综合市场占67.8%, the share is of what stands before 占.
SHARE_VERB = "占"
#: What separates enumerated subjects (长春兴隆、珲春综保区和…); 与/或 too often start words.
SUBJECT_JOINERS = frozenset("、和及")
#: Distributes an enumeration of subjects over an enumeration of values (A、B分别为x、y).
RESPECTIVELY = "分别"


def clause_start(folded: str, position: int, floor: int = 0) -> int:
    """Where the clause holding ``position`` starts, not before ``floor``.

    A clause starts after a delimiter or an open bracket; a closed bracket group
    (``国内生产总值（GDP）的比例``) is part of the clause.
    """
    index = position - 1
    while index >= floor:
        ch = folded[index]
        if ch in _CLOSE_BRACKETS:
            opening = folded.rfind(_CLOSE_BRACKETS[ch], floor, index)
            if opening >= 0:
                index = opening - 1
                continue
        if ch in CLAUSE_DELIMITERS or ch in _OPEN_BRACKETS:
            return index + 1
        index -= 1
    return floor


def strip_noise(folded: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without leading connectives and scope words or trailing verbs."""
    changed = True
    while changed and start < end:
        changed = False
        for word in LEADING_NOISE:
            if folded.startswith(word, start, end):
                start += len(word)
                changed = True
                break
        for word in TRAILING_NOISE:
            if end - len(word) >= start and folded.endswith(word, start, end):
                end -= len(word)
                changed = True
                break
    return start, end


def subject(folded: str, start: int, end: int) -> tuple[int, int]:
    """The indicator inside the lead ``[start, end)``: noise stripped, a share's subject kept.

    Empty when the clause has no subject of its own (``，增长65.0%``, ``，占67.8%``).
    """
    share = folded.find(SHARE_VERB, start, end)
    if share >= 0:
        end = share
    start, end = strip_noise(folded, start, end)
    if end - start > MAX_INDICATOR_CHARS:
        start = end - MAX_INDICATOR_CHARS  # the words nearest the figure name it best
    return start, end


def before_bracket(folded: str, lead_start: int) -> tuple[int, int] | None:
    """For a figure in brackets (``容声（17.34%）``): the span of what stands before them."""
    if lead_start == 0 or folded[lead_start - 1] not in _OPEN_BRACKETS:
        return None
    start, end = strip_noise(folded, clause_start(folded, lead_start - 1), lead_start - 1)
    return (start, end) if end > start else None


def noun_after(folded: str, position: int) -> int:
    """End of the noun phrase starting at ``position`` (``29户海产品贸易加工企业落户`` -> before 落户)."""
    end = position
    limit = min(len(folded), position + MAX_NOUN_CHARS)
    while end < limit:
        ch = folded[end]
        if ch in CLAUSE_DELIMITERS or not ch.isalpha() or ch.isdigit() or ch.isascii():
            break
        if any(folded.startswith(stop, end) for stop in NOUN_STOPS):
            break
        end += 1
    return end


def enumerated_subjects(folded: str, lead_start: int, lead_end: int) -> list[tuple[int, int]]:
    """The subjects of ``A、B和C分别…``: spans of A, B, C; empty unless the lead says 分别."""
    marker = folded.find(RESPECTIVELY, lead_start, lead_end)
    if marker < 0:
        return []
    # The subjects run back over 、 (a clause delimiter elsewhere) to the clause start.
    start = marker
    while True:
        start = clause_start(folded, start)
        if start > 0 and folded[start - 1] == "、":
            start -= 1
            continue
        break
    spans: list[tuple[int, int]] = []
    item_start = start
    for index in range(start, marker + 1):
        if index == marker or folded[index] in SUBJECT_JOINERS:
            a, b = strip_noise(folded, item_start, index)
            if b > a:
                spans.append((a, b))
            item_start = index + 1
    return spans
