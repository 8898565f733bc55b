"""Hard wraps told apart from headlines by column width, and the roles of chains of lines."""

from __future__ import annotations

from briefsum_builtin.segment.features import content_lines
from briefsum_builtin.segment.heads import clean_display, parse_heads
from briefsum_builtin.segment.roles import Role, classify
from briefsum_builtin.segment.wraps import chains, continues

PARAGRAPH = "\n".join(
    [
        "全省各地抢抓农时，春耕备耕工作有序推",
        "进。省农业农村厅介绍，今年全省计划播种",
        "粮食面积八千万亩，大豆种植面积稳定增长",
        "，农资储备充足，价格总体稳定。",
    ]
)


def _roles(text: str) -> list[tuple[Role, str]]:
    infos = content_lines(text)
    return [(chain.role, "".join(infos[i].line.text for i in chain.lines)) for chain in classify(infos)]


def test_a_wrapped_paragraph_is_one_chain() -> None:
    infos = content_lines(PARAGRAPH)
    assert chains(infos) == [[0, 1, 2, 3]]
    assert all(continues(infos, i) for i in range(3))
    assert not continues(infos, 3)


def test_blank_lines_between_lines_change_nothing() -> None:
    assert chains(content_lines(PARAGRAPH.replace("\n", "\n\n"))) == [[0, 1, 2, 3]]


def test_a_short_headline_does_not_run_into_the_column() -> None:
    roles = _roles("春耕备耕有序推进\n" + PARAGRAPH)
    assert roles[0] == (Role.HEAD, "春耕备耕有序推进")
    assert roles[1][0] is Role.BODY


def test_a_headline_wider_than_the_column_does_not_run_into_it() -> None:
    roles = _roles("全省春耕备耕工作有序推进粮食播种面积稳定在八千万亩\n" + PARAGRAPH)
    assert roles[0][0] is Role.HEAD


def test_an_indented_first_line_starts_a_paragraph_and_continues() -> None:
    text = "\n".join(
        [
            "会议指出，要压紧压实安全生产",
            "责任，深入开展重大事故隐患排查",
            "整治，坚决遏制重特大事故发生，",
            "切实保障人民群众生命财产安全。",
        ]
    )
    assert chains(content_lines(text)) == [[0, 1, 2, 3]]


def test_a_paragraph_can_change_column_in_mid_sentence() -> None:
    # Three lines in a 16-em column, then the text goes on in a 28-em column (around a picture).
    text = "\n".join(
        [
            "会议指出，要全面落实国家推进大豆和",
            "油料产能提升行动工作部署要求，进一",
            "步强化政策支持，加大补贴力度，调动",
            "农业生产经营主体种植大豆油料积极性，集成推广绿色高产栽培技术",
            "模式，坚决完成国家下达的大豆油料种植任务，全力以赴夺取丰收，",
            "坚决扛稳维护国家粮食安全的重大责任。",
        ]
    )
    assert [role for role, _ in _roles(text)] == [Role.BODY, Role.BODY]


def test_forced_roles() -> None:
    text = "\n".join(
        [
            "我 省 对 俄 经 贸 合 作 生 机 勃 发",
            "本报3月29日讯（记者于小博）",
            "今天，省委常委、常务副省长主持召开省政府常务会议。",
            "本报记者 崔维利 高鸿",
            "本报记者 张野 摄",
            "（王明）",
        ]
    )
    assert [role for role, _ in _roles(text)] == [
        Role.HEAD,
        Role.DATELINE,
        Role.BODY,
        Role.REPORTERS,
        Role.CREDIT,
        Role.NOTE,
    ]


def test_a_credit_across_a_wrap_is_one_credit() -> None:
    text = "图为工人们在安装光伏板支架。\n（新华社记者张\n野摄）"
    roles = _roles(text)
    assert roles[-1][0] is Role.CREDIT or roles[-1][1].endswith("野摄）")


def test_table_rows_and_list_items_are_body() -> None:
    roles = _roles("抽查合格的产品有：\n石家庄乳业公司助长奶粉\n哈尔滨乳品有限公司婴儿奶粉\n１２３．４５\n６７８．９０")
    assert all(role is Role.BODY for role, _ in roles[1:])


def test_headline_block_fields() -> None:
    text = "景俊海在长春调研时强调\n构建现代化产业体系 推动经济高质量发展\n持续积蓄汇聚吉林全面振兴新动能新优势"
    infos = content_lines(text)
    heads = parse_heads(infos, range(3))
    assert heads.lead_in is not None and heads.lead_in.text == "景俊海在长春调研时强调"
    assert heads.title is not None and heads.title.text == "构建现代化产业体系 推动经济高质量发展"
    assert heads.subtitle is not None and heads.subtitle.text == "持续积蓄汇聚吉林全面振兴新动能新优势"


def test_headline_then_subtitle_without_lead_in() -> None:
    infos = content_lines("中石油首个风电项目在我省投产\n年发电量达2.6亿千瓦时，实现减碳20万吨")
    heads = parse_heads(infos, range(2))
    assert heads.lead_in is None
    assert heads.title is not None and heads.title.text == "中石油首个风电项目在我省投产"


def test_spaced_headline_dash_subtitle_and_reporters() -> None:
    infos = content_lines("做 大 做 强 民 营 经 济\n——四平市深入贯彻落实全国两会精神\n本报记者 崔维利 高鸿")
    heads = parse_heads(infos, range(3))
    assert heads.title is not None and heads.title.text == "做大做强民营经济"
    assert heads.subtitle is not None and heads.subtitle.text == "——四平市深入贯彻落实全国两会精神"
    assert heads.reporters is not None and heads.reporters.text == "本报记者 崔维利 高鸿"


def test_author_name_is_a_byline_not_a_headline() -> None:
    heads = parse_heads(content_lines("过年\n李琨"), range(2))
    assert heads.title is not None and heads.title.text == "过年"
    assert heads.reporters is not None and heads.reporters.text == "李琨"


def test_clean_display() -> None:
    assert clean_display("我 省 对 俄") == "我省对俄"
    assert clean_display("构建现代化产业体系  推动经济高质量发展") == "构建现代化产业体系 推动经济高质量发展"
