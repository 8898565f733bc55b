"""The example plugin, tested the way a plugin author would: through a real pipeline."""

from __future__ import annotations

from briefsum.engine import build_engine
from briefsum.options import parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
from briefsum.testing import check_stage_contract
from briefsum_example import StatsStage


def test_stats_counts_sentences_and_characters() -> None:
    plugins = make_plugin_manager(entrypoints=False, extra=[("example", __import__("briefsum_example"))])
    settings = load_settings(pipeline=["builtin.page", "builtin.sentences", "example.stats"])
    engine = build_engine(settings, plugins)
    text = "第一句话在这里。第二句话也在这里！"
    result = engine.summarize(text, parse_options({"layout": "article"}))
    (article,) = result.document.articles
    stats = article.extensions[StatsStage.name]
    assert stats["sentences"] == 2
    assert stats["chars"] == len(text)
    assert stats["reading_minutes"] == round(len(text) / 500, 1)


def test_stats_stage_contract() -> None:
    check_stage_contract(StatsStage())
