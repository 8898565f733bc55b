"""One description of a text's lines for both the page and the sentence stage.

The page stage describes every line of the request text to find articles; the sentence stage then
reads the same lines again to split each body. Both see the same ``Document.text`` object in one
request, so the description is computed once and handed on: a small per-thread memo keyed by the
identity of the text (kept alive by the memo, so the identity cannot be reused). It is a pure cache:
a miss (another page stage, another thread) only costs time.
"""

from __future__ import annotations

from briefsum_builtin.memo import RequestMemo
from briefsum_builtin.segment.features import DescribedText

#: Texts remembered per thread: a request's stages run one after another in one thread.
MEMO_SIZE = 4


class SharedLines:
    """Line descriptions shared by the stages that receive the same instance."""

    def __init__(self) -> None:
        self._described: RequestMemo[DescribedText] = RequestMemo(MEMO_SIZE)

    def described(self, source: str) -> DescribedText:
        """Every line of ``source`` described, computed at most once per request."""
        return self._described.get((source,), None, lambda: DescribedText.of(source))
