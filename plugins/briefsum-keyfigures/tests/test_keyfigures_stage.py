"""The stage through a real pipeline, as a client sees its output."""

from __future__ import annotations

import json

import briefsum_keyfigures
import pytest
from briefsum.engine import Engine
from briefsum.errors import ConfigError
from briefsum.options import parse_options
from briefsum.testing import check_stage_contract, plugin_engine
from briefsum_keyfigures import STAGE_NAME, FiguresStage

# A wrapped page as it comes out of a PDF: a headline, a byline, hard line breaks inside numbers.
PAGE = (
    "全县粮食产量增长8%\n\n"
    "本报讯（记者张华）2022年，全县粮食总产\n\n量达到48.6万吨，同比增长8.0%，其中\n\n"
    "玉米32.1万吨。今年计划新建高标准农田\n\n5万亩。\n\n"
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return plugin_engine(briefsum_keyfigures, pipeline=["builtin.page", "builtin.sentences", STAGE_NAME])


def _figures(engine: Engine, text: str, layout: str = "auto") -> list[dict[str, object]]:
    result = engine.summarize(text, parse_options({"layout": layout}))
    return [f for a in result.document.articles for f in a.extensions[STAGE_NAME]["figures"]]


def test_figures_of_a_wrapped_page_point_into_the_original_text(engine: Engine) -> None:
    figures = _figures(engine, PAGE, layout="article")
    by_value = {f["value"]: f for f in figures}
    assert set(by_value) >= {486000.0, 321000.0, 50000.0}
    total = by_value[486000.0]
    assert total["indicator"] == "粮食总产量"
    assert total["period"] == "2022年"
    assert total["change"] == {
        "direction": "up",
        "value": 8.0,
        "unit": "%",
        "basis": "同比",
        "reference": "",
        "text": "同比增长8.0%",
    }
    for figure in figures:
        start, end = figure["start"], figure["end"]
        assert isinstance(start, int) and isinstance(end, int)
        # the span holds the figure as written, line breaks included
        assert "".join(PAGE[start:end].split()) == "".join(str(figure["text"]).split()) or figure["change"]
        sentence = figure["sentence"]
        assert isinstance(sentence, dict) and sentence["start"] <= start < end <= sentence["end"]
    assert by_value[50000.0]["period"] == "今年"


def test_headline_figures_are_found(engine: Engine) -> None:
    figures = _figures(engine, PAGE, layout="article")
    (headline,) = [f for f in figures if f["part"] == "title"]
    assert headline["change"]["value"] == 8.0  # type: ignore[index]
    assert headline["sentence"]["index"] is None  # type: ignore[index]


def test_output_is_plain_json(engine: Engine) -> None:
    figures = _figures(engine, PAGE)
    assert json.loads(json.dumps(figures, allow_nan=False)) == figures


def test_no_figures_is_an_empty_list(engine: Engine) -> None:
    result = engine.summarize("会议研究部署春耕生产工作。", parse_options({}))
    (article,) = result.document.articles
    assert article.extensions[STAGE_NAME] == {"figures": []}


def test_stage_contract() -> None:
    check_stage_contract(FiguresStage())


def test_unknown_option_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"keyfigures\.figures: unknown option"):
        FiguresStage({"colour": "red"})
