"""Summary evaluation: character ROUGE, the data readers, and the systems side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from briefsum.cli.eval_summaries import _table
from briefsum.evaluation.rouge import CharRouge, RougeF, char_tokens
from briefsum.evaluation.summaries import BareTextRank4zh, Briefsum, Lead, Variant, build_systems, evaluate
from briefsum.evaluation.summary_data import TITLE_PROXY, DataError, Dataset, Item, corpus_of, load_datasets
from rich.console import Console

from tests.plugins.textrank_texts import ARTICLE, SENTENCES


def test_char_tokens_normalise_width_and_case() -> None:
    assert char_tokens("１９９８年ＧＤＰ增长，“8%”！") == list("1998年gdp增长8")
    assert char_tokens(" \n，。") == []


def test_rouge_on_characters() -> None:
    rouge = CharRouge()
    same = rouge.score("粮食生产", "粮食生产")
    assert same == RougeF(1.0, 1.0, 1.0)
    # 4 of 5 reference characters, all 4 summary characters: F1 = 2 * 1 * 0.8 / 1.8
    partial = rouge.score("中国经济", "中国的经济")
    assert partial.rouge1 == pytest.approx(8 / 9)
    # bigrams: 中国 经济 of 中国/国的/的经/经济 -> P 2/3, R 2/4
    assert partial.rouge2 == pytest.approx(2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4))
    assert rouge.score("", "粮食") == RougeF(0.0, 0.0, 0.0)
    assert RougeF.mean([RougeF(1, 0, 0.5), RougeF(0, 0, 0.5)]) == RougeF(0.5, 0.0, 0.5)


def test_corpus_names() -> None:
    assert corpus_of("owner/repo@abc:samples.txt (CLTS, ThePaper.cn)") == "CLTS"
    assert corpus_of("owner/repo@abc:samples.txt (original CLTS summary; CLTS+ paraphrase not used)") == "CLTS"
    assert corpus_of("x (LCSTS, Sina Weibo)") == "LCSTS"
    assert corpus_of(None) == "summaries"


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def test_datasets_are_grouped_and_sized(tmp_path: Path) -> None:
    long_reference = SENTENCES[0] + SENTENCES[1]
    summaries = _write(
        tmp_path / "summaries.jsonl",
        [
            {"id": "a", "text": ARTICLE, "reference": long_reference, "source": "x (NEWS, somewhere)"},
            {"id": "b", "text": ARTICLE, "reference": "粮食生产", "source": "x (POSTS, elsewhere)"},
        ],
    )
    pages = tmp_path / "pages"
    pages.mkdir()
    _write(
        pages / "p.jsonl",
        [
            {
                "page_id": "1",
                "articles": [{"id": "t", "title": "春耕", "paragraphs": SENTENCES[:3]}, {"paragraphs": ["无题。"]}],
            }
        ],
    )
    datasets = load_datasets([summaries, pages])
    assert [(d.name, d.sentences, len(d.items)) for d in datasets] == [
        ("NEWS", 3, 1),
        ("POSTS", 1, 1),
        (TITLE_PROXY, 1, 1),
    ]
    assert datasets[2].items[0] == Item("t", "\n".join(SENTENCES[:3]), "春耕")
    assert datasets[0].limited(0).items == ()


def test_bad_data_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "reference": "y"}\nnot json\n', encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.jsonl:2"):
        load_datasets([bad])
    with pytest.raises(DataError, match="no such file"):
        load_datasets([tmp_path / "missing.jsonl"])


def test_systems_side_by_side() -> None:
    dataset = Dataset("mine", 1, (Item("1", ARTICLE, SENTENCES[0]), Item("2", "", "空")))
    variant = Variant("default", ("builtin.page", "builtin.sentences", "builtin.tokens", "builtin.textrank"))
    systems = build_systems([variant])
    assert isinstance(systems[0], Lead) and isinstance(systems[1], BareTextRank4zh)
    assert isinstance(systems[2], Briefsum)
    lead_summary = systems[0].summarize(ARTICLE, 1)
    assert lead_summary == SENTENCES[0]
    report = evaluate([dataset], systems, CharRouge())
    lead = report.scores[(systems[0].label, "mine")]
    assert lead.items == 2 and lead.rouge.rouge1 == pytest.approx(0.5)  # perfect, then empty
    data = report.to_dict()
    assert {row["system"] for row in data["results"]} == {s.label for s in systems}
    console = Console(width=200, record=True)
    console.print(_table(report))
    rendered = console.export_text()
    assert "mine" in rendered and "100.00 / 100.00 / 100.00" not in rendered and "50.00" in rendered
