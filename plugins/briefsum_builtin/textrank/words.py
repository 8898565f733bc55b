"""textrank4zh's views of a tokenised sentence, and its stop words.

textrank4zh segments every sentence three times to get three word lists; here they are three
filters over one tokenisation, so summaries, keywords and keyphrases share one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from briefsum.errors import ConfigError
from briefsum.model import Token

from briefsum_builtin.textrank.tokenize import PUNCTUATION_POS

#: Part-of-speech tags whose words may become keywords (textrank4zh's ``allow_speech_tags``).
KEYWORD_POS = frozenset(["an", "i", "j", "l", "n", "nr", "nrfg", "ns", "nt", "nz", "t", "v", "vd", "vn", "eng"])


@dataclass(frozen=True, slots=True)
class WordViews:
    """One sentence as textrank4zh sees it (its ``words_no_filter`` etc.)."""

    #: Every word but punctuation.
    no_filter: tuple[str, ...]
    #: Without stop words: what sentence similarity and keyword edges are built from.
    no_stop: tuple[str, ...]
    #: Without stop words and with keyword parts of speech only: the keyword candidates.
    all_filters: tuple[str, ...]


def sentence_views(tokens: Sequence[Token], stopwords: frozenset[str]) -> WordViews:
    """The three word lists of one sentence (textrank4zh's ``Segmentation.segment``, ``lower=False``)."""
    no_filter: list[str] = []
    no_stop: list[str] = []
    all_filters: list[str] = []
    for token in tokens:
        word = token.text.strip()
        if token.pos == PUNCTUATION_POS or not word:
            continue
        no_filter.append(word)
        if word in stopwords:
            continue
        no_stop.append(word)
        if token.pos in KEYWORD_POS:
            all_filters.append(word)
    return WordViews(tuple(no_filter), tuple(no_stop), tuple(all_filters))


def article_views(tokens: Iterable[Sequence[Token]], stopwords: frozenset[str]) -> tuple[WordViews, ...]:
    """:func:`sentence_views` for every sentence of an article."""
    return tuple(sentence_views(sentence, stopwords) for sentence in tokens)


def textrank4zh_stopwords() -> frozenset[str]:
    """textrank4zh's stop-word list, shipped inside the package (read as textrank4zh reads it)."""
    data = resources.files("textrank4zh").joinpath("stopwords.txt").read_bytes()
    return _parse(data.decode("utf-8", errors="ignore"))


def load_stopwords(*, default: bool = True, words: Iterable[str] = (), file: Path | None = None) -> frozenset[str]:
    """textrank4zh's list (unless ``default`` is false) plus ``words`` plus the lines of ``file``."""
    stopwords = set(textrank4zh_stopwords()) if default else set()
    stopwords.update(word.strip() for word in words if word.strip())
    if file is not None:
        try:
            stopwords |= _parse(file.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read stop-word file {file}: {exc}") from None
    return frozenset(stopwords)


def _parse(text: str) -> frozenset[str]:
    return frozenset(line.strip() for line in text.splitlines() if line.strip())
