"""The extractor on data-driven cases (keyfigures_cases.json) and on properties of numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from briefsum_keyfigures.extract import Figure, SentenceText, extract_figures
from briefsum_keyfigures.numerals import fold_width, parse_chinese
from briefsum_keyfigures.stage import change_to_dict
from hypothesis import given
from hypothesis import strategies as st

CASES = json.loads((Path(__file__).parent / "keyfigures_cases.json").read_text(encoding="utf-8"))


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _as_dict(figure: Figure) -> dict[str, Any]:
    change = change_to_dict(figure.change)
    if change is not None:
        del change["text"]  # the cases check what the change is, the offsets tests where it is
    return {
        "indicator": figure.indicator,
        "value": _number(figure.value),
        "upper": _number(figure.upper),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "period": figure.period,
        "change": change,
    }


@pytest.mark.parametrize("case", [pytest.param(c, id=c["label"]) for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    figures = extract_figures([SentenceText(text, 0) for text in case["input"]])
    got = [_as_dict(f) for f in figures]
    # Only the fields a case lists are compared; every case lists the ones that matter to it.
    trimmed = [{key: g[key] for key in e} for g, e in zip(got, case["expected"], strict=False)]
    assert (len(got), trimmed) == (len(case["expected"]), case["expected"]), case["comment"]


def test_offsets_point_at_the_figure() -> None:
    text = "全市外贸进出口实现86.4亿元，增长12.5%，出口增长3%。"
    first, second = extract_figures([SentenceText(text)])
    assert text[first.start : first.end] == "86.4亿元，增长12.5%"
    assert first.text == "86.4亿元"
    assert first.change is not None and text[first.change.start : first.change.end] == "增长12.5%"
    assert text[second.start : second.end] == "增长3%"


def test_paragraphs_do_not_share_periods() -> None:
    figures = extract_figures([SentenceText("2021年，全县新建学校3所。", 0), SentenceText("新建医院2所。", 1)])
    assert [f.period for f in figures] == ["2021年", ""]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("八千万", 80_000_000),
        ("三点五", 3.5),
        ("一百二十三", 123),
        ("两万", 20_000),
        ("一亿二千万", 120_000_000),
        ("十五", 15),
    ],
)
def test_chinese_numerals(numeral: str, value: float) -> None:
    assert parse_chinese(numeral) == Decimal(str(value))


@given(st.text(alphabet="０１２３４５６７８９．％，亿万元。ａＢ·3.5%", max_size=40))
def test_width_folding_keeps_offsets(text: str) -> None:
    folded = fold_width(text)
    assert len(folded) == len(text)
    for original, new in zip(text, folded, strict=True):
        assert original == new or not original.isascii()


@given(st.text(max_size=60))
def test_never_fails_and_stays_inside(text: str) -> None:
    for figure in extract_figures([SentenceText(text)]):
        assert 0 <= figure.start <= figure.end <= len(text)
