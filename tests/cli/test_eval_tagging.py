"""``briefsum eval tagging``: metrics by hand-checkable cases, and the command as a real subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from briefsum.evaluation.tagging import BASELINE, BRIEFSUM, LabelledText, Negatives
from briefsum.evaluation.tagging_report import score_methods

from tests.cli.test_cli import run

ROWS = [
    {
        "id": "grain",
        "text": "省政府召开常务会议，部署春耕生产，要求稳定粮食播种面积，保障化肥供应。",
        "labels": ["agriculture", "policy"],
    },
    {
        "id": "trade",
        "text": "前两个月全省外贸进出口增长8.5%，其中出口增长一成，海关通关时间进一步压缩。",
        "labels": ["trade"],
    },
    {"id": "wind", "text": "全省风电装机突破千万千瓦，电网消纳能力持续提升，发电量增长两成。", "labels": ["energy"]},
    {"id": "sport", "text": "全民运动会闭幕，三千余名运动员参加比赛，十二项市纪录被打破。", "labels": []},
    {"id": "doubt", "text": "该县组织农技人员开展病虫害防治培训。", "labels": ["policy"], "uncertain": True},
]


def _rows(*labels: tuple[str, ...]) -> list[LabelledText]:
    return [LabelledText(str(i), "", frozenset(label)) for i, label in enumerate(labels)]


def test_complete_labels_count_every_row_as_a_negative() -> None:
    rows = _rows(("energy",), ("energy", "policy"), (), ("policy",))
    guesses = {BRIEFSUM: [frozenset({"energy"}), frozenset(), frozenset({"energy"}), frozenset({"policy"})]}
    results, macro, exact, no_tag = score_methods(rows, guesses, Negatives.ALL, ("energy", "policy"))
    energy = next(r for r in results if r.category == "energy")
    assert (energy.precision, energy.recall, energy.positives, energy.negatives) == (0.5, 0.5, 2, 2)
    policy = next(r for r in results if r.category == "policy")
    assert (policy.precision, policy.recall) == (1.0, 0.5)
    assert macro[BRIEFSUM] == pytest.approx((0.5 + 2 / 3) / 2)
    assert exact[BRIEFSUM] == 0.5  # rows 0 and 3 exactly right
    assert no_tag[BRIEFSUM] == 0.0  # the one [] row was tagged energy


def test_partial_labels_count_only_empty_rows_as_negatives() -> None:
    rows = _rows(("energy",), ("agriculture",), ())
    guesses = {BRIEFSUM: [frozenset({"energy"}), frozenset({"agriculture", "energy"}), frozenset()]}
    results, _, exact, no_tag = score_methods(rows, guesses, Negatives.EMPTY, ("agriculture", "energy"))
    energy = next(r for r in results if r.category == "energy")
    # the agriculture row is not a verified negative for energy: its extra energy tag is not counted
    assert (energy.precision, energy.recall, energy.negatives) == (1.0, 1.0, 1)
    assert exact[BRIEFSUM] is None
    assert no_tag[BRIEFSUM] == 1.0


@pytest.fixture
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.jsonl"
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in ROWS), encoding="utf-8")
    return path


def test_eval_tagging_prints_the_table_and_the_mistakes(labelled: Path, tmp_path: Path) -> None:
    mistakes = tmp_path / "mistakes.jsonl"
    done = run("eval", "tagging", str(labelled), "--mistakes-file", str(mistakes))
    assert done.returncode == 0, done.stderr
    for word in ("agriculture", "energy", "policy", "trade", "macro-F1", "baseline", "no tag on [] rows (1)"):
        assert word in done.stdout
    written = [json.loads(line) for line in mistakes.read_text(encoding="utf-8").splitlines()]
    doubt = next(m for m in written if m["id"] == "doubt" and m["category"] == "policy")
    assert doubt["kind"] == "missed"
    assert doubt["reason"]
    assert f"all {len(written)} mistakes written" in done.stdout


def test_eval_tagging_json_certain_only(labelled: Path) -> None:
    done = run("eval", "tagging", str(labelled), "--json", "--certain-only")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["rows"] == 4
    assert report["negatives"] == "all"
    f1 = {(r["category"], r["method"]): r["f1"] for r in report["results"]}
    assert f1["energy", BRIEFSUM] == 1.0
    assert f1["trade", BRIEFSUM] == 1.0
    assert report["no_tag_rate"][BRIEFSUM] == 1.0
    assert report["exact_accuracy"][BRIEFSUM] == 1.0
    assert report["no_tag_rate"][BASELINE] is not None


def test_eval_tagging_a_bad_line_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "文本", "labels": []}\n{"id": "b", "text": "文本"}\n', encoding="utf-8")
    done = run("eval", "tagging", str(path))
    assert done.returncode == 2
    assert "bad.jsonl, line 2" in done.stderr
    missing = run("eval", "tagging", str(tmp_path / "nowhere.jsonl"))
    assert missing.returncode == 2
    assert "cannot read" in missing.stderr
