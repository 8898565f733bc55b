"""Configuring the tagging stage: replace, disable and retune categories; bad files stop start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from briefsum.engine import Engine, build_engine
from briefsum.errors import ConfigError
from briefsum.options import parse_options
from briefsum.plugins import make_plugin_manager
from briefsum.settings import load_settings
from briefsum_builtin.tagging.stage import TagStage

TAG_STAGES = ("builtin.page", "builtin.sentences", "builtin.tags")
GRAIN_MEETING = (
    "省政府日前召开常务会议，研究部署春耕生产工作。会议强调，要扛稳粮食安全责任，落实耕地保护制度，"
    "确保粮食播种面积稳定。会议要求各地抓好种子、化肥等农资供应。"
)
HYDROGEN = "本报讯 我省首座加氢站日前建成投用，氢燃料电池公交车开始试运行。氢能产业园同时开工建设。"
HYDROGEN_ONLY = 'name = "energy"\nmin_terms = 1\n[terms]\n"氢能" = 3.0\n"加氢站" = 3.0\n'


def _engine(options: dict[str, Any]) -> Engine:
    """A whole service started with these tag options (slow: every stage warms up)."""
    settings = load_settings(stages={"builtin.tags": options})
    return build_engine(settings, make_plugin_manager(entrypoints=False))


def _stage(options: dict[str, Any]) -> TagStage:
    """Just the tagging stage with these options and the categories of the real plugins (fast)."""
    stage = TagStage(options, make_plugin_manager(entrypoints=False).categories({}))
    stage.setup()
    return stage


def _tags(engine: Engine, text: str, stage: TagStage | None = None) -> set[str]:
    """The categories ``engine`` gives ``text``, or ``stage`` given the engine's sentences."""
    if stage is None:
        result = engine.summarize(text, parse_options({"layout": "article", "stages": TAG_STAGES}))
        document = result.document
    else:
        sentences = engine.summarize(text, parse_options({"layout": "article", "stages": TAG_STAGES[:2]}))
        document = stage.run(sentences.document)
    return {tag.category for article in document.articles for tag in article.tags}


def test_the_defaults_tag_the_grain_meeting_with_policy_and_agriculture(engine: Engine) -> None:
    assert _tags(engine, GRAIN_MEETING) == {"agriculture", "policy"}


def test_disable_removes_a_category_and_thresholds_retune_one(engine: Engine) -> None:
    training = "今年以来，该县组织技术人员深入田间地头，开展病虫害防治技术培训二十余场。"
    result = engine.summarize(training, parse_options({"layout": "article", "stages": TAG_STAGES}))
    (agriculture,) = result.document.articles[0].tags
    stricter = round(agriculture.score + 0.01, 4)
    retuned = _stage({"disable": ["policy"], "thresholds": {"agriculture": stricter}})
    assert [c.definition.name for c in retuned.categories] == ["agriculture", "energy", "trade"]
    assert _tags(engine, GRAIN_MEETING, retuned) == {"agriculture"}
    assert _tags(engine, training, retuned) == set()


def test_a_categories_dir_replaces_a_builtin_category(tmp_path: Path) -> None:
    (tmp_path / "energy.toml").write_text(HYDROGEN_ONLY, encoding="utf-8")
    engine = _engine({"categories_dir": str(tmp_path)})
    wind = "全省风电装机容量突破千万千瓦，电网消纳能力持续提升，发电量增长两成。"
    assert "energy" in _tags(engine, HYDROGEN)
    assert "energy" not in _tags(engine, wind)
    assert _tags(engine, GRAIN_MEETING) == {"agriculture", "policy"}


def test_builtin_categories_can_be_turned_off(engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "energy.toml").write_text(HYDROGEN_ONLY, encoding="utf-8")
    stage = _stage({"builtin_categories": False, "categories_dir": str(tmp_path)})
    assert [(c.definition.name, c.plugin) for c in stage.categories] == [("energy", "config")]
    assert _tags(engine, GRAIN_MEETING, stage) == set()
    assert _tags(engine, HYDROGEN, stage) == {"energy"}


def test_max_evidence_limits_the_evidence_per_tag(engine: Engine) -> None:
    sentences = engine.summarize(GRAIN_MEETING, parse_options({"layout": "article", "stages": TAG_STAGES[:2]}))
    tags = _stage({"max_evidence": 2}).run(sentences.document).articles[0].tags
    assert tags
    assert all(len(tag.evidence) == 2 for tag in tags)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"disable": ["politics"]}, r"disable: unknown categories politics; available: agriculture, energy"),
        ({"thresholds": {"energy": 1.5}}, r"thresholds.energy: must be between 0 and 1"),
        ({"max_evidence": 0}, r'stages."builtin.tags".max_evidence: Input should be greater than or equal to 1'),
        ({"colour": "red"}, r'stages."builtin.tags".colour: Extra inputs are not permitted'),
        ({"categories_dir": "/nonexistent/categories"}, r"category folder /nonexistent/categories does not exist"),
    ],
)
def test_bad_options_are_rejected_naming_the_option(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _stage(options)


def test_a_bad_category_file_stops_startup_naming_the_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "environment.toml"
    bad.write_text('name = "environment"\nthreshold = 0.5\n[terms]\n"污染防治" = "strong"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"environment.toml: terms.污染防治: Input should be a valid number"):
        _engine({"categories_dir": str(tmp_path)})
