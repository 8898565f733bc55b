"""Small newspaper pages written for the tests (no corpus text): articles, a caption, an author line."""

from __future__ import annotations

import json
from pathlib import Path

from briefsum.evaluation.pagedata import SourceArticle, SourcePage

ARTICLES = (
    SourceArticle(
        "t-01",
        "春耕备耕有序推进",
        (
            "眼下，全省各地抢抓农时，春耕备耕工作有序推进。省农业农村厅介绍，今年全省计划播种粮食面积八千万亩，大豆种植面积稳定增长。",
            "各地加强农资调运，化肥、种子、农药等储备充足，价格总体稳定。农机部门组织技术人员深入田间地头，开展农机具检修和操作培训。",
        ),
    ),
    SourceArticle(
        "t-02",
        "国务院部署稳就业工作",
        (
            "新华社北京１月５日电（记者李明）国务院常务会议今天研究部署稳就业工作，要求加大对中小企业的支持力度。",
            "会议指出，要落实落细减税降费政策，扩大就业见习规模，帮助高校毕业生尽快就业。会议还研究了其他事项。",
        ),
    ),
    SourceArticle(
        "t-03",
        "冰雪嘉年华（图片）",
        ("长春市南湖公园冰雪嘉年华吸引大批游客。图为游客在冰滑梯上游玩。",),
    ),
    SourceArticle(
        "t-04",
        "民营经济添活力——一季度新登记企业三千二百户",
        (
            "一季度，全市新登记民营企业三千二百户，同比增长百分之十八。市里出台支持民营经济发展的二十条措施，在融资、用地、人才等方面加大支持力度。",
            "走进位于开发区的一家农机企业，生产线上机器轰鸣，工人们正在赶制订单。企业负责人说，政府帮助协调解决了用电和物流难题。",
        ),
    ),
    SourceArticle(
        "t-05",
        "让数据多跑路",
        (
            "张海燕",
            "过去办一件事要跑好几个部门，现在在手机上就能办好。全省推进政务服务一网通办，四百多个事项实现全程网上办理。",
            "群众满意不满意，是检验改革成效的标准。各地要继续优化流程，减少材料，让数据多跑路，让群众少跑腿。",
        ),
    ),
    SourceArticle(
        "t-06",
        None,
        ("本报讯全省今年新建高标准农田六百万亩，配套建设灌溉排水设施，提升耕地质量和粮食产能。",),
    ),
    SourceArticle(
        "t-07",
        "风电项目并网发电",
        (
            "油田风电场日前成功并网发电，装机总容量七万八千千瓦，年发电量二点六亿千瓦时，年减碳二十万吨。",
            "项目建设团队全部由油田在职员工组成，节约了建设投资，为今后新能源项目积累了经验。",
        ),
    ),
)

PAGES = (
    SourcePage("sample-01", ARTICLES[:4]),
    SourcePage("sample-02", ARTICLES[3:]),
)


def write_pages(path: Path) -> Path:
    """The sample pages as a JSON Lines pages file at ``path``."""
    with path.open("w", encoding="utf-8") as handle:
        for page in PAGES:
            record = {
                "page_id": page.page_id,
                "articles": [
                    {"id": a.id, **({"title": a.title} if a.title else {}), "paragraphs": list(a.paragraphs)}
                    for a in page.articles
                ],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
