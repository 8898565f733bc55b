"""The jieba dictionary cache can live in a configured directory (built ahead of time, e.g. in an image)."""

from __future__ import annotations

from pathlib import Path

import pytest
from briefsum.errors import ConfigError
from briefsum_builtin.textrank.stages import JiebaStage


def test_cache_is_written_to_and_read_from_cache_dir(tmp_path: Path) -> None:
    stage = JiebaStage({"cache_dir": str(tmp_path)})
    stage.setup()
    cache = tmp_path / "jieba.cache"
    assert cache.is_file() and cache.stat().st_size > 0
    built = cache.stat().st_mtime_ns
    again = JiebaStage({"cache_dir": str(tmp_path)})
    again.setup()  # reads the fresh cache instead of rebuilding it
    assert cache.stat().st_mtime_ns == built
    assert [t.text for t in again._tokenizer.tokenize("粮食安全")]


def test_cache_dir_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cache_dir"):
        JiebaStage({"cache_dir": str(tmp_path / "missing")})
