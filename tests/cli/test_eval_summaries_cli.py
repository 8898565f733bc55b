"""``briefsum eval summaries`` as a user runs it: a real subprocess on data written here."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run
from tests.plugins.textrank_texts import ARTICLE, SENTENCES


def test_eval_summaries_prints_every_system(tmp_path: Path) -> None:
    data = tmp_path / "summaries.jsonl"
    records = [
        {"id": str(i), "text": ARTICLE, "reference": SENTENCES[i] + SENTENCES[i + 1], "source": "mine (NEWS)"}
        for i in range(2)
    ]
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    result = run("eval", "summaries", str(data), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["datasets"] == [{"name": "NEWS", "items": 2, "sentences": 3}]
    systems = [row["system"] for row in report["results"]]
    assert systems[0].startswith("Lead") and systems[1].startswith("textrank4zh")
    assert any("default" in s for s in systems)
    assert all(0.0 <= row["rouge1"] <= 1.0 for row in report["results"])


def test_eval_summaries_bad_input(tmp_path: Path) -> None:
    missing = run("eval", "summaries", str(tmp_path / "none.jsonl"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    nothing = run("eval", "summaries", str(empty))
    assert nothing.returncode == 2 and "no evaluation items" in nothing.stderr
