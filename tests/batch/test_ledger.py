"""The ledger on its own: torn lines, superseded lines, errors resolved by a later success, the lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from briefsum.batch.inputs import Inputs
from briefsum.batch.ledger import Ledger, LedgerBusy, canonical

OPTIONS = {"layout": "auto"}


def result(item_id: str, sha: str = "a", version: str = "v1") -> dict[str, object]:
    return {
        "id": item_id,
        "sha256": sha,
        "title": None,
        "options": OPTIONS,
        "pipeline_version": version,
        "articles": [],
    }


def error(item_id: str, sha: str = "a") -> dict[str, object]:
    return {"id": item_id, "sha256": sha, "code": "INTERNAL", "message": "failed", "attempts": 1}


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_a_torn_last_line_is_cut_off_and_its_item_is_not_done(tmp_path: Path) -> None:
    results = tmp_path / "out.jsonl"
    results.write_text(json.dumps(result("x")) + "\n" + json.dumps(result("y"))[:20])
    ledger = Ledger(results, tmp_path / "errors.jsonl").open()
    assert ledger.repaired_bytes == 20
    assert ledger.is_done("x", "a", None, canonical(OPTIONS), "v1")
    assert not ledger.is_done("y", "a", None, canonical(OPTIONS), "v1")
    ledger.close()
    assert results.read_text().endswith("\n")


def test_done_needs_the_same_input_options_and_version(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "out.jsonl", tmp_path / "errors.jsonl").open()
    ledger.add_result(result("x"))
    assert ledger.is_done("x", "a", None, canonical(OPTIONS), "v1")
    assert not ledger.is_done("x", "b", None, canonical(OPTIONS), "v1")
    assert not ledger.is_done("x", "a", "title", canonical(OPTIONS), "v1")
    assert not ledger.is_done("x", "a", None, canonical({"layout": "page"}), "v1")
    assert not ledger.is_done("x", "a", None, canonical(OPTIONS), "v2")
    ledger.close()


def test_finishing_keeps_one_line_per_id_in_one_of_the_two_files(tmp_path: Path) -> None:
    results, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    first = Ledger(results, errors).open()
    first.add_result(result("kept"))
    first.add_result(result("old-version"))
    first.add_result(result("changed"))
    first.add_error(error("fails-then-works"))
    first.add_error(error("gone-from-inputs"))
    first.close(seen={"kept", "old-version", "changed", "fails-then-works", "gone-from-inputs"})

    second = Ledger(results, errors).open()
    second.add_result(result("old-version", version="v2"))  # the pipeline changed: redone
    second.add_result(result("fails-then-works"))
    second.add_error(error("changed", sha="b"))  # its input changed and now fails
    second.close(seen={"kept", "old-version", "changed", "fails-then-works"})

    assert [(r["id"], r["pipeline_version"]) for r in lines(results)] == [
        ("kept", "v1"),
        ("old-version", "v2"),
        ("fails-then-works", "v1"),
    ]
    assert [e["id"] for e in lines(errors)] == ["gone-from-inputs", "changed"]
    third = Ledger(results, errors).open()
    assert [r["id"] for r in third.results()] == ["kept", "old-version", "fails-then-works"]
    third.close()


def test_two_runs_cannot_write_the_same_files(tmp_path: Path) -> None:
    first = Ledger(tmp_path / "out.jsonl", tmp_path / "errors.jsonl").open()
    with pytest.raises(LedgerBusy, match="another briefsum batch"):
        Ledger(tmp_path / "out.jsonl", tmp_path / "errors.jsonl").open()
    first.close()


def test_directory_walk_filters_and_ids(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("文本", encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_bytes("国务院".encode("gb18030"))
    (tmp_path / "a" / "z.log").write_text("日志", encoding="utf-8")
    (tmp_path / "a" / ".git").mkdir()
    (tmp_path / "a" / ".git" / "c.txt").write_text("隐藏", encoding="utf-8")
    inputs = Inputs((str(tmp_path / "a"),), include=("*.txt",), exclude=("b/*",))
    items = list(inputs)
    assert [(i.id, i.text) for i in items] == [(f"{tmp_path}/a/y.txt", "国务院")]
    assert inputs.count() == 1
