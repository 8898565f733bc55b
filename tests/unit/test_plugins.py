from __future__ import annotations

from pathlib import Path

import pytest
from briefsum.engine import build_engine
from briefsum.errors import PluginError, StageError, StartupError
from briefsum.options import parse_options
from briefsum.plugins import PluginSource, make_plugin_manager
from briefsum.registry import build_registry
from briefsum.settings import load_settings

from tests.stages_for_tests import (
    CountingSetup,
    FailingSetup,
    Marks,
    NotAStagePlugin,
    Plugin,
    RaisingPlugin,
    TypoPlugin,
    WholeText,
)


def test_builtins_register_through_the_same_hook() -> None:
    plugins = make_plugin_manager(entrypoints=False)
    assert plugins.records["builtin"].source is PluginSource.BUILTIN
    names = {p.stage.name for p in plugins.stages({})}
    assert {
        "builtin.page",
        "builtin.sentences",
        "builtin.tokens",
        "builtin.textrank",
        "builtin.keywords",
        "builtin.tags",
    } <= names
    assert all(p.plugin.name == "builtin" for p in plugins.stages({}))


def test_each_stage_is_attributed_to_its_plugin() -> None:
    plugins = make_plugin_manager(
        entrypoints=False, builtins=(), extra=[("one", Plugin(WholeText())), ("two", Plugin(Marks()))]
    )
    owners = {p.stage.name: p.plugin.name for p in plugins.stages({})}
    assert owners == {"test.whole": "one", "test.marks": "two"}


@pytest.mark.parametrize(
    ("plugin", "reason"),
    [
        (RaisingPlugin(), "RuntimeError: plugin bug"),
        (NotAStagePlugin(), "does not implement"),
        (TypoPlugin(), "unknown hook 'briefsum_stagez'"),
    ],
)
def test_broken_plugin_is_reported_and_skipped(plugin: object, reason: str) -> None:
    plugins = make_plugin_manager(
        entrypoints=False, builtins=(), extra=[("good", Plugin(WholeText())), ("bad", plugin)]
    )
    stages = plugins.stages({})
    assert [p.stage.name for p in stages] == ["test.whole"]
    (failure,) = plugins.failures
    assert failure.name == "bad"
    assert reason in failure.reason
    assert "bad" not in plugins.records


def test_strict_mode_refuses_a_broken_plugin() -> None:
    with pytest.raises(PluginError, match="strict mode"):
        make_plugin_manager(entrypoints=False, builtins=(), extra=[("bad", TypoPlugin())], strict=True).stages({})


def test_duplicate_stage_names_stop_startup_naming_both_plugins() -> None:
    plugins = make_plugin_manager(
        entrypoints=False, builtins=(), extra=[("one", Plugin(WholeText())), ("two", Plugin(WholeText()))]
    )
    with pytest.raises(StartupError, match=r"'test.whole' by plugins one, two"):
        build_registry(plugins, {})


def test_setup_failure_of_a_pipeline_stage_disables_its_plugin() -> None:
    plugins = make_plugin_manager(
        entrypoints=False, builtins=(), extra=[("good", Plugin(WholeText())), ("bad", Plugin(FailingSetup()))]
    )
    engine = build_engine(load_settings(), plugins)
    assert engine.pipeline.names == ("test.whole",)
    assert engine.registry.names() == ["test.whole"]
    assert "setup failed: OSError: dictionary missing" in plugins.failures[0].reason


def test_setup_failure_in_strict_mode_stops_startup() -> None:
    plugins = make_plugin_manager(
        entrypoints=False,
        builtins=(),
        extra=[("good", Plugin(WholeText())), ("bad", Plugin(FailingSetup()))],
        strict=True,
    )
    with pytest.raises(PluginError, match="dictionary missing"):
        build_engine(load_settings(), plugins)


def test_stages_outside_the_pipeline_are_set_up_on_first_use() -> None:
    lazy = CountingSetup()
    plugins = make_plugin_manager(entrypoints=False, builtins=(), extra=[("t", Plugin(WholeText(), lazy))])
    engine = build_engine(load_settings(), plugins)
    assert lazy.setups == 0  # not in the default pipeline: no start-up cost
    for _ in range(2):
        engine.summarize("文本", parse_options({"stages": ("test.whole", "test.counting")}))
    assert lazy.setups == 1


def test_setup_failure_of_an_override_stage_is_a_stage_error() -> None:
    broken = FailingSetup()
    broken.default = False  # type: ignore[misc]
    plugins = make_plugin_manager(entrypoints=False, builtins=(), extra=[("t", Plugin(WholeText(), broken))])
    engine = build_engine(load_settings(), plugins)
    for _ in range(2):  # remembered: setup is not retried on every request
        with pytest.raises(StageError, match=r"'test\.badsetup' of plugin 't' could not be set up"):
            engine.summarize("文本", parse_options({"stages": ("test.whole", "test.badsetup")}))
    assert broken.setups == 1


def test_blocked_plugin_is_not_loaded() -> None:
    plugins = make_plugin_manager(entrypoints=False, blocked=["builtin"])
    assert plugins.records == {}


def _fake_distribution(root: Path, name: str, module_source: str) -> None:
    """A real installed distribution (dist-info with an entry point) on a sys.path entry."""
    (root / f"{name}.py").write_text(module_source, encoding="utf-8")
    info = root / f"briefsum_{name}-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: briefsum-{name}\nVersion: 0.0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[briefsum]\n{name} = {name}\n", encoding="utf-8")


def test_entry_point_that_fails_to_import_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_distribution(tmp_path, "brokenimport", "raise ImportError('needs libfoo')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    plugins = make_plugin_manager(builtins=())
    failure = next(f for f in plugins.failures if f.name == "brokenimport")
    assert failure.source is PluginSource.ENTRY_POINT
    assert failure.reason == "ImportError: needs libfoo"


def test_entry_point_plugins_allow_and_deny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_distribution(tmp_path, "fine", "")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "fine" in make_plugin_manager(builtins=()).records
    assert make_plugin_manager(builtins=()).records["fine"].version == "0.0.1"
    assert "fine" not in make_plugin_manager(builtins=(), blocked=["fine"]).records
    assert "fine" not in make_plugin_manager(builtins=(), allowed=["other"]).records


def test_stage_option_error_stops_startup_naming_the_option() -> None:
    from briefsum.errors import ConfigError

    plugins = make_plugin_manager(entrypoints=False)
    with pytest.raises(ConfigError, match="user_dict"):
        build_registry(plugins, {"builtin.tokens": {"user_dict": "/nonexistent/dict.txt"}})
