"""Reading summary evaluation data: reference summaries and titled newspaper articles (JSON Lines).

Two record shapes are understood, one record a line:

- ``{"id", "text", "reference", "source"?}``: a text and a human reference summary. Records are
  grouped by the corpus named in ``source``: the first acronym inside its last parentheses
  (``"... (CLTS, ThePaper.cn)"`` and ``"... (original CLTS summary)"`` -> ``CLTS``), since corpora
  differ in what a summary is.
- ``{"page_id", "articles": [{"id", "title"?, "paragraphs"}]}``: a newspaper page. Every article
  with a title becomes a *title proxy* item: the body (paragraphs joined by newlines) is the text
  and the title the reference, since a headline is the editor's one-line summary.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Summaries of at most this many sentences for corpora whose references are headline-like.
HEADLINE_SENTENCES = 1
#: Median reference length (characters) up to which references count as headlines.
HEADLINE_CHARS = 30
#: Summary length for longer references: the classic Lead-3 setting of news summarisation.
NEWS_SENTENCES = 3
#: Name of the dataset built from titled newspaper articles.
TITLE_PROXY = "title proxy"

_NOTE = re.compile(r"\(([^()]*)\)\s*$")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]+\b")


class DataError(ValueError):
    """An evaluation file cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Item:
    """One text to summarise and the reference to score the summary against."""

    id: str
    text: str
    reference: str


@dataclass(frozen=True, slots=True)
class Dataset:
    """Items scored together, and the summary length (in sentences) they are scored at."""

    name: str
    sentences: int
    items: tuple[Item, ...]

    def limited(self, limit: int | None) -> Dataset:
        """The first ``limit`` items (all of them for ``None``)."""
        return self if limit is None else Dataset(self.name, self.sentences, self.items[:limit])


def _files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(path.glob("*.jsonl"))
        elif path.is_file():
            yield path
        else:
            raise DataError(f"{path}: no such file or directory")


def _records(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{number}: not JSON: {exc.msg}") from None
        if not isinstance(record, dict):
            raise DataError(f"{path}:{number}: expected a JSON object")
        yield number, record


def corpus_of(source: object) -> str:
    """The corpus a ``source`` string names (``"summaries"`` when it names none)."""
    note = _NOTE.search(source) if isinstance(source, str) else None
    acronym = _ACRONYM.search(note.group(1)) if note else None
    return acronym.group(0) if acronym else "summaries"


def load_datasets(paths: Sequence[Path]) -> list[Dataset]:
    """Every dataset in ``paths`` (files or folders of ``*.jsonl``), in a fixed order.

    Reference corpora come first (by name), then the title proxy. Raises :class:`DataError`.
    """
    corpora: dict[str, list[Item]] = {}
    titled: list[Item] = []
    for path in _files(paths):
        for number, record in _records(path):
            if "reference" in record:
                text, reference = record.get("text"), record["reference"]
                if not isinstance(text, str) or not isinstance(reference, str):
                    raise DataError(f"{path}:{number}: 'text' and 'reference' must be strings")
                item = Item(str(record.get("id", f"{path.name}:{number}")), text, reference)
                corpora.setdefault(corpus_of(record.get("source")), []).append(item)
            elif "articles" in record:
                titled.extend(_titled_articles(record["articles"], f"{path}:{number}"))
            else:
                raise DataError(f"{path}:{number}: expected a 'reference' or an 'articles' field")
    datasets = [Dataset(name, _sentences_for(items), tuple(items)) for name, items in sorted(corpora.items()) if items]
    if titled:
        datasets.append(Dataset(TITLE_PROXY, HEADLINE_SENTENCES, tuple(titled)))
    return datasets


def _titled_articles(articles: object, where: str) -> Iterator[Item]:
    if not isinstance(articles, list):
        raise DataError(f"{where}: 'articles' must be a list")
    for article in articles:
        if not isinstance(article, dict):
            raise DataError(f"{where}: every article must be an object")
        title, paragraphs = article.get("title"), article.get("paragraphs")
        if not isinstance(title, str) or not title.strip() or not isinstance(paragraphs, list):
            continue
        body = "\n".join(p for p in paragraphs if isinstance(p, str) and p.strip())
        if body:
            yield Item(str(article.get("id", where)), body, title)


def _sentences_for(items: Sequence[Item]) -> int:
    median = statistics.median(len(item.reference) for item in items)
    return HEADLINE_SENTENCES if median <= HEADLINE_CHARS else NEWS_SENTENCES
