from __future__ import annotations

from pathlib import Path

import pytest
from briefsum.errors import ConfigError
from briefsum.settings import load_settings


def test_precedence_overrides_env_file_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "briefsum.toml"
    config.write_text('log_level = "DEBUG"\n[server]\nport = 1111\nhost = "0.0.0.0"\nmax_queue = 3\n', encoding="utf-8")
    monkeypatch.setenv("BRIEFSUM_SERVER__PORT", "2222")
    monkeypatch.setenv("BRIEFSUM_SERVER__MAX_QUEUE", "5")
    settings = load_settings(config, server={"max_queue": 7})
    assert settings.server.port == 2222  # env beats file
    assert settings.server.host == "0.0.0.0"  # file beats default
    assert settings.server.max_queue == 7  # override beats env
    assert settings.log_level == "DEBUG"


def test_unknown_setting_in_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "briefsum.toml"
    config.write_text("[server]\nprot = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"server\.prot"):
        load_settings(config)


def test_invalid_value_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFSUM_SERVER__PORT", "70000")
    with pytest.raises(ConfigError, match=r"server\.port"):
        load_settings()


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")


def test_stage_options_from_file(tmp_path: Path) -> None:
    config = tmp_path / "briefsum.toml"
    config.write_text('[stages."builtin.tokens"]\nuser_dict = "/x"\n', encoding="utf-8")
    assert load_settings(config).stages == {"builtin.tokens": {"user_dict": "/x"}}
