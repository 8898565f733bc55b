"""The boundary model: its file, its decisions, and how it is fitted."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from briefsum.errors import ConfigError
from briefsum.evaluation.pagedata import SourceArticle, SourcePage
from briefsum.evaluation.render import render_page
from briefsum.evaluation.typeset import wrap
from briefsum_builtin.segment.blocks import BlockKind, candidate_blocks
from briefsum_builtin.segment.boundaries import BoundaryModel, dump_model, load_model, model_from_dict, model_to_dict
from briefsum_builtin.segment.features import content_lines
from briefsum_builtin.segment.gaps import FEATURES, gap_features, page_stats
from briefsum_builtin.segment.roles import classify
from briefsum_builtin.segment.training import THRESHOLDS, Boosting, fit, halves, page_examples, split_score
from briefsum_builtin.segment.trees import Tree, TreeEnsemble


def _values(**named: float) -> tuple[float, ...]:
    return tuple(named.get(name, 0.0) for name in FEATURES)


def _constant(log_odds: float) -> TreeEnsemble:
    """An ensemble that says ``log_odds`` whatever the gap."""
    return TreeEnsemble(log_odds, ())


def test_shipped_model_loads_and_records_where_it_came_from() -> None:
    model = load_model()
    assert model.ensemble.trees
    assert model.ensemble.features_used() <= len(FEATURES)
    assert 0.0 < model.threshold < 1.0
    assert model.provenance is not None
    assert "heldout" in model.provenance
    assert model.provenance["trained_on"] != model.provenance["heldout"]["data"]


@pytest.mark.parametrize("dump", [dump_model, lambda model: json.dumps(model_to_dict(model))])
def test_model_file_round_trip(tmp_path: Path, dump: object) -> None:
    model = load_model()
    path = tmp_path / "model.json"
    path.write_text(dump(model), encoding="utf-8")  # type: ignore[operator]
    assert load_model(path) == model


def test_a_model_for_other_features_is_refused() -> None:
    data = model_to_dict(load_model())
    data["features"] = data["features"][:-1]
    with pytest.raises(ConfigError, match="refit"):
        model_from_dict(data)


def test_trees_must_read_known_features() -> None:
    stump = Tree(feature=(len(FEATURES), -1, -1), threshold=(0.5, 0.0, 0.0), left=(1, -1, -1), right=(2, -1, -1),
                 value=(0.0, -1.0, 1.0))  # fmt: skip
    with pytest.raises(ValueError, match="feature"):
        BoundaryModel(TreeEnsemble(0.0, (stump,)))


def test_a_tree_needs_parallel_arrays() -> None:
    with pytest.raises(ValueError, match="same number"):
        Tree(feature=(0, -1), threshold=(0.5,), left=(1, -1), right=(2, -1), value=(0.0, 1.0))


def test_trees_add_up_their_leaves() -> None:
    # x0 <= 0.5 -> -1, else +1; x1 <= 0.2 -> +0.5, else -0.5
    first = Tree(feature=(0, -1, -1), threshold=(0.5, 0.0, 0.0), left=(1, -1, -1), right=(2, -1, -1),
                 value=(0.0, -1.0, 1.0))  # fmt: skip
    second = Tree(feature=(1, -1, -1), threshold=(0.2, 0.0, 0.0), left=(1, -1, -1), right=(2, -1, -1),
                  value=(0.0, 0.5, -0.5))  # fmt: skip
    ensemble = TreeEnsemble(0.25, (first, second))
    assert ensemble.log_odds((0.5, 0.2)) == pytest.approx(0.25 - 1.0 + 0.5)  # thresholds are inclusive
    assert ensemble.log_odds((0.9, 0.9)) == pytest.approx(0.25 + 1.0 - 0.5)
    assert ensemble.probability((0.9, 0.0)) == pytest.approx(1 / (1 + math.exp(-1.75)))
    assert TreeEnsemble(1e6, ()).probability(()) == 1.0


_ARTICLES = (
    (
        "春耕备耕有序推进",
        (
            "眼下，全省各地抢抓农时，春耕备耕工作有序推进。今年全省计划播种粮食面积八千万亩，大豆种植面积稳定增长。",
            "各地加强农资调运，化肥、种子、农药等储备充足，价格总体稳定。农机部门组织技术人员深入田间地头，"
            "开展农机具检修和操作培训，确保春耕生产不误农时。",
            "加强农机调度",
            "农机部门组织技术人员深入田间地头开展农机具检修，全省农机具检修率已经达到九成，春耕农机调度有序。",
        ),
    ),
    (
        "国务院部署稳就业工作",
        (
            "国务院常务会议今天研究部署稳就业工作，要求加大对中小企业的支持力度，扩大就业见习规模。",
            "会议指出，要落实落细减负稳岗扩就业政策，支持高校毕业生、农民工等重点群体就业创业。",
        ),
    ),
    (
        "冰雪旅游持续升温",
        (
            "长春市南湖公园冰雪嘉年华吸引大批游客，节假日日均接待游客超过两万人次，带动周边餐饮住宿消费。",
            "景区负责人介绍，今年新增冰滑梯、雪地摩托等项目，夜间灯光秀每晚吸引上万名市民前来观赏。",
        ),
    ),
)


def test_decisions_follow_the_evidence() -> None:
    """Headlines between unrelated articles are boundaries; a subheading inside an article is not."""
    model = load_model()
    articles = tuple(SourceArticle(f"a{n}", title, body) for n, (title, body) in enumerate(_ARTICLES))
    page = SourcePage("test-2", articles)
    for variant in range(6):
        rows, labels = page_examples(render_page(page, seed=3, variant=variant))
        assert [model.is_boundary(row) for row in rows] == [bool(label) for label in labels]


def test_a_change_of_column_without_shared_words_is_a_boundary_whatever_the_trees() -> None:
    cautious = BoundaryModel(_constant(-10.0))
    gap = _values(column=1, widths_known=1, width_difference=0.6, cosine_wide=0.02, left_terminal=1)
    assert cautious.is_boundary(gap)
    carried_on = _values(column=1, widths_known=1, width_difference=0.6, cosine_wide=0.3, left_terminal=1)
    assert not cautious.is_boundary(carried_on)


def test_fit_learns_a_rule_and_exports_it_exactly() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((400, 3))
    y = ((x[:, 0] > 0.5) & (x[:, 1] > 0.3)).astype(float)
    ensemble = fit(x, y, Boosting(trees=30, depth=2))
    predicted = np.array([ensemble.probability(tuple(row)) >= 0.5 for row in x])
    assert (predicted == (y == 1)).mean() > 0.97
    assert {f for tree in ensemble.trees for f in tree.feature} - {-1} <= {0, 1, 2}
    assert ensemble.features_used() <= 3
    assert fit(x, y, Boosting(trees=30, depth=2)) == ensemble  # deterministic


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


_BRIEFS = (
    (
        "春耕备耕有序推进",
        "眼下，全省各地抢抓农时，春耕备耕工作有序推进。今年全省计划播种粮食面积八千万亩，大豆种植面积稳定增长。",
    ),
    ("国务院部署稳就业工作", "国务院常务会议今天研究部署稳就业工作，要求加大对中小企业的支持力度，扩大就业见习规模。"),
    (
        "冰雪旅游持续升温",
        "长春市南湖公园冰雪嘉年华吸引大批游客，节假日日均接待游客超过两万人次，带动周边餐饮住宿消费。",
    ),
    ("新建公路通车运营", "连接两县的新建公路昨天正式通车，全长四十六公里，沿线五个乡镇的农产品运输时间缩短一半。"),
)


_QUOTED = "本报讯（记者王明）相关部门表示，下一步将继续加强统筹协调，确保各项措施落地见效。"


def _brief_pages(count: int) -> list[SourcePage]:
    """``count`` small pages, each with three of the briefs in another order.

    Each brief quotes a second report (a dateline inside an article), so that some candidate gaps
    are not boundaries.
    """
    pages = []
    for n in range(count):
        chosen = [_BRIEFS[(n + k) % len(_BRIEFS)] for k in range(3)]
        articles = tuple(SourceArticle(f"p{n}a{k}", title, (body, _QUOTED)) for k, (title, body) in enumerate(chosen))
        pages.append(SourcePage(f"test-{n}", articles))
    return pages


def test_the_dev_split_fits_and_scores_on_different_pages() -> None:
    pages = _brief_pages(5)
    fitting, scoring = halves(pages)
    assert [p.page_id for p in fitting] == ["test-0", "test-2", "test-4"]
    assert [p.page_id for p in scoring] == ["test-1", "test-3"]
    scores = split_score(pages, renders=2, seed=1, eval_seed=0, boosting=Boosting(trees=5, depth=2))
    assert scores["threshold"] in THRESHOLDS
    assert scores["f1"] is not None and 0.0 <= scores["f1"] <= 1.0


def _head_gap(head: list[str]) -> dict[str, float]:
    """The features of the one gap of a page: two bodies with ``head`` between them."""
    first = "全省各地抢抓农时，春耕备耕工作有序推进，化肥种子储备充足，价格总体稳定。"
    second = "国务院常务会议研究部署稳就业工作，要求加大对中小企业的支持力度，扩大就业见习规模。"
    lines = [*wrap(first, [18.0], first_indent=2.0), *head, *wrap(second, [18.0], first_indent=2.0)]
    infos = content_lines("\n".join(lines))
    blocks = candidate_blocks(infos, classify(infos))
    assert [block.kind for block in blocks] == [BlockKind.BODY, BlockKind.HEAD, BlockKind.BODY]
    stats = page_stats(infos, [chain for block in blocks for chain in block.chains], blocks)
    return dict(zip(FEATURES, gap_features(infos, blocks[0], blocks[1], blocks[2], stats), strict=True))


@pytest.mark.parametrize(
    ("head", "signed"),
    [
        (["深化改革防范风险", "中国人民银行行长戴相龙"], 1.0),  # a signed article begins
        (["坚定信心稳步前进", "国家税务总局局长刘仲", "藜"], 1.0),  # the signature wrapped
        (["稳就业政策持续发力"], 0.0),  # a headline or a subheading alone
        (["财政收入继续保持高增长势头"], 0.0),
    ],
)
def test_a_signed_head_block_is_told_apart_from_a_subheading(head: list[str], signed: float) -> None:
    assert _head_gap(head)["head_author"] == signed
