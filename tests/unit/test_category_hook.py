"""The ``briefsum_categories`` hook: collected per plugin, attributed, fault-isolated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from briefsum import hookimpl
from briefsum.categories import CategoryDefinition, CategorySource
from briefsum.errors import PluginError
from briefsum.plugins import PluginSource, ProvidedCategory, make_plugin_manager
from briefsum.registry import build_registry
from briefsum.stages import Stage

from tests.stages_for_tests import WholeText

ENVIRONMENT = 'name = "environment"\n[terms]\n"污染防治" = 3.0\n"生态环境" = 2.0\n'


class CategoryPlugin:
    """Contributes the given category sources."""

    def __init__(self, *sources: CategorySource) -> None:
        self._sources = sources

    @hookimpl
    def briefsum_categories(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[CategorySource]:
        return list(self._sources)


class RaisingCategories:
    @hookimpl
    def briefsum_categories(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[CategorySource]:
        raise RuntimeError("category bug")


class SeesCategories:
    """A stage plugin that records the categories ``briefsum_stages`` receives."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []

    @hookimpl
    def briefsum_stages(
        self, options: Mapping[str, Mapping[str, Any]], categories: Sequence[ProvidedCategory]
    ) -> Sequence[Stage]:
        self.seen = [(c.category.name, c.plugin.name) for c in categories]
        return [WholeText()]


@pytest.fixture
def environment_file(tmp_path: Path) -> Path:
    path = tmp_path / "environment.toml"
    path.write_text(ENVIRONMENT, encoding="utf-8")
    return path


def test_briefsum_categories_collects_the_builtins_and_each_plugins_own(environment_file: Path) -> None:
    water = CategoryDefinition.model_validate({"name": "water", "terms": {"水资源": 2.0}})
    plugins = make_plugin_manager(entrypoints=False, extra=[("env", CategoryPlugin(environment_file, water))])
    provided = plugins.categories({})
    owners = {p.category.name: (p.plugin.name, p.plugin.source) for p in provided}
    assert owners == {
        "agriculture": ("builtin", PluginSource.BUILTIN),
        "energy": ("builtin", PluginSource.BUILTIN),
        "policy": ("builtin", PluginSource.BUILTIN),
        "trade": ("builtin", PluginSource.BUILTIN),
        "environment": ("env", PluginSource.ENTRY_POINT),
        "water": ("env", PluginSource.ENTRY_POINT),
    }
    origins = {p.category.name: p.origin for p in provided}
    assert origins["environment"] == str(environment_file)
    assert origins["water"] == "<env>"
    assert origins["policy"].endswith("policy.toml")


def test_briefsum_categories_a_bad_file_fails_only_its_plugin(tmp_path: Path, environment_file: Path) -> None:
    bad = tmp_path / "noise.toml"
    bad.write_text('name = "noise"\n[terms]\n"噪声" = 0\n', encoding="utf-8")
    plugins = make_plugin_manager(
        entrypoints=False, builtins=(), extra=[("good", CategoryPlugin(environment_file)), ("bad", CategoryPlugin(bad))]
    )
    assert [p.category.name for p in plugins.categories({})] == ["environment"]
    (failure,) = plugins.failures
    assert failure.name == "bad"
    assert "noise.toml" in failure.reason
    assert "terms: term '噪声': weight must be greater than 0" in failure.reason
    assert "bad" not in plugins.records


def test_briefsum_categories_a_raising_hook_is_reported_or_stops_strict_startup() -> None:
    plugins = make_plugin_manager(entrypoints=False, builtins=(), extra=[("bad", RaisingCategories())])
    assert plugins.categories({}) == []
    assert plugins.failures[0].reason == "RuntimeError: category bug"
    strict = make_plugin_manager(entrypoints=False, builtins=(), extra=[("bad", RaisingCategories())], strict=True)
    with pytest.raises(PluginError, match="strict mode"):
        strict.categories({})


def test_briefsum_categories_a_name_from_two_plugins_stops_startup(environment_file: Path) -> None:
    plugins = make_plugin_manager(
        entrypoints=False,
        builtins=(),
        extra=[("one", CategoryPlugin(environment_file)), ("two", CategoryPlugin(environment_file))],
    )
    with pytest.raises(PluginError, match=r"'environment' by one \(.*\), two \(.*\); deny one of the plugins"):
        plugins.categories({})


def test_briefsum_categories_reach_every_briefsum_stages_implementation(environment_file: Path) -> None:
    sees = SeesCategories()
    plugins = make_plugin_manager(
        entrypoints=False, builtins=(), extra=[("env", CategoryPlugin(environment_file)), ("sees", sees)]
    )
    build_registry(plugins, {})
    assert sees.seen == [("environment", "env")]
