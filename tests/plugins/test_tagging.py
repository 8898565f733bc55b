"""The tagging stage through the real pipeline: scores, title effect, evidence and its offsets."""

from __future__ import annotations

import re
from typing import Any

import pytest
from briefsum.categories import CategoryDefinition
from briefsum.engine import Engine
from briefsum.model import Article
from briefsum.options import parse_options
from briefsum_builtin.tagging.matcher import compile_matcher, trie_pattern
from briefsum_builtin.tagging.scoring import BYLINE_ZONE, TITLE_ZONE, score_category
from hypothesis import given, settings
from hypothesis import strategies as st

TAG_STAGES = ("builtin.page", "builtin.sentences", "builtin.tags")

#: A grid-construction report hard-wrapped every 20 characters (as text comes out of a PDF), with
#: line breaks inside 电网 and 变电站.
WRAPPED = (
    "本报讯 省电力公司今年将投资120亿元建设农村电\n网和城市配电网，新建和改造110千伏变\n电站45座、"
    "输电线路3000公里。全省发\n电装机容量已突破8000万千瓦，其中风电、光伏\n等新能源装机占四成。\n"
)


def _article(engine: Engine, text: str, **values: Any) -> Article:
    result = engine.summarize(text, parse_options({"layout": "article", "stages": TAG_STAGES, **values}))
    (article,) = result.document.articles
    return article


def _tags(article: Article) -> dict[str, float]:
    return {tag.category: tag.score for tag in article.tags}


def test_a_title_raises_the_score_of_its_category(engine: Engine) -> None:
    body = "今年以来，该县组织技术人员深入田间地头，开展病虫害防治技术培训二十余场。"
    without = _tags(_article(engine, body))
    with_title = _tags(_article(engine, body, title="全县小麦病虫害防治工作全面展开"))
    assert with_title["agriculture"] > without.get("agriculture", 0.0)


def test_scores_are_in_range_and_tags_strongest_first(engine: Engine) -> None:
    article = _article(engine, WRAPPED)
    scores = [tag.score for tag in article.tags]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < score <= 1.0 for score in scores)
    assert "energy" in _tags(article)


def test_evidence_points_into_the_request_text_across_line_wraps(engine: Engine) -> None:
    article = _article(engine, WRAPPED)
    (energy,) = (tag for tag in article.tags if tag.category == "energy")
    weights = [abs(e.weight) for e in energy.evidence]
    assert weights == sorted(weights, reverse=True)
    for evidence in energy.evidence:
        assert evidence.match is not None and evidence.span is not None
        assert evidence.span.contains(evidence.match)
        # the highlighted text is the term with the layout's line breaks removed
        assert "".join(WRAPPED[evidence.match.start : evidence.match.end].split()) == evidence.term
        assert evidence.sentence is not None
        assert article.sentences[evidence.sentence].span == evidence.span
    by_term = {e.term: e for e in energy.evidence}
    for term in ("电网", "变电站"):
        match = by_term[term].match
        assert match is not None
        assert "\n" in WRAPPED[match.start : match.end]


def test_title_evidence_has_no_sentence_index(engine: Engine) -> None:
    text = "全省风电装机突破千万千瓦\n\n截至去年底，全省风电并网装机容量达到1050万千瓦，年发电量增长两成。\n"
    article = _article(engine, text)
    (energy,) = (tag for tag in article.tags if tag.category == "energy")
    in_title = [e for e in energy.evidence if e.sentence is None]
    assert in_title
    assert article.title is not None and article.title.span is not None
    for evidence in in_title:
        assert evidence.span == article.title.span
        assert evidence.match is not None
        assert text[evidence.match.start : evidence.match.end] == evidence.term


def test_an_officials_signature_is_evidence_of_who_governs(engine: Engine) -> None:
    text = (
        "稳定粮食生产\n农业部部长 刘江\n"
        "今年要认真部署春耕生产，确保粮食稳定增产，切实保护农民种粮积极性。各地要落实好各项措施。"
    )
    article = _article(engine, text)
    assert article.byline is not None and article.byline.text == "农业部部长 刘江"
    (policy,) = (tag for tag in article.tags if tag.category == "policy")
    signed = [e for e in policy.evidence if e.span == article.byline.span]
    assert signed and all(e.sentence is None for e in signed)
    for evidence in signed:
        assert evidence.match is not None
        assert text[evidence.match.start : evidence.match.end] == evidence.term


def test_a_client_title_has_evidence_without_offsets(engine: Engine) -> None:
    article = _article(engine, "截至去年底，全省风电并网装机容量达到1050万千瓦。", title="风电装机创新高")
    (energy,) = (tag for tag in article.tags if tag.category == "energy")
    assert any(e.sentence is None and e.span is None and e.match is None for e in energy.evidence)


def test_debug_reports_why_a_category_was_not_given(engine: Engine) -> None:
    text = (
        "市第十届全民运动会昨晚在市体育中心闭幕，来自全市各区县的3000余名运动员参加了28个项目的比赛。"
        "闭幕式上，获得团体总分前三名的代表队分别领奖。本届运动会由市体育局主办，市电力公司等单位协办。"
    )
    article = _article(engine, text, debug=True)
    rejected = {item["category"]: item for item in article.extensions["builtin.tags"]["rejected"]}
    assert "energy" not in _tags(article)
    assert rejected["energy"]["reason"]
    assert rejected["energy"]["evidence"][0]["term"] == "电力"
    assert "builtin.tags" not in _article(engine, text).extensions


def test_tagging_is_deterministic(engine: Engine, example_page: str) -> None:
    options = parse_options({"stages": TAG_STAGES})
    first = engine.summarize(example_page, options).document.articles
    assert first == engine.summarize(example_page, options).document.articles
    assert any(article.tags for article in first)


def _category(**fields: Any) -> CategoryDefinition:
    return CategoryDefinition.model_validate({"name": "test", "min_terms": 1, "short_length": 0, **fields})


def test_repetitions_count_less_and_less() -> None:
    category = _category(terms={"风电": 1.0}, lead_sentences=0)
    matcher = compile_matcher(category)
    once = score_category(category, matcher, {}, ["风电。"])
    four = score_category(category, matcher, {}, ["风电风电风电风电。"])
    (evidence,) = four.evidence
    assert evidence.count == 4
    assert evidence.weight == pytest.approx(1 + 1 / 2 + 1 / 3 + 1 / 4)
    assert once.score < four.score


def test_longer_entries_shadow_shorter_ones_and_dampeners_subtract() -> None:
    category = _category(terms={"节能": 2.0}, dampeners={"节能电饭煲": 3.0}, lead_sentences=0)
    verdict = score_category(category, compile_matcher(category), {}, ["节能电饭煲上市。"])
    assert [(e.term, e.weight) for e in verdict.evidence] == [("节能电饭煲", -3.0)]
    assert verdict.score == 0.0
    assert not verdict.tagged


def test_a_phrase_matches_across_a_gap_within_one_sentence() -> None:
    category = _category(terms={"召开…会议": 2.0})
    matcher = compile_matcher(category)
    assert score_category(category, matcher, {}, ["市政府召开常务会议。"]).evidence
    assert not score_category(category, matcher, {}, ["市政府召开。会议"]).evidence


def test_length_normalisation_fades_a_passing_mention() -> None:
    category = _category(terms={"电网": 3.0}, lead_sentences=0)
    matcher = compile_matcher(category)
    filler = "今天天气晴朗，市民纷纷外出游玩。" * 40
    short = score_category(category, matcher, {}, ["电网。", "今天天气晴朗。"])
    long = score_category(category, matcher, {}, ["电网。", filler])
    assert long.score < short.score


def test_required_groups_must_all_be_found() -> None:
    category = _category(require={"act": {"印发": 3.0}, "actor": {"省政府": 1.0}})
    matcher = compile_matcher(category)
    both = score_category(category, matcher, {}, ["省政府印发通知。"])
    act_only = score_category(category, matcher, {}, ["协会印发通知。"])
    assert both.tagged
    assert not act_only.tagged
    assert "actor" in act_only.reason


def test_a_title_term_counts_as_two_distinct_terms() -> None:
    category = _category(terms={"光伏": 3.0}, min_terms=2, short_length=0)
    matcher = compile_matcher(category)
    body = ["该项目建成后每年可减少二氧化碳排放约十万吨，带动当地就业三百余人。"]
    assert not score_category(category, matcher, {}, ["光伏项目开工。", *body]).tagged
    assert score_category(category, matcher, {TITLE_ZONE: "光伏项目开工"}, body).tagged


def test_a_byline_names_the_actor_but_counts_like_the_body() -> None:
    category = _category(require={"act": {"部署": 3.0}, "actor": {"农业部": 1.0}}, min_terms=1, short_length=0)
    matcher = compile_matcher(category)
    body = ["今年要部署春耕生产，确保粮食稳定增产。"]
    assert not score_category(category, matcher, {}, body).tagged  # no actor
    signed = score_category(category, matcher, {BYLINE_ZONE: "农业部部长刘江"}, body)
    assert signed.tagged
    in_title = score_category(category, matcher, {TITLE_ZONE: "农业部部长刘江"}, body)
    assert signed.score < in_title.score  # a title term counts title_weight times, a byline term once


def test_a_discount_multiplies_the_evidence_once_however_often_its_term_occurs() -> None:
    category = _category(terms={"印发": 3.0, "通知": 2.0}, discounts={"摘要": 0.5, "参考文献": 0.8}, lead_sentences=0)
    matcher = compile_matcher(category)
    plain = score_category(category, matcher, {}, ["省政府印发通知。"])
    essay = score_category(category, matcher, {}, ["摘要：省政府印发通知。", "摘要。参考文献。"])
    by_term = {e.term: e for e in essay.evidence}
    assert by_term["摘要"].count == 2
    # applied in term order: 参考文献 (x0.8) then 摘要 (x0.5), each reporting what it removed
    assert by_term["参考文献"].weight == pytest.approx(-5.0 * 0.2)
    assert by_term["摘要"].weight == pytest.approx(-5.0 * 0.8 * 0.5)
    assert sum(e.weight for e in essay.evidence) == pytest.approx(5.0 * 0.8 * 0.5)
    assert essay.score < plain.score


def test_a_discount_never_turns_dampeners_into_support() -> None:
    category = _category(terms={"印发": 1.0}, dampeners={"比赛": 3.0}, discounts={"摘要": 0.5}, lead_sentences=0)
    verdict = score_category(category, compile_matcher(category), {}, ["摘要：协会印发比赛通知。"])
    assert {e.term: e.weight for e in verdict.evidence}["摘要"] == 0.0
    assert verdict.score == 0.0


def test_a_headline_length_body_has_no_lead() -> None:
    category = _category(terms={"番茄": 1.5}, lead_sentences=2, lead_weight=2.0, short_length=40)
    matcher = compile_matcher(category)
    (headline,) = score_category(category, matcher, {}, ["番茄的十种家常吃法"]).evidence
    assert headline.weight == 1.5
    body = ["番茄今年在当地大面积上市。", "今天天气晴朗，市民纷纷外出游玩，公园里人头攒动，热闹非凡。"]
    (lead,) = score_category(category, matcher, {}, body).evidence
    assert lead.weight == 3.0


@given(
    st.lists(st.text(alphabet="农业生产村民粮食.+", min_size=1, max_size=5), min_size=1, max_size=12, unique=True),
    st.text(alphabet="农业生产村民粮食.+，", max_size=60),
)
@settings(max_examples=300, deadline=None)
def test_the_trie_pattern_matches_as_the_longest_first_alternation(terms: list[str], text: str) -> None:
    flat = re.compile("|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t))))
    trie = re.compile(trie_pattern(terms))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
