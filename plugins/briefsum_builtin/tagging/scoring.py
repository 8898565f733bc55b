"""Scoring one category on one article: weighted terms, position, repetition, length, threshold.

Every number is explainable from the category file:

1. **Terms.** Each occurrence of a term counts its ``weight`` times a position factor:
   ``title_weight`` in the title or subtitle, ``lead_weight`` in the first ``lead_sentences``
   sentences (of a body longer than ``short_length``: a headline has no lead), 1 elsewhere
   (the byline too: a signature such as ``农业部部长刘江`` names who acts).
   Repetitions of one term count less and less: the strongest occurrence fully, the next one
   half, the third a third, … (so ten mentions of one word are worth about three, while ten
   different words are worth ten).
2. **Dampeners** count the same way and are subtracted.
3. **Discounts** say the text is of a genre that is not the category (a scholarly essay for
   policy): each discount term found, however often, multiplies the evidence by its factor.
   In the evidence each appears with the (negative) amount it removed, applied in term order.
4. **Length.** The evidence is multiplied by ``sqrt(reference_length / length)``: it must grow
   with the text to keep its score, so a passing mention in a long article fades, while a strong
   term in a headline-length text (up to ``short_length``, which is the least length used) counts more.
5. **Score** ``= 1 - exp(-evidence / scale)``, in [0, 1).
6. **Tag** when the score reaches ``threshold``, at least ``min_terms`` distinct terms were
   found (a term in the title counts as two; bodies up to ``short_length`` need one) and a term
   of every ``[require.<group>]`` table (e.g. policy needs an act *and* a governing actor).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefsum.categories import CategoryDefinition

from briefsum_builtin.tagging.matcher import Hit, Matcher

#: Zone numbers of the title, the subtitle and the byline; body sentences are numbered from 0.
TITLE_ZONE = -1
SUBTITLE_ZONE = -2
#: The byline says who speaks: an official's signature (``农业部部长刘江``) names a governing actor.
#: Its terms count as in the body, and its length is not part of the article's.
BYLINE_ZONE = -3
#: Zones whose terms count ``title_weight`` times, and as two distinct terms.
HEAD_ZONES = frozenset({TITLE_ZONE, SUBTITLE_ZONE})
#: Decimal places of reported scores and weights (keeps responses stable and readable).
PRECISION = 4


@dataclass(frozen=True, slots=True)
class TermEvidence:
    """One term's share of a score: its contribution, how often it occurred, where first."""

    term: str
    #: Contribution to the evidence before length normalisation; negative for a dampener.
    weight: float
    count: int
    #: The first occurrence: zone (``TITLE_ZONE`` or sentence index) and offsets in that zone's text.
    first: Hit


@dataclass(frozen=True, slots=True)
class Verdict:
    """A category's score on an article, the evidence, and whether (or why not) it is a tag."""

    category: str
    score: float
    threshold: float
    tagged: bool
    #: Why it is not a tag (empty when it is).
    reason: str
    #: Strongest first (by absolute contribution, then term).
    evidence: tuple[TermEvidence, ...]


def _position_factor(category: CategoryDefinition, zone: int, lead: int) -> float:
    if zone in HEAD_ZONES:
        return category.title_weight
    if zone < 0:
        return 1.0
    if zone < lead:
        return category.lead_weight
    return 1.0


def _term_evidence(
    category: CategoryDefinition, matcher: Matcher, hits: Sequence[Hit], lead: int
) -> list[TermEvidence]:
    by_term: dict[str, list[Hit]] = {}
    for hit in hits:
        by_term.setdefault(hit.term, []).append(hit)
    evidence: list[TermEvidence] = []
    for term in sorted(by_term):
        if term in matcher.discounts:
            continue
        found = by_term[term]
        factors = sorted((_position_factor(category, h.zone, lead) for h in found), reverse=True)
        repeated = sum(factor / rank for rank, factor in enumerate(factors, 1))
        evidence.append(TermEvidence(term, matcher.weights[term] * repeated, len(found), found[0]))
    remaining = sum(e.weight for e in evidence)
    for term in sorted(t for t in by_term if t in matcher.discounts):
        # Only positive evidence is discounted: a discount never turns dampeners into support.
        removed = max(remaining, 0.0) * (1.0 - matcher.discounts[term])
        remaining -= removed
        evidence.append(TermEvidence(term, -removed, len(by_term[term]), by_term[term][0]))
    return evidence


def score_category(
    category: CategoryDefinition, matcher: Matcher, heads: Mapping[int, str], sentences: Sequence[str]
) -> Verdict:
    """Score ``category`` on an article with ``heads`` (zone -> title, subtitle or byline) and body ``sentences``."""
    zones = [*sorted(heads.items(), reverse=True), *enumerate(sentences)]
    length = sum(len(s) for s in sentences)
    # A headline-length body is all lead, and the length normalisation already lifts it.
    lead = category.lead_sentences if length > category.short_length else 0
    evidence = _term_evidence(category, matcher, matcher.find_all(zones), lead)
    total = sum(e.weight for e in evidence)
    normalised = total * math.sqrt(category.reference_length / max(length, category.short_length, 1))
    score = round(1.0 - math.exp(-normalised / category.scale), PRECISION) if normalised > 0 else 0.0
    distinct = sum(2 if e.first.zone in HEAD_ZONES else 1 for e in evidence if e.weight > 0)
    needed = 1 if length <= category.short_length else category.min_terms
    if score < category.threshold:
        reason = f"score {score:.2f} is below the threshold {category.threshold:.2f}"
    elif distinct < needed:
        reason = f"{distinct} distinct term(s) found, {needed} needed"
    else:
        found = {e.term for e in evidence}
        missing = [name for name, terms in matcher.groups if not terms & found]
        reason = f"no term of the required group(s) {', '.join(missing)}" if missing else ""
    evidence.sort(key=lambda e: (-abs(e.weight), e.term))
    return Verdict(category.name, score, category.threshold, not reason, reason, tuple(evidence))
