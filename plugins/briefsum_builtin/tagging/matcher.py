"""Finding a category's terms in text: literal terms longest first, and phrases with gaps."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from briefsum.categories import GAP, CategoryDefinition

#: A phrase's gap never crosses these: its parts must be in one clause-level sentence.
GAP_STOPS = "。！？；!?;\n"
#: Joins the zones of an article for one search: a gap stop, so no phrase crosses it.
ZONE_SEPARATOR = "\n"


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a term: in which zone (``-1`` title, else sentence index) and where."""

    term: str
    zone: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Matcher:
    """A category's terms, dampeners and discounts compiled for searching, and the weight of each."""

    literal: re.Pattern[str] | None
    #: Each phrase with its parts (all must occur before the pattern is worth running) and pattern.
    phrases: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]
    #: Signed weight of every term and dampener: dampeners are negative.
    weights: Mapping[str, float]
    #: Factor of every discount term.
    discounts: Mapping[str, float]
    #: Required groups, by name: a tag needs a term of each.
    groups: tuple[tuple[str, frozenset[str]], ...]

    def find(self, zone: int, text: str) -> list[Hit]:
        """Every hit in ``text``, in text order (literal terms do not overlap each other)."""
        hits: list[Hit] = []
        if self.literal is not None:
            hits.extend(Hit(m.group(), zone, m.start(), m.end()) for m in self.literal.finditer(text))
        for term, parts, pattern in self.phrases:
            # Most sentences lack a part: substring tests are much cheaper than a regex scan.
            if all(part in text for part in parts):
                hits.extend(Hit(term, zone, m.start(), m.end()) for m in pattern.finditer(text))
        hits.sort(key=lambda h: (h.start, h.end, h.term))
        return hits

    def find_all(self, zones: Sequence[tuple[int, str]]) -> list[Hit]:
        """The hits of every ``(zone, text)`` pair, zone by zone, each in text order.

        The zones are searched as one text joined by newlines (no term or phrase gap crosses one):
        one scan per pattern instead of one per sentence, which is most of the tagging time.
        """
        if not zones:
            return []
        joined = ZONE_SEPARATOR.join(text for _, text in zones)
        starts: list[int] = []
        offset = 0
        for _, text in zones:
            starts.append(offset)
            offset += len(text) + len(ZONE_SEPARATOR)
        found: list[tuple[int, int, str]] = []
        if self.literal is not None:
            found.extend((m.start(), m.end(), m.group()) for m in self.literal.finditer(joined))
        for term, parts, pattern in self.phrases:
            if all(part in joined for part in parts):
                found.extend((m.start(), m.end(), term) for m in pattern.finditer(joined))
        found.sort()
        hits: list[Hit] = []
        for start, end, term in found:
            index = bisect.bisect_right(starts, start) - 1
            base = starts[index]
            hits.append(Hit(term, zones[index][0], start - base, end - base))
        return hits


def trie_pattern(terms: Sequence[str]) -> str:
    """A regex matching the longest of ``terms`` at each position, as a trie of alternatives.

    ``re`` tries the branches of ``a|b|c`` one after another at every position; with hundreds of
    terms sharing first characters that is most of the tagging time. Nested by common prefix
    (``农(?:业(?:生产)?|村)``), each position costs a walk down one path, and the greedy optional
    groups prefer the longer term, so the matches equal those of the flat alternation sorted longest
    first.
    """
    root: dict[str, Any] = {}
    for term in terms:
        node = root
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}  # a term ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group  # a shorter term ends here: longer ones first

    return pattern(root)


def _phrase_pattern(phrase: str, max_gap: int) -> re.Pattern[str]:
    gap = f"[^{re.escape(GAP_STOPS)}]{{0,{max_gap}}}?"
    return re.compile(gap.join(re.escape(part) for part in phrase.split(GAP)))


def compile_matcher(category: CategoryDefinition) -> Matcher:
    """Compile ``category`` for :meth:`Matcher.find`.

    Literal terms, dampeners and discounts share one pattern ordered longest first, so at any
    position the longest entry wins and shadows shorter ones inside it (``节能灯`` keeps ``节能``
    from also counting). Phrases (with ``…``) are matched on their own and may overlap literal terms.
    """
    entries = {**category.weighted(), **category.discounts}
    literal = sorted((t for t in entries if GAP not in t), key=lambda t: (-len(t), t))
    phrases = tuple(
        (t, tuple(t.split(GAP)), _phrase_pattern(t, category.max_gap)) for t in sorted(t for t in entries if GAP in t)
    )
    return Matcher(
        literal=re.compile(trie_pattern(literal)) if literal else None,
        phrases=phrases,
        weights=MappingProxyType(dict(sorted(category.weighted().items()))),
        discounts=MappingProxyType(dict(sorted(category.discounts.items()))),
        groups=tuple((name, frozenset(terms)) for name, terms in sorted(category.require.items())),
    )
