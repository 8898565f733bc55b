"""`briefsum batch` end to end: bad items, exit codes, formats, stdin (a real server subprocess)."""

from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

import pytest

from tests.batch.helpers import Server, article, batch, read_jsonl, summary, write_records


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory of good and bad inputs (the server's text limit is 6000 bytes)."""
    root = tmp_path / "corpus"
    (root / "2023" / "03").mkdir(parents=True)
    (root / "2023" / "03" / "utf8.txt").write_text(article(1), encoding="utf-8")
    (root / "2023" / "gbk.txt").write_bytes(article(2).encode("gbk"))
    (root / "2023" / "notes.md").write_text("不是输入", encoding="utf-8")
    (root / "broken.txt").write_bytes(b"\xff\xfe\xfa garbage \x81")
    (root / "huge.txt").write_text(article(3) * 40, encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / ".hidden.txt").write_text(article(4), encoding="utf-8")
    lines = [
        json.dumps({"id": "r1", "text": article(5), "title": "标题"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "no-text", "title": "没有正文"}, ensure_ascii=False),
        json.dumps({"text": article(6)}, ensure_ascii=False),
        "",
    ]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_bad_items_become_error_records_and_every_good_item_is_done(
    shared_server: Server, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.jsonl"
    done = batch(str(corpus), "--exclude", "*.md", "-o", str(out), "--target", shared_server.target)
    assert done.returncode == 1, done.stderr
    results = {r["id"]: r for r in read_jsonl(out)}
    errors = {e["id"]: e for e in read_jsonl(tmp_path / "out.errors.jsonl")}
    root = str(corpus)
    assert set(results) == {
        f"{root}/2023/03/utf8.txt",
        f"{root}/2023/gbk.txt",
        f"{root}/empty.txt",
        "r1",
        f"{root}/records.jsonl:4",
    }
    assert {k: v["code"] for k, v in errors.items()} == {
        f"{root}/broken.txt": "INVALID_ARGUMENT",
        f"{root}/huge.txt": "INVALID_ARGUMENT",
        f"{root}/records.jsonl:2": "INVALID_ARGUMENT",
        "no-text": "INVALID_ARGUMENT",
    }
    assert "GB18030" in errors[f"{root}/broken.txt"]["message"]
    assert "text" in errors[f"{root}/huge.txt"]["message"]
    assert errors[f"{root}/huge.txt"]["attempts"] == 1  # INVALID_ARGUMENT is not retried
    assert "'text' is missing" in errors["no-text"]["message"]
    # GBK decoded; an empty text is a result without articles; each result carries hash and version.
    assert results[f"{root}/2023/gbk.txt"]["articles"]
    assert results[f"{root}/empty.txt"]["articles"] == []
    assert results["r1"]["title"] == "标题"
    assert all(len(r["sha256"]) == 64 and r["pipeline_version"] for r in results.values())
    assert summary(done)["ok"] == 5
    assert summary(done)["failed"] == 4

    # Fix two inputs and rerun: only they are sent; their errors are gone.
    (corpus / "broken.txt").write_text(article(7), encoding="utf-8")
    (corpus / "huge.txt").write_text(article(8), encoding="utf-8")
    rerun = batch(str(corpus), "--exclude", "*.md", "-o", str(out), "--target", shared_server.target)
    assert rerun.returncode == 1, rerun.stderr
    assert (summary(rerun)["ok"], summary(rerun)["skipped"], summary(rerun)["failed"]) == (2, 5, 2)
    assert {e["id"] for e in read_jsonl(tmp_path / "out.errors.jsonl")} == {f"{root}/records.jsonl:2", "no-text"}
    assert len(read_jsonl(out)) == 7


def test_server_unreachable_exits_3_and_says_what_to_check(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    records = tmp_path / "in.jsonl"
    write_records(records, 3)
    done = batch(str(records), "-o", str(tmp_path / "out.jsonl"), "--target", f"127.0.0.1:{port}")
    assert done.returncode == 3
    assert f"no briefsum server answers at 127.0.0.1:{port}" in done.stderr
    assert "briefsum serve" in done.stderr and "--target" in done.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = batch(str(tmp_path / "nothing"), "-o", str(tmp_path / "out.jsonl"))
    assert missing.returncode == 2
    assert "no such file or directory" in missing.stderr
    records = tmp_path / "in.jsonl"
    write_records(records, 1)
    bad = batch(str(records), "-o", str(tmp_path / "out.jsonl"), "--ratio", "2")
    assert bad.returncode == 2
    assert "ratio" in bad.stderr


def test_help_documents_the_exit_codes() -> None:
    shown = batch("--help")
    assert shown.returncode == 0
    for text in ("0 all items ok", "1 some items failed", "2 usage error", "3 server unreachable"):
        assert text in " ".join(shown.stdout.split())


def test_stdin_unary_and_a_target_list_give_the_same_results_as_the_stream(
    shared_server: Server, tmp_path: Path
) -> None:
    records = tmp_path / "in.jsonl"
    write_records(records, 30)
    stream = batch(str(records), "-o", str(tmp_path / "stream.jsonl"), "--target", shared_server.target)
    unary = batch(
        "-",
        "-o",
        str(tmp_path / "unary.jsonl"),
        "--transport",
        "unary",
        "--concurrency",
        "3",
        "--target",
        shared_server.target,
        "--target",
        shared_server.target,
        stdin=records.read_text(encoding="utf-8"),
    )
    assert stream.returncode == unary.returncode == 0, stream.stderr + unary.stderr

    def articles(name: str) -> dict[str, object]:
        return {r["id"]: r["articles"] for r in read_jsonl(tmp_path / name)}

    assert articles("stream.jsonl") == articles("unary.jsonl")
    assert len(articles("unary.jsonl")) == 30


def test_unary_calls_stay_within_what_the_server_admits(shared_server: Server, tmp_path: Path) -> None:
    # One worker admits 2 calls (one running, one queued); 8 at once would be refused and retried.
    records = tmp_path / "in.jsonl"
    write_records(records, 40)
    done = batch(
        str(records),
        "-o",
        str(tmp_path / "out.jsonl"),
        "--transport",
        "unary",
        "--concurrency",
        "8",
        "--target",
        shared_server.target,
    )
    assert done.returncode == 0, done.stderr
    result = summary(done)
    assert (result["ok"], result["failed"], result["retries"]) == (40, 0, 0)


def test_csv_and_markdown(shared_server: Server, tmp_path: Path) -> None:
    records = tmp_path / "in.jsonl"
    write_records(records, 12)
    done = batch(str(records), "-f", "csv", "-o", str(tmp_path / "out.csv"), "--target", shared_server.target)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == ["id", "article", "title", "tags", "summary"]
    assert {row["id"] for row in rows} == {f"doc-{n:04d}" for n in range(12)}
    assert any("agriculture" in row["tags"].split(";") for row in rows)
    assert all(row["summary"].endswith("。") for row in rows)
    results = read_jsonl(tmp_path / "out.results.jsonl")  # the ledger beside the CSV
    assert len(results) == 12

    md = tmp_path / "digest.md"
    digest = batch(str(records), "-f", "md", "-o", str(md), "--target", shared_server.target)
    assert digest.returncode == 0, digest.stderr
    text = md.read_text(encoding="utf-8")
    assert "## agriculture" in text
    agriculture = text.split("## agriculture")[1].split("\n## ")[0]
    tagged = [r for r in results if any(t["category"] == "agriculture" for t in r["articles"][0]["tags"])]
    assert agriculture.count("### ") == len(tagged) > 0
