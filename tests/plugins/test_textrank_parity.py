"""The vectorised TextRank ranks exactly as the textrank4zh package does, given the same words.

textrank4zh's own classes run on each test text (their segmentation, their word lists); the
vectorised functions get those same word lists. Scores agree to rounding error, so the top-k
agree too (sentences or words whose scores tie to 1e-12 may come in either order).
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pytest
from briefsum.model import Token
from briefsum_builtin.textrank import keywords, pagerank, reference, sentences
from briefsum_builtin.textrank.tokenize import JiebaTokenizer, RjiebaTokenizer, Tokenizer
from briefsum_builtin.textrank.words import WordViews, article_views, textrank4zh_stopwords

from tests.plugins.textrank_texts import ARTICLE, article

SEEDS = range(12)
TIE = 1e-12


def assert_same_top(ours: Sequence[float], theirs: Sequence[float], top: int) -> None:
    """Our ranking's j-th item has textrank4zh's j-th best score, for the first ``top`` places."""
    assert np.allclose(ours, theirs, rtol=0.0, atol=TIE)
    our_order = sorted(range(len(ours)), key=lambda i: (-ours[i], i))
    best = sorted(theirs, reverse=True)
    for place, index in enumerate(our_order[:top]):
        assert abs(theirs[index] - best[place]) <= TIE, f"place {place}: {index}"


def _closing_files(make: Callable[[], object]) -> object:
    # textrank4zh opens its stop-word file and never closes it: collect it here, not in a later test.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        made = make()
        gc.collect()
    return made


@pytest.fixture(scope="module")
def tr4s() -> object:
    reference.textrank4zh_util()
    from textrank4zh import TextRank4Sentence

    return _closing_files(TextRank4Sentence)


@pytest.fixture(scope="module")
def tr4w() -> object:
    reference.textrank4zh_util()
    from textrank4zh import TextRank4Keyword

    return _closing_files(TextRank4Keyword)


@pytest.mark.parametrize("seed", SEEDS)
def test_sentence_scores_match_textrank4sentence(tr4s, seed: int) -> None:
    text = article(seed)
    tr4s.analyze(text=text)
    theirs = [0.0] * len(tr4s.sentences)
    for item in tr4s.key_sentences:
        theirs[item.index] = item.weight
    ours = sentences.rank_sentences(tr4s.words_no_stop_words)
    assert_same_top(list(ours), theirs, top=len(theirs))
    # textrank4zh's own pick of the top 3 (score order, ties by position) is ours too.
    picked = [item.index for item in tr4s.get_key_sentences(num=3, sentence_min_len=1)]
    our_order = sorted(range(len(ours)), key=lambda i: (-ours[i], i))
    assert [theirs[i] for i in our_order[:3]] == pytest.approx([theirs[i] for i in picked], abs=TIE)


def test_isolated_sentence_scores_one_over_n(tr4s) -> None:
    # textrank4zh compares a sentence with itself: an isolated sentence keeps exactly 1/N.
    words = [["粮食", "生产"], ["粮食", "安全"], ["天气", "晴朗"], ["粮食", "生产", "安全"]]
    ours = sentences.rank_sentences(words)
    assert ours[2] == pytest.approx(1 / 4, abs=1e-9)
    assert reference.rank_sentences(words) == pytest.approx(list(ours), abs=TIE)


@pytest.mark.parametrize("seed", SEEDS)
def test_keywords_and_keyphrases_match_textrank4keyword(tr4w, seed: int) -> None:
    text = article(seed, size=14)
    tr4w.analyze(text=text, window=2)
    views = [
        WordViews(tuple(a), tuple(b), tuple(c))
        for a, b, c in zip(tr4w.words_no_filter, tr4w.words_no_stop_words, tr4w.words_all_filters, strict=True)
    ]
    ranked = keywords.rank_words(views)
    theirs = {item.word: item.weight for item in tr4w.keywords}
    assert {w.text for w in ranked} == set(theirs)
    assert_same_top([w.weight for w in ranked], [theirs[w.text] for w in ranked], top=len(ranked))
    phrases = keywords.keyphrases(views, [text], ranked)
    assert {p.text for p in phrases} == set(tr4w.get_keyphrases(keywords_num=12, min_occur_num=2))
    # each weight is the sum of the phrase's word weights; best first
    assert [p.weight for p in phrases] == sorted((p.weight for p in phrases), reverse=True)


def test_some_keyphrases_are_found(tr4w) -> None:
    # guards the test above against comparing empty sets only
    found = 0
    for seed in SEEDS:
        tr4w.analyze(text=article(seed, size=14))
        found += len(tr4w.get_keyphrases(keywords_num=12, min_occur_num=2))
    assert found >= 5


@pytest.mark.parametrize("make", [RjiebaTokenizer, JiebaTokenizer], ids=["rjieba", "jieba"])
def test_engines_agree_on_shared_tokens(make: type[Tokenizer]) -> None:
    """The default engine's TextRank equals the textrank4zh engine's on briefsum's own tokens."""
    tokenizer = make()
    tokenizer.load()
    stop = textrank4zh_stopwords()
    for seed in SEEDS:
        parts = [s + "。" for s in article(seed).split("。") if s]
        views = article_views([tokenizer.tokenize(p) for p in parts], stop)
        words = [v.no_stop for v in views]
        assert_same_top(list(sentences.rank_sentences(words)), reference.rank_sentences(words), top=3)
        theirs = dict(reference.rank_words([v.all_filters for v in views], [v.no_stop for v in views]))
        ranked = keywords.rank_words(views)
        assert_same_top([w.weight for w in ranked], [theirs[w.text] for w in ranked], top=10)


def test_whole_article_parity() -> None:
    tokenizer = RjiebaTokenizer()
    tokenizer.load()
    parts = [s + "。" for s in ARTICLE.split("。") if s]
    tokens: list[tuple[Token, ...]] = [tokenizer.tokenize(p) for p in parts]
    words = [v.no_stop for v in article_views(tokens, textrank4zh_stopwords())]
    assert_same_top(list(sentences.rank_sentences(words)), reference.rank_sentences(words), top=len(words))


def test_long_articles_are_ranked_in_blocks() -> None:
    rng = np.random.default_rng(7)
    vocabulary = [f"词{i}" for i in range(300)]
    words = [list(rng.choice(vocabulary, size=rng.integers(1, 12))) for _ in range(sentences.MAX_GRAPH_SENTENCES + 250)]
    scores = sentences.rank_sentences(words)
    assert scores.shape == (len(words),)
    assert np.isfinite(scores).all() and (scores > 0).all()
    assert scores.sum() == pytest.approx(1.0)
    # the first block is ranked exactly as on its own, scaled by its share
    block = sentences.MAX_GRAPH_SENTENCES
    alone = sentences.rank_sentences(words[:block])
    assert scores[:block] == pytest.approx(alone * block / len(words))


@pytest.mark.parametrize("size", [1, 7, 60, 350])
def test_pagerank_equals_networkx(size: int) -> None:
    """Dense (small) and sparse (large) graphs, with self-loops and isolated (dangling) nodes."""
    import networkx
    import scipy.sparse

    rng = np.random.default_rng(size)
    weights = np.triu(rng.random((size, size)) * (rng.random((size, size)) < 0.05))
    weights = weights + weights.T - np.diag(np.diag(weights))
    isolated = size // 10  # a few nodes without edges: dangling
    weights[:isolated] = 0.0
    weights[:, :isolated] = 0.0
    theirs = networkx.pagerank(networkx.from_numpy_array(weights), alpha=pagerank.DAMPING)
    expected = [theirs[i] for i in range(size)]
    for matrix in (weights, scipy.sparse.csr_array(weights)):
        assert pagerank.pagerank(matrix) == pytest.approx(expected, abs=TIE)
