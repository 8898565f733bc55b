"""The per-thread request memo shared by the built-in stages."""

from __future__ import annotations

import threading

from briefsum_builtin.memo import RequestMemo


def test_objects_by_identity_extra_by_equality_and_per_thread() -> None:
    memo: RequestMemo[int] = RequestMemo(2)
    calls: list[str] = []

    def compute(name: str) -> int:
        calls.append(name)
        return len(calls)

    text = "".join(["会议", "强调"])
    assert memo.get((text,), 2, lambda: compute("a")) == 1
    assert memo.get((text,), 2, lambda: compute("b")) == 1  # remembered
    assert memo.get((text,), 3, lambda: compute("c")) == 2  # another extra
    assert memo.get(("".join(["会议", "强调"]),), 2, lambda: compute("d")) == 3  # equal, not the same object
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(memo.get((text,), 2, lambda: compute("e"))))
    thread.start()
    thread.join()
    assert seen == [4]  # another thread has its own entries
    assert memo.get((text,), 2, lambda: compute("f")) == 5  # pushed out by the two newer entries
