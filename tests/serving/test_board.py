"""The stage board a worker writes and the server reads (shared memory, here within one process)."""

from __future__ import annotations

import multiprocessing
import time

from briefsum.serving.board import NAME_BYTES, StageBoard


def test_the_board_tells_the_stage_of_the_job_asked_about() -> None:
    board = StageBoard(multiprocessing.get_context("spawn"))
    assert board.read(1) is None  # nothing posted yet
    before = time.monotonic()
    board.enter(1, "builtin.page", "builtin")
    now = board.read(1)
    assert now is not None
    assert (now.job_id, now.stage, now.plugin) == (1, "builtin.page", "builtin")
    assert before <= now.started <= time.monotonic()
    board.enter(1, "builtin.tags", "builtin")  # a shorter name replaces a longer one whole
    later = board.read(1)
    assert later is not None and (later.stage, later.plugin) == ("builtin.tags", "builtin")
    assert later.started >= now.started
    assert board.read(2) is None  # another job: not started yet


def test_long_names_are_cut_not_refused() -> None:
    board = StageBoard(multiprocessing.get_context("spawn"))
    board.enter(7, "s" * 1000, "p")
    now = board.read(7)
    assert now is not None and now.stage == "s" * (NAME_BYTES - 1) and now.plugin == ""
