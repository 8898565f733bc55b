"""Which plugins load: deny and allow lists (file or environment), safe mode; what was kept out is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from briefsum.engine import build_engine
from briefsum.errors import ConfigError
from briefsum.plugins import DENIED, NOT_ALLOWED, SAFE_MODE, PluginSource, make_plugin_manager
from briefsum.settings import load_settings

from tests.plugin_dists import fake_distribution
from tests.stages_for_tests import Plugin, WholeText


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("BRIEFSUM_PLUGINS__DENY", '["x", "y"]', ["x", "y"]),
        ("BRIEFSUM_PLUGINS__DENY", "x, y", ["x", "y"]),
        ("BRIEFSUM_PLUGINS__DENY", "x", ["x"]),
        ("BRIEFSUM_PLUGINS__ALLOW", '["keyfigures"]', ["keyfigures"]),
        ("BRIEFSUM_PLUGINS__ALLOW", "keyfigures,example", ["keyfigures", "example"]),
    ],
)
def test_lists_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: list[str]
) -> None:
    monkeypatch.setenv(variable, value)
    plugins = load_settings().plugins
    assert getattr(plugins, variable.rsplit("__", 1)[1].lower()) == expected


def test_a_broken_json_list_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFSUM_PLUGINS__DENY", '["x"')
    with pytest.raises(ConfigError, match=r"plugins\.deny: .*not a JSON list"):
        load_settings()


def test_lists_and_safe_mode_from_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "briefsum.toml"
    config.write_text('[plugins]\ndeny = ["a"]\nallow = ["b"]\nsafe_mode = true\n', encoding="utf-8")
    plugins = load_settings(config).plugins
    assert (plugins.deny, plugins.allow, plugins.safe_mode) == (["a"], ["b"], True)
    monkeypatch.setenv("BRIEFSUM_PLUGINS__SAFE_MODE", "false")
    assert load_settings(config).plugins.safe_mode is False  # the environment beats the file


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two installed entry-point plugins, one good and one that fails to import."""
    fake_distribution(tmp_path, "goodplug", "")
    fake_distribution(tmp_path, "badplug", "raise ImportError('needs libfoo')\n")
    monkeypatch.syspath_prepend(str(tmp_path))


def _skips(plugins: object) -> dict[str, str]:
    return {s.name: s.reason for s in plugins.skipped}  # type: ignore[attr-defined]


@pytest.mark.usefixtures("installed")
def test_deny_and_allow_are_reported_as_skipped() -> None:
    denied = make_plugin_manager(blocked=["badplug"])
    assert "goodplug" in denied.records
    assert _skips(denied)["badplug"] == DENIED
    assert not [f for f in denied.failures if f.name == "badplug"]  # never imported

    allowed = make_plugin_manager(allowed=["goodplug"])
    assert "goodplug" in allowed.records
    assert _skips(allowed)["badplug"] == NOT_ALLOWED


@pytest.mark.usefixtures("installed")
def test_safe_mode_loads_builtins_only() -> None:
    plugins = make_plugin_manager(safe_mode=True, extra=[("extra", Plugin(WholeText()))])
    assert list(plugins.records) == ["builtin"]
    skips = _skips(plugins)
    assert skips["goodplug"] == skips["badplug"] == skips["extra"] == SAFE_MODE
    assert plugins.failures == []
    assert plugins.safe_mode


def test_a_denied_builtin_is_reported() -> None:
    plugins = make_plugin_manager(entrypoints=False, blocked=["builtin"])
    assert [(s.name, s.source, s.reason) for s in plugins.skipped] == [("builtin", PluginSource.BUILTIN, DENIED)]


@pytest.mark.usefixtures("installed")
def test_engine_reports_skips_and_safe_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFSUM_PLUGINS__SAFE_MODE", "true")
    report = build_engine(load_settings()).report()
    assert report.safe_mode
    assert [p.name for p in report.plugins] == ["builtin"]
    assert {"goodplug", "badplug"} <= {s.name for s in report.skipped}
