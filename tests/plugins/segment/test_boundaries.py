"""The boundary model: its file, its decisions, and how it is fitted."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from briefsum.errors import ConfigError
from briefsum.evaluation.pagedata import SourceArticle, SourcePage
from briefsum.evaluation.render import render_page
from briefsum_builtin.segment.boundaries import BoundaryModel, load_model, model_from_dict, model_to_dict
from briefsum_builtin.segment.gaps import FEATURES
from briefsum_builtin.segment.training import fit, page_examples


def _values(**named: float) -> tuple[float, ...]:
    return tuple(named.get(name, 0.0) for name in FEATURES)


def test_shipped_model_loads_and_records_where_it_came_from() -> None:
    model = load_model()
    assert len(model.weights) == len(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert model.provenance is not None
    assert "heldout" in model.provenance


def test_model_file_round_trip(tmp_path: Path) -> None:
    model = load_model()
    path = tmp_path / "model.json"
    path.write_text(json.dumps(model_to_dict(model)), encoding="utf-8")
    assert load_model(path) == model


def test_a_model_for_other_features_is_refused() -> None:
    data = model_to_dict(load_model())
    data["features"] = data["features"][:-1]
    with pytest.raises(ConfigError, match="refit"):
        model_from_dict(data)


def test_weights_must_match_features() -> None:
    with pytest.raises(ValueError, match="weights"):
        BoundaryModel(weights=(1.0,), bias=0.0)


def test_decisions_follow_the_evidence() -> None:
    model = load_model()
    letter_spaced_headline = _values(head=1, head_lines=1 / 6, head_forced=1, widths_known=1, width_difference=0.5)
    dateline_new_column = _values(dateline=1, widths_known=1, width_difference=0.6, left_terminal=1)
    same_column_subheading = _values(
        head=1, head_lines=1 / 6, widths_known=1, same_column=1, cosine_wide=0.45, cosine_narrow=0.4,
        head_x_same_column=1, head_x_cosine=0.45, head_matches_right=0.8, left_terminal=1,
    )  # fmt: skip
    assert model.is_boundary(letter_spaced_headline)
    assert model.is_boundary(dateline_new_column)
    assert not model.is_boundary(same_column_subheading)


def test_a_change_of_column_without_shared_words_is_a_boundary_whatever_the_weights() -> None:
    cautious = BoundaryModel(weights=(0.0,) * len(FEATURES), bias=-10.0)
    gap = _values(column=1, widths_known=1, width_difference=0.6, cosine_wide=0.02, left_terminal=1)
    assert cautious.is_boundary(gap)
    carried_on = _values(column=1, widths_known=1, width_difference=0.6, cosine_wide=0.3, left_terminal=1)
    assert not cautious.is_boundary(carried_on)


def test_fit_learns_a_separable_rule() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((400, 3))
    y = (x[:, 0] > 0.5).astype(float)
    weights, bias = fit(x, y, l2=1e-4)
    predicted = (x @ weights + bias) > 0
    assert (predicted == (y == 1)).mean() > 0.95
    assert weights[0] > abs(weights[1]) + abs(weights[2])


def test_training_examples_are_labelled_by_the_true_boundaries() -> None:
    articles = tuple(
        SourceArticle(f"a{n}", title, (body,))
        for n, (title, body) in enumerate(
            [
                (
                    "春耕备耕有序推进",
                    "眼下，全省各地抢抓农时，春耕备耕工作有序推进。今年全省计划播种粮食面积八千万亩，大豆种植面积稳定增长。",
                ),
                (
                    "国务院部署稳就业工作",
                    "国务院常务会议今天研究部署稳就业工作，要求加大对中小企业的支持力度，扩大就业见习规模。",
                ),
                (
                    "冰雪旅游持续升温",
                    "长春市南湖公园冰雪嘉年华吸引大批游客，节假日日均接待游客超过两万人次，带动周边餐饮住宿消费。",
                ),
            ]
        )
    )
    rows, labels = page_examples(render_page(SourcePage("test-1", articles), seed=1))
    assert len(rows) == len(labels) >= 2
    assert all(len(row) == len(FEATURES) for row in rows)
    assert sum(labels) == 2  # two boundaries between three articles
