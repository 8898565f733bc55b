"""Nothing lost, nothing twice: a batch of 500+ items survives its server (and itself) being killed."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.helpers import Server, batch, by_id, read_jsonl, start_batch, summary, wait_lines, write_records

ITEMS = 520


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inputs") / "records.jsonl"
    write_records(path, ITEMS)
    return path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    running = Server(tmp_path / "server.log").start()
    try:
        yield running
    finally:
        running.stop(signal.SIGKILL)


@pytest.fixture(scope="module")
def reference(
    records: Path, shared_server: Server, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[object, ...]]:
    """The results of an uninterrupted run."""
    directory = tmp_path_factory.mktemp("reference")
    done = batch(str(records), "-o", str(directory / "out.jsonl"), "--target", shared_server.target)
    assert done.returncode == 0, done.stderr
    results = read_jsonl(directory / "out.jsonl")
    assert len(results) == ITEMS
    return by_id(results)


def check_complete(out: Path, reference: dict[str, tuple[object, ...]]) -> None:
    results = read_jsonl(out)
    ids = [r["id"] for r in results]
    assert len(ids) == len(set(ids)) == ITEMS, "duplicates or missing ids"
    assert by_id(results) == reference
    errors = out.with_name(out.name.removesuffix(".jsonl") + ".errors.jsonl")
    assert errors.read_text() == ""


def test_server_sigterm_midway_then_restart_the_batch_rides_through(
    records: Path, server: Server, tmp_path: Path, reference: dict[str, tuple[object, ...]]
) -> None:
    out = tmp_path / "out.jsonl"
    process = start_batch(str(records), "-o", str(out), "--target", server.target)
    try:
        wait_lines(out, ITEMS // 3, process)
        server.stop(signal.SIGTERM)  # drains: in-flight items finish, then the port closes
        server.start()  # same port: the batch's retries reach the new server
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    check_complete(out, reference)
    # The rerun of a finished batch sends nothing.
    again = batch(str(records), "-o", str(out), "--target", server.target)
    assert again.returncode == 0, again.stderr
    assert (summary(again)["ok"], summary(again)["skipped"]) == (0, ITEMS)


def test_server_sigkill_midway_stops_with_exit_3_and_a_rerun_completes(
    records: Path, server: Server, tmp_path: Path, reference: dict[str, tuple[object, ...]]
) -> None:
    out = tmp_path / "out.jsonl"
    process = start_batch(str(records), "-o", str(out), "--target", server.target, "--retries", "2")
    try:
        wait_lines(out, ITEMS // 3, process)
        server.stop(signal.SIGKILL)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 3, stderr
    assert "rerun the same command to resume" in stderr
    first = read_jsonl(out)
    assert ITEMS // 3 <= len(first) < ITEMS
    server.start()
    rerun = batch(str(records), "-o", str(out), "--target", server.target)
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun)["skipped"] == len(first)
    assert summary(rerun)["ok"] == ITEMS - len(first)
    check_complete(out, reference)


def test_ctrl_c_then_sigkill_with_a_torn_last_line_then_a_rerun_completes(
    records: Path, shared_server: Server, tmp_path: Path, reference: dict[str, tuple[object, ...]]
) -> None:
    out = tmp_path / "out.jsonl"
    args = (str(records), "-o", str(out), "--target", shared_server.target)
    process = start_batch(*args)
    wait_lines(out, ITEMS // 4, process)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "rerun the same command" in stderr
    process = start_batch(*args)
    wait_lines(out, ITEMS // 2, process)
    process.kill()
    process.communicate(timeout=60)
    # A machine crash can cut the last line short: simulate it with half of a real line.
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:-1]) + lines[-1][: len(lines[-1]) // 2])
    rerun = batch(*args)
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun)["skipped"] == len(lines) - 1
    check_complete(out, reference)
