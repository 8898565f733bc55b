"""The line descriptions the page and sentence stages share within a request."""

from __future__ import annotations

from briefsum_builtin.segment.features import DescribedText, content_lines
from briefsum_builtin.segment.shared import MEMO_SIZE, SharedLines

TEXT = "本报讯（记者王明）省政府日前召开常务会议，\n\n研究部署春耕生产工作。\n"


def test_a_text_is_described_once_and_as_content_lines_would() -> None:
    shared = SharedLines()
    first = shared.described(TEXT)
    assert shared.described(TEXT) is first
    assert first.all_content() == content_lines(TEXT)
    assert first == DescribedText.of(TEXT)


def test_the_memo_keys_on_the_text_object_and_stays_small() -> None:
    shared = SharedLines()
    first = shared.described(TEXT)
    copy = "".join(list(TEXT))  # equal, but another object: described anew
    assert copy is not TEXT
    assert shared.described(copy) is not first
    for n in range(MEMO_SIZE):
        shared.described(f"第{n}篇。")
    assert shared.described(TEXT) is not first  # pushed out
