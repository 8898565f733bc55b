"""Word segmentation with part-of-speech tags: jieba (reference) and rjieba (jieba-rs, the default).

Each tokenizer owns its own dictionary instance, so two stages (or two tests) with different user
dictionaries never share state, and nothing happens at import time.

Both read user dictionaries in jieba's format, one entry a line: ``word [frequency] [tag]``
(``#`` starts a comment). A word without a frequency gets one high enough to be kept whole; a
word without a tag is tagged :data:`USER_WORD_POS` (jieba would tag it ``x``, punctuation, and the
rankers would then ignore it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from briefsum.errors import ConfigError
from briefsum.model import Token

#: jieba's tag for punctuation, symbols and other non-words.
PUNCTUATION_POS = "x"
#: Tag of user-dictionary words that come without one: other proper noun, a keyword candidate.
USER_WORD_POS = "nz"
#: Distinct (word, tag) pairs a tokenizer keeps as ready-made :class:`Token` objects. Building a
#: frozen dataclass costs more than segmenting; news reuses a few thousand words. Past this size
#: the cache starts over, so memory stays bounded.
TOKEN_CACHE_SIZE = 200_000


@dataclass(frozen=True, slots=True)
class DictEntry:
    """One line of a user dictionary."""

    word: str
    frequency: int | None = None
    pos: str = USER_WORD_POS


def read_user_dict(path: Path) -> tuple[DictEntry, ...]:
    """Parse a jieba-format user dictionary; raises :class:`ConfigError` naming the bad line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read user dictionary {path}: {exc}") from None
    entries: list[DictEntry] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) > 3:
            raise ConfigError(f"{path}:{number}: expected 'word [frequency] [tag]', got {raw.strip()!r}")
        frequency: int | None = None
        pos: str | None = None
        for part in parts[1:]:
            if part.isdigit() and frequency is None and pos is None:
                frequency = int(part)
            elif pos is None and part.isascii() and part.isalpha():
                pos = part
            else:
                raise ConfigError(f"{path}:{number}: expected 'word [frequency] [tag]', got {raw.strip()!r}")
        entries.append(DictEntry(parts[0], frequency, pos or USER_WORD_POS))
    return tuple(entries)


class _TokenCache:
    """Interned :class:`Token` objects by (word, tag); equal tokens are then one object."""

    def __init__(self) -> None:
        self._tokens: dict[tuple[str, str], Token] = {}

    def make(self, pairs: Iterable[tuple[str, str]]) -> tuple[Token, ...]:
        """Tokens for ``(word, tag)`` pairs, whitespace dropped."""
        tokens = self._tokens
        if len(tokens) > TOKEN_CACHE_SIZE:
            tokens.clear()
        made: list[Token] = []
        for pair in pairs:
            token = tokens.get(pair)
            if token is None:
                if pair[0].isspace():
                    continue
                token = tokens[pair] = Token(*pair)
            made.append(token)
        return tuple(made)


class Tokenizer(Protocol):
    """What the token stages need from a segmenter."""

    #: Short name shown in stage descriptions and benchmarks.
    name: str

    def load(self) -> None:
        """Load the dictionary (once, at start-up)."""

    def tokenize(self, text: str) -> tuple[Token, ...]:
        """The words of ``text`` with part-of-speech tags, in order; whitespace is dropped."""


class JiebaTokenizer:
    """jieba's part-of-speech segmenter (``jieba.posseg``), exactly what textrank4zh runs."""

    name = "jieba"

    def __init__(self, user_dict: Sequence[DictEntry] = (), cache_dir: Path | None = None) -> None:
        self.user_dict = tuple(user_dict)
        #: Where jieba keeps its prefix-dictionary cache (default: the system temp directory). A cache
        #: built there ahead of time (e.g. in a container image) is read even from a read-only path.
        self.cache_dir = cache_dir
        self._pos: Any = None
        self._tokens = _TokenCache()

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
        for entry in self.user_dict:
            tokenizer.add_word(entry.word, entry.frequency, entry.pos)
        self._pos = jieba.posseg.POSTokenizer(tokenizer)

    def tokenize(self, text: str) -> tuple[Token, ...]:
        """Segment and tag ``text``."""
        if self._pos is None:
            raise RuntimeError("JiebaTokenizer.load() was not called")
        return self._tokens.make((pair.word, pair.flag) for pair in self._pos.cut(text))


class RjiebaTokenizer:
    """jieba-rs through ``rjieba``: jieba's dictionary and tags, segmentation like ``jieba.cut``.

    About 60 times faster than ``jieba.posseg`` (see ``bench/speed.py``). Its segmentation equals
    ``jieba.cut``'s; ``jieba.posseg`` splits some unknown words differently.
    """

    name = "rjieba"

    def __init__(self, user_dict: Sequence[DictEntry] = ()) -> None:
        self.user_dict = tuple(user_dict)
        self._jieba: Any = None
        self._tokens = _TokenCache()

    def load(self) -> None:
        """Build jieba-rs's dictionary (a few milliseconds)."""
        import rjieba

        segmenter = rjieba.Jieba()
        for entry in self.user_dict:
            segmenter.add_word(entry.word, entry.frequency, entry.pos)
        self._jieba = segmenter

    def tokenize(self, text: str) -> tuple[Token, ...]:
        """Segment and tag ``text``."""
        if self._jieba is None:
            raise RuntimeError("RjiebaTokenizer.load() was not called")
        return self._tokens.make(self._jieba.tag(text))
