"""Each hook, tested on its own (tests/plugins/test_hooks_documented.py requires one test per hook)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from briefsum import hookimpl
from briefsum.errors import ConfigError
from briefsum.plugins import make_plugin_manager
from briefsum.registry import build_registry
from briefsum.stages import Stage

from tests.stages_for_tests import Marks, NotAStagePlugin, Plugin, WholeText


class Recorder:
    """A plugin that records the calls of ``briefsum_stages`` it receives."""

    def __init__(self, name: str, calls: list[tuple[str, dict[str, Any]]], *stages: Stage) -> None:
        self.name, self.calls, self.stages = name, calls, stages

    @hookimpl
    def briefsum_stages(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
        self.calls.append((self.name, {k: dict(v) for k, v in options.items()}))
        return list(self.stages)


def test_hook_briefsum_stages_is_called_once_per_plugin_in_order_with_the_options() -> None:
    calls: list[tuple[str, dict[str, Any]]] = []
    plugins = make_plugin_manager(
        entrypoints=False,
        extra=[("zeta", Recorder("zeta", calls, WholeText())), ("alpha", Recorder("alpha", calls, Marks()))],
    )
    options = {"test.marks": {"limit": 3}}
    provided = plugins.stages(options)
    # the built-in plugin first, then plugins given in code in the order given; each called once
    assert [name for name, _ in calls] == ["zeta", "alpha"]
    assert provided[0].plugin.name == "builtin"
    assert all(received == options for _, received in calls)
    owners = {p.stage.name: p.plugin.name for p in provided}
    assert (owners["test.whole"], owners["test.marks"], owners["builtin.page"]) == ("zeta", "alpha", "builtin")


def test_hook_briefsum_stages_results_are_collected_not_first_wins() -> None:
    plugins = make_plugin_manager(entrypoints=False, builtins=(), extra=[("one", Plugin(WholeText(), Marks()))])
    assert [p.stage.name for p in plugins.stages({})] == ["test.whole", "test.marks"]


def test_hook_briefsum_stages_implementation_may_take_no_options() -> None:
    class NoArguments:
        @hookimpl
        def briefsum_stages(self) -> Sequence[Stage]:
            return [WholeText()]

    plugins = make_plugin_manager(entrypoints=False, builtins=(), extra=[("bare", NoArguments())])
    assert [p.stage.name for p in plugins.stages({"x.y": {}})] == ["test.whole"]


def test_hook_briefsum_stages_invalid_results_fail_only_that_plugin() -> None:
    class Unnamespaced(WholeText):
        name = "whole"

    plugins = make_plugin_manager(
        entrypoints=False,
        builtins=(),
        extra=[("good", Plugin(WholeText())), ("bad", NotAStagePlugin()), ("plain", Plugin(Unnamespaced()))],
    )
    assert [p.stage.name for p in plugins.stages({})] == ["test.whole"]
    reasons = {f.name: f.reason for f in plugins.failures}
    assert "does not implement briefsum.stages.Stage" in reasons["bad"]
    assert "must be namespaced" in reasons["plain"]


def test_hook_briefsum_stages_config_error_stops_startup() -> None:
    class Picky:
        @hookimpl
        def briefsum_stages(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[Stage]:
            raise ConfigError("stages.picky.x: unknown option(s) colour")

    # strict or not, a configuration mistake is the operator's to fix: start-up stops
    with pytest.raises(ConfigError, match="unknown option"):
        build_registry(make_plugin_manager(entrypoints=False, builtins=(), extra=[("picky", Picky())]), {})
