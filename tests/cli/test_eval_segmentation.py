"""``briefsum eval segmentation``, run as a real subprocess on pages written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.evaluation.sample_pages import write_pages


def test_json_report(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages.jsonl")
    result = run("eval", "segmentation", str(pages), "--renders", "2", "--summaries", "2", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["pages"] == 2
    assert report["renders"] == 2
    overall = report["overall"]
    assert overall["pages"] == 4
    assert overall["articles"] == 16
    assert 0.0 <= overall["f1"] <= 1.0
    assert any(label.startswith("heads=") for label in report["by_page_variation"])
    assert any(label.startswith("title=") for label in report["by_article_variation"])
    assert report["summaries"]["sentences"] > 0
    assert report["summaries"]["with_headline_byline_or_credit"] == 0


def test_tables(tmp_path: Path) -> None:
    pages = write_pages(tmp_path / "pages.jsonl")
    result = run("eval", "segmentation", str(pages), "--renders", "1", "--summaries", "0")
    assert result.returncode == 0, result.stderr
    for heading in ("Segmentation of rendered pages", "By article variation", "Other checks", "heads=", "title acc"):
        assert heading in result.stdout


def test_bad_data_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"page_id": "x"}\n', encoding="utf-8")
    result = run("eval", "segmentation", str(bad))
    assert result.returncode == 2
    assert "bad.jsonl:1" in result.stderr
    missing = run("eval", "segmentation", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2
