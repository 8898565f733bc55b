"""Word segmentation with jieba, one private tokenizer instance per stage (no global state)."""

from __future__ import annotations

import logging
from pathlib import Path

from briefsum.model import Token


class JiebaTokenizer:
    """jieba's HMM segmenter with part-of-speech tags; load with :meth:`load` before use."""

    def __init__(self, user_dict: Path | None = None, cache_dir: Path | None = None) -> None:
        self.user_dict = user_dict
        #: Where jieba keeps its prefix-dictionary cache (default: the system temp directory). A cache
        #: built there ahead of time (e.g. in a container image) is read even from a read-only path.
        self.cache_dir = cache_dir
        self._pos: object | None = None

    def load(self) -> None:
        """Build jieba's prefix dictionary (about a second; cached on disk by jieba)."""
        import jieba
        import jieba.posseg

        # jieba announces every dictionary load at DEBUG on its own stderr handler; keep it quiet.
        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        if self.cache_dir is not None:
            tokenizer.tmp_dir = str(self.cache_dir)
        tokenizer.initialize()
        if self.user_dict is not None:
            tokenizer.load_userdict(str(self.user_dict))
        self._pos = jieba.posseg.POSTokenizer(tokenizer)

    def tokenize(self, text: str) -> tuple[Token, ...]:
        """The words of ``text`` with their jieba part-of-speech tags; whitespace is dropped."""
        if self._pos is None:
            raise RuntimeError("JiebaTokenizer.load() was not called")
        return tuple(Token(pair.word, pair.flag) for pair in self._pos.cut(text) if not pair.word.isspace())  # type: ignore[attr-defined]
