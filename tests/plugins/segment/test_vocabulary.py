"""A page's vocabulary agrees with the plain bigram definitions of :mod:`.cohesion`, window by window."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from briefsum_builtin.segment.boundaries import load_model
from briefsum_builtin.segment.cohesion import (
    bigrams,
    containment,
    cosine,
    counts_cosine,
    idf_of,
    inverse_frequencies,
    weighted,
)
from briefsum_builtin.segment.features import content_lines
from briefsum_builtin.segment.roles import Chain, Role, classify
from briefsum_builtin.segment.vocabulary import RARE_PARAGRAPHS, SPACES, PageVocabulary

# Two short articles, hard-wrapped, with the spacing noise of PDF text: a full-width space inside a
# line, stray spaces around figures, a letter-spaced headline.
PAGE = """\
松 花 江 畔 春 耕 忙
本报讯（记者王小明）连日来，松花江畔
的农民抢抓农时，春耕生产全面展开。全
市已备足种子 12 万吨，化肥 30 万吨。
　　农业部门组织技术人员深入田间地头，
指导农民科学施肥，松花江畔处处是春耕
的繁忙景象。
长白山景区迎来旅游旺季
本报讯（记者李红）长白山景区游客人数
持续增长，景区推出多项便民措施，旅游
服务质量明显提升。
　　景区负责人介绍，今年将新建两处游客
服务中心，长白山旅游将更加便捷。
"""


@pytest.fixture(name="page")
def _page() -> tuple[list[str], list[Chain], PageVocabulary]:
    infos = content_lines(PAGE)
    chains = classify(infos)
    return [info.line.text for info in infos], chains, PageVocabulary(infos, chains)


def _chain_text(lines: list[str], chain: Chain) -> str:
    return "".join(lines[i] for i in chain.lines)


def test_spaces_are_what_the_whitespace_regex_removes() -> None:
    import re
    import sys

    expected = tuple(c for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c)))
    assert expected == SPACES


@pytest.mark.parametrize("budget", [1, 5, 17, 40, 150, 400])
def test_text_windows_count_what_bigrams_counts(
    page: tuple[list[str], list[Chain], PageVocabulary], budget: int
) -> None:
    lines, _, vocabulary = page
    for first in range(len(lines)):
        for last in range(first, len(lines)):
            text = "".join(lines[first : last + 1])
            for from_end, part in ((False, text[:budget]), (True, text[-budget:])):
                window = vocabulary.text_window(first, last, budget, from_end=from_end)
                expected = bigrams(part)
                assert window.norm == sum(v * v for v in expected.values())
                whole = vocabulary.text_window(0, len(lines) - 1, 10_000)
                assert vocabulary.cosine(window, whole) == cosine(part, "".join(lines))
                head = bigrams(lines[0])
                assert vocabulary.containment(head, window) == containment(lines[0], part)


def test_text_length_counts_characters(page: tuple[list[str], list[Chain], PageVocabulary]) -> None:
    lines, _, vocabulary = page
    assert vocabulary.text_length(1, 3) == len("".join(lines[1:4]))


def test_chain_windows_are_weighted_sums_of_their_chains(page: tuple[list[str], list[Chain], PageVocabulary]) -> None:
    lines, chains, vocabulary = page
    grams = [bigrams(_chain_text(lines, chain)) for chain in chains]
    idf = inverse_frequencies(g for g, chain in zip(grams, chains, strict=True) if chain.role is Role.BODY)
    paragraphs = sum(chain.role is Role.BODY for chain in chains)
    assert paragraphs >= 4
    rare = idf_of(paragraphs, RARE_PARAGRAPHS)
    for budget in (0, 30, 400):
        for start in range(len(chains)):
            forward, backward = chains[start:], chains[start::-1]
            for run in (forward, backward):
                window = vocabulary.window(run, budget)
                total: Counter[str] = Counter()
                seen = 0
                for chain, counts in ((c, grams[chains.index(c)]) for c in run):
                    total.update(counts)
                    seen += len(_chain_text(lines, chain))
                    if seen >= budget:
                        break
                other = vocabulary.window(chains[-1:], 0)
                last = weighted(grams[-1], idf)
                assert vocabulary.cosine(window, other) == pytest.approx(counts_cosine(weighted(total, idf), last))
                shared = sum(1 for g in total if g in grams[-1] and idf.get(g, math.inf) >= rare)
                assert vocabulary.rare_shared(window, other) == shared


def test_a_chain_of_scattered_lines_is_refused(page: tuple[list[str], list[Chain], PageVocabulary]) -> None:
    infos = content_lines(PAGE)
    with pytest.raises(ValueError, match="consecutive"):
        PageVocabulary(infos, [Chain((1, 3), Role.BODY, None)])


def test_an_empty_page_has_an_empty_vocabulary() -> None:
    vocabulary = PageVocabulary((), ())
    assert vocabulary.containment({"春耕"}, vocabulary.text_window(0, -1, 10)) == 0.0


def test_the_ensemble_sums_the_leaves_every_tree_reaches() -> None:
    ensemble = load_model().ensemble
    rng = np.random.default_rng(0)
    for _ in range(50):
        values = tuple(float(v) for v in rng.choice([0.0, 0.05, 0.3, 0.5, 0.9, 1.0], ensemble.features_used()))
        expected = ensemble.base + sum(tree.predict(values) for tree in ensemble.trees)
        assert ensemble.log_odds(values) == pytest.approx(expected, abs=1e-9)
