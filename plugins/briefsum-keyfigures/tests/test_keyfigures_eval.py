"""The evaluation command, on small data written here (the real evaluation data is never needed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from briefsum_keyfigures.corpus import (
    CorpusError,
    GoldChange,
    GoldFigure,
    load_annotations,
    load_documents,
    sentence_hash,
    sentences,
)
from briefsum_keyfigures.scoring import Scores, score_sentence

EVAL = [sys.executable, "-m", "briefsum_keyfigures.evaluate"]
PAGE = {
    "page_id": "p1",
    "articles": [
        {
            "id": "a1",
            "title": "全镇生产形势良好",
            "paragraphs": ["2022年，全镇粮食产量达到3.5万吨，增长6%。", "全镇共有合作社12家。"],
        }
    ],
}


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "pages.jsonl").write_text(json.dumps(PAGE, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def _record(text: str, sentence: str, figures: list[dict[str, object]]) -> dict[str, object]:
    start = text.index(sentence)
    end = start + len(sentence)
    return {"doc": "a1", "start": start, "end": end, "sha1": sentence_hash(text[start:end]), "figures": figures}


def _annotations(tmp_path: Path, text: str) -> Path:
    records = [
        _record(
            text,
            "2022年，全镇粮食产量达到3.5万吨，增长6%。",
            [
                {
                    "indicator": "粮食产量",
                    "value": 35000,
                    "unit": "吨",
                    "change": {"direction": "up", "value": 6, "unit": "%"},
                    "period": "2022年",
                }
            ],
        ),
        # an annotator's figure the extractor cannot find, and a wrong unit
        _record(
            text,
            "全镇共有合作社12家。",
            [{"indicator": "合作社", "value": 12, "unit": "个", "change": None, "period": "2022年"}],
        ),
    ]
    path = tmp_path / "annotations.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_documents_are_built_from_pages_and_text_files(tmp_path: Path) -> None:
    data = _data(tmp_path)
    (data / "note.txt").write_text("第一句。第二句", encoding="utf-8")
    documents = load_documents([data])
    assert documents["note"] == "第一句。第二句"
    assert documents["a1"].splitlines()[0] == "全镇生产形势良好"
    assert documents["a1"].splitlines()[1].startswith("\u3000\u3000")  # paragraphs are indented
    assert [documents["note"][a:b] for a, b in sentences(documents["note"])] == ["第一句。", "第二句"]


def test_run_scores_against_the_annotations(tmp_path: Path) -> None:
    data = _data(tmp_path)
    annotations = _annotations(tmp_path, load_documents([data])["a1"])
    result = subprocess.run(
        [*EVAL, "run", str(annotations), str(data), "--json"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    # two annotated figures, two predicted: one right (with its change and period), one with another unit
    assert scores["precision"] == 0.5
    assert scores["recall"] == 0.5
    assert scores["strict precision (value and change)"] == 0.5
    assert scores["period exact, of matches"] == 1.0
    table = subprocess.run(
        [*EVAL, "run", str(annotations), str(data), "--errors"], capture_output=True, text=True, timeout=120
    )
    assert "合作社" in table.stdout and "precision" in table.stdout


def test_annotations_that_do_not_match_the_data_are_refused(tmp_path: Path) -> None:
    data = _data(tmp_path)
    annotations = _annotations(tmp_path, load_documents([data])["a1"])
    records = [json.loads(line) for line in annotations.read_text(encoding="utf-8").splitlines()]
    records[0]["start"] += 1
    annotations.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(CorpusError, match="differs from the annotated one"):
        load_annotations(annotations, load_documents([data]))
    result = subprocess.run([*EVAL, "run", str(annotations), str(data)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "differs from the annotated one" in result.stderr
    missing = subprocess.run(
        [*EVAL, "run", str(annotations), str(tmp_path / "nope")], capture_output=True, text=True, timeout=120
    )
    assert missing.returncode == 2
    assert "does not exist" in missing.stderr


def test_sample_writes_references_not_texts(tmp_path: Path) -> None:
    data = _data(tmp_path)
    result = subprocess.run([*EVAL, "sample", str(data), "--count", "5"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2  # the two sentences with digits
    assert all(set(r) == {"doc", "start", "end", "sha1", "figures"} for r in records)
    assert "粮食" not in result.stdout and "粮食" in result.stderr


def test_scoring_counts_heads_and_attributes() -> None:
    up = GoldChange("up", 6.0, "%")
    gold = [GoldFigure("粮食产量", 35000.0, "吨", up, "2022年"), GoldFigure("出口", None, "", up, "")]
    predicted = [GoldFigure("全镇粮食产量", 35000.0, "吨", None, "2022年"), GoldFigure("出口", None, "", up, "")]
    scores = Scores()
    score_sentence(scores, 0, gold, predicted)
    assert (scores.matched, scores.strict) == (2, 1)  # the first misses its change
    assert (scores.indicator_exact, scores.indicator_overlap) == (1, 2)
