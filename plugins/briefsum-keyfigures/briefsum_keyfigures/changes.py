"""Changes (增长65.0%, 同比下降3个百分点, 高出全国35.7个百分点) as opposed to levels.

:func:`role` reads the words right before a quantity (its *lead*, within its clause) and says
which way a change goes, whether it names the new level instead (增至100台), its comparison basis
(同比, 环比, 比1996年) and what it is compared with (全国).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefsum_keyfigures.lexicon import (
    BASES,
    BASES_BY_LENGTH,
    CHANGE_FILLERS,
    CHANGE_WORDS,
    CHANGE_WORDS_BY_LENGTH,
    COMPARE_WORDS,
    MAX_LITERAL_BASIS_CHARS,
    MAX_REFERENCE_CHARS,
    NOT_CHANGES,
    TO_LEVEL,
    Direction,
)

#: Words between a comparison basis and its change word (同比分别增长, 同比均下降).
_BASIS_GAP = ("分别", "均", "都", "共")
#: Words that start a literal comparison (比1996年, 较建厂初期).
_LITERAL_BASIS = ("比", "较")


@dataclass(frozen=True, slots=True)
class Role:
    """What the lead makes of a quantity; ``direction is None`` means a plain level.

    ``phrase_start`` is where, in the lead, the change phrase (basis included) starts: the
    indicator ends there.
    """

    direction: Direction | None = None
    to_level: bool = False
    basis: str = ""
    reference: str = ""
    phrase_start: int = 0

    @property
    def is_change(self) -> bool:
        """A change with an amount (not a level reached by a change)."""
        return self.direction is not None and not self.to_level


def role(lead: str) -> Role:
    """The role of the quantity that follows ``lead`` (width-folded text)."""
    for position in range(len(lead) - 1, -1, -1):
        found = next((w for w in CHANGE_WORDS_BY_LENGTH if lead.startswith(w, position)), None)
        if found is None:
            continue
        # Scanning from the end finds 降 of 下降到 first; take the longest word ending there.
        end = position + len(found)
        word = next(w for w in CHANGE_WORDS_BY_LENGTH if lead.endswith(w, 0, end) and len(w) >= len(found))
        index = end - len(word)
        if any(lead.startswith(w, index - w.index(word)) for w in NOT_CHANGES if word in w):
            continue  # 新增35家 is a level: what was added
        fillers, remainder = _strip_fillers(lead[end:])
        if remainder and (word not in COMPARE_WORDS or len(remainder) > MAX_REFERENCE_CHARS):
            continue
        basis, basis_start = _basis(lead[:index])
        return Role(
            direction=CHANGE_WORDS[word],
            to_level=any(f in TO_LEVEL for f in fillers) and not remainder,
            basis=basis,
            reference=remainder,
            phrase_start=basis_start if basis else index,
        )
    return Role(phrase_start=len(lead))


def _strip_fillers(rest: str) -> tuple[list[str], str]:
    fillers: list[str] = []
    while rest:
        filler = next((f for f in CHANGE_FILLERS if rest.startswith(f)), None)
        if filler is None:
            break
        fillers.append(filler)
        rest = rest[len(filler) :]
    return fillers, rest


def _basis(before: str) -> tuple[str, int]:
    """The comparison basis at the end of ``before`` and where it starts (``("", len)`` if none)."""
    end = len(before)
    gap = next((g for g in _BASIS_GAP if before.endswith(g)), "")
    end -= len(gap)
    head = before[:end]
    for phrase in BASES_BY_LENGTH:
        if head.endswith(phrase):
            return BASES[phrase], end - len(phrase)
    for marker in _LITERAL_BASIS:
        index = head.rfind(marker)
        if index >= 0 and 0 < end - index - 1 <= MAX_LITERAL_BASIS_CHARS:
            return head[index:end], index
    return "", len(before)
