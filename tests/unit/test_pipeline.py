from __future__ import annotations

import logging

import pytest
from briefsum.engine import Engine
from briefsum.errors import ConfigError, DeadlineExceeded, InvalidRequest, StageError
from briefsum.model import Document
from briefsum.options import parse_options
from briefsum.pipeline import PlanError, plan
from briefsum.plugins import make_plugin_manager
from briefsum.registry import build_registry
from briefsum.settings import load_settings

from tests.stages_for_tests import Marks, Plugin, Raises, WholeText, WrongType


def _registry():
    plugins = make_plugin_manager(
        entrypoints=False, builtins=(), extra=[("t", Plugin(WholeText(), Marks(), Raises(), WrongType()))]
    )
    return plugins, build_registry(plugins, {})


def test_default_pipeline_is_default_stages_in_phase_order() -> None:
    _, registry = _registry()
    assert registry.default_names() == ("test.whole", "test.marks")


def test_plan_rejects_unknown_stage_listing_available() -> None:
    _, registry = _registry()
    with pytest.raises(PlanError, match=r"unknown stage 'nope'; available stages: test.marks \(t\)"):
        plan(registry, ["nope"])


def test_plan_rejects_unmet_requirements_and_names_provider() -> None:
    _, registry = _registry()
    with pytest.raises(
        PlanError, match=r"'test.marks' needs articles from an earlier stage \(provided by test.whole\)"
    ):
        plan(registry, ["test.marks", "test.whole"])


def test_plan_rejects_duplicates_and_empty() -> None:
    _, registry = _registry()
    with pytest.raises(PlanError, match="twice"):
        plan(registry, ["test.whole", "test.whole"])
    with pytest.raises(PlanError, match="empty"):
        plan(registry, [])


def test_stage_exception_becomes_stage_error_without_its_text(caplog: pytest.LogCaptureFixture) -> None:
    _, registry = _registry()
    pipeline = plan(registry, ["test.whole", "test.raises"])
    with caplog.at_level(logging.ERROR), pytest.raises(StageError) as caught:
        pipeline.run(Document("文本", parse_options({})))
    assert caught.value.stage == "test.raises"
    assert caught.value.plugin == "t"
    assert "secret internal detail" not in str(caught.value)
    assert caught.value.error_id in caplog.text  # the log has the id and the traceback
    assert "secret internal detail" in caplog.text


def test_wrong_return_type_becomes_stage_error() -> None:
    _, registry = _registry()
    with pytest.raises(StageError, match="returned an invalid result"):
        plan(registry, ["test.wrongtype"]).run(Document("文本", parse_options({})))


def test_checkpoint_runs_between_stages() -> None:
    _, registry = _registry()
    calls = []

    def checkpoint() -> None:
        calls.append(1)
        if len(calls) == 2:
            raise DeadlineExceeded("late")

    with pytest.raises(DeadlineExceeded):
        plan(registry, ["test.whole", "test.marks"]).run(Document("文本", parse_options({})), checkpoint)
    assert len(calls) == 2


def test_trace_and_version() -> None:
    _, registry = _registry()
    pipeline = plan(registry, ["test.whole", "test.marks"])
    result = pipeline.run(Document("文本", parse_options({})))
    assert [r.stage for r in result.trace] == ["test.whole", "test.marks"]
    assert result.pipeline_version == pipeline.version
    assert pipeline.version != plan(registry, ["test.whole"]).version


def test_engine_validates_text_size_and_stage_override() -> None:
    plugins, registry = _registry()
    engine = Engine(load_settings(server={"max_text_bytes": 10}), plugins, registry)
    with pytest.raises(InvalidRequest) as caught:
        engine.summarize("长" * 4, parse_options({}))  # 12 UTF-8 bytes
    assert caught.value.violations[0].field == "text"
    assert "10 bytes" in caught.value.violations[0].description
    with pytest.raises(InvalidRequest) as caught:
        engine.summarize("短", parse_options({"stages": ("test.marks",)}))
    assert caught.value.violations[0].field == "stages"
    assert engine.summarize("   \n ", parse_options({})).document.articles == ()


def test_engine_rejects_invalid_configured_pipeline() -> None:
    plugins, registry = _registry()
    with pytest.raises(ConfigError, match="unknown stage 'missing'"):
        Engine(load_settings(pipeline=["test.whole", "missing"]), plugins, registry)
