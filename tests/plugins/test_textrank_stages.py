"""The tokeniser, summary and keyword stages: options, length semantics, engines, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from briefsum.engine import Engine, build_engine
from briefsum.errors import ConfigError, StartupError
from briefsum.model import Sentence, Span
from briefsum.options import Length, parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
from briefsum_builtin.textrank import summary
from briefsum_builtin.textrank.shared import SharedWords
from briefsum_builtin.textrank.stages import JiebaStage, KeywordStage, RjiebaStage, TextRankStage
from briefsum_builtin.textrank.tokenize import RjiebaTokenizer, read_user_dict
from briefsum_builtin.textrank.words import textrank4zh_stopwords
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.plugins.textrank_texts import ARTICLE, SENTENCES

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "summary_selection.json"
SEGMENT = ("builtin.page", "builtin.sentences")


def _sentences(texts: list[str]) -> list[Sentence]:
    return [Sentence(text, Span(0, len(text)), index) for index, text in enumerate(texts)]


def _golden() -> list[Any]:
    return [pytest.param(case, id=case["label"]) for case in json.loads(GOLDEN.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("case", _golden())
def test_selection_golden(case: dict[str, Any]) -> None:
    data = case["input"]
    chosen = summary.select(_sentences(data["sentences"]), data["scores"], Length(**data["length"]))
    assert [c.sentence.index for c in chosen] == case["expected"], case["comment"]


@settings(max_examples=200, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=60), max_size=25),
    scores=st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=25, max_size=25),
    limit=st.one_of(
        st.builds(lambda n: Length(max_sentences=n), st.integers(1, 30)),
        st.builds(lambda n: Length(max_chars=n), st.integers(1, 400)),
        st.builds(lambda r: Length(ratio=r), st.floats(0.01, 1.0)),
    ),
)
def test_selection_properties(lengths: list[int], scores: list[float], limit: Length) -> None:
    # distinct texts: the number in each keeps near-duplicate removal out of the way
    texts = [f"{i:02d}" + "政" * max(n - 2, 0) for i, n in enumerate(lengths)]
    chosen = summary.select(_sentences(texts), scores[: len(texts)], limit, duplicate_overlap=None)
    indices = [c.sentence.index for c in chosen]
    assert indices == sorted(set(indices)), "reading order, no repeats"
    assert all(c.sentence.text == texts[c.sentence.index] for c in chosen), "sentences are never cut"
    if limit.max_chars is not None:
        assert sum(len(c.sentence.text) for c in chosen) <= limit.max_chars
    else:
        assert 0 < len(chosen) <= limit.sentence_budget(len(texts)) or not texts


def test_stage_options_are_validated() -> None:
    with pytest.raises(ConfigError, match=r"builtin\.textrank.*position_weigth"):
        TextRankStage({"position_weigth": 1.0})
    with pytest.raises(ConfigError, match=r"builtin\.keywords.*window"):
        KeywordStage({"window": 1})
    with pytest.raises(ConfigError, match=r"builtin\.tokens.*user_dict"):
        RjiebaStage({"user_dict": "/nonexistent/dict.txt"})
    with pytest.raises(ConfigError, match=r"builtin\.tokens.*cache_dir"):
        RjiebaStage({"cache_dir": "/tmp"})  # only jieba keeps a dictionary cache


def test_unknown_option_stops_startup() -> None:
    settings = load_settings(stages={"builtin.textrank": {"bogus": 1}})
    with pytest.raises(StartupError, match="bogus"):
        build_engine(settings, make_plugin_manager(entrypoints=False))


def test_user_dictionary(tmp_path: Path) -> None:
    user_dict = tmp_path / "dict.txt"
    user_dict.write_text("# 政策用语\n一主六双\n专精特新 20 nz\n", encoding="utf-8")
    text = "全面实施“一主六双”高质量发展战略，支持专精特新企业。"
    for make in (RjiebaStage, JiebaStage):
        plain, custom = make({}), make({"user_dict": str(user_dict)})
        plain.setup()
        custom.setup()
        before = {t.text: t.pos for t in plain._tokenizer.tokenize(text)}  # type: ignore[union-attr]
        after = {t.text: t.pos for t in custom._tokenizer.tokenize(text)}  # type: ignore[union-attr]
        assert "专精特新" not in before and before.get("一主六双") != "nz"
        assert after["一主六双"] == "nz" and after["专精特新"] == "nz"


def test_bad_user_dictionary_names_the_line(tmp_path: Path) -> None:
    user_dict = tmp_path / "dict.txt"
    user_dict.write_text("一主六双\n专精特新 多 nz 额外\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"dict\.txt:2"):
        read_user_dict(user_dict)


def _keywords(engine: Engine, text: str) -> list[str]:
    result = engine.summarize(text, parse_options({"layout": "article", "keyword_count": 20}))
    return [k.text for a in result.document.articles for k in a.keywords]


def test_custom_stopwords(engine: Engine, tmp_path: Path) -> None:
    assert "粮食" in _keywords(engine, ARTICLE)
    stopfile = tmp_path / "stop.txt"
    stopfile.write_text("企业\n", encoding="utf-8")
    options = {"stopwords": ["粮食"], "stopwords_file": str(stopfile)}
    custom = build_engine(load_settings(stages={"builtin.keywords": options}), make_plugin_manager(entrypoints=False))
    words = _keywords(custom, ARTICLE)
    assert words and "粮食" not in words and "企业" not in words


def test_keywords_and_keyphrases_have_weights(engine: Engine) -> None:
    text = "".join(SENTENCES[-3:] * 2)
    (article,) = engine.summarize(text, parse_options({"layout": "article", "keyword_count": 5})).document.articles
    assert len(article.keywords) == 5
    assert [k.weight for k in article.keywords] == sorted((k.weight for k in article.keywords), reverse=True)
    assert article.keyphrases, "repeated adjacent keywords make keyphrases"
    assert all(text.count(p.text) >= 2 and p.weight > 0 for p in article.keyphrases)


def test_engines_are_chosen_per_request(engine: Engine) -> None:
    default = engine.summarize(ARTICLE, parse_options({"layout": "article"}))
    reference = engine.summarize(
        ARTICLE,
        parse_options({"layout": "article", "stages": (*SEGMENT, "builtin.jieba", "builtin.textrank4zh")}),
    )
    assert [r.stage for r in reference.trace][-1] == "builtin.textrank4zh"
    assert reference.document.articles[0].summary
    assert default.pipeline_version != reference.pipeline_version
    assert engine.pipeline.names[2:4] == ("builtin.tokens", "builtin.textrank")


def test_debug_explains_the_scores(engine: Engine) -> None:
    result = engine.summarize(ARTICLE, parse_options({"layout": "article", "debug": True}))
    (article,) = result.document.articles
    factors = article.extensions["builtin.textrank"]
    assert set(factors) == {"textrank", "salience", "position"}
    assert all(len(values) == len(article.sentences) for values in factors.values())
    assert sum(article.sentence_scores) == pytest.approx(1.0)
    plain = engine.summarize(ARTICLE, parse_options({"layout": "article"})).document.articles[0]
    assert "builtin.textrank" not in plain.extensions


def test_summary_and_keywords_share_one_word_analysis() -> None:
    shared = SharedWords()
    tokenizer = RjiebaTokenizer()
    tokenizer.load()
    tokens = tuple(tokenizer.tokenize(s) for s in SENTENCES[:5])
    stopwords = textrank4zh_stopwords()
    first = shared.analyse(tokens, stopwords)
    assert shared.analyse(tokens, stopwords) is first
    assert shared.analyse(tokens, stopwords, window=3) is not first
    assert shared.analyse(tuple(tokens), frozenset()) is not first


DETERMINISM_SCRIPT = """
import json, sys
from briefsum.engine import build_engine
from briefsum.export import result_to_dict
from briefsum.options import parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))
texts = json.loads(sys.stdin.read())
out = [result_to_dict("x", engine.summarize(t, parse_options({"keyword_count": 30})), timings=False) for t in texts]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def test_output_does_not_depend_on_the_hash_seed(example_page: str) -> None:
    """textrank4zh's keyphrases change with PYTHONHASHSEED (its issue #31); briefsum's must not."""
    texts = json.dumps([example_page, ARTICLE, "".join(SENTENCES[-3:] * 2)])
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", DETERMINISM_SCRIPT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        for seed in ("0", "1", "4242")
    ]
    outputs = [p.communicate(texts, timeout=120)[0] for p in processes]
    assert all(p.returncode == 0 for p in processes)
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
    assert any(a["keyphrases"] for r in json.loads(outputs[0]) for a in r["articles"])


def test_plain_engine_summarises_as_the_textrank4zh_engine() -> None:
    """With its two factors and near-duplicate removal off, the default engine is textrank4zh's."""
    from tests.plugins.textrank_texts import article

    plain = {"position_weight": 0.0, "salience_weight": 0.0, "duplicate_overlap": None}
    engine = build_engine(load_settings(stages={"builtin.textrank": plain}), make_plugin_manager(entrypoints=False))
    for seed in range(20):
        summaries = []
        for summariser in ("builtin.textrank", "builtin.textrank4zh"):
            stages = (*SEGMENT, "builtin.tokens", summariser)
            options = parse_options({"layout": "article", "length": {"max_sentences": 3}, "stages": stages})
            (result,) = engine.summarize(article(seed), options).document.articles
            summaries.append([s.sentence.index for s in result.summary])
        assert summaries[0] == summaries[1], seed


_SCORES = """
import sys
from briefsum.engine import build_engine
from briefsum.options import parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings

engine = build_engine(load_settings(), make_plugin_manager(entrypoints=False))
result = engine.summarize(sys.stdin.read(), parse_options({"layout": "page"}))
for article in result.document.articles:
    print(repr(article.sentence_scores), [(k.text, k.weight) for k in article.keywords])
"""


def test_scores_are_identical_to_the_last_bit_whatever_the_hash_seed(example_page: str) -> None:
    # Set iteration follows the per-process string hash: a sum over a set differs in its last bits.
    outputs = [
        subprocess.run(
            [sys.executable, "-c", _SCORES],
            input=example_page,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert outputs[0].count("\n") >= 5
    assert outputs[0] == outputs[1] == outputs[2]
