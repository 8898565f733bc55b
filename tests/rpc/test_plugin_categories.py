"""A plugin's category, added through ``briefsum_categories``, reaches clients through a real server."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import grpc
import pytest
from briefsum import hookimpl
from briefsum.categories import CategorySource
from briefsum.engine import build_engine
from briefsum.plugins import make_plugin_manager
from briefsum.settings import Settings
from briefsum.testing import running_server
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc

ENVIRONMENT = """
name = "environment"
description = "Pollution control, ecological protection and restoration"
min_terms = 2

[terms]
"生态环境" = 3.0
"污染防治" = 3.0
"大气污染" = 3.0
"水污染" = 3.0
"减排" = 2.0
"排放" = 1.5
"空气质量" = 3.0
"环保" = 2.0
"""
#: Coal power plants cutting emissions: energy (built-in) and environment (the plugin's).
TEXT = (
    "省生态环境厅日前通报，今年以来全省燃煤电厂全部完成超低排放改造，火电机组二氧化硫排放量下降三成。"
    "大气污染防治攻坚行动持续推进，全省设区市空气质量优良天数比例达到百分之八十八。"
)


class EnvironmentPlugin:
    """A third-party plugin that adds one category from a TOML file, and no stage."""

    def __init__(self, path: Path) -> None:
        self._path = path

    @hookimpl
    def briefsum_categories(self, options: Mapping[str, Mapping[str, Any]]) -> Sequence[CategorySource]:
        return [self._path]


@pytest.fixture(scope="module")
def stub(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Iterator[pb_grpc.BriefsumStub]:
    path = tmp_path_factory.mktemp("environment") / "environment.toml"
    path.write_text(ENVIRONMENT, encoding="utf-8")
    plugins = make_plugin_manager(entrypoints=False, extra=[("environment", EnvironmentPlugin(path))])
    engine = build_engine(settings, plugins)
    with running_server(settings, engine) as port, grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        yield pb_grpc.BriefsumStub(channel)


def test_a_plugin_category_appears_beside_the_builtin_ones(stub: pb_grpc.BriefsumStub) -> None:
    response = stub.Summarize(pb.SummarizeRequest(id="env-1", text=TEXT, layout=pb.LAYOUT_ARTICLE), timeout=30)
    (article,) = response.articles
    tags = {tag.category: tag for tag in article.tags}
    assert {"environment", "energy"} <= set(tags)
    environment = tags["environment"]
    assert 0.0 < environment.score <= 1.0
    assert list(environment.evidence) == [detail.term for detail in environment.details]
    for detail in environment.details:
        assert detail.count >= 1
        assert detail.HasField("sentence")
        assert TEXT[detail.match.start : detail.match.end] == detail.term
        assert detail.sentence_span.start <= detail.match.start < detail.match.end <= detail.sentence_span.end


def test_the_plugin_category_is_not_given_to_unrelated_text(stub: pb_grpc.BriefsumStub) -> None:
    text = "今年前两个月，全省外贸进出口总值达1200亿元，同比增长8.5%。海关部门持续优化通关流程。"
    response = stub.Summarize(pb.SummarizeRequest(id="env-2", text=text, layout=pb.LAYOUT_ARTICLE), timeout=30)
    assert [tag.category for tag in response.articles[0].tags] == ["trade"]
